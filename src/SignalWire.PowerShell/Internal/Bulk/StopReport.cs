using System;
using System.Collections.Generic;
using System.Threading;
using SignalWire.PowerShell.Client;

namespace SignalWire.PowerShell.Internal.Bulk;

/// <summary>How a bulk job runs: its cmdlet's name, its caps, who hears of its requests and writes, and its patience at a stop.</summary>
internal sealed class BulkOptions
{
    /// <summary>The cmdlet whose job it is, as its writes and its stop report name it.</summary>
    public string Cmdlet { get; set; } = "";

    /// <summary>At most this many requests in flight, reads and writes together; 0: writes in the adaptive window, reads their own cap.</summary>
    public int ThrottleLimit { get; set; }

    /// <summary>Every request's trace (-Verbose, -Debug).</summary>
    public IRequestObserver? Trace { get; set; }

    /// <summary>Every write, before it goes on the wire and at its outcome (a change journal).</summary>
    public IChangeObserver? Changes { get; set; }

    /// <summary>The stable id of an error, as the host writes it (the journal records it with a failed write).</summary>
    public Func<Exception, string> ErrorId { get; set; } = error => error.GetType().Name;

    /// <summary>Cancels every request of the job (Ctrl+C, the end of the pipeline).</summary>
    public CancellationToken Cancellation { get; set; }

    /// <summary>How long a stop that can still write out results (a 401 or 403) waits for the requests already sent.</summary>
    public TimeSpan OpenStopPatience { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a stop whose output is closed (Ctrl+C, -ErrorAction Stop) waits for the requests already sent.</summary>
    public TimeSpan ClosedStopPatience { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>How a stop report counts the results before it: what the job did for each ("updates were written out").</summary>
    public string ResultsDone { get; set; } = StopReport.UpdatesWrittenOut;

    /// <summary>What became of a number the input named more than once, as the job's last warning says it.</summary>
    public string NamedTwice { get; set; } = "each number's inputs were applied one after another, in input order, so its last input won";

    /// <summary>The command a stop report points to for the numbers whose outcome is unknown.</summary>
    public string CheckWith { get; set; } = "Get-SwPhoneNumber";
}

/// <summary>What a job that stopped early did: results written out, applied but not written, outcome unknown, not attempted.</summary>
internal sealed class StopReport
{
    public const string UpdatesWrittenOut = "updates were written out";

    public StopReport(int writtenOut, IReadOnlyList<string> appliedUnwritten, IReadOnlyList<string> unknown,
        IReadOnlyList<string> failedWhileStopping, int notStarted)
    {
        WrittenOut = writtenOut;
        AppliedUnwritten = appliedUnwritten;
        Unknown = unknown;
        FailedWhileStopping = failedWhileStopping;
        NotStarted = notStarted;
    }

    public int WrittenOut { get; }

    /// <summary>Numbers changed after the output closed: only this report names them.</summary>
    public IReadOnlyList<string> AppliedUnwritten { get; }

    /// <summary>Numbers with a write sent and no answer: the server may or may not have applied it.</summary>
    public IReadOnlyList<string> Unknown { get; }

    public IReadOnlyList<string> FailedWhileStopping { get; }

    /// <summary>Inputs taken but never sent.</summary>
    public int NotStarted { get; }

    /// <summary>
    /// The one warning a stopped job gives; null when it has nothing to tell beyond what was written out. Every number is
    /// named, however many: a runbook or a person after Ctrl+C has nothing else to learn them from (but the journal).
    /// </summary>
    public string? Describe(string cmdlet, string? journalPath = null, string resultsDone = UpdatesWrittenOut,
        string checkWith = "Get-SwPhoneNumber")
    {
        if (Unknown.Count == 0 && AppliedUnwritten.Count == 0 && NotStarted == 0 && FailedWhileStopping.Count == 0) return null;
        var parts = new List<string> { $"{cmdlet} stopped early after {WrittenOut} {resultsDone}." };
        if (AppliedUnwritten.Count > 0) parts.Add($"Applied while stopping: {string.Join(", ", AppliedUnwritten)}.");
        if (Unknown.Count > 0)
            parts.Add($"Outcome unknown (sent, no answer before the stop), check with {checkWith}: {string.Join(", ", Unknown)}.");
        if (FailedWhileStopping.Count > 0) parts.Add($"Failed while stopping: {string.Join(", ", FailedWhileStopping)}.");
        if (NotStarted > 0) parts.Add($"{NotStarted} inputs were not attempted.");
        if (journalPath != null) parts.Add($"The change journal {journalPath} records every write sent and its outcome.");
        return string.Join(" ", parts);
    }
}
