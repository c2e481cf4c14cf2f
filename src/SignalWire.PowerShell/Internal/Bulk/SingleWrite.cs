using System;
using System.Collections.Generic;
using System.Threading;
using SignalWire.PowerShell.Client;

namespace SignalWire.PowerShell.Internal.Bulk;

/// <summary>
/// One write a cmdlet sends by itself, outside the bulk engine (a purchase, a release): the journal hears of it just
/// before it first goes on the wire and once its outcome is known, as it hears of the engine's writes.
/// </summary>
internal sealed class SingleWrite : IRequestObserver
{
    private readonly IRequestObserver trace;
    private readonly JournalObserver? journal;
    private readonly string action;
    private readonly IReadOnlyList<JournalTarget> targets;
    private int sent;

    public SingleWrite(IRequestObserver trace, JournalObserver? journal, string action, string? id, string? number)
        : this(trace, journal, action, new[] { new JournalTarget(id, number, Array.Empty<JournalChange>()) })
    {
    }

    /// <summary>One request that writes to several numbers (a campaign order): one record per number, sent and ended together.</summary>
    public SingleWrite(IRequestObserver trace, JournalObserver? journal, string action, IReadOnlyList<JournalTarget> targets)
    {
        this.trace = trace;
        this.journal = journal;
        this.action = action;
        this.targets = targets;
    }

    /// <summary>True once the request went on the wire (any attempt): from then on it may have been applied.</summary>
    public bool Sent => Volatile.Read(ref sent) != 0;

    /// <summary>The API answered with success.</summary>
    public void Applied(string? resultId, string? resultNumber) =>
        journal?.Ended(targets[0], WriteOutcomeKind.Applied, new Dictionary<string, string?>(StringComparer.Ordinal) { ["id"] = resultId },
            null, null, resultId, resultNumber);

    /// <summary>The API answered with success; every number's record holds what it returned.</summary>
    public void Applied(IReadOnlyDictionary<string, string?> returned)
    {
        foreach (var target in targets) journal?.Ended(target, WriteOutcomeKind.Applied, returned, null, null);
    }

    /// <summary>The API refused it; or its answer was lost (a time-out, a dropped connection), and what it did is unknown.</summary>
    public void Failed(SignalWireApiException error, string errorId)
    {
        var uncertain = error.OutcomeUnknown;
        foreach (var target in targets)
            journal?.Ended(target, uncertain ? WriteOutcomeKind.Unknown : WriteOutcomeKind.Failed, null, errorId, error.Message);
    }

    /// <summary>Stopped (Ctrl+C) with the request on the wire: no answer will come.</summary>
    public void Unknown()
    {
        foreach (var target in targets) journal?.Ended(target, WriteOutcomeKind.Unknown, null, null, "Stopped before the answer came.");
    }

    void IRequestObserver.RequestSending(string method, Uri uri)
    {
        // The journal's records first: a write it could not record is not sent (the exception fails the request).
        if (Interlocked.Exchange(ref sent, 1) == 0)
        {
            foreach (var target in targets) journal?.Sending(target, action, target.Id, target.Number, target.Changes);
        }
        trace.RequestSending(method, uri);
    }

    void IRequestObserver.RequestCompleted(RequestTrace requestTrace) => trace.RequestCompleted(requestTrace);

    void IRequestObserver.RetryScheduled(string method, Uri uri, string reason, TimeSpan wait, int nextAttempt) =>
        trace.RetryScheduled(method, uri, reason, wait, nextAttempt);
}

/// <summary>One number a write touches, as its journal record names it.</summary>
internal sealed class JournalTarget
{
    public JournalTarget(string? id, string? number, IReadOnlyList<JournalChange> changes)
    {
        Id = id;
        Number = number;
        Changes = changes;
    }

    public string? Id { get; }
    public string? Number { get; }
    public IReadOnlyList<JournalChange> Changes { get; }
}
