using System;
using System.Management.Automation;
using System.Threading.Tasks;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Internal.Bulk;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>
/// A bulk job as a cmdlet runs it, for any cmdlet that writes with the bulk engine (<see cref="BulkWriter{TItem}"/>): the
/// engine, and what PowerShell needs around it. Ctrl+C (StopProcessing, on another thread), a stop met on the pipeline
/// thread and -ErrorAction Stop at an error each end the job with an account of what it did, told on the host since the
/// pipeline takes no more output; a failure every item would meet (401, 403) ends it with a warning and one terminating
/// error. The cmdlet keeps binding, reading its inputs, judging each one, ShouldProcess and writing results.
/// </summary>
internal sealed class BulkCmdletJob<TItem> where TItem : BulkItem
{
    private readonly SwCmdlet cmdlet;
    private readonly BulkOptions options;
    private readonly System.Diagnostics.Stopwatch elapsed = System.Diagnostics.Stopwatch.StartNew();
    private TimeSpan lastProgress;
    private int refused;
    private volatile bool stopRequested;

    public BulkCmdletJob(SwCmdlet cmdlet, IBulkHost<TItem> host, IBulkTransport transport, BulkOptions options)
    {
        this.cmdlet = cmdlet;
        this.options = options;
        Engine = new BulkWriter<TItem>(transport, host, cmdlet, options);
    }

    public BulkWriter<TItem> Engine { get; }

    /// <summary>
    /// Runs work of the pipeline thread unless Ctrl+C came; a stop met on the way (PowerShell's, or the requests') ends
    /// the job as Ctrl+C does.
    /// </summary>
    public void Run(Action work)
    {
        if (stopRequested) StopForUser();
        try
        {
            work();
        }
        catch (Exception e) when (e is PipelineStoppedException || e is OperationCanceledException)
        {
            // A write met the stop before StopProcessing was called (PowerShell marks the pipeline stopping first).
            StopForUser();
        }
        if (stopRequested) StopForUser();
    }

    /// <summary>Takes an input, then handles outcomes until there is room for the next: all in flight or waiting stays within the caps.</summary>
    public void Add(TItem item)
    {
        Engine.Add(item);
        while (!Engine.TakesMoreInput && !stopRequested) Engine.Pump();
    }

    /// <summary>After the last input: handles outcomes until every input is done, then says which numbers were named more than once.</summary>
    public void Finish()
    {
        while (!Engine.IsIdle && !stopRequested) Engine.Pump();
        Engine.RunCompleted();
        var named = Engine.NamedMoreThanOnce;
        if (named.Count > 0)
            cmdlet.Warn($"The input named {Names.Some(named)} more than once: {options.NamedTwice}.");
        if (Engine.Applied + Engine.Failed + refused + Engine.Unchanged > 0)
            cmdlet.WriteProgress(new ProgressRecord(1, options.Cmdlet, "Done") { RecordType = ProgressRecordType.Completed });
    }

    /// <summary>
    /// Ctrl+C. The requests already on the wire are given a moment to come back rather than cut off, so that what they
    /// changed can be told; writes still waiting for their turn are cancelled at once, so none starts after the stop.
    /// </summary>
    public void RequestStop()
    {
        stopRequested = true;
        Engine.CloseOutput();
        cmdlet.Wake();
        // Should the pipeline thread not come back to this cmdlet (it is upstream), nothing waits past the grace.
        _ = Task.Delay(options.ClosedStopPatience + TimeSpan.FromSeconds(1)).ContinueWith(_ => cmdlet.CancelRequests(), TaskScheduler.Default);
    }

    /// <summary>
    /// The pipeline ended before the job did, and the job never stopped either: Ctrl+C reached it while the pipeline
    /// thread was in another command (upstream, taking the next input), or another command failed. What it sent is
    /// accounted for all the same, on the host, before its requests are cancelled.
    /// </summary>
    public void EndIfCutShort()
    {
        if (Engine.IsStopping || (Engine.IsIdle && !stopRequested)) return;
        ReportStopOnHost();
    }

