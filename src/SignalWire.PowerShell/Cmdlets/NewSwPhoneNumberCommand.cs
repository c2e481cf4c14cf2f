using System;
using System.Management.Automation;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Internal.Bulk;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>Buys numbers into the project. Buying costs money: ConfirmImpact is High, so it asks unless -Confirm:$false.</summary>
[Cmdlet(VerbsCommon.New, "SwPhoneNumber", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(PhoneNumber))]
public sealed class NewSwPhoneNumberCommand : SwWriteCmdlet
{
    /// <summary>
    /// The numbers to buy, in any form every cmdlet reads (sent in E.164 form); AvailablePhoneNumber objects from
    /// Find-SwAvailablePhoneNumber bind by property name.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [E164Transformation]
    [ValidateE164]
    public string[] Number { get; set; } = Array.Empty<string>();

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        OpenJournal("New-SwPhoneNumber");
    }

    protected override void ProcessRecord()
    {
        foreach (var number in Number)
        {
            if (!ShouldProcess(number, "Buy phone number (billed to the project)")) continue;
            var write = new SingleWrite(this, Journal, "purchase", null, number);
            try
            {
                var bought = SendOne(write, observer => Client.PurchasePhoneNumberAsync(number, observer, Cancellation),
                    result => write.Applied(result.Id, result.Number), $"the purchase of {number}", "bought", $"Get-SwPhoneNumber -Number {number}");
                WriteObject(bought);
            }
            catch (SignalWireApiException e)
            {
                WriteApiError(e, number);
            }
        }
    }
}
