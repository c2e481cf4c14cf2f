using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>What the E911 address cmdlets share: their parameters for the table's fields, their error records and the warnings.</summary>
public abstract class E911AddressCmdlet : SwSessionCmdlet
{
    /// <summary>The cmdlet's parameter for each written field of the address table: the property of the same name.</summary>
    private protected static IReadOnlyList<(ApiField Field, PropertyInfo Parameter)> FieldParameters(Type cmdlet) =>
        AddressChanges.Table.Written
            .Select(f => (f, cmdlet.GetProperty(f.ParameterName) ?? throw new InvalidOperationException($"{cmdlet.Name} has no -{f.ParameterName}.")))
            .ToList();

    /// <summary>Writes an API failure with the address error ids; 401 and 403 still stop the pipeline once.</summary>
    protected void WriteAddressError(SignalWireApiException error, object? target)
    {
        if (ErrorRecords.DoomsEveryItem(error)) WriteApiError(error, target);
        else WriteError(AddressErrorRecords.FromApi(error, target));
    }

    /// <summary>
    /// The label is the caller name the dispatcher sees when the address is on a number, and the emergency network
    /// keeps only its first 32 characters (assign_e911_address in the spec): accepted, with a warning.
    /// </summary>
    protected void WarnIfLabelIsCut(string? label)
    {
        if (label == null || label.Length <= E911Address.CallerNameLength) return;
        WriteWarning($"The label '{label}' is {label.Length} characters: " +
                     $"an emergency dispatcher sees only its first {E911Address.CallerNameLength}, " +
                     $"'{label.Substring(0, E911Address.CallerNameLength)}'.");
    }

    /// <summary>Drops the addresses tab completion has listed for this session, so it offers the change at once.</summary>
    protected void AddressesChanged() => E911AddressCompleter.Addresses.Forget(ActiveSession);

    /// <summary>
    /// Without emergency_enabled the API stores an address as given, without carrier validation (its default, false),
    /// and a number takes only a validated address (assign_e911_address): so the address cannot be assigned yet.
    /// </summary>
    protected void WarnNotValidated(E911Address stored)
    {
        var why = $"E911 address '{stored.Label}' is stored without carrier validation (created without -EmergencyEnabled), " +
                  "so it cannot be assigned to a phone number until it is validated";
        WriteWarning(string.Equals(stored.Country, "US", StringComparison.OrdinalIgnoreCase)
            ? $"{why}: Set-SwE911Address -Id {stored.Id} -EmergencyEnabled has the carrier validate it."
            : $"{why}, and the carrier validates US addresses only (this one is in {stored.Country}).");
    }

    /// <summary>Says what the carrier changed or ignored, so a corrected emergency address never goes unnoticed.</summary>
    protected void WarnAboutCarrierChanges(E911Address sent, E911Address stored)
    {
        var changes = AddressChanges.Between(sent, stored, includeEmergency: false);
        if (changes.Count > 0)
            WriteWarning($"The carrier corrected E911 address '{stored.Label}': {string.Join(", ", changes)}.");
        if (sent.EmergencyEnabled && !stored.EmergencyEnabled)
            WriteWarning($"E911 address '{stored.Label}' is stored with EmergencyEnabled False: " +
                         $"emergency calling applies to US addresses only (country {stored.Country}).");
    }
}
