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
/// are looked up in one listing of every campaign's assignments. The removals go through the bulk engine, as
/// Set-SwPhoneNumber's writes do: many at once within the session's write window, each journaled, a stop accounted for.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "SwCampaignNumber", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true,
    ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveSwCampaignNumberCommand : CampaignWriteCmdlet, IBulkHost<CampaignRemoval>
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

    /// <summary>At most this many requests in flight at once, as for Set-SwPhoneNumber.</summary>
    [Parameter]
    [ValidateRange(1, SignalWireClientOptions.MaximumWritesInFlight)]
    public int ThrottleLimit { get; set; }

    private Dictionary<string, CampaignNumber>? assignments;
    private BulkCmdletJob<CampaignRemoval>? job;

    private BulkCmdletJob<CampaignRemoval> Job => job!;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        job = new BulkCmdletJob<CampaignRemoval>(this, this, new ClientTransport(Client), new BulkOptions
        {
            Cmdlet = "Remove-SwCampaignNumber",
            ThrottleLimit = ThrottleLimit,
            Trace = this,
            Changes = OpenJournal("Remove-SwCampaignNumber"),
            ErrorId = error => IsGone(error) ? AssignmentNotFound : ErrorRecords.IdFor(error),
            Cancellation = Cancellation,
            ResultsDone = "numbers were taken off their campaign",
            CheckWith = "Get-SwCampaignNumber",
            NamedTwice = "each was taken off its campaign once",
        });
    }

    protected override void ProcessRecord() => Job.Run(() =>
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var assignment in InputObject) Job.Add(new CampaignRemoval(assignment));
        }
        else
        {
            foreach (var number in Number)
            {
                var assignment = AssignmentOf(number);
                if (assignment != null) Job.Add(new CampaignRemoval(assignment));
            }
        }
        Job.Engine.RunCompleted();
    });

    protected override void EndProcessing() => Job.Run(Job.Finish);

    /// <summary>Ctrl+C: see <see cref="BulkCmdletJob{TItem}.RequestStop"/>.</summary>
    protected override void StopProcessing() => job?.RequestStop();

    internal override void OnPipelineEnded() => job?.EndIfCutShort();

    /// <summary>The number's assignment, from one listing of every campaign's; null once its error is written.</summary>
    private CampaignNumber? AssignmentOf(string number)
    {
        try
        {
            assignments ??= Await(CampaignDirectory.AssignmentsByNumberAsync(Client, AllCampaigns(), this, Cancellation));
        }
        catch (SignalWireApiException e)
        {
            if (ErrorRecords.DoomsEveryItem(e)) WriteApiError(e, number);
            Job.Refuse(ErrorRecords.FromApi(e, number));
            return null;
        }
        if (assignments.TryGetValue(number, out var assignment)) return assignment;
        Job.Refuse(new ErrorRecord(new ItemNotFoundException($"{number} is on no 10DLC campaign of this project."), "NotOnCampaign",
            ErrorCategory.ObjectNotFound, number));
        return null;
    }

    // ---- the engine's host --------------------------------------------------------------------------------------------

    BulkPlan IBulkHost<CampaignRemoval>.Plan(CampaignRemoval item)
    {
        var assignment = item.Assignment;
        if (item.Current != null)
        {
            // An earlier input for this number took it off: the same assignment is not deleted twice.
            item.AlreadyRemoved = true;
            return BulkPlan.Unchanged;
        }
        var campaign = assignment.CampaignName != null ? $"'{assignment.CampaignName}'" : assignment.CampaignId;
        if (!ShouldProcess($"{assignment.Number} on campaign {campaign}", "Remove from 10DLC campaign")) return BulkPlan.Declined;
        // The journal's id is the phone number's, as for every other write; the assignment's own id goes in "returned".
        return BulkPlan.Send(new[] { PhoneNumberWrite.RemoveFromCampaign(item.NumberAsLeft(), assignment.Id, assignment.CampaignId) });
    }

    void IBulkHost<CampaignRemoval>.WriteResult(CampaignRemoval item, PhoneNumber result, SignalWireApiException? confirmedAfter)
    {
        var assignment = item.Assignment;
        WriteVerbose(item.AlreadyRemoved
            ? $"{item.Label} was taken off its campaign by an earlier input."
            : $"Removed {item.Label} from campaign {assignment.CampaignName ?? assignment.CampaignId} (assignment {assignment.Id}).");
        Job.ReportProgress();
    }

    void IBulkHost<CampaignRemoval>.WriteFailure(CampaignRemoval item, Exception error) => Job.WriteError(Failure(error, item.Assignment));

    void IBulkHost<CampaignRemoval>.EndForAll(CampaignRemoval item, Exception error, StopReport report) =>
        Job.EndForAll(report, Failure(error, item.Assignment));

    private const string AssignmentNotFound = "AssignmentNotFound";

    /// <summary>A 404 says the assignment is gone, not the number: it was taken off meanwhile, or its id is wrong.</summary>
    private static ErrorRecord Failure(Exception error, CampaignNumber assignment) => IsGone(error)
        ? ErrorRecords.FromApi((SignalWireApiException)error, AssignmentNotFound, ErrorCategory.ObjectNotFound, assignment,
            $"{assignment.Number} may have been taken off its campaign already: Get-SwCampaignNumber lists the assignments now.")
        : ErrorRecords.ForItem(error, assignment);

    private static bool IsGone(Exception error) => error is SignalWireApiException { Kind: SignalWireErrorKind.NotFound };
}
