using System.Collections.Concurrent;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Internal.Bulk;
using SignalWire.PowerShell.Models;
using PhoneNumber = SignalWire.PowerShell.Models.PhoneNumber;

namespace SignalWire.PowerShell.Tests;

/// <summary>
/// The bulk engine against a fake transport, on a thread the test drives: a request is answered when the test answers
/// it, goes on the wire when the test says so, and time passes only when the thread finds nothing to do. No network,
/// no PowerShell, no clock.
/// </summary>
public class BulkWriterTests
{
    // ---- one lane per number -------------------------------------------------------------------------------------------

    [Fact]
    public void Inputs_for_one_number_go_one_after_another_in_input_order_each_from_the_state_the_last_left()
    {
        var job = new Job(throttleLimit: 64);
        job.Add(Item.ById(A, "v1"));
        job.Add(Item.ById(B, "b"));
        job.Add(Item.ById(A, "v2"));
        job.Add(Item.ById(A, "v3"));

        // Only the first input for A is on its way; B, another number, goes beside it.
        Assert.Equal(["PUT A name=v1", "PUT B name=b"], job.Transport.Sent());
        job.Transport.Calls[0].Answer(Number(A, "v1"));
        job.Engine.RunCompleted();
        Assert.Equal("PUT A name=v2", job.Transport.Sent()[^1]);
        job.Transport.Calls[2].Answer(Number(A, "v2"));
        job.Transport.Calls[1].Answer(Number(B, "b"));
        job.Engine.RunCompleted();
        job.Transport.Calls[3].Answer(Number(A, "v3"));
        job.Engine.RunCompleted();

        Assert.Equal(["PUT A name=v1", "PUT B name=b", "PUT A name=v2", "PUT A name=v3"], job.Transport.Sent());
        // Each input for A was judged against what the one before it left, not against a read of its own.
        Assert.Equal(["A (none)", "B (none)", "A v1", "A v2"], job.Host.Planned);
        Assert.Equal(["A v1", "A v2", "B b", "A v3"], job.Host.Results.Select(r => $"{Short(r.Result.Id)} {r.Result.Name}"));
        Assert.Equal([NumberOf(A)], job.Engine.NamedMoreThanOnce);
        Assert.True(job.Engine.IsIdle);
    }

    [Fact]
    public void An_input_naming_the_number_waits_behind_one_naming_its_id_once_the_lookup_found_it()
    {
        var job = new Job();
        job.Add(Item.ById(A, "by id"));
        job.Add(Item.ByNumber(NumberOf(A), "by number"));

        // The lookup (a read) goes beside the write; what it finds then waits its turn in the id's lane.
        Assert.Equal(["PUT A name=by id", "FIND " + NumberOf(A)], job.Transport.Sent());
        job.Transport.Calls[1].Found(Number(A, "before"));
        job.Engine.RunCompleted();
        Assert.Equal(2, job.Transport.Calls.Count);

        job.Transport.Calls[0].Answer(Number(A, "by id"));
        job.Engine.RunCompleted();
        Assert.Equal("PUT A name=by number", job.Transport.Sent()[^1]);
        job.Transport.Calls[2].Answer(Number(A, "by number"));
        job.Engine.RunCompleted();

        Assert.Equal(["by id", "by number"], job.Host.Results.Select(r => r.Result.Name));
        Assert.Equal([NumberOf(A)], job.Engine.NamedMoreThanOnce);
    }

    [Fact]
    public void A_number_not_found_or_found_twice_is_refused_before_any_write()
    {
        var job = new Job();
        job.Add(Item.ByNumber("+15550000001", "x"));
        job.Add(Item.ByNumber("+15550000002", "x"));
        job.Transport.Calls[0].Found();
        job.Transport.Calls[1].Found(Number(A, "a"), Number(B, "b"));
        job.Engine.RunCompleted();

        Assert.Equal(["FIND +15550000001", "FIND +15550000002"], job.Transport.Sent());
        var failures = job.Host.Failures.Select(f => (BulkRefusal)f.Error).ToList();
        Assert.Equal(["PhoneNumberNotFound", "AmbiguousNumber"], failures.Select(f => f.ErrorId));
        Assert.Equal([RefusalKind.NotFound, RefusalKind.Ambiguous], failures.Select(f => f.Kind));
        Assert.Equal(2, job.Engine.Failed);
    }

