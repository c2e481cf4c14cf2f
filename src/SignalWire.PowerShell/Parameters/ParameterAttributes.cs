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

/// <summary>Refuses a phone number that is not in E.164 form.</summary>
public sealed class ValidateE164Attribute : ValidateEachAttribute
{
    protected override void ValidateElement(object element)
    {
        var text = LanguagePrimitives.ConvertTo<string>(element);
        if (AllowEmpty && string.IsNullOrEmpty(text)) return;
        if (!PhoneNumberText.IsE164(text))
            throw new ValidationMetadataException($"'{text}' is not an E.164 phone number such as +15551234567 (a plus, the country code, then digits only).");
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

/// <summary>Puts a phone number typed with spaces, brackets or dashes, or without its plus, in E.164 form before it is validated.</summary>
public sealed class E164TransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value is string text ? PhoneNumberText.ToE164(text) : inputData;
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
