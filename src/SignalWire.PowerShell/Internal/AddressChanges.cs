using System;
using System.Collections.Generic;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Internal;

/// <summary>The fields of an address a cmdlet sends, by API name, and what differs between two addresses.</summary>
internal static class AddressChanges
{
    public static readonly IReadOnlyList<(string ApiName, string Parameter, Func<E911Address, string?> Read, Action<E911Address, string?> Write)> Fields =
        new (string, string, Func<E911Address, string?>, Action<E911Address, string?>)[]
        {
            ("label", "Label", a => a.Label, (a, v) => a.Label = v),
            ("country", "Country", a => a.Country, (a, v) => a.Country = v),
            ("first_name", "FirstName", a => a.FirstName, (a, v) => a.FirstName = v),
            ("last_name", "LastName", a => a.LastName, (a, v) => a.LastName = v),
            ("street_number", "StreetNumber", a => a.StreetNumber, (a, v) => a.StreetNumber = v),
            ("street_name", "StreetName", a => a.StreetName, (a, v) => a.StreetName = v),
            ("address_type", "AddressType", a => a.AddressType, (a, v) => a.AddressType = v),
            ("address_number", "AddressNumber", a => a.AddressNumber, (a, v) => a.AddressNumber = v),
            ("city", "City", a => a.City, (a, v) => a.City = v),
            ("state", "State", a => a.State, (a, v) => a.State = v),
            ("postal_code", "PostalCode", a => a.PostalCode, (a, v) => { a.PostalCode = v; a.ZipCode = v; }),
        };

    /// <summary>"postal_code '91906' → '91905'" for each field that differs ("" and null alike).</summary>
    public static IReadOnlyList<string> Between(E911Address before, E911Address after, bool includeEmergency)
    {
        var changes = new List<string>();
        foreach (var field in Fields)
        {
            var old = field.Read(before) ?? "";
            var @new = field.Read(after) ?? "";
            if (!string.Equals(old, @new, StringComparison.Ordinal)) changes.Add($"{field.ApiName} '{old}' → '{@new}'");
        }
        if (includeEmergency && before.EmergencyEnabled != after.EmergencyEnabled)
            changes.Add($"emergency_enabled {before.EmergencyEnabled} → {after.EmergencyEnabled}");
        return changes;
    }

    public static E911Address Copy(E911Address address) => new E911Address
    {
        Id = address.Id,
        Label = address.Label,
        Country = address.Country,
        FirstName = address.FirstName,
        LastName = address.LastName,
        StreetNumber = address.StreetNumber,
        StreetName = address.StreetName,
        AddressType = address.AddressType,
        AddressNumber = address.AddressNumber,
        City = address.City,
        State = address.State,
        PostalCode = address.PostalCode,
        ZipCode = address.ZipCode,
        EmergencyEnabled = address.EmergencyEnabled,
        Validated = address.Validated,
        ValidatedAt = address.ValidatedAt,
    };

    /// <summary>A US or Canadian state must be its two-letter form (the API's description of state); null when fine.</summary>
    public static string? CheckState(string? country, string? state)
    {
        var twoLetterCountry = string.Equals(country, "US", StringComparison.OrdinalIgnoreCase) || string.Equals(country, "CA", StringComparison.OrdinalIgnoreCase);
        if (!twoLetterCountry || state == null) return null;
        var trimmed = state.Trim();
        return trimmed.Length == 2 && char.IsLetter(trimmed[0]) && char.IsLetter(trimmed[1])
            ? null
            : $"-State: '{state}' is not a two-letter state or province; in the USA and Canada the API wants the abbreviated form, such as CA.";
    }
}
