using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>
/// Changes how phone numbers handle calls and messages. Only the fields asked for go over the wire, and where the
/// number's current state is known only those that differ; several requests stay in flight for bulk jobs.
/// What is a wish and what only names the number: fields on the command line are always wishes; a piped PhoneNumber
/// or a whole copy of one (Import-Clixml, a job, a full export) only names the number when fields are on the command
/// line, and is restored (its non-empty values are wishes) when none are; any other row's field columns are wishes.
/// </summary>
[Cmdlet(VerbsCommon.Set, "SwPhoneNumber", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PhoneNumber))]
public sealed partial class SetSwPhoneNumberCommand : SwSessionCmdlet
{
    /// <summary>How long a stopping batch waits for the requests it already sent, to report their outcome.</summary>
    private static readonly TimeSpan drainPatience = TimeSpan.FromSeconds(5);

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [IdTransformation]
    [ValidateUuid(AllowEmpty = true)]
    [ArgumentCompleter(typeof(PhoneNumberCompleter))]
    public string? Id { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [E164Transformation]
    [ValidateE164(AllowEmpty = true)]
    [ArgumentCompleter(typeof(PhoneNumberCompleter))]
    public string? Number { get; set; }

    /// <summary>What is piped: PhoneNumber objects, copies of them, rows (Import-Csv), or ids and numbers as text.</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>An empty cell of a piped row clears that field, so a backup restores exactly what it held.</summary>
    [Parameter]
    public SwitchParameter ClearEmptyFields { get; set; }

    /// <summary>
    /// At most this many requests in flight at once; 1 updates one number after another, in input order. Unset, the
    /// session sizes its write window to its write limit and the round trip it measures, and reads have their own cap.
    /// </summary>
    [Parameter]
    [ValidateRange(1, SignalWireClientOptions.MaximumWritesInFlight)]
    public int ThrottleLimit { get; set; }

    /// <summary>One number on its way through: what to change, what is known of it, and where it stands.</summary>
    private sealed class PendingUpdate
    {
        public PendingUpdate(InputKind kind, string? id, string? number, PhoneNumber? current, PhoneNumberUpdate update,
            IReadOnlyList<PhoneNumberField> emptyCells, bool readFirst)
        {
            Kind = kind;
            Id = id;
            Number = number;
            Current = current;
            Update = update;
            EmptyCells = emptyCells;
            ReadFirst = readFirst;
        }

        public InputKind Kind { get; }

        /// <summary>The number the input names; checked against the id's number when both are given.</summary>
        public string? Number { get; }

        public string? Id { get; set; }
        public PhoneNumber? Current { get; set; }
        public PhoneNumberUpdate Update { get; }

        /// <summary>Fields whose cells were empty (left as they are unless -ClearEmptyFields).</summary>
        public IReadOnlyList<PhoneNumberField> EmptyCells { get; }

        public bool ReadFirst { get; }
        public List<string> Lanes { get; } = new List<string>();

        /// <summary>The PUT being sent, when there is one: its changes, for the read-back after an uncertain outcome.</summary>
        public PhoneNumberUpdate? Sent { get; set; }

        /// <summary>The E911 address to assign, or whether to remove the number's: not in the PUT, but its own request.</summary>
        public string? AssignAddress { get; set; }
        public bool RemoveAddress { get; set; }

        /// <summary>True once the PUT of an input that also changes its address has come back.</summary>
        public bool PutDone { get; set; }

        /// <summary>"assign" or "remove" once judged against the number's state; null when the address stays.</summary>
        public string? AddressAction { get; set; }

        /// <summary>Cancels this input's PUT alone: Ctrl+C stops a write that has not gone on the wire yet.</summary>
        public System.Threading.CancellationTokenSource? Abort { get; set; }

        public string Label => Current?.Number ?? Number ?? Id ?? "";

        /// <summary>How -WhatIf and -Confirm name the number: "+15550000721 (id)" when both are known.</summary>
        public string Target
        {
            get
            {
                var number = Current?.Number ?? Number;
                var id = Current?.Id ?? Id;
                return number != null && id != null ? $"{number} ({id})" : number ?? id ?? "";
            }
        }
    }

    // The field parameters' properties: the command line's values are read from them.
    private static readonly IReadOnlyList<(PhoneNumberField Field, PropertyInfo Property)> fieldParameters = FieldParameters();

    private static IReadOnlyList<(PhoneNumberField, PropertyInfo)> FieldParameters()
    {
        var list = new List<(PhoneNumberField, PropertyInfo)>();
        foreach (var field in PhoneNumberFields.All)
        {
            var property = typeof(SetSwPhoneNumberCommand).GetProperty(field.ParameterName)
                ?? throw new InvalidOperationException($"Set-SwPhoneNumber has no -{field.ParameterName} parameter for the field {field.ApiName}.");
            list.Add((field, property));
        }
        return list;
    }

    private HashSet<string> commandLineParameters = new HashSet<string>();
    private readonly List<(PhoneNumberField Field, string? Value)> commandLineFields = new List<(PhoneNumberField, string?)>();
    private readonly HashSet<PhoneNumberField> warnedDeprecated = new HashSet<PhoneNumberField>();
    private readonly HashSet<string> warnedColumns = new HashSet<string>(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<PendingUpdate>> lanes = new Dictionary<string, Queue<PendingUpdate>>(StringComparer.Ordinal);
    private readonly List<string> namedTwice = new List<string>();
    private readonly HashSet<string> namedTwiceKeys = new HashSet<string>(StringComparer.Ordinal);
    private readonly Dictionary<string, string> laneLabels = new Dictionary<string, string>(StringComparer.Ordinal);
    private readonly HashSet<PendingUpdate> writesInFlight = new HashSet<PendingUpdate>();
    private readonly ConcurrentDictionary<string, bool> pathsSent = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
    private readonly List<string> appliedUnwritten = new List<string>();
    private readonly List<string> failedWhileStopping = new List<string>();
    private readonly List<string> cancelledAfterSending = new List<string>();
    private readonly Stopwatch elapsed = Stopwatch.StartNew();
    private TimeSpan lastProgress;
    private bool whatIf;
    private bool draining;
    private volatile bool userStopRequested;
    private volatile bool outputClosed;

    /// <summary>How long Ctrl+C waits for the requests already on the wire.</summary>
    private static readonly TimeSpan stopGrace = TimeSpan.FromSeconds(1.5);
    private int updated, unchanged, failed, notStarted;

    // Requests in flight, and those waiting for a free place, counted apart: reads are not rate-limited, so they are
    // never held behind the write window.
    private int reading, writing;
    private readonly Queue<QueuedRequest> readLine = new Queue<QueuedRequest>();
    private readonly Queue<QueuedRequest> writeLine = new Queue<QueuedRequest>();

    /// <summary>A request waiting for a free place: how to send it, and what its input becomes if the batch stops first.</summary>
    private sealed class QueuedRequest
    {
        public QueuedRequest(Action send, Action dropped)
        {
            Send = send;
            Dropped = dropped;
        }

        public Action Send { get; }
        public Action Dropped { get; }
    }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        // What is bound now came from the command line; whatever ProcessRecord sees on top came from the pipeline.
        commandLineParameters = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
        whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) ? ((SwitchParameter)w).IsPresent
            : LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));

        // A number named on the command line and numbers from the pipeline would mix one's fields into the other.
        var idGiven = commandLineParameters.Contains(nameof(Id));
        var numberGiven = commandLineParameters.Contains(nameof(Number));
        if (MyInvocation.ExpectingInput && (idGiven || numberGiven))
            ThrowTerminatingError(ErrorRecords.InvalidArgument("TargetConflict",
                "-Id and -Number cannot be used with pipeline input: the piped objects say which numbers to change. " +
                "Pipe the numbers alone (Get-SwPhoneNumber -Id $id | Set-SwPhoneNumber -Name x), or leave out the pipeline.", null));
        if (commandLineParameters.Contains(nameof(E911AddressId)) && RemoveE911Address)
            ThrowTerminatingError(ErrorRecords.InvalidArgument("TargetConflict",
                "-E911AddressId and -RemoveE911Address cannot be used together: assign an address, or remove the number's.", null));
        if (idGiven && numberGiven)
            ThrowTerminatingError(ErrorRecords.InvalidArgument("TargetConflict",
                "-Id and -Number cannot be used together: give the one number to change by its id or by its number.", null));

        // Values are checked here rather than by validation attributes: an attribute would also judge every property a
        // piped PhoneNumber binds, and refuse a number whose current handler is one only the Fabric API sets (call_queue).
        foreach (var (field, property) in fieldParameters)
        {
            if (!commandLineParameters.Contains(field.ParameterName)) continue;
            var value = (string?)property.GetValue(this);
            var problem = PhoneNumberUpdate.Check(field, value);
            if (problem != null)
                ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidFieldValue", $"-{field.ParameterName}: {problem}", value));
            commandLineFields.Add((field, value));
        }
    }

    protected override void ProcessRecord()
    {
        if (userStopRequested) StopForUser();
        ProcessInput();
    }

    private void ProcessInput()
    {
        foreach (var item in UpdatesFor(PhoneNumberInput.From(InputObject)))
        {
            Enqueue(item);
            // More input is taken while there is room: everything in flight or waiting stays within the caps.
            while (!TakesMoreInput) WaitForNext();
        }
        // Write what has finished meanwhile, so results flow while the input is still coming.
        try
        {
            RunPosted();
        }
        catch (PipelineStoppedException)
        {
            StopForUser();
        }
        if (userStopRequested) StopForUser();
    }

    /// <summary>
    /// The updates an input starts, in order: a number's differences (Compare-SwPhoneNumber) are gathered into one,
    /// which starts once an input for another number comes; any other input is one update of its own.
    /// </summary>
    private IEnumerable<PendingUpdate> UpdatesFor(PhoneNumberInput input)
    {
        var gathered = ContinuesDifferences(input) ? null : CloseDifferences();
        if (gathered != null) yield return gathered;
        if (input.Kind == InputKind.Difference)
        {
            TakeDifference(input);
            yield break;
        }
        var item = FromInput(input);
        if (item != null) yield return item;
    }

    /// <summary>The update an input asks for, or null when it is refused (its error written).</summary>
    private PendingUpdate? FromInput(PhoneNumberInput input)
    {
        var id = NonEmpty(Id);
        var number = NonEmpty(Number);
        PhoneNumber? current = null;
        switch (input.Kind)
        {
            case InputKind.Live:
                current = input.Live!;
                id = current.Id;
                number = current.Number;
                break;
            case InputKind.Text:
                var text = input.Text!.Trim();
                if (PhoneNumberText.IsId(text)) id = PhoneNumberText.ToId(text);
                else if (PhoneNumberText.IsE164(PhoneNumberText.ToE164(text))) number = PhoneNumberText.ToE164(text);
                else
                {
                    Fail(null, ErrorRecords.InvalidArgument("InvalidId",
                        $"'{text}' is neither a phone number id (a UUID) nor a number in E.164 form such as +15551234567.", text));
                    return null;
                }
                break;
        }

        var update = new PhoneNumberUpdate();
        foreach (var (field, value) in commandLineFields) update.Set(field, value);
        var emptyCells = new List<PhoneNumberField>();
        var commandLineChanges = commandLineFields.Count > 0 || commandLineParameters.Contains(nameof(E911AddressId)) || RemoveE911Address;
        var takesCells = input.Kind == InputKind.Row || (input.Kind == InputKind.Copy && !commandLineChanges);
        if (takesCells)
        {
            foreach (var (field, value) in input.FieldCells())
            {
                if (commandLineParameters.Contains(field.ParameterName)) continue;   // the command line wins
                if (!string.IsNullOrEmpty(value)) update.Set(field, value);
                // A field the API never returns is empty in every copy: emptiness there says nothing, so it never clears.
                else if (ClearEmptyFields && field.Returned) update.Set(field, "");
                else emptyCells.Add(field);
            }
        }

        var misspelled = input.MisspelledColumns().ToList();
        foreach (var (column, looksLike) in misspelled)
            if (warnedColumns.Add(column))
                WriteWarning($"The column '{column}' binds to no parameter and was ignored; did you mean {looksLike}? (column names must match exactly, without spaces)");

        var label = number ?? id ?? "";
        if (id == null && number == null)
        {
            Fail(null, ErrorRecords.InvalidArgument("NoTarget",
                "Which number? Give -Id or -Number, or pipe phone numbers, ids, or rows with an Id or Number column." + ColumnHint(misspelled), InputObject));
            return null;
        }
        var assignAddress = WantedAddress(takesCells);
        if (update.IsEmpty && assignAddress == null && !RemoveE911Address)
        {
            Fail(null, ErrorRecords.InvalidArgument("NoFieldToUpdate",
                $"Nothing to change on {label}: give at least one field to set, such as -CallHandler, -CallRelayTopic or -Name " +
                "(a piped phone number's own properties only say which number it is)." + ColumnHint(misspelled), label));
            return null;
        }

        // Read first (reads are not rate-limited) unless the state in hand is fresh: to send only what differs, to
        // check a handler switch safely, to see that an id and a number agree, and for -WhatIf to show old values.
        var cellsTaken = update.Changes.Count > commandLineFields.Count;
        var readFirst = current == null
            && (input.Kind == InputKind.Copy || cellsTaken || update.NeedsCurrentStateForHandlers() || whatIf || (id != null && number != null)
                || assignAddress != null || RemoveE911Address);
        return new PendingUpdate(input.Kind, id, number, current, update, emptyCells, readFirst)
        {
            AssignAddress = assignAddress,
            RemoveAddress = RemoveE911Address,
        };
    }

    protected override void EndProcessing()
    {
        EndDifferences();
        while (reading + writing + readLine.Count + writeLine.Count > 0) WaitForNext();
        base.EndProcessing();
        if (namedTwice.Count > 0)
            WriteWarning($"The input named {Some(namedTwice.Select(k => laneLabels.TryGetValue(k, out var l) ? l : k.Substring(k.IndexOf(':') + 1)).Distinct().ToList())} more than once: each number's inputs were applied one after another, in input order, so its last input won.");
        if (updated + failed + unchanged > 0)
            WriteProgress(new ProgressRecord(1, "Set-SwPhoneNumber", "Done") { RecordType = ProgressRecordType.Completed });
    }

    /// <summary>
    /// Handles the next result, or after a short while none: the write window may have grown meanwhile (the oldest write
    /// out has been out longer), and what waits for a place is sent.
    /// </summary>
    private void WaitForNext()
    {
        try
        {
            TryRunNextPosted(TimeSpan.FromMilliseconds(10));
            SendWaiting();
        }
        catch (PipelineStoppedException)
        {
            // A write met the stop before StopProcessing was called (PowerShell marks the pipeline stopping first).
            StopForUser();
        }
        if (userStopRequested) StopForUser();
    }

    /// <summary>
    /// Ctrl+C. The requests already on the wire are given a moment to come back rather than cut off, so that what they
    /// changed can be told; writes still waiting for their turn are cancelled at once, so none starts after the stop.
    /// </summary>
    protected override void StopProcessing()
    {
        userStopRequested = true;
        CloseOutput();
        Post(() => { });
        // Should the pipeline thread not come back to this cmdlet (it is upstream), nothing waits past the grace.
        _ = Task.Delay(stopGrace + TimeSpan.FromSeconds(1)).ContinueWith(_ => CancelRequests(), TaskScheduler.Default);
    }

    /// <summary>The pipeline takes no more output: results are counted for the stop's warning, and writes not yet on the wire are cancelled.</summary>
    private void CloseOutput()
    {
        outputClosed = true;
        AbortUnsentWrites();
    }

    /// <summary>Cancels the writes not yet on the wire (those waiting for their turn under the write limit): none is sent.</summary>
    private void AbortUnsentWrites()
    {
        foreach (var item in writesInFlightSnapshot())
        {
            if (pathsSent.ContainsKey(item.Id!)) continue;
            try
            {
                item.Abort?.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // It came back meanwhile.
            }
        }
    }

    private PendingUpdate[] writesInFlightSnapshot()
    {
        lock (writesInFlight) return writesInFlight.ToArray();
    }

    // ---- one lane per number: inputs for the same number go one after another, in input order --------------------

    private void Enqueue(PendingUpdate item) => JoinLane(item, item.Id != null ? "id:" + item.Id : "number:" + item.Number, Start);

    private void JoinLane(PendingUpdate item, string key, Action<PendingUpdate> proceed)
    {
        item.Lanes.Add(key);
        if (lanes.TryGetValue(key, out var waiting))
        {
            waiting.Enqueue(item);
            if (namedTwiceKeys.Add(key)) namedTwice.Add(key);
            return;
        }
        lanes[key] = new Queue<PendingUpdate>();
        proceed(item);
    }

    /// <summary>Ends an input's turn: the next input for the same number starts, from the state this one left.</summary>
    private void Finish(PendingUpdate item, PhoneNumber? result)
    {
        foreach (var key in item.Lanes)
            if (namedTwiceKeys.Contains(key)) laneLabels[key] = result?.Number ?? item.Label;
        foreach (var key in item.Lanes)
        {
            if (!lanes.TryGetValue(key, out var waiting)) continue;
            if (waiting.Count == 0)
            {
                lanes.Remove(key);
                continue;
            }
            var next = waiting.Dequeue();
            // The state this input left is the freshest there is for the next one.
            if (result != null) next.Current = result;
            Start(next);
        }
        item.Lanes.Clear();
    }

    private void Start(PendingUpdate item)
    {
        if (draining)
        {
            notStarted++;
            Finish(item, null);
            return;
        }
        if (item.Id == null) Read(item, () => Client.FindPhoneNumbersAsync(item.Number!, this, Cancellation), task => OnNumberFound(item, task));
        else Resolve(item);
    }

    private void OnNumberFound(PendingUpdate item, Task<IReadOnlyList<PhoneNumber>> task)
    {
        if (!Succeeded(item, task)) return;
        var matches = task.Result;
        if (matches.Count == 1)
        {
            item.Current = matches[0];
            item.Id = matches[0].Id;
            // Another input may be changing this number under its id: this one waits its turn there.
            JoinLane(item, "id:" + item.Id, Submit);
        }
        else if (matches.Count == 0)
        {
            Fail(item, new ErrorRecord(new ItemNotFoundException($"No phone number {item.Number} in this project."),
                "PhoneNumberNotFound", ErrorCategory.ObjectNotFound, item.Label));
        }
        else
        {
            Fail(item, new ErrorRecord(new InvalidOperationException($"{matches.Count} phone numbers of this project are {item.Number}: use -Id ({string.Join(", ", matches.Select(m => m.Id))})."),
                "AmbiguousNumber", ErrorCategory.InvalidResult, item.Label));
        }
    }

    private void Resolve(PendingUpdate item)
    {
        if (draining)
        {
            notStarted++;
            Finish(item, null);
            return;
        }
        if (item.Current == null && item.ReadFirst)
            Read(item, () => Client.GetPhoneNumberAsync(item.Id!, this, Cancellation), task =>
            {
                if (!Succeeded(item, task)) return;
                item.Current = task.Result;
                Submit(item);
            });
        else
            Submit(item);
    }

    /// <summary>On the pipeline thread: drops what is already so, checks what is left, asks ShouldProcess, sends.</summary>
    private void Submit(PendingUpdate item)
    {
        if (draining)
        {
            notStarted++;
            Finish(item, null);
            return;
        }
        var current = item.Current;
        if (current != null && item.Number != null && current.Number != null && !string.Equals(current.Number, item.Number, StringComparison.Ordinal))
        {
            Fail(item, ErrorRecords.InvalidArgument("IdNumberMismatch",
                $"The input names the id {item.Id} and the number {item.Number}, but that id is {current.Number}: nothing was changed. " +
                "Give the Id or the Number alone, or correct the one that is wrong.", item.Label));
            return;
        }

        var changes = current == null ? item.Update : item.Update.ExceptUnchanged(current);
        var removalRefused = RemovalRefused(item, current);
        if (removalRefused != null)
        {
            Fail(item, new ErrorRecord(new InvalidOperationException(removalRefused), "E911RemovalNotAllowed", ErrorCategory.InvalidOperation, item.Label));
            return;
        }
        item.AddressAction = AddressAction(item, current);
        if (changes.IsEmpty && item.AddressAction == null)
        {
            var leftAlone = LeftAlone(current, item);
            // -WhatIf still says what the input's empty cells leave in place, though nothing is sent.
            if (whatIf && leftAlone.Length > 0) ShouldProcess(item.Target, "No update needed" + leftAlone);
            WriteVerbose($"{item.Label}: every field is already as asked; no request sent.");
            unchanged++;
            WriteObject(current);
            Finish(item, current);
            return;
        }

        // Only what will be sent is judged: a cell equal to the number's current value passes whatever it holds, and a
        // handler that is not changing is not asked for its field again.
        foreach (var change in changes.Changes)
        {
            var problem = PhoneNumberUpdate.Check(change.Field, change.Value);
            if (problem == null) continue;
            Fail(item, ErrorRecords.InvalidArgument("InvalidFieldValue", $"-{change.Field.ParameterName}: {problem}", item.Label));
            return;
        }
        var missing = changes.MissingHandlerFields(current).FirstOrDefault();
        if (missing.Needed != null)
        {
            Fail(item, ErrorRecords.InvalidArgument("HandlerFieldMissing",
                $"Setting -{missing.Handler.ParameterName} to '{missing.Value}' on {item.Label} needs -{missing.Needed.ParameterName} ({missing.Needed.ApiName}), " +
                $"which is neither given nor set on the number: add -{missing.Needed.ParameterName} <value>.", item.Label));
            return;
        }
        foreach (var change in changes.Changes) WarnIfDeprecated(change.Field);

        var description = string.Join("; ", new[]
        {
            changes.IsEmpty ? null : Describe(changes, current, item),
            item.AddressAction == null ? null : DescribeAddress(item.AddressAction, item, current),
        }.Where(d => d != null));
        if (!ShouldProcess(item.Target, "Update phone number: " + description))
        {
            Finish(item, null);
            return;
        }

        item.Sent = changes.IsEmpty ? null : changes;
        if (item.Sent != null) TrackWrite(item, () => Client.UpdatePhoneNumberAsync(item.Id!, changes, this, item.Abort!.Token));
        else SendAddressChange(item);
    }

    /// <summary>
    /// Follows one write of an input to its outcome: the PUT, then the address change when there is one, then the
    /// number is written out; a write whose outcome is uncertain is read back. Each goes through the write window.
    /// </summary>
    private void TrackWrite(PendingUpdate item, Func<Task<PhoneNumber>> send)
    {
        var isPut = item.Sent != null && item.AddressAction != null && !item.PutDone;
        Write(item, () =>
        {
            // Made when the write leaves the line, so that a stop finds in writesInFlight only what was started.
            item.Abort ??= System.Threading.CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
            lock (writesInFlight) writesInFlight.Add(item);
            return send();
        }, task =>
        {
            // Whether anything of this input reached the wire; forgotten now, so the batch keeps nothing per number.
            var sent = pathsSent.TryRemove(item.Id!, out _) || item.PutDone;
            if (task.Status == TaskStatus.RanToCompletion && isPut && !draining)
            {
                item.PutDone = true;
                lock (writesInFlight) writesInFlight.Remove(item);
                SendAddressChange(item);
                return;
            }
            lock (writesInFlight) writesInFlight.Remove(item);
            item.Abort?.Dispose();
            if (task.Status == TaskStatus.RanToCompletion) Succeed(item, task.Result);
            else if (task.IsCanceled && (draining || outputClosed))
            {
                if (sent) cancelledAfterSending.Add(item.Label);
                else notStarted++;
                Finish(item, null);
            }
            else if (IsUncertain(task)) ReadBack(item, (SignalWireApiException)task.Exception!.GetBaseException());
            else Succeeded(item, task);
        });
    }

    private void Succeed(PendingUpdate item, PhoneNumber result)
    {
        updated++;
        if (outputClosed)
        {
            // The pipeline takes no more output after Ctrl+C: the stop's warning names it instead.
            appliedUnwritten.Add(result.Number ?? item.Label);
            Finish(item, result);
            return;
        }
        try
        {
            WriteObject(result);
        }
        catch (PipelineStoppedException)
        {
            // The stop came first: PowerShell refused the result, so the stop's warning must name it.
            outputClosed = true;
            appliedUnwritten.Add(result.Number ?? item.Label);
            Finish(item, result);
            throw;
        }
        ReportProgress();
        Finish(item, result);
    }

    /// <summary>A write that timed out or lost its connection may have been applied: the number is read back to know.</summary>
    private static bool IsUncertain(Task task) =>
        task.IsFaulted && task.Exception!.GetBaseException() is SignalWireApiException e
        && (e.Kind == SignalWireErrorKind.Timeout || e.Kind == SignalWireErrorKind.NetworkError);

    private void ReadBack(PendingUpdate item, SignalWireApiException error)
    {
        // Dropped by a stop before it is sent, the write's outcome stays unknown.
        Read(item, () => Client.GetPhoneNumberAsync(item.Id!, this, Cancellation), task =>
        {
            if (task.Status == TaskStatus.RanToCompletion && (item.Sent == null || item.Sent.IsAppliedTo(task.Result)) && AddressInPlace(item, task.Result))
            {
                WriteVerbose($"{item.Label}: the update failed ({error.Message}), but reading the number back shows the change in place.");
                Succeed(item, task.Result);
                return;
            }
            var outcome = task.Status == TaskStatus.RanToCompletion
                ? " Reading the number back shows the change was not applied."
                : " Its outcome is unknown: the number could not be read back either; check it with Get-SwPhoneNumber -Id " + item.Id + ".";
            failed++;
            var reported = new SignalWireApiException(error.Kind, error.Message + outcome, error.StatusCode, error.ApiMessage, error.Attempts,
                error.RequestMethod, error.RequestPath, error.InnerException);
            WriteApiFailure(item, reported);
            ReportProgress();
        });
    }

    // ---- how many requests are in flight: reads and writes apart ---------------------------------------------------

    /// <summary>
    /// Writes in flight at most: the session's window, sized to its write limit and measured round trip (Little's law),
    /// and never more than an explicit -ThrottleLimit.
    /// </summary>
    private int WriteCap => ThrottleLimit > 0 ? Math.Min(ThrottleLimit, Client.WriteWindow.Size) : Client.WriteWindow.Size;

    /// <summary>Reads in flight at most: their own cap, or -ThrottleLimit when given.</summary>
    private int ReadCap => ThrottleLimit > 0 ? ThrottleLimit : SignalWireClientOptions.MaximumReadsInFlight;

    /// <summary>How much may be in flight or waiting before the next input is taken: reads run ahead of the writes.</summary>
    private int IntakeLimit => ThrottleLimit > 0 ? ThrottleLimit : ReadCap + WriteCap;

    /// <summary>
    /// Whether the next input is taken now: while everything in flight or waiting stays within the caps, and no more
    /// writes wait for a place than the window holds (more would only wait longer, in memory).
    /// </summary>
    private bool TakesMoreInput =>
        reading + writing + readLine.Count + writeLine.Count < IntakeLimit && writeLine.Count < WriteCap;

    /// <summary>An explicit -ThrottleLimit caps reads and writes together, as it says; unset, each has its own cap.</summary>
    private bool HasRoom(bool write) =>
        (ThrottleLimit == 0 || reading + writing < ThrottleLimit) && (write ? writing < WriteCap : reading < ReadCap);

    /// <summary>A read (not rate-limited by the API): sent now if there is room, else when there is.</summary>
    private void Read<T>(PendingUpdate item, Func<Task<T>> send, Action<Task<T>> onPipelineThread) =>
        Request(false, item, send, onPipelineThread);

    private void Write<T>(PendingUpdate item, Func<Task<T>> send, Action<Task<T>> onPipelineThread) =>
        Request(true, item, send, onPipelineThread);

    /// <summary>
    /// Sends a request now if its kind has room and none of its kind waits, else puts it in line; its outcome is handled
    /// on the pipeline thread. The outcome's own next request goes first (an input finishes before new ones start, which
    /// keeps input order at -ThrottleLimit 1); then whatever waits takes the room left. After a stop none is sent.
    /// </summary>
    private void Request<T>(bool write, PendingUpdate item, Func<Task<T>> send, Action<Task<T>> onPipelineThread)
    {
        void Send()
        {
            if (write) writing++;
            else reading++;
            send().ContinueWith(done => Post(() =>
            {
                if (write) writing--;
                else reading--;
                onPipelineThread(done);
                SendWaiting();
            }), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);   // Post only queues: no hop of its own
        }

        void Dropped()
        {
            // A read-back after an uncertain write, or an address change after its PUT: something was sent, and what
            // became of the input cannot be known.
            if ((item.Sent != null && !write) || item.PutDone) cancelledAfterSending.Add(item.Label);
            else notStarted++;
            Finish(item, null);
        }

        if (draining || outputClosed)
        {
            Dropped();
            return;
        }
        var line = write ? writeLine : readLine;
        if (line.Count == 0 && HasRoom(write))
        {
            Send();
            return;
        }
        line.Enqueue(new QueuedRequest(Send, Dropped));
    }

    /// <summary>Sends what waits while there is room; after a stop, drops it instead, each input accounted for.</summary>
    private void SendWaiting()
    {
        if (draining || outputClosed)
        {
            DropWaiting();
            return;
        }
        while (writeLine.Count > 0 && HasRoom(true)) writeLine.Dequeue().Send();
        while (readLine.Count > 0 && HasRoom(false)) readLine.Dequeue().Send();
    }

    private void DropWaiting()
    {
        while (writeLine.Count > 0 || readLine.Count > 0)
            (writeLine.Count > 0 ? writeLine : readLine).Dequeue().Dropped();
    }


    /// <summary>True when the task succeeded; otherwise writes its error (one per input) and returns false.</summary>
    private bool Succeeded<T>(PendingUpdate item, Task<T> task)
    {
        if (task.Status == TaskStatus.RanToCompletion) return true;
        if (task.IsCanceled)
        {
            if (!draining) throw new PipelineStoppedException();
            Finish(item, null);
            return false;
        }
        var error = task.Exception!.GetBaseException();
        if (error is SignalWireApiException api)
        {
            failed++;
            WriteApiFailure(item, api);
        }
        else
        {
            Fail(item, new ErrorRecord(error, "UpdateFailed", ErrorCategory.NotSpecified, item.Label));
        }
        ReportProgress();
        return false;
    }

    private void WriteApiFailure(PendingUpdate item, SignalWireApiException api)
    {
        if (ErrorRecords.DoomsEveryItem(api) && !draining)
        {
            // Every other request would fail the same way: none starts, those already sent are accounted for, then stop once.
            Finish(item, null);
            StopBatch();
            ThrowTerminatingError(ErrorRecords.FromApi(api, item.Label));
        }
        Report(item, ErrorRecords.FromApi(api, item.Label));
    }

    private void Fail(PendingUpdate? item, ErrorRecord record)
    {
        failed++;
        Report(item, record);
    }

    /// <summary>Writes a per-item error; when -ErrorAction Stop turns it into the end of the batch, accounts for what was sent.</summary>
    private void Report(PendingUpdate? item, ErrorRecord record)
    {
        if (item != null) Finish(item, null);
        if (draining)
        {
            failedWhileStopping.Add(record.TargetObject?.ToString() ?? "");
            return;
        }
        try
        {
            WriteError(record);
        }
        catch (Exception e) when (e is PipelineStoppedException || e is ActionPreferenceStopException)
        {
            // -ErrorAction Stop: PowerShell stops the pipeline at this error, so nothing more can be written out.
            CloseOutput();
            ReportStopOnHost();
            throw;
        }
    }

    /// <summary>
    /// The batch ends early (-ErrorAction Stop, a 401/403): no new request starts; the requests already sent are waited
    /// for a little and written out as they come back, and those still out are named in one warning.
    /// </summary>
    private void StopBatch()
    {
        if (draining) return;
        draining = true;
        DropWaiting();
        AbortUnsentWrites();
        var deadline = elapsed.Elapsed + drainPatience;
        while (reading + writing > 0 && elapsed.Elapsed < deadline)
            TryRunNextPosted(deadline - elapsed.Elapsed);
        RunPosted();
        var unknown = SentAndUnanswered();
        CancelRequests();
        var text = StopSummary(unknown);
        if (text != null) WriteWarning(text);
    }

    /// <summary>Inputs whose PUT went on the wire and has not come back: the server may or may not have applied them.</summary>
    private List<string> SentAndUnanswered() =>
        writesInFlightSnapshot().Where(w => w.PutDone || pathsSent.ContainsKey(w.Id!)).Select(w => w.Label).Concat(cancelledAfterSending).ToList();

    /// <summary>Ctrl+C reached this cmdlet: account for what was sent, then end as PowerShell expects.</summary>
    private void StopForUser()
    {
        userStopRequested = true;
        CloseOutput();
        ReportStopOnHost();
        throw new PipelineStoppedException();
    }

    /// <summary>
    /// After a stop that closed the pipeline (Ctrl+C, -ErrorAction Stop): the host is told which numbers were changed or
    /// may have been, beyond the results already written.
    /// </summary>
    private void ReportStopOnHost()
    {
        if (draining) return;
        draining = true;
        DropWaiting();
        // Take in what comes back within the grace, without writing it (the pipeline takes no more output), then cut off the rest.
        DrainPosted(stopGrace, () => writesInFlightSnapshot().Length == 0);
        var text = StopSummary(SentAndUnanswered());
        CancelRequests();
        if (text == null) return;
        try
        {
            // WriteLine, not WriteWarningLine: a transcript records only the former when the pipeline has stopped.
            Host.UI.WriteLine(ConsoleColor.Yellow, Host.UI.RawUI?.BackgroundColor ?? ConsoleColor.Black, "WARNING: " + text);
        }
        catch (Exception e) when (e is System.Management.Automation.Host.HostException || e is NotImplementedException || e is NullReferenceException)
        {
            // A host without a user interface has nowhere to show it.
        }
    }

    private string? StopSummary(IReadOnlyList<string> unknown)
    {
        if (unknown.Count == 0 && appliedUnwritten.Count == 0 && notStarted == 0) return null;
        var parts = new List<string> { $"Set-SwPhoneNumber stopped early after {updated - appliedUnwritten.Count} updates were written out." };
        if (appliedUnwritten.Count > 0) parts.Add($"Applied while stopping: {Some(appliedUnwritten)}.");
        if (unknown.Count > 0)
            parts.Add($"Outcome unknown (sent, no answer before the stop), check with Get-SwPhoneNumber: {Some(unknown)}.");
        if (failedWhileStopping.Count > 0) parts.Add($"Failed while stopping: {Some(failedWhileStopping)}.");
        if (notStarted > 0) parts.Add($"{notStarted} inputs were not attempted.");
        return string.Join(" ", parts);
    }

    protected override void OnRequestSending(string method, Uri uri)
    {
        // The writes: PUT /phone_numbers/{id}, POST or DELETE /phone_numbers/{id}/e911_address.
        if (method == "GET") return;
        var segments = uri.AbsolutePath.Split('/');
        var at = Array.LastIndexOf(segments, "phone_numbers");
        if (at >= 0 && at + 1 < segments.Length) pathsSent[segments[at + 1]] = true;
    }

    private static string Some(IReadOnlyList<string> names) =>
        names.Count <= 20 ? string.Join(", ", names) : string.Join(", ", names.Take(20)) + $" and {names.Count - 20} more";

    private static string ColumnHint(IReadOnlyList<(string Column, string LooksLike)> misspelled) =>
        misspelled.Count == 0 ? ""
            : " Columns that bind to nothing: " + string.Join(", ", misspelled.Select(m => $"'{m.Column}' (did you mean {m.LooksLike}?)")) + ".";

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string Describe(PhoneNumberUpdate changes, PhoneNumber? current, PendingUpdate item)
    {
        var text = string.Join(", ", changes.Changes.Select(c =>
            current == null ? $"{c.Field.ApiName} → '{c.Value}'"
            : !c.Field.Returned ? $"{c.Field.ApiName} (current value unknown: the API does not return it) → '{c.Value}'"
            : $"{c.Field.ApiName} '{c.Field.ReadCurrent(current)}' → '{c.Value}'"));
        return text + LeftAlone(current, item);
    }

    /// <summary>The number's non-empty values that the input's empty cells leave in place, for -WhatIf.</summary>
    private static string LeftAlone(PhoneNumber? current, PendingUpdate item)
    {
        if (current == null) return "";
        var leftAlone = item.EmptyCells.Where(f => f.Returned && !string.IsNullOrEmpty(f.ReadCurrent(current))).ToList();
        return leftAlone.Count == 0 ? ""
            : "; left as they are (empty in the input; -ClearEmptyFields would clear them): "
              + string.Join(", ", leftAlone.Select(f => $"{f.ApiName} '{f.ReadCurrent(current)}'"));
    }

    private void WarnIfDeprecated(PhoneNumberField field)
    {
        if (field.Replacement != null && warnedDeprecated.Add(field))
            WriteWarning($"-{field.ParameterName} ({field.ApiName}) is deprecated by SignalWire; use -{field.Replacement.Replace(" or ", " or -")} instead.");
    }

    /// <summary>At most four progress updates a second: cheap even for thousands of numbers.</summary>
    private void ReportProgress()
    {
        if (draining) return;
        var now = elapsed.Elapsed;
        if (now - lastProgress < TimeSpan.FromMilliseconds(250)) return;
        lastProgress = now;
        var rate = (updated + failed) / Math.Max(0.001, now.TotalSeconds);
        WriteProgress(new ProgressRecord(1, "Set-SwPhoneNumber", $"{updated} updated, {failed} failed, {unchanged} unchanged, {rate:0} a second"));
    }
}