    // ---- how much is in flight -----------------------------------------------------------------------------------------

    [Fact]
    public void ThrottleLimit_caps_reads_and_writes_together_and_the_intake()
    {
        var job = new Job(throttleLimit: 3);
        var most = 0;
        for (var i = 0; i < 12; i++)
        {
            // Every third input is named by its number: a read first, then its write.
            job.Add(i % 3 == 0 ? Item.ByNumber(NumberOf(Id(i)), "t") : Item.ById(Id(i), "t"));
            while (!job.Engine.TakesMoreInput)
            {
                most = Math.Max(most, job.Transport.Open.Count);
                job.Transport.AnswerOldest();
                job.Engine.Pump();
            }
            most = Math.Max(most, job.Transport.Open.Count);
        }
        while (!job.Engine.IsIdle)
        {
            most = Math.Max(most, job.Transport.Open.Count);
            job.Transport.AnswerOldest();
            job.Engine.Pump();
        }

        Assert.Equal(3, most);
        Assert.Equal(12, job.Host.Results.Count);
        Assert.Equal(4, job.Transport.Calls.Count(c => c.Method == "FIND"));
        Assert.Equal(12, job.Transport.Calls.Count(c => c.Method == "PUT"));
    }

    [Fact]
    public void Writes_stay_within_the_window_while_reads_run_ahead_of_them()
    {
        var job = new Job(window: 4);
        var taken = 0;
        for (var i = 0; i < 20 && job.Engine.TakesMoreInput; i++, taken++) job.Add(Item.ById(Id(i), "w"));

        // Four writes on their way, four waiting for a place: no more input is taken than the window holds again.
        Assert.Equal(8, taken);
        Assert.Equal(4, job.Transport.Open.Count);
        Assert.False(job.Engine.TakesMoreInput);

        // Reads are not rate-limited: inputs named by number are all looked up, whatever the writes wait for.
        var reads = new Job(window: 4);
        for (var i = 0; i < 20; i++) reads.Add(Item.ByNumber(NumberOf(Id(i)), "r"));
        Assert.Equal(20, reads.Transport.Open.Count(c => c.Method == "FIND"));
        for (var i = 0; i < 20; i++) reads.Transport.Calls[i].Found(Number(Id(i), "before"));
        reads.Engine.RunCompleted();
        Assert.Equal(4, reads.Transport.Open.Count(c => c.Method == "PUT"));

        // As writes come back, the waiting ones take their places.
        job.Transport.Calls[0].Answer(Number(Id(0), "w"));
        job.Engine.RunCompleted();
        Assert.Equal(4, job.Transport.Open.Count);
        Assert.Equal(5, job.Transport.Calls.Count);
    }

    // ---- a stop --------------------------------------------------------------------------------------------------------

    [Fact]
    public void A_stop_sends_none_of_the_waiting_writes_and_accounts_for_those_in_flight()
    {
        var job = new Job(window: 3);
        for (var i = 0; i < 6; i++) job.Add(Item.ById(Id(i), "stop"));
        var calls = job.Transport.Calls.ToList();
        Assert.Equal(3, calls.Count);
        // Two went on the wire; the third still waits for its turn under the write limit.
        calls[0].GoOnWire();
        calls[1].GoOnWire();
        calls[0].Answer(Number(Id(0), "stop"));

        // Ctrl+C: the output takes nothing more, and the write not yet on the wire is cancelled at once.
        job.Engine.CloseOutput();
        Assert.True(calls[2].Token.IsCancellationRequested);
        Assert.False(calls[1].Token.IsCancellationRequested);
        var report = job.Engine.Stop()!;

        Assert.Equal(3, job.Transport.Calls.Count);
        Assert.Empty(job.Host.Results);
        Assert.Equal([NumberOf(Id(0))], report.AppliedUnwritten);
        // Named by id: nothing read them first.
        Assert.Equal([Id(1)], report.Unknown);
        Assert.Equal(4, report.NotStarted);
        Assert.Equal(0, report.WrittenOut);
        Assert.True(calls[1].Token.IsCancellationRequested);
        Assert.Equal([$"sending {Id(0)}", $"sending {Id(1)}", $"Applied {Id(0)}", $"Unknown {Id(1)}"], job.Journal.Events);
        Assert.Contains("Applied while stopping: " + NumberOf(Id(0)), report.Describe("Set-SwPhoneNumber"));
        Assert.Contains("4 inputs were not attempted", report.Describe("Set-SwPhoneNumber"));

        // What comes back after the report changes nothing: the report is final.
        calls[1].Answer(Number(Id(1), "stop"));
        job.Engine.RunCompleted();
        Assert.Empty(job.Host.Results);
        Assert.Null(job.Engine.Stop());
    }

