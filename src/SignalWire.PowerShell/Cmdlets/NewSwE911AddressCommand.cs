using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Reflection;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>
/// Creates E911 addresses. ConfirmImpact is Medium, as for Set-SwPhoneNumber: an address costs nothing, changes no
/// number until it is assigned, and Remove-SwE911Address takes it back; -Confirm (or $ConfirmPreference Medium) asks.
/// Every field binds by property name, so a carrier's candidate piped in with the rest of the address tries it.
/// </summary>
[Cmdlet(VerbsCommon.New, "SwE911Address", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(E911Address))]
public sealed class NewSwE911AddressCommand : E911AddressCmdlet
{
    // The fields of the address: each parameter is named as its property of E911Address and checked by the table
    // (ValidateField); Mandatory where the table says the API requires it (AddressTableTests holds them to it).
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateField(typeof(E911Address), nameof(E911Address.Label))]
    public string? Label { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateField(typeof(E911Address), nameof(E911Address.Country))]
    public string? Country { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("first_name")]
    [ValidateField(typeof(E911Address), nameof(E911Address.FirstName))]
    public string? FirstName { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("last_name")]
    [ValidateField(typeof(E911Address), nameof(E911Address.LastName))]
    public string? LastName { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("street_number")]
    [ValidateField(typeof(E911Address), nameof(E911Address.StreetNumber))]
    public string? StreetNumber { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
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

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateField(typeof(E911Address), nameof(E911Address.City))]
    public string? City { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateField(typeof(E911Address), nameof(E911Address.State))]
    public string? State { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("postal_code")]
    [ValidateField(typeof(E911Address), nameof(E911Address.PostalCode))]
    public string? PostalCode { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("emergency_enabled")]
    [BooleanTextTransformation]
    [ValidateField(typeof(E911Address), nameof(E911Address.EmergencyEnabled))]
    public SwitchParameter EmergencyEnabled { get; set; }

    /// <summary>-AutoCorrectAddress:$false refuses the carrier's corrections (they come back as candidates). Command line only.</summary>
    [Parameter]
    public SwitchParameter AutoCorrectAddress { get; set; }

    private static readonly IReadOnlyList<(ApiField Field, PropertyInfo Parameter)> fieldParameters =
        FieldParameters(typeof(NewSwE911AddressCommand));

    private bool autoCorrectGiven;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        autoCorrectGiven = MyInvocation.BoundParameters.ContainsKey(nameof(AutoCorrectAddress));
    }

    protected override void ProcessRecord()
    {
        // Every written field of the table from the parameter of its name, as the API spells it ("" is null).
        var address = new E911Address();
        foreach (var (field, parameter) in fieldParameters)
        {
            var value = parameter.GetValue(this);
            AddressChanges.Table.SetValue(address, field, value is SwitchParameter flag ? flag.IsPresent : field.Canonical((string?)value));
        }
        var problem = AddressChanges.CheckState(address.Country, address.State);
        if (problem != null)
        {
            WriteError(ErrorRecords.InvalidArgument("InvalidFieldValue", problem, address.Label));
            return;
        }
        WarnIfLabelIsCut(address.Label);

        var validation = address.EmergencyEnabled && address.Country == "US" ? " (validated by the carrier)" : "";
        if (!ShouldProcess($"'{address.Label}': {address.StreetAddress} ({address.Country})", "Create E911 address" + validation)) return;
        try
        {
            var autoCorrect = autoCorrectGiven ? AutoCorrectAddress.IsPresent : (bool?)null;
            var created = Await(Client.CreateE911AddressAsync(address, autoCorrect, this, Cancellation));
            AddressesChanged();
            WarnAboutCarrierChanges(address, created);
            if (!address.EmergencyEnabled) WarnNotValidated(created);
            WriteObject(created);
        }
        catch (SignalWireApiException e)
        {
            WriteAddressError(e, address.Label);
        }
    }
}
