using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Internal.Bulk;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>
/// Puts back what a change journal says was applied: each number's fields go back to their value before the first
/// applied write, and only those fields. A field someone changed since (its value is no longer the one the journal
/// left) is left alone and named in one warning. The writes go through the same bulk engine as Set-SwPhoneNumber, and
/// into the journal when one is on, so an undo can be undone.
/// </summary>
[Cmdlet(VerbsCommon.Undo, "SwChange", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PhoneNumber))]
public sealed class UndoSwChangeCommand : SwWriteCmdlet, IBulkHost<UndoItem>
{
    /// <summary>The change journal to undo (the file -JournalPath wrote).</summary>
    [Parameter(Position = 0)]
    public string? Path { get; set; }

    /// <summary>Only the writes recorded after this time.</summary>
    [Parameter]
    public DateTime After { get; set; }

    /// <summary>
    /// Journal records (Get-Content journal | ConvertFrom-Json), or any objects with a write_id (rows of Import-Csv):
    /// with -Path they select the journal's writes by write_id; without it, the piped records themselves are undone.
    /// </summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>At most this many requests in flight at once, as for Set-SwPhoneNumber.</summary>
    [Parameter]
    [ValidateRange(1, SignalWireClientOptions.MaximumWritesInFlight)]
    public int ThrottleLimit { get; set; }

    private readonly List<JournalRecord> piped = new List<JournalRecord>();
    private readonly HashSet<string> pipedWriteIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> changedSince = new List<string>();
    private bool pipedWithoutRecord;
    private BulkCmdletJob<UndoItem>? job;