    [Fact]
    public void A_failure_every_item_would_meet_stops_the_job_and_writes_out_what_comes_back_meanwhile()
    {
        var job = new Job(window: 4);
        for (var i = 0; i < 6; i++) job.Add(Item.ById(Id(i), "doomed"));
        var calls = job.Transport.Calls.ToList();
        foreach (var call in calls) call.GoOnWire();
        calls[1].Fail(new SignalWireApiException(SignalWireErrorKind.Unauthorized, "401", 401));
        // While the stop waits, the first write comes back; the last two never do.
        job.Thread.WhenIdle(() => calls[0].Answer(Number(Id(0), "doomed")));
        job.Engine.RunCompleted();

        var (item, error, report) = Assert.Single(job.Host.EndedForAll);
        Assert.Equal(Id(1), item.Id);
        Assert.Equal(SignalWireErrorKind.Unauthorized, ((SignalWireApiException)error).Kind);
        Assert.Equal([Id(0)], job.Host.Results.Select(r => r.Result.Id));
        Assert.Equal(1, report.WrittenOut);
        Assert.Equal([Id(2), Id(3)], report.Unknown.Order());
        Assert.Equal(2, report.NotStarted);
        Assert.Equal(4, job.Transport.Calls.Count);
        Assert.Empty(job.Host.Failures);
    }

    // ---- an uncertain write --------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("in place", "Applied")]
    [InlineData("not in place", "Failed")]
    [InlineData("unreadable", "Unknown")]
    public void A_write_that_timed_out_is_read_back(string readBack, string outcome)
    {
        var job = new Job();
        job.Add(Item.ById(A, "slow"));
        job.Transport.Calls[0].GoOnWire();
        job.Transport.Calls[0].Fail(new SignalWireApiException(SignalWireErrorKind.Timeout, "PUT timed out after 1 s."));
        job.Engine.RunCompleted();

        Assert.Equal(["PUT A name=slow", "GET A"], job.Transport.Sent());
        if (readBack == "unreadable") job.Transport.Calls[1].Fail(new SignalWireApiException(SignalWireErrorKind.NetworkError, "connection reset"));
        else job.Transport.Calls[1].Answer(Number(A, readBack == "in place" ? "slow" : "before"));
        job.Engine.RunCompleted();

        Assert.Equal([$"sending {A}", $"{outcome} {A}"], job.Journal.Events);
        if (readBack == "in place")
        {
            var result = Assert.Single(job.Host.Results);
            Assert.Equal(SignalWireErrorKind.Timeout, result.ConfirmedAfter!.Kind);
            Assert.Empty(job.Host.Failures);
            return;
        }
        Assert.Empty(job.Host.Results);
        var failure = (SignalWireApiException)Assert.Single(job.Host.Failures).Error;
        Assert.Equal(SignalWireErrorKind.Timeout, failure.Kind);
        Assert.Contains(readBack == "not in place" ? "shows the change was not applied" : "Its outcome is unknown", failure.Message);
    }

