using System.Diagnostics;
using SignalWire.Emulator;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;
using PhoneNumber = SignalWire.PowerShell.Models.PhoneNumber;

namespace SignalWire.PowerShell.Tests;

/// <summary>Retries, redirects and dropped connections: counted in the emulator's request log.</summary>
public class ClientRetryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static PhoneNumberUpdate Rename(string name) => new PhoneNumberUpdate().Set(PhoneNumberFields.Get("name"), name);

    private static Task<PhoneNumber> Call(Harness h, string method, RecordingObserver? observer = null) =>
        method == "GET"
            ? h.Client.GetPhoneNumberAsync(h.FirstId, observer, None)
            : h.Client.UpdatePhoneNumberAsync(h.FirstId, Rename("Retried"), observer, None);

    [Theory]
    [InlineData(500, "GET")]
    [InlineData(502, "GET")]
    [InlineData(503, "GET")]
    [InlineData(504, "GET")]
    [InlineData(500, "PUT")]
    [InlineData(502, "PUT")]
    [InlineData(503, "PUT")]
    [InlineData(504, "PUT")]
    public async Task Server_errors_are_retried_until_success(int status, string method)
    {
        await using var h = await Harness.StartAsync();
        h.AddFault(new FaultRule { Action = "status", Status = status, Times = 2 });
        var observer = new RecordingObserver();

        var number = await Call(h, method, observer);

        Assert.Equal(h.FirstId, number.Id);
        var log = h.Requests;
        Assert.Equal(new[] { status, status, 200 }, log.Select(r => r.Status));
        Assert.All(log, r => Assert.Equal(method, r.Method));
        Assert.All(log, r => Assert.Equal(method == "PUT" ? """{"name":"Retried"}""" : null, r.Body)); // the same body each time
        Assert.All(log, r => Assert.Equal("Basic ****", r.Headers["Authorization"]));
        Assert.Equal(new[] { 2, 3 }, observer.Retries.Select(r => r.NextAttempt));
        Assert.All(observer.Retries, r => Assert.StartsWith(status.ToString(), r.Reason));
        Assert.Equal(new[] { 1, 2, 3 }, observer.Traces.Select(t => t.Attempt));
        if (method == "PUT") Assert.Equal("Retried", number.Name);
    }

    [Theory]
    [InlineData(500, "GET", 2)]
    [InlineData(503, "PUT", 2)]
    [InlineData(504, "GET", 0)]
    [InlineData(502, "PUT", 4)]
    public async Task Retries_stop_after_MaximumRetryCount_and_the_error_says_so(int status, string method, int retries)
    {
        await using var h = await Harness.StartAsync(client: o => o.MaximumRetryCount = retries);
        h.AddFault(new FaultRule { Action = "status", Status = status });

        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => Call(h, method));

        Assert.Equal(retries + 1, h.Requests.Count);
        Assert.Equal(SignalWireErrorKind.ServerError, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status), error.ApiMessage);
        Assert.Equal(retries + 1, error.Attempts);
        Assert.Equal(method, error.RequestMethod);
        if (retries > 0) Assert.Contains($"(after {retries + 1} attempts)", error.Message);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    public async Task Dropped_connections_are_retried(string method)
    {
        await using var h = await Harness.StartAsync();
        h.AddFault(new FaultRule { Action = "drop", Times = 2 });
        var number = await Call(h, method);
        Assert.Equal(h.FirstId, number.Id);
        Assert.Equal(new[] { 0, 0, 200 }, h.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task A_connection_that_always_drops_is_a_NetworkError_after_every_attempt()
    {
        await using var h = await Harness.StartAsync(client: o => o.MaximumRetryCount = 3);
        h.AddFault(new FaultRule { Action = "drop" });
        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => Call(h, "GET"));
        Assert.Equal(SignalWireErrorKind.NetworkError, error.Kind);
        Assert.Null(error.StatusCode);
        Assert.Equal(4, error.Attempts);
        Assert.Equal(4, h.Requests.Count);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public async Task Nothing_listening_is_a_NetworkError()
    {
        await using var h = await Harness.StartAsync();
        var port = h.Emulator.Port;
        await h.Emulator.DisposeAsync();
        using var client = new SignalWireClient(new SignalWireClientOptions(new Uri($"http://127.0.0.1:{port}/"),
            h.Options.ProjectId, Secret.Of("PTx"))
        {
            MaximumRetryCount = 1,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        });
        var error = await Assert.ThrowsAsync<SignalWireApiException>(() =>
            client.GetPhoneNumberAsync("233dffc2-2ad3-455e-a597-0e332c39662a", null, None));
        Assert.Equal(SignalWireErrorKind.NetworkError, error.Kind);
        Assert.Equal(2, error.Attempts);
    }

    [Fact]
    public async Task Rate_limiting_that_never_ends_is_RateLimited_after_every_attempt()
    {
        await using var h = await Harness.StartAsync();
        h.AddFault(new FaultRule { Action = "status", Status = 429, RetryAfter = "0" });
        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => Call(h, "PUT"));
        Assert.Equal(SignalWireErrorKind.RateLimited, error.Kind);
        Assert.Equal(429, error.StatusCode);
        Assert.Equal("Too Many Requests", error.ApiMessage);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, h.Requests.Count);
    }

    // ---- redirects -------------------------------------------------------------------------------------

    [Fact]
    public async Task A_redirect_to_another_origin_does_not_carry_the_credentials()
    {
        await using var h = await Harness.StartAsync();
        await using var other = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, Numbers = 25 });
        var id = h.FirstId;
        var elsewhere = new Uri(other.ApiBaseUrl, "phone_numbers/" + id);
        h.AddFault(new FaultRule { Action = "redirect", Location = elsewhere.AbsoluteUri });
        var observer = new RecordingObserver();

        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.GetPhoneNumberAsync(id, observer, None));

        var first = Assert.Single(h.Requests);
        Assert.Equal(307, first.Status);
        Assert.Equal("Basic ****", first.Headers["Authorization"]);
        var followed = Assert.Single(other.State.Requests.Snapshot());
        Assert.Equal("GET", followed.Method);
        Assert.Equal($"{Harness.Api}/{id}", followed.Path);
        Assert.False(followed.Headers.ContainsKey("Authorization"), "the Authorization header went to another origin");
        Assert.Equal(SignalWireErrorKind.Unauthorized, error.Kind); // the other server wants credentials it never got
        Assert.Equal(new[] { true, false }, observer.Traces.Select(t => t.SentCredentials));
    }

    [Fact]
    public async Task A_same_origin_redirect_carries_the_credentials()
    {
        await using var h = await Harness.StartAsync();
        var (from, to) = (h.Ids[0], h.Ids[1]);
        h.AddFault(new FaultRule { Action = "redirect", Id = from, Location = new Uri(h.Emulator.ApiBaseUrl, "phone_numbers/" + to).AbsoluteUri });

        var number = await h.Client.GetPhoneNumberAsync(from, null, None);

        Assert.Equal(to, number.Id);
        var log = h.Requests;
        Assert.Equal(new[] { $"{Harness.Api}/{from}", $"{Harness.Api}/{to}" }, log.Select(r => r.Path));
        Assert.Equal(new[] { 307, 200 }, log.Select(r => r.Status));
        Assert.All(log, r => Assert.Equal("Basic ****", r.Headers["Authorization"]));
    }

    [Fact]
    public async Task A_307_repeats_the_PUT_with_its_body()
    {
        await using var h = await Harness.StartAsync();
        var id = h.FirstId;
        h.AddFault(new FaultRule { Action = "redirect", Times = 1, Location = new Uri(h.Emulator.ApiBaseUrl, "phone_numbers/" + id).AbsoluteUri });
        var number = await h.Client.UpdatePhoneNumberAsync(id, Rename("Moved"), null, None);
        Assert.Equal("Moved", number.Name);
        var log = h.Requests;
        Assert.Equal(new[] { "PUT", "PUT" }, log.Select(r => r.Method));
        Assert.All(log, r => Assert.Equal("""{"name":"Moved"}""", r.Body));
        Assert.All(log, r => Assert.Equal("Basic ****", r.Headers["Authorization"]));
    }

    [Fact]
    public async Task Endless_redirects_end()
    {
        await using var h = await Harness.StartAsync();
        var id = h.FirstId;
        h.AddFault(new FaultRule { Action = "redirect", Location = new Uri(h.Emulator.ApiBaseUrl, "phone_numbers/" + id).AbsoluteUri });
        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.GetPhoneNumberAsync(id, null, None));
        Assert.Equal(307, error.StatusCode);
        Assert.Equal(1, error.Attempts);
        Assert.InRange(h.Requests.Count, 2, 10);
    }
}

