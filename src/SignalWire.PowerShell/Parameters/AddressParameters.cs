using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Parameters;

/// <summary>
/// Refuses an -AddressType that is not one of the API's sub-address kinds. Unlike ValidateSet it lets null and ""
/// through: a piped address without a sub-address binds null, and "" in Set-SwE911Address clears the value.
/// </summary>
public sealed class ValidateAddressTypeAttribute : ValidateArgumentsAttribute
{
    /// <summary>The values it takes, named as ValidateSet names them, so the help lists them.</summary>
    public IReadOnlyList<string> ValidValues => E911Address.AddressTypes;

    // ValidateArgumentsAttribute, not ValidateEnumeratedArgumentsAttribute: the latter refuses null before asking.
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var text = arguments == null ? null : LanguagePrimitives.ConvertTo<string>(arguments);
        if (string.IsNullOrEmpty(text) || Canonical(text) != null) return;
        throw new ValidationMetadataException($"'{text}' is not an address type. Allowed values: {string.Join(", ", E911Address.AddressTypes)}.");
    }

    /// <summary>The API's spelling of an address type given in any case, or null when it is none.</summary>
    public static string? Canonical(string? text) =>
        E911Address.AddressTypes.FirstOrDefault(t => string.Equals(t, text, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Tab completion of -AddressType with the API's values.</summary>
public sealed class AddressTypeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? "").Trim('\'', '"');
        return E911Address.AddressTypes
            .Where(t => t.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(t => new CompletionResult(t, t, CompletionResultType.ParameterValue, "address_type: " + t));
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
