using System;
using System.Collections.Generic;
using System.Linq;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Internal.Bulk;

/// <summary>Who writes: the space, project, user and machine every record of one batch carries.</summary>
internal sealed class JournalContext
{
    public JournalContext(string cmdlet, string space, string projectId)
    {
        Cmdlet = cmdlet;
        Space = space;
        ProjectId = projectId;
    }

    public string Cmdlet { get; }
    public string Space { get; }
    public string ProjectId { get; }
    public string User { get; } = Environment.UserName;
    public string Machine { get; } = Environment.MachineName;

    /// <summary>One run of a cmdlet: every record of it shares this id.</summary>
    public string BatchId { get; } = Guid.NewGuid().ToString("D");
}

/// <summary>
/// A batch's change journal: "sent" before each write leaves (so a killed process still leaves a record of every write
/// the API may have received), then its outcome once known; "applied" only for a write the API answered with success.
/// The bulk engine tells it of its writes (<see cref="IChangeObserver"/>); a cmdlet that writes one request at a time
/// (a purchase, a release) calls <see cref="Sending"/> and <see cref="Ended"/> itself.
/// </summary>
internal sealed class JournalObserver : IChangeObserver, IDisposable
{
    private readonly ChangeJournal journal;
    private readonly JournalContext context;

    // The "sent" record of each write on its way, for the record of its outcome (same write id, same changes).
    private readonly Dictionary<object, JournalRecord> open = new Dictionary<object, JournalRecord>(ReferenceEqualityComparer.Instance);

    public JournalObserver(ChangeJournal journal, JournalContext context)
    {
        this.journal = journal;
        this.context = context;
    }

    public string FullPath => journal.FullPath;

    void IChangeObserver.WriteSending(PhoneNumberWrite write) =>
        Sending(write, write.Action, write.Id, write.Number,
            write.Fields.Select(f => new JournalChange(f.ApiName, f.OldValue, f.OldValueKnown, f.NewValue)).ToList());

    void IChangeObserver.WriteEnded(PhoneNumberWrite write, WriteOutcome outcome) =>
        Ended(write, outcome.Kind, outcome.Result == null ? null : write.Returned(outcome.Result), outcome.ErrorId, outcome.Message);

    /// <summary>Records a write about to leave. Throws when the journal cannot be written: then the write is not sent.</summary>
    public void Sending(object write, string action, string? id, string? number, IReadOnlyList<JournalChange> changes)
    {
        var record = new JournalRecord
        {
            Outcome = JournalOutcome.Sent,
            WriteId = Guid.NewGuid().ToString("D"),
            BatchId = context.BatchId,
            Cmdlet = context.Cmdlet,
            Action = action,
            Space = context.Space,
            ProjectId = context.ProjectId,
            User = context.User,
            Machine = context.Machine,
            Number = number,
            Id = id,
            Changes = changes,
        };
        try
        {
            journal.Write(record);
        }
        catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException || e is ObjectDisposedException)
        {
            // Not an IOException: the client would take it for a network failure of the request, which never left.
            throw new JournalWriteException($"The change journal {journal.FullPath} could not be written ({e.Message}): " +
                "the write was not sent.", e);
        }
        lock (open) open[write] = record;
    }

    /// <summary>Records a write's outcome, once; a write never recorded as sent is ignored.</summary>
    public void Ended(object write, WriteOutcomeKind kind, IReadOnlyDictionary<string, string?>? returned, string? errorId, string? message,
        string? id = null, string? number = null)
    {
        JournalRecord? sent;
        lock (open)
        {
            if (!open.TryGetValue(write, out sent)) return;
            open.Remove(write);
        }
        var record = sent.With(kind switch
        {
            WriteOutcomeKind.Applied => JournalOutcome.Applied,
            WriteOutcomeKind.Failed => JournalOutcome.Failed,
            _ => JournalOutcome.Unknown,
        });
        if (id != null) record.Id = id;
        if (number != null) record.Number = number;
        if (kind == WriteOutcomeKind.Applied) record.Returned = returned;
        if (kind != WriteOutcomeKind.Applied && (errorId != null || message != null))
        {
            record.ErrorId = errorId;
            record.ErrorMessage = message;
        }
        try
        {
            journal.Write(record);
        }
        catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException || e is ObjectDisposedException)
        {
            // The write is done either way; its "sent" record stands, and the batch goes on.
        }
    }

    /// <summary>Writes still without an outcome (the batch ends without knowing): recorded as unknown.</summary>
    public void EndOpenAsUnknown()
    {
        List<object> left;
        lock (open) left = open.Keys.ToList();
        foreach (var write in left) Ended(write, WriteOutcomeKind.Unknown, null, null, "The batch ended before the answer came.");
    }

    public void Dispose()
    {
        EndOpenAsUnknown();
        journal.Dispose();
    }

    /// <summary>Compares keys by reference: a write is one object, whatever its Equals says.</summary>
    private sealed class ReferenceEqualityComparer : IEqualityComparer<object>
    {
        public static readonly ReferenceEqualityComparer Instance = new ReferenceEqualityComparer();

        public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

        public int GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}

/// <summary>The journal could not record a write about to leave, so the write was not sent.</summary>
internal sealed class JournalWriteException : InvalidOperationException
{
    public JournalWriteException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
