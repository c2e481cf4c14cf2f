using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Internal.Bulk;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>
/// What every cmdlet of the module shares: Ctrl+C cancels requests in flight, and work that finishes on other threads
/// (results, -Verbose lines) is handed back to the pipeline thread, the only one allowed to write.
/// </summary>
public abstract class SwCmdlet : PSCmdlet, IRequestObserver, IBulkThread, IDisposable
{
    private readonly CancellationTokenSource stopping = new CancellationTokenSource();
    private readonly BlockingCollection<Action> pipelineWork = new BlockingCollection<Action>();

    protected CancellationToken Cancellation => stopping.Token;

    protected override void StopProcessing() => stopping.Cancel();

    /// <summary>Queues work for the pipeline thread; safe from any thread.</summary>
    protected void Post(Action work) => pipelineWork.Add(work);

    /// <summary>Runs one piece of queued work, waiting for it if there is none yet.</summary>
    protected void RunNextPosted()
    {
        Action work;
        try
        {
            work = pipelineWork.Take(Cancellation);
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        work();
    }

    /// <summary>Runs one piece of queued work if it comes within the wait; false when none came.</summary>
    protected bool TryRunNextPosted(TimeSpan wait)
    {
        Action work;
        try
        {
            if (!pipelineWork.TryTake(out work, (int)Math.Max(0, wait.TotalMilliseconds), Cancellation)) return false;
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        work();
        return true;
    }

    /// <summary>After a stop: runs one piece of queued work if one comes within the wait; what it would have written is lost.</summary>
    private bool RunNextAfterStop(TimeSpan wait)
    {
        if (!pipelineWork.TryTake(out var work, (int)Math.Ceiling(Math.Max(0, wait.TotalMilliseconds)))) return false;
        try
        {
            work();
        }
        catch (PipelineStoppedException)
        {
            // The work's own bookkeeping ran; only what it would have written is lost, as after any stop.
        }
        return true;
    }

    // The pipeline thread is where a bulk job hands its outcomes (BulkWriter).
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();

    void IBulkThread.Post(Action work) => Post(work);

    bool IBulkThread.RunNext(TimeSpan wait) => TryRunNextPosted(wait);

    bool IBulkThread.RunNextAfterStop(TimeSpan wait) => RunNextAfterStop(wait);

    TimeSpan IBulkThread.Now => clock.Elapsed;

    // For the bulk job a cmdlet runs (BulkCmdletJob), which acts on its behalf.
    internal void Wake() => Post(() => { });

    internal void Warn(string text) => WriteWarning(text);

    /// <summary>
    /// A warning for after the pipeline stopped (Ctrl+C, -ErrorAction Stop), when the warning stream takes nothing more:
    /// written to the host. WriteLine, not WriteWarningLine: a transcript records only the former once the pipeline stopped.
    /// </summary>
    internal void TellHost(string text)
    {
        try
        {
            var ui = Host.UI;
            ui.WriteLine(ConsoleColor.Yellow, ui.RawUI?.BackgroundColor ?? ConsoleColor.Black, "WARNING: " + text);
        }
        catch (Exception e) when (e is System.Management.Automation.Host.HostException || e is NotImplementedException || e is NullReferenceException)
        {
            // A host without a user interface has nowhere to show it.
        }
    }

    /// <summary>
    /// Opens the change journal at a PowerShell path for appending (created when missing). One that cannot be opened
    /// stops the cmdlet with JournalNotWritable, whose message ends with <paramref name="consequence"/>.
    /// </summary>
    internal ChangeJournal OpenJournalOrStop(string path, string consequence)
    {
        try
        {
            return ChangeJournal.Open(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path));
        }
        catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException || e is ArgumentException ||
                                  e is NotSupportedException || e is ItemNotFoundException || e is ProviderNotFoundException ||
                                  e is DriveNotFoundException)
        {
            ThrowTerminatingError(ErrorRecords.InvalidArgument("JournalNotWritable",
                $"-JournalPath: the change journal '{path}' cannot be opened for appending ({e.Message}).{consequence}", path));
            return null!;
        }
    }

    /// <summary>Runs whatever is queued, without waiting.</summary>
    protected void RunPosted()
    {
        while (pipelineWork.TryTake(out var work)) work();
    }

