using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Internal.Bulk;

/// <summary>
/// Sends the writes of a bulk job, for any cmdlet that writes to numbers. Each input has a lane per number: inputs naming
/// the same number go one after another, in input order, each from the state the one before left. Reads (finding a
/// number, reading it first) run beside the writes; writes stay within the session's adaptive window, and everything
/// within -ThrottleLimit when it is given. A write that timed out or lost its connection is read back. A stop sends
/// nothing new, waits briefly for what is on the wire, and accounts for every input. Every outcome is handled on the
/// host's thread, the only one that touches this object's state (but for <see cref="CloseOutput"/>); no PowerShell in it.
/// </summary>
internal sealed class BulkWriter<TItem> where TItem : BulkItem
{
    /// <summary>How long a pump waits for an outcome before it looks whether the write window has grown.</summary>
    private static readonly TimeSpan pollInterval = TimeSpan.FromMilliseconds(10);

    private readonly IBulkTransport transport;
    private readonly IBulkHost<TItem> host;
    private readonly IBulkThread thread;
    private readonly BulkOptions options;
    private readonly CancellationTokenSource requests;

    // One lane per number, keyed "id:..." or "number:...": the inputs waiting behind the one in progress.
    private readonly Dictionary<string, Queue<TItem>> lanes = new Dictionary<string, Queue<TItem>>(StringComparer.Ordinal);
    private readonly List<string> namedTwice = new List<string>();
    private readonly HashSet<string> namedTwiceKeys = new HashSet<string>(StringComparer.Ordinal);
    private readonly Dictionary<string, string> laneLabels = new Dictionary<string, string>(StringComparer.Ordinal);

    // Requests in flight, and those waiting for a free place, counted apart: reads are not rate-limited, so they are
    // never held behind the write window.
    private int reading, writing;
    private readonly Queue<QueuedRequest> readLine = new Queue<QueuedRequest>();
    private readonly Queue<QueuedRequest> writeLine = new Queue<QueuedRequest>();

    // Items with a write or a read-back on its way: at a stop, those with something on the wire are of unknown outcome.
    private readonly HashSet<TItem> outstanding = new HashSet<TItem>();
    private readonly List<string> appliedUnwritten = new List<string>();
    private readonly List<string> failedWhileStopping = new List<string>();
    private readonly List<string> unknownDropped = new List<string>();
    private volatile bool outputClosed;
    private bool stopping;
    private bool ended;

    public BulkWriter(IBulkTransport transport, IBulkHost<TItem> host, IBulkThread thread, BulkOptions options)
    {
        this.transport = transport;
        this.host = host;
        this.thread = thread;
        this.options = options;
        requests = CancellationTokenSource.CreateLinkedTokenSource(options.Cancellation);
    }

    /// <summary>Numbers changed (a result written out, or named by the stop report).</summary>
    public int Applied { get; private set; }

    public int Failed { get; private set; }
    public int Unchanged { get; private set; }
    public int NotStarted { get; private set; }
    public bool IsStopping => stopping;
    public bool IsIdle => reading + writing + readLine.Count + writeLine.Count == 0;

    /// <summary>
    /// Whether the next input is taken now: while everything in flight or waiting stays within the caps, and no more
    /// writes wait for a place than the window holds (more would only wait longer, in memory).
    /// </summary>
    public bool TakesMoreInput => reading + writing + readLine.Count + writeLine.Count < IntakeLimit && writeLine.Count < WriteCap;

    /// <summary>The numbers that more than one input named, as the last of them left each.</summary>
    public IReadOnlyList<string> NamedMoreThanOnce =>
        namedTwice.Select(k => laneLabels.TryGetValue(k, out var label) ? label : k.Substring(k.IndexOf(':') + 1)).Distinct().ToList();

    /// <summary>Takes an input: it starts now, or once the inputs before it for the same number are done.</summary>
    public void Add(TItem item) => JoinLane(item, item.Id != null ? "id:" + item.Id : "number:" + item.Number);

    /// <summary>Handles the next outcome, or after a short while none; then sends what waits (the window may have grown).</summary>
    public void Pump()
    {
        thread.RunNext(pollInterval);
        SendWaiting();
    }

    /// <summary>Handles the outcomes that have come, without waiting.</summary>
    public void RunCompleted()
    {
        while (thread.RunNext(TimeSpan.Zero))
        {
        }
    }

    // ---- one lane per number -----------------------------------------------------------------------------------------

    private void JoinLane(TItem item, string key)
    {
        item.Lanes.Add(key);
        if (lanes.TryGetValue(key, out var waiting))
        {
            waiting.Enqueue(item);
            if (namedTwiceKeys.Add(key)) namedTwice.Add(key);
            return;
        }
        lanes[key] = new Queue<TItem>();
        Advance(item);
    }

