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

    private JournalObserver? journal;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        journal = OpenJournal("New-SwPhoneNumber");
    }

    protected override void ProcessRecord()
    {
        foreach (var number in Number)
        {
            if (!ShouldProcess(number, "Buy phone number (billed to the project)")) continue;
            var write = new SingleWrite(this, journal, "purchase", null, number);
            try
            {
                var bought = Await(Client.PurchasePhoneNumberAsync(number, write, Cancellation));
                write.Applied(bought.Id, bought.Number);
                WriteObject(bought);
            }
            catch (SignalWireApiException e)
            {
                write.Failed(e, ErrorRecords.IdFor(e));
                WriteApiError(e, number);
            }
            catch (PipelineStoppedException) when (write.Sent)
            {
                // Ctrl+C with the purchase on the wire: it may have been made; only the host can say so now.
                write.Unknown();
                TellHost($"New-SwPhoneNumber stopped with the purchase of {number} sent and no answer: it may have been bought. " +
                    $"Check with Get-SwPhoneNumber -Number {number}."
                    + (journal != null ? $" The change journal {journal.FullPath} records it." : ""));
                throw;
            }
        }
    }
}
