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
    [ArgumentCompleter(typeof(E911AddressCompleter))]
    public string? Id { get; set; }

    // The fields of the address: each parameter is named as its property of E911Address and checked by the table
    // (ValidateField), which lets "" through: it clears an optional field and is refused for a required one.
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateField(typeof(E911Address), nameof(E911Address.Label))]
    public string? Label { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateField(typeof(E911Address), nameof(E911Address.Country))]
    public string? Country { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("first_name")]
    [ValidateField(typeof(E911Address), nameof(E911Address.FirstName))]
    public string? FirstName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("last_name")]
    [ValidateField(typeof(E911Address), nameof(E911Address.LastName))]
    public string? LastName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("street_number")]
    [ValidateField(typeof(E911Address), nameof(E911Address.StreetNumber))]
    public string? StreetNumber { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("street_name")]
    [ValidateField(typeof(E911Address), nameof(E911Address.StreetName))]
    public string? StreetName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("address_type")]
    [ValidateField(typeof(E911Address), nameof(E911Address.AddressType))]
    [ArgumentCompleter(typeof(AddressTypeCompleter))]
    public string? AddressType { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("address_number")]
    [ValidateField(typeof(E911Address), nameof(E911Address.AddressNumber))]
    public string? AddressNumber { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateField(typeof(E911Address), nameof(E911Address.City))]
    public string? City { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateField(typeof(E911Address), nameof(E911Address.State))]
    public string? State { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("postal_code")]
    [ValidateField(typeof(E911Address), nameof(E911Address.PostalCode))]
    public string? PostalCode { get; set; }

    /// <summary>Command line only: a piped address's flag is its current state, and a switch cannot say "leave as is".</summary>
    [Parameter]
    [ValidateField(typeof(E911Address), nameof(E911Address.EmergencyEnabled))]
    public SwitchParameter EmergencyEnabled { get; set; }

    [Parameter]
    public SwitchParameter AutoCorrectAddress { get; set; }

    // The text fields' parameters, read per input: PowerShell resets a property that the next input object does not
    // bind, while MyInvocation.BoundParameters keeps the previous object's value.
    private static readonly IReadOnlyList<(ApiField Field, PropertyInfo Parameter)> textParameters =
        FieldParameters(typeof(SetSwE911AddressCommand)).Where(p => p.Field.ValueType == typeof(string)).ToList();

    private HashSet<string> commandLineParameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        // What is bound now came from the command line; whatever ProcessRecord sees on top came from the pipeline.
        commandLineParameters = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
        // Fields the API requires: given empty on the command line they are refused, not sent.
        foreach (var (field, parameter) in textParameters)
        {
            if (!field.Required || !commandLineParameters.Contains(field.ParameterName)) continue;
            if (string.IsNullOrEmpty((string?)parameter.GetValue(this)))
                ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidFieldValue",
                    $"-{field.ParameterName} cannot be empty: the API needs {field.ApiName} on every address.", field.ParameterName));
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
        foreach (var (field, parameter) in textParameters)
        {
            var value = (string?)parameter.GetValue(this);
            // A command-line value is taken as given ("" clears address_type or address_number); a piped object's or a
            // CSV row's only when it holds something, so an empty cell never wipes a field. Either way, and for what is
            // kept, the value as the API spells it.
            var given = commandLineParameters.Contains(field.ParameterName) || !string.IsNullOrEmpty(value);
            var taken = given ? value : (string?)field.GetValue(current);
            AddressChanges.Table.SetValue(wanted, field, field.Canonical(taken));
        }
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
            AddressesChanged();
            WarnAboutCarrierChanges(wanted, updated);
            WriteObject(updated);
        }
        catch (SignalWireApiException e)
        {
            WriteAddressError(e, id);
        }
    }
}
