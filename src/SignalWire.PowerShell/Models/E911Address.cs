using System;
using System.Collections.Generic;
using System.Linq;

namespace SignalWire.PowerShell.Models;

/// <summary>
/// An E911 address of the project (GET /addresses), one property per field of the API object. The property names
/// are the cmdlets' parameter names, so an address, or any object with these properties (a row of Import-Csv, an
/// AddressCandidate), binds by property name to New-SwE911Address and Set-SwE911Address.
/// </summary>
public sealed class E911Address
{
    /// <summary>What the emergency network shows the dispatcher of the label (the caller name): its first 32 characters.</summary>
    public const int CallerNameLength = 32;

    /// <summary>The sub-address kinds the API allows in address_type.</summary>
    public static readonly IReadOnlyList<string> AddressTypes = new[]
    {
        "Apartment", "Basement", "Building", "Department", "Floor", "Office", "Penthouse", "Suite", "Trailer", "Unit",
    };

    public string Id { get; set; } = "";
    public string? Label { get; set; }
    public string? Country { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? StreetNumber { get; set; }
    public string? StreetName { get; set; }
    public string? AddressType { get; set; }
    public string? AddressNumber { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }

    /// <summary>The API's alias of postal_code, kept for backwards compatibility; the same value.</summary>
    public string? ZipCode { get; set; }

    /// <summary>True when E911 calling is enabled for the address (only US addresses, validated by the carrier).</summary>
    public bool EmergencyEnabled { get; set; }

    /// <summary>True when the carrier returned a valid or auto-corrected match.</summary>
    public bool Validated { get; set; }

    /// <summary>The last successful carrier validation (UTC), or null if never validated.</summary>
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
