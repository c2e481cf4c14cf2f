using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Internal.Bulk;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>
/// Puts numbers on a 10DLC campaign so they can send application-to-person messages: every number piped in goes into
/// one assignment order (the API takes a list of numbers per order and sets no limit on it). Before the order, each
/// number is checked against one listing of the project's numbers and one of every campaign's assignments: a number
/// not in the project or already on another campaign gets its own error and no request, the others go on. Carriers may
/// charge per number, so ConfirmImpact is Medium.
/// </summary>
[Cmdlet(VerbsCommon.Add, "SwCampaignNumber", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(CampaignOrder), typeof(CampaignNumber))]
public sealed class AddSwCampaignNumberCommand : CampaignWriteCmdlet
{
    /// <summary>The campaign: its name, its id or the campaign itself.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(CampaignCompleter))]
    public object Campaign { get; set; } = null!;

    /// <summary>The numbers, in any form every cmdlet reads; PhoneNumber objects and rows bind by their Number.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PhoneNumber")]
    [E164Transformation]
    [ValidateE164]
    public string[] Number { get; set; } = Array.Empty<string>();

    /// <summary>Where the registry posts the order's and its assignments' state changes (the API's status_callback_url).</summary>
    [Parameter]
    public string? StatusCallbackUrl { get; set; }

    /// <summary>Follows the order until it is processed, then writes each number's assignment instead of the order.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>How often -Wait asks for the order's state, at first (it waits longer between asks as time goes on).</summary>
    internal static TimeSpan FirstPoll = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(15);

    /// <summary>How long -Wait follows the orders; those still not processed then are written as they are, with an error.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; } = 300;