    private BulkCmdletJob<UndoItem> Job => job!;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        job = new BulkCmdletJob<UndoItem>(this, this, new ClientTransport(Client), new BulkOptions
        {
            Cmdlet = "Undo-SwChange",
            ThrottleLimit = ThrottleLimit,
            Trace = this,
            Changes = OpenJournal("Undo-SwChange"),
            ErrorId = ErrorRecords.IdFor,
            Cancellation = Cancellation,
        });
    }

    protected override void ProcessRecord()
    {
        if (InputObject == null) return;
        var writeId = Text(InputObject, "write_id") ?? Text(InputObject, "WriteId");
        if (string.IsNullOrEmpty(writeId))
        {
            WriteError(ErrorRecords.InvalidArgument("NotAJournalRecord",
                "Undo-SwChange takes records of a change journal (Get-Content journal | ConvertFrom-Json), or objects with a " +
                "write_id column together with -Path. This object has no write_id: nothing was undone for it.", InputObject));
            return;
        }
        pipedWriteIds.Add(writeId!);
        var record = FromObject(InputObject, writeId!);
        if (record != null) piped.Add(record);
        else pipedWithoutRecord = true;
    }

    protected override void EndProcessing() => Job.Run(() =>
    {
        var records = Records();
        if (records == null) return;
        DateTime? after = MyInvocation.BoundParameters.ContainsKey(nameof(After)) ? After.ToUniversalTime() : null;
        var wanted = records.Where(r => after == null || r.Time > after.Value).ToList();
        WarnNotUndone(wanted);
        foreach (var undo in UndoPlan.FromJournal(wanted, after))
        {
            if (undo.Unknown.Count > 0)
                WriteWarning($"{undo.Number ?? undo.Id}: the journal does not know the earlier value of {string.Join(", ", undo.Unknown)} " +
                    "(the API never returns it), so it was left as it is.");
            if (undo.Fields.Count == 0 && undo.Address == null) continue;
            Job.Add(new UndoItem(undo));
        }
        Job.Finish();
        if (changedSince.Count > 0)
            WriteWarning("Changed since the journal's writes, so left as they are now (not undone): " + string.Join("; ", changedSince) + ".");
    });

    /// <summary>Ctrl+C: see <see cref="BulkCmdletJob{TItem}.RequestStop"/>.</summary>
    protected override void StopProcessing() => job?.RequestStop();

    internal override void OnPipelineEnded() => job?.EndIfCutShort();

    /// <summary>The records to undo: the journal's (selected by the piped write ids when some came), or the piped records.</summary>
    private List<JournalRecord>? Records()
    {
        if (Path == null)
        {
            if (pipedWithoutRecord)
                WriteError(ErrorRecords.InvalidArgument("JournalPathNeeded",
                    "Some piped objects carry a write_id but not the record itself (rows of Import-Csv): give -Path, the journal " +
                    "they came from, so that their writes can be read from it. Those were not undone.", null));
            if (pipedWriteIds.Count == 0)
                ThrowTerminatingError(ErrorRecords.InvalidArgument("NoJournal",
                    "Which changes? Give -Path, a change journal, or pipe its records (Get-Content journal | ConvertFrom-Json).", null));
            return piped;
        }
        string fullPath;
        try
        {
            fullPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        }
        catch (Exception e) when (e is ItemNotFoundException || e is System.Management.Automation.DriveNotFoundException
            || e is ProviderNotFoundException || e is ArgumentException)
        {
            ThrowTerminatingError(ErrorRecords.InvalidArgument("JournalNotFound", $"-Path: {e.Message}", Path));
            return null;
        }
        if (!File.Exists(fullPath))
        {
            ThrowTerminatingError(new ErrorRecord(new ItemNotFoundException($"-Path: no change journal at {fullPath}. Nothing was undone."),
                "JournalNotFound", ErrorCategory.ObjectNotFound, Path));
            return null;
        }
        var unreadable = new List<int>();
        var records = ChangeJournal.Read(fullPath, (line, _) => unreadable.Add(line))
            .Where(r => pipedWriteIds.Count == 0 || pipedWriteIds.Contains(r.WriteId)).ToList();
        if (unreadable.Count > 0)
            WriteWarning($"{fullPath}: lines {string.Join(", ", unreadable)} are not journal records and were skipped.");
        return records;
    }

    /// <summary>
    /// Writes what the journal names that undo does not put back: each kind of <see cref="UndoPlan.NotUndone"/>, and
    /// writes whose outcome is unknown.
    /// </summary>
    private void WarnNotUndone(List<JournalRecord> records)
    {
        var ended = new HashSet<string>(records.Where(r => r.Outcome != JournalOutcome.Sent).Select(r => r.WriteId), StringComparer.Ordinal);
        var unknown = records
            .Where(r => r.Outcome == JournalOutcome.Unknown || (r.Outcome == JournalOutcome.Sent && !ended.Contains(r.WriteId)))
            .Where(r => !UndoPlan.CannotUndo(r.Action))
            .Select(r => r.Number ?? r.Id ?? "").Distinct().ToList();
        if (unknown.Count > 0)
            WriteWarning("The journal does not say whether these writes were applied (no answer came), so they were not undone: " +
                $"{string.Join(", ", unknown)}. Check them with Get-SwPhoneNumber.");
        foreach (var kind in UndoPlan.NotUndone)
        {
            var count = records.Count(r => r.Outcome == JournalOutcome.Applied && kind.Actions.Contains(r.Action));
            if (count > 0)
                WriteWarning($"{count} {kind.What} in the journal were not undone: Undo-SwChange puts back a number's fields and its " +
                    $"E911 address; {kind.Instead}.");
        }
    }

    // ---- the engine's host --------------------------------------------------------------------------------------------

    BulkPlan IBulkHost<UndoItem>.Plan(UndoItem item)
    {
        var current = item.Current!;
        var decision = UndoPlan.Decide(item.Undo, current);
        foreach (var (field, now, left) in decision.ChangedSince)
            changedSince.Add($"{item.Label} {field} (now '{now}', the journal left '{left}')");
        var update = WithoutUnrestorableHandlers(item, decision.Update, current);
        var writes = new List<PhoneNumberWrite>();
        if (decision.Address == "") writes.Add(PhoneNumberWrite.RemoveAddress(item.Id!, current.Number, current));
        if (!update.IsEmpty) writes.Add(PhoneNumberWrite.Update(item.Id!, current.Number, current, update));
        if (!string.IsNullOrEmpty(decision.Address)) writes.Add(PhoneNumberWrite.AssignAddress(item.Id!, current.Number, current, decision.Address!));
        if (writes.Count == 0)
        {
            WriteVerbose($"{item.Label}: nothing to undo (every field is already as it was, or changed since).");
            return BulkPlan.Unchanged;
        }
        var what = string.Join(", ", writes.SelectMany(w => w.Fields).Select(f => $"{f.ApiName} '{f.OldValue}' -> '{f.NewValue}'"));
        return ShouldProcess(item.Target, "Undo change: " + what) ? BulkPlan.Send(writes) : BulkPlan.Declined;
    }

    /// <summary>
    /// A handler put back needs its target (an AI agent's id, a call flow's id) in the same request, and the API never
    /// returns it, so the journal cannot hold it: that handler and the fields it reads are left, with a warning.
    /// </summary>
    private PhoneNumberUpdate WithoutUnrestorableHandlers(UndoItem item, PhoneNumberUpdate update, PhoneNumber current)
    {
        var missing = update.MissingHandlerFields(current).Where(m => !m.Needed.Returned).ToList();
        if (missing.Count == 0) return update;
        var left = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (handler, value, needed) in missing)
        {
            left.Add(handler.ApiName);
            WriteWarning($"{item.Label}: {handler.ApiName} was not put back to '{value}': that handler needs {needed.ApiName} in the same " +
                $"request, which the API never returns, so the journal does not hold it. Put it back with -{handler.ParameterName} {value} " +
                $"-{needed.ParameterName} <id>.");
        }
        var kept = new PhoneNumberUpdate();
        foreach (var change in update.Changes.Where(c => !left.Contains(c.Field.ApiName))) kept.Set(change.Field, change.Value);
        return kept;
    }

    void IBulkHost<UndoItem>.WriteResult(UndoItem item, PhoneNumber result, SignalWireApiException? confirmedAfter)
    {
        WriteObject(result);
        Job.ReportProgress();
    }

    void IBulkHost<UndoItem>.WriteFailure(UndoItem item, Exception error) => Job.WriteError(ErrorRecords.ForItem(error, item.Label));

    void IBulkHost<UndoItem>.EndForAll(UndoItem item, Exception error, StopReport report) =>
        Job.EndForAll(report, ErrorRecords.ForItem(error, item.Label));

    // ---- piped records --------------------------------------------------------------------------------------------------

    /// <summary>A whole record from its properties (ConvertFrom-Json of a journal line); null when it has no list of changes.</summary>
    private static JournalRecord? FromObject(PSObject input, string writeId)
    {
        var changes = input.Properties["changes"]?.Value;
        if (changes is PSObject wrapped) changes = wrapped.BaseObject;
        if (changes == null || changes is string || !(changes is IEnumerable list)) return null;
        var record = new JournalRecord
        {
            WriteId = writeId,
            Outcome = Text(input, "outcome") ?? "",
            BatchId = Text(input, "batch_id") ?? "",
            Cmdlet = Text(input, "cmdlet") ?? "",
            Action = Text(input, "action") ?? "",
            Space = Text(input, "space") ?? "",
            ProjectId = Text(input, "project_id") ?? "",
            Number = Text(input, "number"),
            Id = Text(input, "id"),
        };
        var time = input.Properties["time"]?.Value;
        if (time is PSObject t) time = t.BaseObject;
        if (time is DateTime dt) record.Time = dt.ToUniversalTime();
        else if (time is DateTimeOffset dto) record.Time = dto.UtcDateTime;
        else if (time is string text && DateTime.TryParse(text, CultureInfo.InvariantCulture,
                     DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)) record.Time = parsed;
        else return null;
        var fields = new List<JournalChange>();
        foreach (var element in list)
        {
            if (element == null) continue;
            var change = PSObject.AsPSObject(element);
            var field = Text(change, "field");
            if (field == null) return null;
            var oldKnown = change.Properties["old_known"]?.Value;
            fields.Add(new JournalChange(field, Text(change, "old"), oldKnown == null || LanguagePrimitives.IsTrue(oldKnown), Text(change, "new")));
        }
        record.Changes = fields;
        if (input.Properties["returned"]?.Value is object returned && !(returned is string))
        {
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in PSObject.AsPSObject(returned).Properties) values[property.Name] = property.Value?.ToString();
            record.Returned = values;
        }
        return record;
    }

    private static string? Text(PSObject input, string name)
    {
        var value = input.Properties[name]?.Value;
        if (value is PSObject wrapped) value = wrapped.BaseObject;
        return value == null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
    }
}
