using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>
/// Changes E911 addresses. The API's update is a PUT of the whole address, so the cmdlet reads the address, lays the
/// given values over it and sends the whole; when nothing differs it sends nothing.
/// </summary>
[Cmdlet(VerbsCommon.Set, "SwE911Address", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(E911Address))]
public sealed class SetSwE911AddressCommand : E911AddressCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateUuid]
    public string? Id { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateLength(0, 250)]
    public string? Label { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidatePattern("^([A-Za-z]{2})?$")]
    public string? Country { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("first_name")]
    [ValidateLength(0, 250)]
    public string? FirstName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("last_name")]
    [ValidateLength(0, 250)]
    public string? LastName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("street_number")]
    [ValidateLength(0, 250)]
    public string? StreetNumber { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("street_name")]
    [ValidateLength(0, 250)]
    public string? StreetName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("address_type")]
    [ValidateAddressType]
    [ArgumentCompleter(typeof(AddressTypeCompleter))]
    public string? AddressType { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("address_number")]
    public string? AddressNumber { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateLength(0, 250)]
    public string? City { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? State { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("postal_code")]
    [ValidateLength(0, 250)]
    public string? PostalCode { get; set; }

    /// <summary>Command line only: a piped address's flag is its current state, and a switch cannot say "leave as is".</summary>
    [Parameter]
    public SwitchParameter EmergencyEnabled { get; set; }

    [Parameter]
    public SwitchParameter AutoCorrectAddress { get; set; }

    // Read per input: PowerShell resets a property that the next input object does not bind, while
    // MyInvocation.BoundParameters keeps the previous object's value.
    private static readonly IReadOnlyList<(string ApiName, string Parameter, Action<E911Address, string?> Write, PropertyInfo Property)> fieldParameters =
        AddressChanges.Fields.Select(f => (f.ApiName, f.Parameter, f.Write, typeof(SetSwE911AddressCommand).GetProperty(f.Parameter)!)).ToList();

    // Fields the API requires: given empty on the command line they are refused, not sent.
    private static readonly HashSet<string> optionalFields = new HashSet<string>(StringComparer.Ordinal) { "address_type", "address_number" };

    private HashSet<string> commandLineParameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        // What is bound now came from the command line; whatever ProcessRecord sees on top came from the pipeline.
        commandLineParameters = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
        foreach (var field in fieldParameters)
        {
            if (optionalFields.Contains(field.ApiName) || !commandLineParameters.Contains(field.Parameter)) continue;
            if (string.IsNullOrEmpty((string?)field.Property.GetValue(this)))
                ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidFieldValue",
                    $"-{field.Parameter} cannot be empty: the API needs {field.ApiName} on every address.", field.Parameter));
        }
    }

    protected override void ProcessRecord()
    {
        var id = Id!;
        E911Address current;
        try
        {
            // Always read first (reads are not rate-limited): a PUT replaces the whole address, so it must start from what is stored now.
            current = Await(Client.GetE911AddressAsync(id, this, Cancellation));
        }
        catch (SignalWireApiException e)
        {
            WriteAddressError(e, id);
            return;
        }

        var wanted = AddressChanges.Copy(current);
        foreach (var field in fieldParameters)
        {
            var value = (string?)field.Property.GetValue(this);
            // A command-line value is taken as given ("" clears address_type or address_number); a piped object's or a
            // CSV row's only when it holds something, so an empty cell never wipes a field.
            if (commandLineParameters.Contains(field.Parameter) || !string.IsNullOrEmpty(value))
                field.Write(wanted, string.IsNullOrEmpty(value) ? null : value);
        }
        wanted.AddressType = ValidateAddressTypeAttribute.Canonical(wanted.AddressType);
        wanted.Country = wanted.Country?.ToUpperInvariant();
        if (commandLineParameters.Contains(nameof(EmergencyEnabled))) wanted.EmergencyEnabled = EmergencyEnabled.IsPresent;

        var description = $"'{current.Label}' ({current.Id})";
        var problem = AddressChanges.CheckState(wanted.Country, wanted.State);
        if (problem != null)
        {
            WriteError(ErrorRecords.InvalidArgument("InvalidFieldValue", problem, id));
            return;
        }
        var changes = AddressChanges.Between(current, wanted, includeEmergency: true);
        if (changes.Count == 0)
        {
            WriteVerbose($"E911 address {description}: every field is already as asked; no request sent.");
            WriteObject(current);
            return;
        }
        if (!string.Equals(current.Label, wanted.Label, StringComparison.Ordinal)) WarnIfLabelIsCut(wanted.Label);

        if (!ShouldProcess($"E911 address {description}", "Update E911 address: " + string.Join(", ", changes))) return;
        try
        {
            var autoCorrect = commandLineParameters.Contains(nameof(AutoCorrectAddress)) ? AutoCorrectAddress.IsPresent : (bool?)null;
            var updated = Await(Client.UpdateE911AddressAsync(id, wanted, autoCorrect, this, Cancellation));
            WarnAboutCarrierChanges(wanted, updated);
            WriteObject(updated);
        }
        catch (SignalWireApiException e)
        {
            WriteAddressError(e, id);
        }
    }
}
