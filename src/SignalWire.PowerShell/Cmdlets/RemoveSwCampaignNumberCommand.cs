using System;
using System.Collections.Generic;
using System.Management.Automation;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Internal.Bulk;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>
/// Takes numbers off their 10DLC campaign (DELETE /numbers/{id} with the assignment's id): the number can no longer
/// send application-to-person messages, so ConfirmImpact is High. Piped assignments are removed as they are; numbers
/// are looked up in one listing of every campaign's assignments.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "SwCampaignNumber", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true,
    ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveSwCampaignNumberCommand : CampaignWriteCmdlet
{
    private const string InputObjectSet = "InputObject";
    private const string NumberSet = "Number";

    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    public CampaignNumber[] InputObject { get; set; } = Array.Empty<CampaignNumber>();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = NumberSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PhoneNumber")]
    [E164Transformation]
    [ValidateE164]
    public string[] Number { get; set; } = Array.Empty<string>();

    private Dictionary<string, CampaignNumber>? assignments;
    private JournalObserver? journal;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        journal = OpenJournal("Remove-SwCampaignNumber");
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var assignment in InputObject) Remove(assignment);
            return;
        }
        foreach (var number in Number)
        {
            try
            {
                assignments ??= Await(CampaignDirectory.AssignmentsByNumberAsync(Client, AllCampaigns(), this, Cancellation));
            }
            catch (SignalWireApiException e)
            {
                WriteApiError(e, number);
                continue;
            }
            if (assignments.TryGetValue(number, out var assignment)) Remove(assignment);
            else WriteError(new ErrorRecord(new ItemNotFoundException($"{number} is on no 10DLC campaign of this project."), "NotOnCampaign",
                ErrorCategory.ObjectNotFound, number));
        }
    }

    private void Remove(CampaignNumber assignment)
    {
        var campaign = assignment.CampaignName != null ? $"'{assignment.CampaignName}'" : assignment.CampaignId;
        if (!ShouldProcess($"{assignment.Number} on campaign {campaign}", "Remove from 10DLC campaign")) return;
        // The journal's id is the phone number's, as for every other write; the assignment's own id goes in "returned".
        var target = new JournalTarget(assignment.PhoneNumberId, assignment.Number, CampaignChange(assignment.CampaignId, null));
        var write = new SingleWrite(this, journal, "campaign_remove", new[] { target });
        try
        {
            Await(Client.DeleteCampaignNumberAsync(assignment.Id, write, Cancellation));
            write.Applied(new Dictionary<string, string?>(StringComparer.Ordinal) { ["assignment_id"] = assignment.Id });
            WriteVerbose($"Removed {assignment.Number} from campaign {campaign} (assignment {assignment.Id}).");
        }
        catch (SignalWireApiException e)
        {
            write.Failed(e, ErrorRecords.IdFor(e));
            WriteApiError(e, assignment);
        }
        catch (PipelineStoppedException) when (write.Sent)
        {
            write.Unknown();
            TellHost($"Remove-SwCampaignNumber stopped with the removal of {assignment.Number} sent and no answer: it may have been " +
                "removed. Check with Get-SwCampaignNumber." + (journal != null ? $" The change journal {journal.FullPath} records it." : ""));
            throw;
        }
    }
}