    [Fact]
    public void A_read_back_a_stop_drops_leaves_the_write_named_as_unknown()
    {
        var job = new Job(throttleLimit: 1);
        job.Add(Item.ById(A, "slow"));
        job.Transport.Calls[0].GoOnWire();
        job.Transport.Calls[0].Fail(new SignalWireApiException(SignalWireErrorKind.NetworkError, "connection reset"));
        job.Engine.CloseOutput();
        var report = job.Engine.Stop()!;

        Assert.Single(job.Transport.Calls);
        Assert.Equal([A], report.Unknown);
        Assert.Equal([$"sending {A}", $"Unknown {A}"], job.Journal.Events);
    }

    // ---- a campaign removal: a DELETE that may be sent again ------------------------------------------------------------

    [Theory]
    [InlineData("removed", "Applied")]
    [InlineData("already off", "Applied")]
    [InlineData("refused", "Unknown")]
    public void A_campaign_removal_that_timed_out_is_sent_again_and_a_404_then_means_it_is_off(string again, string outcome)
    {
        var job = new Job();
        job.Host.Plan = item => BulkPlan.Send([PhoneNumberWrite.RemoveFromCampaign(Number(item.Id!, "n"), "asg-1", "cmp-1")]);
        job.Add(Item.ById(A, "n"));
        job.Transport.Calls[0].GoOnWire();
        job.Transport.Calls[0].Fail(new SignalWireApiException(SignalWireErrorKind.Timeout, "DELETE timed out after 1 s."));
        job.Engine.RunCompleted();

        // The registry has no read of one assignment: the same DELETE is the read-back.
        Assert.Equal(["DELETE assignment asg-1", "DELETE assignment asg-1"], job.Transport.Sent());
        if (again == "removed") job.Transport.Calls[1].Answer(Number(A, "n"));
        else if (again == "already off") job.Transport.Calls[1].Fail(new SignalWireApiException(SignalWireErrorKind.NotFound, "Not found", 404));
        else job.Transport.Calls[1].Fail(new SignalWireApiException(SignalWireErrorKind.ServerError, "Server error", 500));
        job.Engine.RunCompleted();

        Assert.Equal([$"sending {A}", $"{outcome} {A}"], job.Journal.Events);
        var journaled = job.Journal.Writes[^1];
        Assert.Equal("campaign_remove", journaled.Write.Action);
        Assert.Equal("campaign_id 'cmp-1' → ''", Assert.Single(journaled.Write.Fields).ToString());
        if (outcome == "Applied")
        {
            Assert.Equal(NumberOf(A), Assert.Single(job.Host.Results).Result.Number);
            Assert.Equal("asg-1", journaled.Write.Returned(journaled.Outcome!.Result!)["assignment_id"]);
            return;
        }
        var failure = (SignalWireApiException)Assert.Single(job.Host.Failures).Error;
        Assert.Contains("check it with Get-SwCampaignNumber -Campaign cmp-1", failure.Message);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void A_404_answering_the_clients_own_retry_of_a_campaign_removal_means_the_lost_attempt_took_it_off(int attempts, bool applied)
    {
        var job = new Job();
        job.Host.Plan = item => BulkPlan.Send([PhoneNumberWrite.RemoveFromCampaign(Number(item.Id!, "n"), "asg-1", "cmp-1")]);
        job.Add(Item.ById(A, "n"));
        job.Transport.Calls[0].GoOnWire();
        job.Transport.Calls[0].Fail(new SignalWireApiException(SignalWireErrorKind.NotFound, "Not found", 404, attempts: attempts));
        job.Engine.RunCompleted();

        Assert.Single(job.Transport.Calls);
        Assert.Equal(applied ? 1 : 0, job.Host.Results.Count);
        Assert.Equal(applied ? 0 : 1, job.Host.Failures.Count);
    }

    // ---- what a change journal hears -----------------------------------------------------------------------------------

    [Fact]
    public void The_journal_hears_of_each_write_before_it_goes_on_the_wire_and_at_its_outcome()
    {
        var job = new Job();
        var before = Number(A, "old");
        var item = new Item(A, null, before, readFirst: false, "new");
        job.Host.Plan = i => BulkPlan.Send([
            PhoneNumberWrite.Update(i.Id!, i.Current?.Number, i.Current, i.Update),
            PhoneNumberWrite.AssignAddress(i.Id!, i.Current?.Number, i.Current, "5ef2ee98-646b-410e-93c7-7b0c29d50b43"),
        ]);
        job.Add(item);

        // Queued in the client, not yet on the wire: nothing to record.
        Assert.Empty(job.Journal.Writes);
        job.Transport.Calls[0].GoOnWire();
        job.Transport.Calls[0].GoOnWire();   // a retry is the same write
        var (sent, _) = Assert.Single(job.Journal.Writes);
        Assert.Equal((A, NumberOf(A), "PUT", "Bulk-Test"), (sent.Id, sent.Number, sent.Method, sent.Cmdlet));
        var field = Assert.Single(sent.Fields);
        Assert.Equal(("name", true, "old", "new"), (field.ApiName, field.OldValueKnown, field.OldValue, field.NewValue));

        var applied = Number(A, "new");
        job.Transport.Calls[0].Answer(applied);
        job.Engine.RunCompleted();
        Assert.Same(applied, job.Journal.Writes[1].Outcome!.Result);
        Assert.Equal(WriteOutcomeKind.Applied, job.Journal.Writes[1].Outcome!.Kind);

        // The address is its own write, sent once the PUT is applied.
        Assert.Equal("POST A", job.Transport.Sent()[^1]);
        job.Transport.Calls[1].GoOnWire();
        const string refused = "422 Unprocessable Entity: address not validated";
        job.Transport.Calls[1].Fail(new SignalWireApiException(SignalWireErrorKind.Validation, refused, 422));
        job.Engine.RunCompleted();
        var (address, failed) = job.Journal.Writes[^1];
        Assert.Equal(("POST", "e911_address_id", "5ef2ee98-646b-410e-93c7-7b0c29d50b43"),
            (address.Method, address.Fields[0].ApiName, address.Fields[0].NewValue));
        Assert.Equal((WriteOutcomeKind.Failed, "SignalWireApiException", refused), (failed!.Kind, failed.ErrorId, failed.Message));
        Assert.Equal(["sending PUT", "Applied PUT", "sending POST", "Failed POST"],
            job.Journal.Writes.Select(w => (w.Outcome?.Kind.ToString() ?? "sending") + " " + w.Write.Method));
        Assert.Single(job.Host.Failures);
    }

    [Fact]
    public void A_write_cancelled_before_it_went_on_the_wire_is_never_recorded()
    {
        var job = new Job();
        job.Add(Item.ById(A, "never"));
        job.Engine.CloseOutput();
        var report = job.Engine.Stop()!;

        Assert.Empty(job.Journal.Events);
        Assert.Empty(report.Unknown);
        Assert.Equal(1, report.NotStarted);
    }

    // ---- the change of Set-SwPhoneNumber: each value checked once -------------------------------------------------------

    [Fact]
    public void A_value_checked_on_the_command_line_is_not_checked_again_and_a_cell_is_checked_when_it_is_sent()
    {
        var handler = PhoneNumberFields.Get("call_handler");
        var url = PhoneNumberFields.Get("call_request_url");
        var wanted = new PhoneNumberUpdate().Set(handler, "laml_webhooks").Set(url, "not a url");
        var current = Number(A, "x");

        var fromCell = new PhoneNumberChange(A, null, current, wanted, [handler], [], false, null, false).Judge();
        Assert.Equal("InvalidFieldValue", fromCell!.ErrorId);
        Assert.Contains("-CallRequestUrl", fromCell.Message);
        var fromCommandLine = new PhoneNumberChange(A, null, current, wanted, [handler, url], [], false, null, false).Judge();
        Assert.Null(fromCommandLine);

        // A cell equal to the number's value is not sent, so it is not judged either.
        current.CallRequestUrl = "not a url";
        Assert.Null(new PhoneNumberChange(A, null, current, wanted, [handler], [], false, null, false).Judge());
    }

    // ---- the fakes -----------------------------------------------------------------------------------------------------

    private const string IdPrefix = "0b4e8d43-2a8b-4a3a-9f1e-00000";
    private const string A = IdPrefix + "7000001";
    private const string B = IdPrefix + "7000002";

    private static string Id(int i) => IdPrefix + i.ToString("D7");

    /// <summary>An id's number and back, so a test can name a number either way.</summary>
    private static string NumberOf(string id) => "+1555" + id.Substring(IdPrefix.Length);

    private static string IdOf(string number) => IdPrefix + number.Substring(5);

    private static string? Short(string? id) => id == A ? "A" : id == B ? "B" : id;

    private static PhoneNumber Number(string id, string name) => new() { Id = id, Number = NumberOf(id), Name = name };

    private sealed class Item : BulkItem
    {
        public Item(string? id, string? number, PhoneNumber? current, bool readFirst, string name)
            : base(id, number, current, readFirst) => Update = new PhoneNumberUpdate().Set(PhoneNumberFields.Get("name"), name);

        public PhoneNumberUpdate Update { get; }

        public static Item ById(string id, string name) => new(id, null, null, false, name);

        public static Item ByNumber(string number, string name) => new(null, number, null, false, name);
    }

    private sealed class Job
    {
        public Job(int throttleLimit = 0, int window = 64)
        {
            Transport.WriteWindowSize = window;
            Engine = new BulkWriter<Item>(Transport, Host, Thread, new BulkOptions
            {
                Cmdlet = "Bulk-Test",
                ThrottleLimit = throttleLimit,
                Changes = Journal,
            });
        }

        public FakeTransport Transport { get; } = new();
        public RecordingHost Host { get; } = new();
        public DrivenThread Thread { get; } = new();
        public RecordingJournal Journal { get; } = new();
        public BulkWriter<Item> Engine { get; }

        public void Add(Item item) => Engine.Add(item);
    }

    /// <summary>Runs what is posted when asked; with nothing to run, a step the test queued happens (an answer), else time passes.</summary>
    private sealed class DrivenThread : IBulkThread
    {
        private readonly ConcurrentQueue<Action> work = new();
        private readonly Queue<Action> idleSteps = new();

        public TimeSpan Now { get; private set; }

        public void WhenIdle(Action step) => idleSteps.Enqueue(step);

        public void Post(Action item) => work.Enqueue(item);

        public bool RunNext(TimeSpan wait)
        {
            if (work.IsEmpty && idleSteps.Count > 0) idleSteps.Dequeue()();
            if (work.TryDequeue(out var next))
            {
                next();
                return true;
            }
            Now += wait;
            return false;
        }

        public bool RunNextAfterStop(TimeSpan wait) => RunNext(wait);
    }

    private sealed class FakeTransport : IBulkTransport
    {
        public int WriteWindowSize { get; set; }
        public List<Call> Calls { get; } = [];
        public List<Call> Open => Calls.Where(c => !c.Done).ToList();

        public List<string> Sent() => Calls.Select(c => c.ToString()).ToList();

        public void AnswerOldest()
        {
            var call = Open[0];
            if (call.Method == "FIND") call.Found(Number(IdOf(call.Target), "before"));
            else call.Answer(Number(call.Target, "t"));
        }

        public Task<IReadOnlyList<PhoneNumber>> FindPhoneNumbersAsync(string e164, IRequestObserver? observer, CancellationToken token)
        {
            var call = Add("FIND", e164, null, observer, token);
            call.Many = new TaskCompletionSource<IReadOnlyList<PhoneNumber>>();
            token.Register(() => call.Many.TrySetCanceled(token));
            return call.Many.Task;
        }

        public Task<PhoneNumber> GetPhoneNumberAsync(string id, IRequestObserver? observer, CancellationToken token) =>
            One(Add("GET", id, null, observer, token), token);

        public Task<PhoneNumber> UpdatePhoneNumberAsync(string id, PhoneNumberUpdate update, IRequestObserver? observer, CancellationToken token) =>
            One(Add("PUT", id, string.Join(",", update.Changes.Select(c => $"{c.Field.ApiName}={c.Value}")), observer, token), token);

        public Task<PhoneNumber> AssignE911AddressAsync(string numberId, string addressId, IRequestObserver? observer, CancellationToken token) =>
            One(Add("POST", numberId, null, observer, token), token);

        public Task<PhoneNumber> RemoveE911AddressAsync(string numberId, IRequestObserver? observer, CancellationToken token) =>
            One(Add("DELETE", numberId, null, observer, token), token);

        public Task DeleteCampaignNumberAsync(string assignmentId, IRequestObserver? observer, CancellationToken token) =>
            One(Add("DELETE", "assignment " + assignmentId, null, observer, token), token);

        private Call Add(string method, string target, string? body, IRequestObserver? observer, CancellationToken token)
        {
            var call = new Call(method, target, body, observer, token);
            Calls.Add(call);
            return call;
        }

        private static Task<PhoneNumber> One(Call call, CancellationToken token)
        {
            call.One = new TaskCompletionSource<PhoneNumber>();
            token.Register(() => call.One.TrySetCanceled(token));
            return call.One.Task;
        }
    }

    private sealed class Call(string method, string target, string? body, IRequestObserver? observer, CancellationToken token)
    {
        public string Method => method;
        public string Target => target;
        public CancellationToken Token => token;
        public TaskCompletionSource<PhoneNumber>? One { get; set; }
        public TaskCompletionSource<IReadOnlyList<PhoneNumber>>? Many { get; set; }
        public bool Done => (One?.Task ?? (Task?)Many?.Task)!.IsCompleted;

        /// <summary>The client says so just before sending; the address names no number, so nothing can be read from it.</summary>
        public void GoOnWire() => observer?.RequestSending(method, new Uri("https://example.invalid/"));

        public void Answer(PhoneNumber number) => One!.TrySetResult(number);

        public void Found(params PhoneNumber[] numbers) => Many!.TrySetResult(numbers);

        public void Fail(Exception error)
        {
            if (One != null) One.SetException(error);
            else Many!.SetException(error);
        }

        public override string ToString() =>
            $"{method} {Short(target)}" + (body == null ? "" : " " + body);
    }

    private sealed class RecordingHost : IBulkHost<Item>
    {
        public Func<Item, BulkPlan> Plan { get; set; } = item =>
            BulkPlan.Send([PhoneNumberWrite.Update(item.Id!, item.Current?.Number ?? item.Number, item.Current, item.Update)]);

        public List<string> Planned { get; } = [];
        public List<(Item Item, PhoneNumber Result, SignalWireApiException? ConfirmedAfter)> Results { get; } = [];
        public List<(Item Item, Exception Error)> Failures { get; } = [];
        public List<(Item Item, Exception Error, StopReport Report)> EndedForAll { get; } = [];

        BulkPlan IBulkHost<Item>.Plan(Item item)
        {
            Planned.Add($"{Short(item.Id)} {item.Current?.Name ?? "(none)"}");
            return Plan(item);
        }

        void IBulkHost<Item>.WriteResult(Item item, PhoneNumber result, SignalWireApiException? confirmedAfter) =>
            Results.Add((item, result, confirmedAfter));

        void IBulkHost<Item>.WriteFailure(Item item, Exception error) => Failures.Add((item, error));

        void IBulkHost<Item>.EndForAll(Item item, Exception error, StopReport report) => EndedForAll.Add((item, error, report));
    }

    private sealed class RecordingJournal : IChangeObserver
    {
        public List<(PhoneNumberWrite Write, WriteOutcome? Outcome)> Writes { get; } = [];

        public List<string> Events => Writes.Select(w => $"{w.Outcome?.Kind.ToString() ?? "sending"} {w.Write.Id}").ToList();

        public void WriteSending(PhoneNumberWrite write)
        {
            lock (Writes) Writes.Add((write, null));
        }

        public void WriteEnded(PhoneNumberWrite write, WriteOutcome outcome)
        {
            lock (Writes) Writes.Add((write, outcome));
        }
    }
}
