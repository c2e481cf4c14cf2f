using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Parameters;

/// <summary>
/// Marks a parameter as a field of a model's table (<see cref="ApiTable"/>) and checks its value by the table: its
/// length, its kind (a country code, one of the allowed values), before any request. Unlike ValidateLength or
/// ValidateSet it lets null and "" through: a piped address without a sub-address binds null, "" in Set-SwE911Address
/// clears an optional field, and a mandatory parameter is refused empty by PowerShell itself. The help takes the
/// field's rules from <see cref="Field"/>, and its allowed values from <see cref="ValidValues"/> as it does ValidateSet's.
/// </summary>
public sealed class ValidateFieldAttribute : ValidateArgumentsAttribute
{
    /// <param name="model">The model whose table holds the field.</param>
    /// <param name="property">The model's property for the field, which is also the parameter's name.</param>
    public ValidateFieldAttribute(Type model, string property)
    {
        Field = ApiTable.Of(model).Fields.SingleOrDefault(f => f.ParameterName == property)
            ?? throw new ArgumentException($"{model.Name} has no field {property}.", nameof(property));
    }

    internal ApiField Field { get; }

    /// <summary>The values it takes, named as ValidateSet names them, so the help lists them.</summary>
    public IReadOnlyList<string> ValidValues => Field.AllowedValues;

    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
        // A flag (a switch) has nothing to check.
        if (value == null || value is SwitchParameter || value is bool) return;
        var problem = Field.Check(LanguagePrimitives.ConvertTo<string>(value));
        if (problem != null) throw new ValidationMetadataException(problem);
    }
}

/// <summary>Tab completion of -AddressType with the API's values (the allowed values of address_type in the table).</summary>
public sealed class AddressTypeCompleter : IArgumentCompleter
{
    private static readonly ApiField field = ApiTable.Of<E911Address>().Get("address_type");

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = CompletionText.Word(wordToComplete);
        return field.AllowedValues
            .Where(t => t.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(t => new CompletionResult(t, t, CompletionResultType.ParameterValue, $"{field.ApiName}: {t}"));
    }
}

/// <summary>
/// Lets a switch bind from text, as a CSV cell holds it ("True", "False", ""): PowerShell alone refuses a string for
/// a switch, which would make every row of Import-Csv fail to bind.
/// </summary>
public sealed class BooleanTextTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (!(value is string text)) return inputData;
        if (text.Trim().Length == 0) return new SwitchParameter(false);
        if (bool.TryParse(text.Trim(), out var flag)) return new SwitchParameter(flag);
        throw new ArgumentTransformationMetadataException($"'{text}' is not True or False.");
    }
}
