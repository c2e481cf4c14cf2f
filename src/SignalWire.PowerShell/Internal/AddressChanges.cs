using System;
using System.Collections.Generic;
using System.Linq;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Internal;

/// <summary>The fields of an address the cmdlets send (the written fields of its table), and what differs between two addresses.</summary>
internal static class AddressChanges
{
    public static readonly ApiTable Table = ApiTable.Of<E911Address>();

    private static readonly ApiField emergencyEnabled = Table.Get("emergency_enabled");

    /// <summary>
    /// "postal_code '91906' → '91905'" for each written field that differs ("" and null alike), and "emergency_enabled
    /// True → False" when <paramref name="includeEmergency"/> (what the carrier did to that flag is said apart).
    /// </summary>
    public static IReadOnlyList<string> Between(E911Address before, E911Address after, bool includeEmergency)
    {
        var changes = new List<string>();
        foreach (var field in Table.Written)
        {
            if (field == emergencyEnabled && !includeEmergency) continue;
            var old = field.GetValue(before);
            var @new = field.GetValue(after);
            if (field.ValueType == typeof(string))
            {
                if (!string.Equals((string?)old ?? "", (string?)@new ?? "", StringComparison.Ordinal))
                    changes.Add($"{field.ApiName} '{old}' → '{@new}'");
            }
            else if (!Equals(old, @new))
            {
                changes.Add($"{field.ApiName} {old} → {@new}");
            }
        }
        return changes;
    }

    public static E911Address Copy(E911Address address) => Table.Copy(address);

    /// <summary>A US or Canadian state must be its two-letter form (the API's description of state); null when fine.</summary>
    public static string? CheckState(string? country, string? state)
    {
        var twoLetterCountry = string.Equals(country, "US", StringComparison.OrdinalIgnoreCase)
            || string.Equals(country, "CA", StringComparison.OrdinalIgnoreCase);
        if (!twoLetterCountry || state == null) return null;
        var trimmed = state.Trim();
        return trimmed.Length == 2 && char.IsLetter(trimmed[0]) && char.IsLetter(trimmed[1])
            ? null
            : $"-State: '{state}' is not a two-letter state or province; in the USA and Canada the API wants the abbreviated form, such as CA.";
    }
}
