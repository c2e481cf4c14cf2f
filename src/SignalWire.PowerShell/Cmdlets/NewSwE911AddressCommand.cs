using System;
using System.Collections.Generic;
using System.Management.Automation;
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
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateLength(1, 250)]
    public string? Label { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidatePattern("^[A-Za-z]{2}$")]
    public string? Country { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("first_name")]
    [ValidateLength(1, 250)]
    public string? FirstName { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("last_name")]
    [ValidateLength(1, 250)]
    public string? LastName { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("street_number")]
    [ValidateLength(1, 250)]
    public string? StreetNumber { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("street_name")]
    [ValidateLength(1, 250)]
    public string? StreetName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("address_type")]
    [ValidateAddressType]
    [ArgumentCompleter(typeof(AddressTypeCompleter))]
    public string? AddressType { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("address_number")]
    public string? AddressNumber { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateLength(1, 250)]
    public string? City { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? State { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("postal_code")]
    [ValidateLength(1, 250)]
    public string? PostalCode { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("emergency_enabled")]
    [BooleanTextTransformation]
    public SwitchParameter EmergencyEnabled { get; set; }

    /// <summary>-AutoCorrectAddress:$false refuses the carrier's corrections (they come back as candidates). Command line only.</summary>
    [Parameter]
    public SwitchParameter AutoCorrectAddress { get; set; }

    private bool autoCorrectGiven;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        autoCorrectGiven = MyInvocation.BoundParameters.ContainsKey(nameof(AutoCorrectAddress));
    }

    protected override void ProcessRecord()
    {
        var address = new E911Address
        {
            Label = Label,
            Country = Country!.ToUpperInvariant(),
            FirstName = FirstName,
            LastName = LastName,
            StreetNumber = StreetNumber,
            StreetName = StreetName,
            AddressType = ValidateAddressTypeAttribute.Canonical(AddressType),
            AddressNumber = string.IsNullOrEmpty(AddressNumber) ? null : AddressNumber,
            City = City,
            State = State,
            PostalCode = PostalCode,
            ZipCode = PostalCode,
            EmergencyEnabled = EmergencyEnabled.IsPresent,
        };
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
            var created = Await(Client.CreateE911AddressAsync(address, autoCorrectGiven ? AutoCorrectAddress.IsPresent : (bool?)null, this, Cancellation));
            WarnAboutCarrierChanges(address, created);
            WriteObject(created);
        }
        catch (SignalWireApiException e)
        {
            WriteAddressError(e, address.Label);
        }
    }
}