/// <summary>What takes time: Retry-After, timeouts, cancellation and the write rate. Run alone so the clock is fair.</summary>
[Collection(TimingCollection.Name)]
public class ClientTimingTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static PhoneNumberUpdate Rename(string name) => new PhoneNumberUpdate().Set(PhoneNumberFields.Get("name"), name);

    [Fact]
    public async Task Retry_After_in_seconds_is_honoured()
    {
        await using var h = await Harness.StartAsync();
        h.AddFault(new FaultRule { Action = "status", Status = 429, RetryAfter = "1", Times = 1 });
        var observer = new RecordingObserver();
        var watch = Stopwatch.StartNew();

        await h.Client.GetPhoneNumberAsync(h.FirstId, observer, None);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {watch.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(TimeSpan.FromSeconds(1), Assert.Single(observer.Retries).Wait);
        Assert.Equal(new[] { 429, 200 }, h.Requests.Select(r => r.Status));
        var gap = DateTime.Parse(h.Requests[1].Time).ToUniversalTime() - DateTime.Parse(h.Requests[0].Time).ToUniversalTime();
        Assert.True(gap >= TimeSpan.FromMilliseconds(950), $"second request {gap.TotalMilliseconds} ms after the first");
    }

    [Fact]
    public async Task Retry_After_as_an_HTTP_date_is_honoured()
    {
        await using var h = await Harness.StartAsync();
        h.AddFault(new FaultRule { Action = "status", Status = 429, RetryAfter = "date+3", Times = 1, Method = "PUT" });
        var observer = new RecordingObserver();
        var watch = Stopwatch.StartNew();

        var number = await h.Client.UpdatePhoneNumberAsync(h.FirstId, Rename("Later"), observer, None);

        Assert.Equal("Later", number.Name);
        // An HTTP date has whole seconds, so the emulator's "now + 3 s" is more than 2 s after it answered; the client
        // reads it a little later still. 1.5 s leaves half a second for a loaded machine, and still is no retry that
        // ignored the date (that would be the backoff, well under a second).
        var wait = Assert.Single(observer.Retries).Wait;
        Assert.InRange(wait, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3.1));
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.5), $"retried after {watch.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(new[] { 429, 200 }, h.Requests.Select(r => r.Status));
        var gap = DateTime.Parse(h.Requests[1].Time).ToUniversalTime() - DateTime.Parse(h.Requests[0].Time).ToUniversalTime();
        Assert.True(gap >= TimeSpan.FromSeconds(1.4), $"second request {gap.TotalMilliseconds} ms after the first");
    }

    [Fact]
    public async Task Retry_After_is_capped_by_MaximumRetryDelay()
    {
        await using var h = await Harness.StartAsync(client: o => o.MaximumRetryDelay = TimeSpan.FromMilliseconds(200));
        h.AddFault(new FaultRule { Action = "status", Status = 503, RetryAfter = "3600", Times = 1 });
        var observer = new RecordingObserver();
        var watch = Stopwatch.StartNew();
        await h.Client.GetPhoneNumberAsync(h.FirstId, observer, None);
        Assert.Equal(TimeSpan.FromMilliseconds(200), Assert.Single(observer.Retries).Wait);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_slow_server_is_a_Timeout()
    {
        await using var h = await Harness.StartAsync(e => e.LatencyMs = 5_000, o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(300);
            o.MaximumRetryCount = 1;
        });
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.GetPhoneNumberAsync(h.FirstId, null, None));
        Assert.Equal(SignalWireErrorKind.Timeout, error.Kind);
        Assert.Null(error.StatusCode);
        Assert.Equal(2, error.Attempts); // a GET that timed out is tried again
        Assert.Contains("timed out", error.Message);
        Assert.Equal(2, h.Requests.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Cancellation_ends_a_delayed_request_promptly()
    {
        await using var h = await Harness.StartAsync(e => e.LatencyMs = 20_000);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Client.GetPhoneNumberAsync(h.FirstId, null, cancel.Token));
        // Well short of the 20 s the answer would take, with room for a loaded machine: the cancellation ended it.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed.TotalMilliseconds} ms");
        Assert.Single(h.Requests); // not retried
    }

    [Fact]
    public async Task Cancellation_ends_a_retry_wait_promptly()
    {
        await using var h = await Harness.StartAsync(client: o => o.MaximumRetryDelay = TimeSpan.FromMinutes(1));
        h.AddFault(new FaultRule { Action = "status", Status = 503, RetryAfter = "30" });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Client.UpdatePhoneNumberAsync(h.FirstId, Rename("x"), null, cancel.Token));
        // Well short of the 30 s Retry-After, with room for a loaded machine: the cancellation ended the wait.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed.TotalMilliseconds} ms");
        Assert.Single(h.Requests);
    }

    [Fact]
    public async Task The_write_rate_limit_spaces_writes_out()
    {
        await using var h = await Harness.StartAsync(client: o => o.WriteRateLimit = 20);
        var ids = h.Ids;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => h.Client.UpdatePhoneNumberAsync(ids[i % ids.Count], Rename("n" + i), null, None)));
        watch.Stop();

        // 40 writes at 20 a second, with a burst of one: about 2 s.
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.5), $"40 writes took {watch.Elapsed.TotalMilliseconds} ms");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"40 writes took {watch.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(40, h.Requests.Count(r => r.Method == "PUT" && r.Status == 200));
    }

    [Fact]
    public async Task Reads_are_not_rate_limited()
    {
        await using var h = await Harness.StartAsync(client: o => o.WriteRateLimit = 2);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 10; i++) await h.Client.GetPhoneNumberAsync(h.FirstId, null, None);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"10 reads took {watch.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_429_holds_back_the_other_writes_of_the_session()
    {
        await using var h = await Harness.StartAsync();
        var (limited, other) = (h.Ids[0], h.Ids[1]);
        h.AddFault(new FaultRule { Action = "status", Status = 429, RetryAfter = "1", Times = 1, Id = limited });
        var retryScheduled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var observer = new RecordingObserver { OnRetry = () => retryScheduled.TrySetResult() };

        var first = h.Client.UpdatePhoneNumberAsync(limited, Rename("a"), observer, None);
        await retryScheduled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var watch = Stopwatch.StartNew();
        await h.Client.GetPhoneNumberAsync(other, null, None);
        var readTook = watch.Elapsed;
        await h.Client.UpdatePhoneNumberAsync(other, Rename("b"), null, None);
        var writeTook = watch.Elapsed;
        await first;

        Assert.True(writeTook >= TimeSpan.FromMilliseconds(800), $"the other write went out after {writeTook.TotalMilliseconds} ms");
        Assert.True(readTook < TimeSpan.FromMilliseconds(700), $"a read waited {readTook.TotalMilliseconds} ms");
        var puts = h.Requests.Where(r => r.Method == "PUT").ToList();
        Assert.Equal(3, puts.Count);
        Assert.Equal(429, puts[0].Status);
    }
}
