namespace SignalWire.PowerShell.Models;

/// <summary>How a number of the project and the reference differ.</summary>
public enum PhoneNumberDifferenceKind
{
    /// <summary>A field of the number is not what the reference wants.</summary>
    Changed,

    /// <summary>The reference names a number the project does not have.</summary>
    NotInProject,

    /// <summary>The project has a number the reference does not name.</summary>
    NotInReference,
}

/// <summary>
/// One difference between the project and a reference (Compare-SwPhoneNumber): a field whose current value is not the
/// wanted one, or a number on one side only. Piped to Set-SwPhoneNumber, the Changed ones put the wanted values back.
/// </summary>
public sealed class PhoneNumberDifference
{
    internal PhoneNumberDifference(PhoneNumberDifferenceKind kind, string? number, string? id, PhoneNumberField? field = null,
        string? current = null, string? desired = null)
    {
        Kind = kind;
        Number = number;
        Id = id;
        Property = field?.ParameterName;
        ApiName = field?.ApiName;
        Current = current;
        Desired = desired;
    }

    /// <summary>The number, E.164.</summary>
    public string? Number { get; }

    /// <summary>The number's id in the project (for NotInProject, the reference's id when it gave one).</summary>
    public string? Id { get; }

    /// <summary>The field, as Set-SwPhoneNumber's parameter (CallRequestUrl); null unless Changed.</summary>
    public string? Property { get; }

    /// <summary>The field, as the API names it (call_request_url); null unless Changed.</summary>
    public string? ApiName { get; }

    /// <summary>The number's value now; null when unset.</summary>
    public string? Current { get; }

    /// <summary>The value the reference wants.</summary>
    public string? Desired { get; }

    public PhoneNumberDifferenceKind Kind { get; }

    public override string ToString() => Kind == PhoneNumberDifferenceKind.Changed
        ? $"{Number} {Property}: '{Current}' → '{Desired}'"
        : $"{Number ?? Id} {Kind}";
}
