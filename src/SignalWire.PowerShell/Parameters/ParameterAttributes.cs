using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Parameters;

/// <summary>
/// Checks each element of an argument. Unlike ValidateEnumeratedArgumentsAttribute, which refuses null outright, lets
/// null through when <see cref="AllowEmpty"/>: a JSON row's "Id": null, or a difference for a number with no id.
/// </summary>
public abstract class ValidateEachAttribute : ValidateArgumentsAttribute
{
    /// <summary>Lets an empty or null value through.</summary>
    public bool AllowEmpty { get; set; }

    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        if (arguments is PSObject wrapped) arguments = wrapped.BaseObject;
        if (arguments == null || arguments == System.Management.Automation.Internal.AutomationNull.Value)
        {
            if (AllowEmpty) return;
            throw new ValidationMetadataException("The argument is null: give a value.");
        }
        if (arguments is IEnumerable list && !(arguments is string))
            foreach (var element in list) ValidateElement(element);
        else
            ValidateElement(arguments);
    }

    protected abstract void ValidateElement(object element);
}

/// <summary>Refuses a value that is not a UUID, before any request.</summary>
public sealed class ValidateUuidAttribute : ValidateEachAttribute
{
    protected override void ValidateElement(object element)
    {
        var text = LanguagePrimitives.ConvertTo<string>(element);
        if (AllowEmpty && string.IsNullOrEmpty(text)) return;
        if (!Guid.TryParseExact(text, "D", out _))
            throw new ValidationMetadataException($"'{text}' is not a UUID such as 233dffc2-2ad3-455e-a597-0e332c39662a.");
    }
}

/// <summary>
/// Refuses a phone number that is not in E.164 form once <see cref="E164TransformationAttribute"/> has read it, naming
/// the forms every cmdlet accepts.
/// </summary>
public sealed class ValidateE164Attribute : ValidateEachAttribute
{
    /// <summary>The forms a number may be given in, for error messages and help.</summary>
    internal const string Forms =
        "give it in E.164 form (+15552000010), with spaces, dots, dashes or brackets (+1 555 200 0010), as digits that start " +
        "with the country code (15552000010), or as (555) 200-0010";

    /// <summary>Also lets a pattern with wildcards through (* ? [ ]), checked to be one that can match a number.</summary>
    public bool AllowWildcards { get; set; }

    protected override void ValidateElement(object element)
    {
        var text = LanguagePrimitives.ConvertTo<string>(element);
        if (AllowEmpty && string.IsNullOrEmpty(text)) return;
        if (AllowWildcards && WildcardPattern.ContainsWildcardCharacters(text))
        {
            var problem = ListFilter.PatternProblem(text);
            if (problem != null) throw new ValidationMetadataException(problem);
            return;
        }
        if (!PhoneNumberText.IsE164(text))
            throw new ValidationMetadataException(AllowWildcards ? ListFilter.NotANumber(text) : $"'{text}' is not a phone number: {Forms}.");
    }
}

/// <summary>Refuses anything but a run of digits of the given length (area codes, number patterns).</summary>
public sealed class ValidateDigitsAttribute : ValidateEnumeratedArgumentsAttribute
{
    private readonly int minimum;
    private readonly int maximum;

    public ValidateDigitsAttribute(int minimum, int maximum)
    {
        this.minimum = minimum;
        this.maximum = maximum;
    }

    protected override void ValidateElement(object element)
    {
        var text = LanguagePrimitives.ConvertTo<string>(element) ?? "";
        if (text.Length < minimum || text.Length > maximum || !text.All(c => c >= '0' && c <= '9'))
        {
            var length = minimum == maximum ? $"{minimum}" : $"{minimum} to {maximum}";
            throw new ValidationMetadataException($"'{text}' is not {length} digits.");
        }
    }
}

/// <summary>
/// Puts a phone number in E.164 form before it is validated, the one way every cmdlet reads a number (the way
/// Set-SwPhoneNumber reads a row's Number cell): typed with spaces, brackets or dashes, without its plus, or without quotes
/// (15552000198, which PowerShell reads as an integer). Each element of an array is read alike.
/// </summary>
public sealed class E164TransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is IList list && !(value is string)) return list.Cast<object?>().Select(Read).ToArray();
        return Read(inputData);
    }

    private static object? Read(object? element)
    {
        var value = element is PSObject wrapped ? wrapped.BaseObject : element;
        return value is string || PhoneNumberInput.IsNumeral(value) ? PhoneNumberInput.ParseNumber(value) : element;
    }
}

/// <summary>Puts an id in the API's lower-case form before it is validated.</summary>
public sealed class IdTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value is string text ? PhoneNumberText.ToId(text) : inputData;
    }
}
