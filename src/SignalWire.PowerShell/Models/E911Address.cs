using System;
using System.Collections.Generic;
using System.Linq;

namespace SignalWire.PowerShell.Models;

/// <summary>
/// An E911 address of the project (GET /addresses), one property per field of the API object. The property names
/// are the cmdlets' parameter names, so an address, or any object with these properties (a row of Import-Csv, an
/// AddressCandidate), binds by property name to New-SwE911Address and Set-SwE911Address.
/// The <see cref="ApiFieldAttribute"/>s are the one table of the address's fields, in the order of the vendor's spec:
/// reading, writing, the cmdlets' checks and the help derive from them.
/// </summary>
[ApiResource("an E911 address")]
public sealed class E911Address
{
    /// <summary>What the emergency network shows the dispatcher of the label (the caller name): its first 32 characters.</summary>
    public const int CallerNameLength = 32;

    /// <summary>The longest value the API takes for the text fields that have a limit.</summary>
    private const int TextLimit = 250;

    /// <summary>The sub-address kinds the API allows in address_type.</summary>
    public static readonly IReadOnlyList<string> AddressTypes = new[]
    {
        "Apartment", "Basement", "Building", "Department", "Floor", "Office", "Penthouse", "Suite", "Trailer", "Unit",
    };

    [ApiField("id", Key = true)]
    public string Id { get; set; } = "";

    [ApiField("label", Updatable = true, Required = true, MaxLength = TextLimit)]
    public string? Label { get; set; }

    [ApiField("country", Updatable = true, Required = true, Kind = FieldKind.Country)]
    public string? Country { get; set; }

    [ApiField("first_name", Updatable = true, Required = true, MaxLength = TextLimit)]
    public string? FirstName { get; set; }

    [ApiField("last_name", Updatable = true, Required = true, MaxLength = TextLimit)]
    public string? LastName { get; set; }

    [ApiField("street_number", Updatable = true, Required = true, MaxLength = TextLimit)]
    public string? StreetNumber { get; set; }

    [ApiField("street_name", Updatable = true, Required = true, MaxLength = TextLimit)]
    public string? StreetName { get; set; }

    [ApiField("address_type", Updatable = true, Kind = FieldKind.Choice, AllowedValues = nameof(AddressTypes))]
    public string? AddressType { get; set; }

    [ApiField("address_number", Updatable = true)]
    public string? AddressNumber { get; set; }

    [ApiField("city", Updatable = true, Required = true, MaxLength = TextLimit)]
    public string? City { get; set; }

    [ApiField("state", Updatable = true, Required = true)]
    public string? State { get; set; }

    [ApiField("postal_code", Updatable = true, Required = true, MaxLength = TextLimit, OtherApiName = "zip_code")]
    public string? PostalCode { get; set; }

    /// <summary>The API's alias of postal_code, kept for backwards compatibility; the same value.</summary>
    [ApiField("zip_code", OtherApiName = "postal_code")]
    public string? ZipCode { get; set; }

    /// <summary>True when E911 calling is enabled for the address (only US addresses, validated by the carrier).</summary>
    [ApiField("emergency_enabled", Updatable = true)]
    public bool EmergencyEnabled { get; set; }

    /// <summary>True when the carrier returned a valid or auto-corrected match.</summary>
    [ApiField("validated")]
    public bool Validated { get; set; }

    /// <summary>The last successful carrier validation (UTC), or null if never validated.</summary>
    [ApiField("validated_at")]
    public DateTime? ValidatedAt { get; set; }

    /// <summary>"1640 Riverside Drive Apartment 42, Alexandria, CA 91905".</summary>
    public string StreetAddress => FormatStreet(StreetNumber, StreetName, AddressType, AddressNumber, City, State, PostalCode);

    public override string ToString() => string.IsNullOrEmpty(Label) ? StreetAddress : $"{Label}: {StreetAddress}";

    internal static string FormatStreet(string? number, string? street, string? type, string? unit, string? city, string? state, string? postalCode)
    {
        var line = Join(" ", number, street, type, unit);
        var place = Join(" ", state, postalCode);
        return Join(", ", line, city, place);
    }

    private static string Join(string separator, params string?[] parts) =>
        string.Join(separator, parts.Where(p => !string.IsNullOrEmpty(p)));
}