    private readonly List<string> numbers = new List<string>();
    private readonly HashSet<string> given = new HashSet<string>(StringComparer.Ordinal);

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec)) && !Wait)
        {
            ThrowTerminatingError(ErrorRecords.InvalidArgument("TimeoutWithoutWait",
                "-TimeoutSec bounds how long -Wait follows the orders: give it with -Wait.", TimeoutSec));
        }
        if (StatusCallbackUrl != null
            && !(Uri.TryCreate(StatusCallbackUrl, UriKind.Absolute, out var url) && (url.Scheme == "https" || url.Scheme == "http")))
        {
            ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidStatusCallbackUrl",
                $"-StatusCallbackUrl '{StatusCallbackUrl}' is not an http or https URL.", StatusCallbackUrl));
        }
        OpenJournal("Add-SwCampaignNumber");
    }

    protected override void ProcessRecord()
    {
        foreach (var number in Number)
        {
            if (!given.Add(number)) WriteVerbose($"{number} was given more than once; it is ordered once.");
            else numbers.Add(number);
        }
    }

    protected override void EndProcessing()
    {
        base.EndProcessing();
        if (numbers.Count == 0) return;
        Campaign campaign;
        Dictionary<string, string> project;
        Dictionary<string, CampaignNumber> assignments;
        try
        {
            campaign = CampaignDirectory.Resolve(AllCampaigns(), Campaign);
            if (!string.Equals(campaign.State, "active", StringComparison.OrdinalIgnoreCase))
            {
                // The API refuses every number of such an order (campaign_not_active, campaign_inactive): said once, before any.
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(
                        $"Campaign {Describe(campaign)} is {campaign.State ?? "in no state"}: only an active campaign takes numbers."),
                    "CampaignNotActive", ErrorCategory.InvalidOperation, campaign));
            }
            var query = new PhoneNumberQuery { PageSize = PhoneNumberQuery.MaximumPageSize };
            // Number -> id, for the journal; a number listed twice keeps its first id.
            project = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var listed in Await(Client.ListAllPhoneNumbersAsync(query, this, Cancellation)))
            {
                if (listed.Number != null && !project.ContainsKey(listed.Number)) project[listed.Number] = listed.Id;
            }
            assignments = Await(CampaignDirectory.AssignmentsByNumberAsync(Client, AllCampaigns(), this, Cancellation));
        }
        catch (CampaignLookupException e)
        {
            ThrowTerminatingError(e.ToErrorRecord(Campaign));
            return;
        }
        catch (SignalWireApiException e)
        {
            WriteApiError(e, Campaign);
            return;
        }

        var ordered = new List<string>();
        var already = new List<CampaignNumber>();
        foreach (var number in numbers)
        {
            if (!project.ContainsKey(number))
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"{number} is not a number of this project: a campaign takes only the project's numbers."),
                    "PhoneNumberNotFound", ErrorCategory.ObjectNotFound, number));
            }
            else if (assignments.TryGetValue(number, out var assignment)
                     && !string.Equals(assignment.CampaignId, campaign.Id, StringComparison.OrdinalIgnoreCase))
            {
                WriteError(new ErrorRecord(new InvalidOperationException(
                        $"{number} is already on campaign '{assignment.CampaignName}' ({assignment.State}): a number is on one campaign at a time. " +
                        "Take it off with Remove-SwCampaignNumber first."),
                    "AlreadyOnAnotherCampaign", ErrorCategory.ResourceExists, number));
            }
            else if (assignment != null)
            {
                WriteWarning($"{number} is already on campaign {Describe(campaign)} ({assignment.State}); it is not ordered again.");
                already.Add(assignment);
            }
            else if (ShouldProcess(number, $"Assign to 10DLC campaign {Describe(campaign)}"))
            {
                ordered.Add(number);
            }
        }
        if (Wait) WriteObject(already, enumerateCollection: true);
        if (ordered.Count == 0) return;

        CampaignOrder order;
        var targets = ordered.Select(n => new JournalTarget(project[n], n, CampaignChange(null, campaign.Id))).ToList();
        var write = new SingleWrite(this, Journal, "campaign_order", targets);
        try
        {
            order = SendOne(write, observer => Client.CreateCampaignOrderAsync(campaign, ordered, StatusCallbackUrl, observer, Cancellation),
                made => write.Applied(new Dictionary<string, string?>(StringComparer.Ordinal)
                {
                    ["order_id"] = made.Id,
                    ["order_state"] = made.State,
                }),
                $"the order for campaign {Describe(campaign)}", "made", "Get-SwCampaignNumber");
        }
        catch (SignalWireApiException e)
        {
            WriteApiError(e, ordered.ToArray());
            return;
        }
        WriteVerbose($"Order {order.Id} ({order.State}) puts {ordered.Count} number(s) on campaign {Describe(campaign)}.");
        if (!Wait)
        {
            WriteObject(order);
            return;
        }
        WaitAndWriteAssignments(campaign, order, ordered);
    }

    private void WaitAndWriteAssignments(Campaign campaign, CampaignOrder order, List<string> ordered)
    {
        try
        {
            var wait = FirstPoll;
            var timeout = TimeSpan.FromSeconds(TimeoutSec);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (!IsSettled(order.State))
            {
                var left = timeout - watch.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    WriteProgress(new ProgressRecord(1, "Add-SwCampaignNumber", "Timed out") { RecordType = ProgressRecordType.Completed });
                    WriteError(new ErrorRecord(new TimeoutException(
                            $"Order {order.Id} for campaign {Describe(campaign)} is still {order.State ?? "in no state"} after -TimeoutSec " +
                            $"{TimeoutSec}: its numbers are not on the campaign yet. Follow it with Get-SwCampaignNumber."),
                        "CampaignOrderTimeout", ErrorCategory.OperationTimeout, order));
                    WriteObject(order);
                    return;
                }
                WriteProgress(new ProgressRecord(1, "Add-SwCampaignNumber", $"Order {order.Id} is {order.State}"));
                Await(System.Threading.Tasks.Task.Delay(wait < left ? wait : left, Cancellation));
                wait = TimeSpan.FromTicks(Math.Min(LongestPoll.Ticks, wait.Ticks * 2));
                // The API's order names neither campaign nor numbers: those of the order sent stay on it.
                var polled = Await(Client.GetCampaignOrderAsync(order.Id, this, Cancellation));
                polled.CampaignId = order.CampaignId;
                polled.CampaignName = order.CampaignName;
                polled.PhoneNumbers = order.PhoneNumbers;
                order = polled;
            }
            WriteProgress(new ProgressRecord(1, "Add-SwCampaignNumber", "Done") { RecordType = ProgressRecordType.Completed });
            if (order.State == "failed")
                WriteWarning($"Order {order.Id} failed; the registry may still retry its numbers (see their state).");
            var assigned = Await(CampaignDirectory.AssignmentsByNumberAsync(Client, new[] { campaign }, this, Cancellation));
            foreach (var number in ordered)
            {
                if (assigned.TryGetValue(number, out var assignment)) WriteObject(assignment);
                else WriteError(new ErrorRecord(new ItemNotFoundException(
                        $"Order {order.Id} is {order.State}, but campaign {Describe(campaign)} lists no assignment of {number}."),
                    "AssignmentNotFound", ErrorCategory.ObjectNotFound, number));
            }
        }
        catch (SignalWireApiException e)
        {
            WriteApiError(e, order);
        }
    }

    // "pending → processed" is the order's path (the 10DLC status callbacks); "failed" ends a wait too.
    private static bool IsSettled(string? state) => state == "processed" || state == "failed";
}
