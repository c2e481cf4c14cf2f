using System;

namespace SignalWire.PowerShell.Models;

/// <summary>
/// What SignalWire allows of a number's emergency address, as its sources say: no address on a toll-free number (the
/// Compatibility API's EmergencyAddressSid: "Not supported for toll-free numbers"), removal only while the assignment
/// is active (relay-rest phone-numbers, DELETE /phone_numbers/{id}/e911_address), and nothing documented to leave a
/// failed assignment except assigning again, which nothing forbids.
/// </summary>
internal static class E911Rules
{
    public const string Active = "active";
    public const string Failed = "failed";

    /// <summary>Why an address cannot be assigned to this number, or null when it can.</summary>
    public static string? AssignmentRefusal(PhoneNumber current, string label) =>
        string.Equals(current.NumberType, "toll-free", StringComparison.OrdinalIgnoreCase)
            ? $"{label} is a toll-free number, and SignalWire supports no emergency address on toll-free numbers (its Compatibility API's " +
              "EmergencyAddressSid: \"Not supported for toll-free numbers\"): the assignment would go pending, then failed, and could not be removed."
            : null;

    /// <summary>
    /// True when assigning <paramref name="addressId"/> changes nothing: the number already holds it and the assignment has
    /// not failed (a failed one is sent again: it is the only way out the vendor's sources leave open).
    /// </summary>
    public static bool AlreadyAssigned(PhoneNumber current, string addressId) =>
        string.Equals(current.E911AddressId, addressId, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(current.E911Status, Failed, StringComparison.Ordinal);

    /// <summary>Why the number's address cannot be removed now, or null when it can (or it has none).</summary>
    public static string? RemovalRefusal(PhoneNumber current, string label)
    {
        if (current.E911AddressId == null || string.Equals(current.E911Status, Active, StringComparison.Ordinal)) return null;
        if (string.Equals(current.E911Status, Failed, StringComparison.Ordinal))
            return $"The E911 address of {label} cannot be removed: its assignment failed, and SignalWire allows removing an address only while " +
                   "the assignment is active and documents no other way out of a failed one. Assigning an address again is allowed " +
                   $"(Set-SwPhoneNumber -Id {current.Id} -E911AddressId <address>): the carrier validates it anew. " +
                   (string.Equals(current.NumberType, "toll-free", StringComparison.OrdinalIgnoreCase)
                       ? "This is a toll-free number, which cannot hold an emergency address at all: only SignalWire support can clear it."
                       : "Get-SwPhoneNumber -E911Status failed lists every such number.");
        var status = current.E911Status == null ? "unknown (none given)" : "'" + current.E911Status + "'";
        return $"The E911 address of {label} can be removed only while its E911 status is active; it is {status}. " +
               $"Try again once the carrier has confirmed it (Get-SwPhoneNumber -Id {current.Id} shows E911Status).";
    }
}