    /// <summary>Ends an input's turn: the next input for the same number starts, from the state this one left.</summary>
    private void Finish(TItem item, PhoneNumber? result)
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
            if (result != null) next.Current = result;
            Advance(next);
        }
        item.Lanes.Clear();
    }

    // ---- an input's steps: find its id, read it, have it judged, send its writes ---------------------------------------

    /// <summary>Takes an item its next step. Nothing new starts once the job stops or its output closes.</summary>
    private void Advance(TItem item)
    {
        if (stopping || outputClosed)
        {
            NotStarted++;
            Finish(item, null);
            return;
        }
        if (item.Id == null)
            Read(item, token => transport.FindPhoneNumbersAsync(item.Number!, options.Trace, token), found => Found(item, found));
        else if (item.Current == null && item.ReadFirst)
            Read(item, token => transport.GetPhoneNumberAsync(item.Id, options.Trace, token), current =>
            {
                item.Current = current;
                Advance(item);
            });
        else
            Carry(item, host.Plan(item));
    }

    private void Found(TItem item, IReadOnlyList<PhoneNumber> matches)
    {
        if (matches.Count == 1)
        {
            item.Current = matches[0];
            item.Id = matches[0].Id;
            // Another input may be changing this number under its id: this one waits its turn there.
            JoinLane(item, "id:" + item.Id);
        }
        else if (matches.Count == 0)
        {
            Fail(item, new BulkRefusal("PhoneNumberNotFound", RefusalKind.NotFound, $"No phone number {item.Number} in this project."));
        }
        else
        {
            Fail(item, new BulkRefusal("AmbiguousNumber", RefusalKind.Ambiguous,
                $"{matches.Count} phone numbers of this project are {item.Number}: use -Id ({string.Join(", ", matches.Select(m => m.Id))})."));
        }
    }

    private void Carry(TItem item, BulkPlan plan)
    {
        switch (plan.Kind)
        {
            case BulkPlanKind.Send:
                item.Writes = plan.Writes;
                item.NextWrite = 0;
                SendWrite(item);
                break;
            case BulkPlanKind.Unchanged:
                Unchanged++;
                Output(item, item.Current!, null, applied: false);
                break;
            case BulkPlanKind.Refused:
                Fail(item, plan.Refusal!);
                break;
            default:
                Finish(item, null);
                break;
        }
    }

    /// <summary>Sends the item's next write through the write window, and follows it to its outcome.</summary>
    private void SendWrite(TItem item)
    {
        var write = item.Writes[item.NextWrite];
        write.Cmdlet = options.Cmdlet;
        Request(true, item, () =>
        {
            // Made when the write leaves the line, so that a stop finds among the outstanding only what was started.
            var inFlight = new WriteInFlight(write, requests.Token, options.Trace, options.Changes);
            lock (outstanding)
            {
                item.InFlight = inFlight;
                outstanding.Add(item);
            }
            return write.SendAsync(transport, inFlight, inFlight.Abort.Token);
        }, task => WriteCame(item, task));
    }

    private void WriteCame(TItem item, Task<PhoneNumber> task)
    {
        var inFlight = item.InFlight!;
        lock (outstanding)
        {
            item.InFlight = null;
            outstanding.Remove(item);
        }
        inFlight.Abort.Dispose();
        if (task.Status == TaskStatus.RanToCompletion)
        {
            Done(item, inFlight.Write, task.Result, null);
            return;
        }
        if (task.IsCanceled)
        {
            if (!stopping && !outputClosed) throw new OperationCanceledException(options.Cancellation);
            // A stop cancelled it: before it went on the wire nothing happened; after, anything may have.
            if (inFlight.Sent || item.NextWrite > 0) NameUnknown(item, inFlight.Sent ? inFlight.Write : null, null);
            else NotStarted++;
            Finish(item, null);
            return;
        }
        var error = task.Exception!.GetBaseException();
        if (IsUncertain(error))
        {
            ReadBack(item, inFlight.Write, (SignalWireApiException)error);
            return;
        }
        if (inFlight.Sent) options.Changes?.WriteEnded(inFlight.Write, WriteOutcome.Failed(error, options.ErrorId(error)));
        Fail(item, error);
    }

    /// <summary>A write is applied: the next one goes, or the item is done and its number written out.</summary>
    private void Done(TItem item, PhoneNumberWrite write, PhoneNumber result, SignalWireApiException? confirmedAfter)
    {
        options.Changes?.WriteEnded(write, WriteOutcome.Applied(result));
        item.NextWrite++;
        if (item.NextWrite < item.Writes.Count && !stopping)
        {
            SendWrite(item);
            return;
        }
        Applied++;
        Output(item, result, confirmedAfter, applied: true);
    }

    /// <summary>A write that timed out or lost its connection may have been applied: the number is read back to know.</summary>
    private static bool IsUncertain(Exception error) =>
        error is SignalWireApiException { OutcomeUnknown: true };

    private void ReadBack(TItem item, PhoneNumberWrite write, SignalWireApiException error)
    {
        item.ReadingBack = true;
        lock (outstanding) outstanding.Add(item);
        // Dropped by a stop before it is sent, the write's outcome stays unknown.
        Request(false, item, () => write.ReadBackAsync(transport, options.Trace, requests.Token), task =>
        {
            item.ReadingBack = false;
            lock (outstanding) outstanding.Remove(item);
            if (task.IsCanceled && (stopping || outputClosed))
            {
                NameUnknown(item, write, error);
                Finish(item, null);
                return;
            }
            // The writes applied before it, and this one: all in place means this one was applied too.
            if (task.Status == TaskStatus.RanToCompletion && item.Writes.Take(item.NextWrite + 1).All(w => w.IsInPlace(task.Result)))
            {
                Done(item, write, task.Result, error);
                return;
            }
            var read = task.Status == TaskStatus.RanToCompletion;
            var reported = new SignalWireApiException(error.Kind, error.Message + (read
                    ? " Reading the number back shows the change was not applied."
                    : " Its outcome is unknown: the number could not be read back either; check it with " + write.HowToCheck + "."),
                error.StatusCode, error.ApiMessage, error.Attempts, error.RequestMethod, error.RequestPath, error.InnerException);
            options.Changes?.WriteEnded(write, read ? WriteOutcome.Failed(reported, options.ErrorId(reported)) : WriteOutcome.Unknown(reported));
            Fail(item, reported);
        });
    }

    // ---- what becomes of an item ----------------------------------------------------------------------------------------

    /// <summary>Writes the number out, or while the output is closed counts it for the stop report; then the item is done.</summary>
    private void Output(TItem item, PhoneNumber result, SignalWireApiException? confirmedAfter, bool applied)
    {
        if (outputClosed)
        {
            if (applied) appliedUnwritten.Add(result.Number ?? item.Label);
            Finish(item, result);
            return;
        }
        try
        {
            host.WriteResult(item, result, confirmedAfter);
        }
        catch
        {
            // The output refused it (the stop came first): only the stop report can name it now.
            outputClosed = true;
            if (applied) appliedUnwritten.Add(result.Number ?? item.Label);
            Finish(item, result);
            throw;
        }
        Finish(item, result);
    }

    /// <summary>
    /// A failure of one item: written, unless the job is stopping (then the stop report names it). One that every other
    /// item would meet too (401, 403) stops the job first, then ends it through the host.
    /// </summary>
    private void Fail(TItem item, Exception error)
    {
        Failed++;
        Finish(item, null);
        if (error is SignalWireApiException api && api.DoomsEveryRequest && !stopping)
        {
            host.EndForAll(item, error, Stop()!);
            return;
        }
        if (stopping)
        {
            failedWhileStopping.Add(item.Label);
            return;
        }
        host.WriteFailure(item, error);
    }

    /// <summary>An item's write went on the wire and what became of it will not be known: the stop report names it.</summary>
    private void NameUnknown(TItem item, PhoneNumberWrite? write, Exception? error)
    {
        unknownDropped.Add(item.Label);
        if (write != null) options.Changes?.WriteEnded(write, WriteOutcome.Unknown(error));
    }

    // ---- stopping ---------------------------------------------------------------------------------------------------------

    /// <summary>
    /// The output takes nothing more (Ctrl+C, or -ErrorAction Stop at an error): results are counted for the stop report
    /// rather than written, and writes not yet on the wire are cancelled. Safe from any thread.
    /// </summary>
    public void CloseOutput()
    {
        outputClosed = true;
        AbortUnsentWrites();
    }

    /// <summary>
    /// Stops the job: no new request starts; those waiting for a place are dropped and the writes not yet on the wire
    /// cancelled; the requests on the wire are waited for a little, their outcomes handled as they come (written out
    /// while the output is open); what is still out is then named and cancelled. Null when the job was already stopping.
    /// </summary>
    public StopReport? Stop()
    {
        if (stopping) return null;
        stopping = true;
        DropWaiting();
        AbortUnsentWrites();
        var closed = outputClosed;
        var deadline = thread.Now + (closed ? options.ClosedStopPatience : options.OpenStopPatience);
        while (reading + writing > 0 && thread.Now < deadline)
        {
            if (closed) thread.RunNextAfterStop(deadline - thread.Now);
            else thread.RunNext(deadline - thread.Now);
        }
        while (closed ? thread.RunNextAfterStop(TimeSpan.Zero) : thread.RunNext(TimeSpan.Zero))
        {
        }

        var unknown = new List<string>();
        lock (outstanding)
        {
            foreach (var item in outstanding)
            {
                var sent = item.InFlight?.Sent ?? false;
                if (!sent && !item.ReadingBack && item.NextWrite == 0) continue;
                unknown.Add(item.Label);
                var write = item.InFlight?.Write ?? item.Writes[item.NextWrite];
                if (sent || item.ReadingBack) options.Changes?.WriteEnded(write, WriteOutcome.Unknown());
            }
        }
        unknown.AddRange(unknownDropped);
        // Nothing that comes back after this is handled: the report is final.
        ended = true;
        requests.Cancel();
        return new StopReport(Applied - appliedUnwritten.Count, appliedUnwritten.ToList(), unknown, failedWhileStopping.ToList(), NotStarted);
    }

    private void AbortUnsentWrites()
    {
        lock (outstanding)
            foreach (var item in outstanding)
                item.InFlight?.AbortIfUnsent();
    }

    // ---- how many requests are in flight: reads and writes apart ---------------------------------------------------------

    /// <summary>
    /// Writes in flight at most: the session's window, sized to its write limit and measured round trip (Little's law),
    /// and never more than an explicit -ThrottleLimit.
    /// </summary>
    private int WriteCap => options.ThrottleLimit > 0 ? Math.Min(options.ThrottleLimit, transport.WriteWindowSize) : transport.WriteWindowSize;

    /// <summary>Reads in flight at most: their own cap, or -ThrottleLimit when given.</summary>
    private int ReadCap => options.ThrottleLimit > 0 ? options.ThrottleLimit : SignalWireClientOptions.MaximumReadsInFlight;

    /// <summary>How much may be in flight or waiting before the next input is taken: reads run ahead of the writes.</summary>
    private int IntakeLimit => options.ThrottleLimit > 0 ? options.ThrottleLimit : ReadCap + WriteCap;

    /// <summary>An explicit -ThrottleLimit caps reads and writes together, as it says; unset, each has its own cap.</summary>
    private bool HasRoom(bool write) =>
        (options.ThrottleLimit == 0 || reading + writing < options.ThrottleLimit) && (write ? writing < WriteCap : reading < ReadCap);

    /// <summary>A read of the item's number (not rate-limited by the API); a failure is the item's.</summary>
    private void Read<T>(TItem item, Func<CancellationToken, Task<T>> send, Action<T> then) =>
        Request(false, item, () => send(requests.Token), task =>
        {
            if (task.Status == TaskStatus.RanToCompletion) then(task.Result);
            else if (!task.IsCanceled) Fail(item, task.Exception!.GetBaseException());
            else if (stopping || outputClosed) Finish(item, null);
            else throw new OperationCanceledException(options.Cancellation);
        });

    /// <summary>
    /// Sends a request now if its kind has room and none of its kind waits, else puts it in line; its outcome is handled
    /// on the host's thread. The outcome's own next request goes first (an input finishes before new ones start, which
    /// keeps input order at -ThrottleLimit 1); then whatever waits takes the room left. After a stop none is sent.
    /// </summary>
    private void Request<T>(bool write, TItem item, Func<Task<T>> send, Action<Task<T>> onHostThread)
    {
        void Send()
        {
            if (write) writing++;
            else reading++;
            send().ContinueWith(done => thread.Post(() =>
            {
                if (write) writing--;
                else reading--;
                if (ended) return;
                onHostThread(done);
                SendWaiting();
            }), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);   // Post only queues: no hop of its own
        }

        void Dropped()
        {
            // A read-back after an uncertain write, or a write after one applied: something was sent, and what became of
            // the input cannot be known.
            if (item.ReadingBack || item.NextWrite > 0)
            {
                if (item.ReadingBack) lock (outstanding) outstanding.Remove(item);
                NameUnknown(item, item.ReadingBack ? item.Writes[item.NextWrite] : null, null);
                item.ReadingBack = false;
            }
            else
            {
                NotStarted++;
            }
            Finish(item, null);
        }

        if (stopping || outputClosed)
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
        if (stopping || outputClosed)
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

    /// <summary>A request waiting for a free place: how to send it, and what its input becomes if the job stops first.</summary>
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
}