    /// <summary>Waits for a task on the pipeline thread while writing what it reports; Ctrl+C stops the wait.</summary>
    protected void Await(Task task)
    {
        task.ContinueWith(_ => Post(() => { }), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        while (!task.IsCompleted) RunNextPosted();
        RunPosted();
        if (task.IsCanceled && Cancellation.IsCancellationRequested) throw new PipelineStoppedException();
        task.GetAwaiter().GetResult();
    }

    protected T Await<T>(Task<T> task)
    {
        Await((Task)task);
        return task.Result;
    }

    /// <summary>Writes an API failure: per item unless it dooms every item (401/403), which stops the pipeline once.</summary>
    protected void WriteApiError(SignalWireApiException error, object? target)
    {
        var record = ErrorRecords.FromApi(error, target);
        if (ErrorRecords.DoomsEveryItem(error))
        {
            // Every other request in flight would fail the same way: cancel them, then stop once.
            stopping.Cancel();
            ThrowTerminatingError(record);
        }
        WriteError(record);
    }

    void IRequestObserver.RequestSending(string method, Uri uri)
    {
        // Nothing to do as a request leaves: the bulk engine's own observers mark writes as sent.
    }

    /// <summary>Cancels every request in flight and every wait, as Ctrl+C does.</summary>
    internal void CancelRequests() => stopping.Cancel();

    void IRequestObserver.RequestCompleted(RequestTrace trace)
    {
        // Nothing to show: no work for the pipeline thread, which a bulk job would otherwise wake once per request.
        if (!tracing) return;
        Post(() =>
        {
            WriteVerbose(trace.ToString());
            WriteDebug(trace.Describe());
        });
    }

    // Whether -Verbose or -Debug text would be shown; until BeginProcessing knows, assume it would.
    private bool tracing = true;

    protected override void BeginProcessing()
    {
        tracing = Shows("Verbose", "VerbosePreference") || Shows("Debug", "DebugPreference");
    }

    /// <summary>A common parameter's value when given (-WhatIf, -ErrorAction...), else the caller's preference variable's.</summary>
    internal object? GivenOrPreference(string parameter, string preference) =>
        MyInvocation.BoundParameters.TryGetValue(parameter, out var given) ? given : SessionState.PSVariable.GetValue(preference);

    /// <summary>Whether a stream's text is shown: the switch when given, else the caller's preference.</summary>
    private bool Shows(string parameter, string preference)
    {
        var value = GivenOrPreference(parameter, preference);
        if (value is SwitchParameter switchGiven) return switchGiven.IsPresent;
        if (value is ActionPreference action) return action != ActionPreference.SilentlyContinue && action != ActionPreference.Ignore;
        return !(value is string text && (text.Equals("SilentlyContinue", StringComparison.OrdinalIgnoreCase)
            || text.Equals("Ignore", StringComparison.OrdinalIgnoreCase)));
    }

    void IRequestObserver.RetryScheduled(string method, Uri uri, string reason, TimeSpan wait, int nextAttempt) => Post(() =>
        WriteVerbose($"Retrying {method} {uri.AbsolutePath} in {wait.TotalSeconds:0.0#} s (attempt {nextAttempt}): {reason}"));

    protected override void EndProcessing() => RunPosted();

    /// <summary>
    /// PowerShell 7 gives a compiled cmdlet run with -Debug an "Inquire" preference for verbose and warning text (not
    /// so for script functions), so -Debug alone would stop at each such line to ask "Continue with this operation?",
    /// and fail in a host that cannot ask. Then the text goes to the debug stream, which -Debug shows without asking.
    /// </summary>
    protected new void WriteVerbose(string text)
    {
        if (DebugWithout("Verbose")) WriteDebug(text);
        else base.WriteVerbose(text);
    }

    protected new void WriteWarning(string text)
    {
        if (DebugWithout("WarningAction")) WriteDebug("WARNING: " + text);
        else base.WriteWarning(text);
    }

    private bool DebugWithout(string overridingParameter)
    {
        var bound = MyInvocation.BoundParameters;
        return bound.TryGetValue("Debug", out var debug) && debug is SwitchParameter on && on.IsPresent && !bound.ContainsKey(overridingParameter);
    }

    /// <summary>
    /// PowerShell disposes the cmdlet when its pipeline ends, however it ends: a terminating error (401/403), a
    /// downstream Select-Object -First, an exception. Whatever is still in flight, a retry waiting on Retry-After
    /// included, is cancelled then, so nothing goes on talking to the API after the command has returned.
    /// </summary>
    public void Dispose()
    {
        OnPipelineEnded();
        stopping.Cancel();
        OnDisposed();
    }

    /// <summary>After the pipeline ended and what was in flight was cancelled: release what the cmdlet holds open.</summary>
    internal virtual void OnDisposed()
    {
    }

    /// <summary>The pipeline has ended, however it ended; what is in flight is cancelled right after.</summary>
    internal virtual void OnPipelineEnded()
    {
    }
}

/// <summary>A cmdlet that talks to a project: -Session, or else this runspace's default session.</summary>
public abstract class SwSessionCmdlet : SwCmdlet
{
    [Parameter]
    public SwSession? Session { get; set; }

    private SwSession? resolved;

    /// <summary>The session to use; without one the cmdlet stops at once with NotConnected.</summary>
    protected SwSession ActiveSession => resolved ??= Session ?? DefaultSession.Current ?? Fail();

    private SwSession Fail()
    {
        ThrowTerminatingError(ErrorRecords.NotConnected());
        return null!;
    }

    private protected SignalWireClient Client => ActiveSession.Client;

    private CampaignDirectory? registry;