    /// <summary>An input refused before it reached the engine: an error of its own, counted with the failures.</summary>
    public void Refuse(ErrorRecord record)
    {
        refused++;
        WriteError(record);
    }

    /// <summary>
    /// Writes a per-item error. When -ErrorAction Stop (or $ErrorActionPreference = 'Stop') will turn it into the end of the
    /// job, the job stops first while the pipeline still takes output: nothing new is sent, the writes on the wire are
    /// waited for and each one applied is written out, one warning names the numbers whose outcome is unknown, and only
    /// then is the error written, which ends the pipeline. So -OutVariable and $result hold every number changed.
    /// </summary>
    public void WriteError(ErrorRecord record)
    {
        if (!Engine.IsStopping && StopsAtError())
        {
            var report = Engine.Stop();
            cmdlet.CancelRequests();
            var text = Describe(report);
            if (text != null) cmdlet.Warn(text);
        }
        try
        {
            cmdlet.WriteError(record);
        }
        catch (Exception e) when (e is PipelineStoppedException || e is ActionPreferenceStopException)
        {
            // -ErrorAction Stop: PowerShell stops the pipeline at this error, so nothing more can be written out.
            ReportStopOnHost();
            throw;
        }
        ReportProgress();
    }

    /// <summary>The job stopped at a failure every item would meet: one warning says what it did, then one terminating error.</summary>
    public void EndForAll(StopReport report, ErrorRecord record)
    {
        cmdlet.CancelRequests();
        var text = Describe(report);
        if (text != null) cmdlet.Warn(text);
        cmdlet.ThrowTerminatingError(record);
    }

    /// <summary>Whether an error written now ends the pipeline: -ErrorAction Stop, or else the caller's $ErrorActionPreference.</summary>
    private bool StopsAtError()
    {
        var preference = cmdlet.GivenOrPreference("ErrorAction", "ErrorActionPreference");
        if (preference is ActionPreference action) return action == ActionPreference.Stop;
        return preference != null && string.Equals(preference.ToString(), "Stop", StringComparison.OrdinalIgnoreCase);
    }

    private string? JournalPath => (options.Changes as JournalObserver)?.FullPath;

    /// <summary>The one warning a stopped job gives, in this job's words; null when there is nothing to tell.</summary>
    private string? Describe(StopReport? report) => report?.Describe(options.Cmdlet, JournalPath, options.ResultsDone, options.CheckWith);

    /// <summary>At most four progress updates a second: cheap even for thousands of numbers.</summary>
    public void ReportProgress()
    {
        if (Engine.IsStopping) return;
        var now = elapsed.Elapsed;
        if (now - lastProgress < TimeSpan.FromMilliseconds(250)) return;
        lastProgress = now;
        var (updated, failed) = (Engine.Applied, Engine.Failed + refused);
        var rate = (updated + failed) / Math.Max(0.001, now.TotalSeconds);
        var status = $"{updated} updated, {failed} failed, {Engine.Unchanged} unchanged, {rate:0} a second";
        cmdlet.WriteProgress(new ProgressRecord(1, options.Cmdlet, status));
    }

    /// <summary>Ctrl+C reached the cmdlet: account for what was sent, then end as PowerShell expects.</summary>
    private void StopForUser()
    {
        stopRequested = true;
        ReportStopOnHost();
        throw new PipelineStoppedException();
    }

    /// <summary>
    /// After a stop that closed the pipeline (Ctrl+C, -ErrorAction Stop): the host is told which numbers were changed or
    /// may have been, beyond the results already written.
    /// </summary>
    private void ReportStopOnHost()
    {
        Engine.CloseOutput();
        var text = Describe(Engine.Stop());
        cmdlet.CancelRequests();
        if (text != null) cmdlet.TellHost(text);
    }
}