    /// <summary>The project's 10DLC brands and campaigns, each list read at the first need and kept for this run.</summary>
    private protected CampaignDirectory Registry => registry ??= new CampaignDirectory(Client, this, Cancellation);

    /// <summary>Every campaign of every brand, listed at the first need and kept for the run.</summary>
    internal IReadOnlyList<Campaign> AllCampaigns() => Await(Registry.AllAsync());

    /// <summary>Gets each item by its id, one request each; a failure is handed to <paramref name="failed"/> and the others go on.</summary>
    private protected void WriteEach<T>(IEnumerable<string> ids, Func<string, Task<T>> get, Action<SignalWireApiException, string> failed)
    {
        foreach (var id in ids)
        {
            try
            {
                WriteObject(Await(get(id)));
            }
            catch (SignalWireApiException e)
            {
                failed(e, id);
            }
        }
    }

    /// <summary>
    /// Writes the wanted items of every page of a list, fetching the next page while this one goes down the pipeline;
    /// an API failure is thrown to the caller, after the items of the pages before it.
    /// </summary>
    private protected void WritePages<TPage, TItem>(PageWalker<TPage> walk, Func<TPage, IEnumerable<TItem>> itemsOf, Func<TItem, bool>? wanted = null)
    {
        Task<TPage>? pending = walk.NextAsync();
        while (pending != null)
        {
            var page = Await(pending);
            pending = walk.HasMore ? walk.NextAsync() : null;
            if (pending == null && walk.RepeatedLink != null)
                WriteWarning($"The API sent the same next link twice ({walk.RepeatedLink.PathAndQuery}); stopped paging there.");
            foreach (var item in itemsOf(page))
                if (wanted == null || wanted(item)) WriteObject(item);
        }
    }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _ = ActiveSession;
    }
}

/// <summary>
/// A cmdlet that writes to numbers: -JournalPath (or the session's journal, from Connect-SwProject -JournalPath) records
/// every write it sends, before it leaves and once its outcome is known.
/// </summary>
public abstract class SwWriteCmdlet : SwSessionCmdlet
{
    /// <summary>The change journal to append to; wins over the session's. An empty path turns the session's off.</summary>
    [Parameter]
    public string? JournalPath { get; set; }

    private JournalObserver? journal;

    /// <summary>The journal this run writes, once opened; null when none is on.</summary>
    internal JournalObserver? Journal => journal;

    /// <summary>
    /// Opens the journal when one is on, for a run of <paramref name="cmdlet"/>; a journal that cannot be opened stops
    /// the cmdlet before anything is sent, since nothing may be sent that the journal would not record.
    /// </summary>
    internal JournalObserver? OpenJournal(string cmdlet)
    {
        var path = MyInvocation.BoundParameters.ContainsKey(nameof(JournalPath)) ? JournalPath : ActiveSession.JournalPath;
        if (string.IsNullOrEmpty(path)) return null;
        var context = new JournalContext(cmdlet, ActiveSession.SpaceUrl.Host, ActiveSession.ProjectId);
        journal = new JournalObserver(OpenJournalOrStop(path!, " Nothing was sent."), context);
        WriteVerbose($"Recording every write in the change journal {journal.FullPath}.");
        return journal;
    }

    /// <summary>
    /// Sends one journaled write that stands alone (a purchase, a release, a campaign order) and waits for its answer.
    /// Applied, <paramref name="applied"/> records what it returned. Refused, or its answer lost, it is recorded so and
    /// the API's error is thrown on for the caller to write. Stopped (Ctrl+C) with the request on the wire, it is
    /// recorded unknown and the host is told, since the pipeline takes nothing more: "Cmdlet stopped with
    /// <paramref name="what"/> sent and no answer: it may have been <paramref name="done"/>. Check with
    /// <paramref name="check"/>." Then the stop goes on.
    /// </summary>
    internal void SendOne(SingleWrite write, Func<IRequestObserver, Task> send, Action applied, string what, string done, string check)
    {
        try
        {
            Await(send(write));
            applied();
        }
        catch (SignalWireApiException e)
        {
            write.Failed(e, ErrorRecords.IdFor(e));
            throw;
        }
        catch (PipelineStoppedException) when (write.Sent)
        {
            write.Unknown();
            TellHost($"{MyInvocation.MyCommand.Name} stopped with {what} sent and no answer: it may have been {done}. Check with {check}." +
                (journal != null ? $" The change journal {journal.FullPath} records it." : ""));
            throw;
        }
    }

    /// <summary>As the other SendOne, for a write that answers with an object, which it returns.</summary>
    internal T SendOne<T>(SingleWrite write, Func<IRequestObserver, Task<T>> send, Action<T> applied, string what, string done, string check)
    {
        T result = default!;
        SendOne(write, async observer => result = await send(observer).ConfigureAwait(false), () => applied(result), what, done, check);
        return result;
    }

    internal override void OnDisposed() => journal?.Dispose();
}
