using System.Net;
using System.Net.Http.Headers;
using SignalWire.PowerShell.Client;
using ClientWriteRateLimiter = SignalWire.PowerShell.Client.WriteRateLimiter;

namespace SignalWire.PowerShell.Tests;

public class TransportTests
{
    private static SignalWireClientOptions Options() =>
        new(new Uri("https://example.signalwire.com/"), "2bd9a5c3-6d5e-4f1a-9b7c-0e8f4a6d2c11", Secret.Of("PTtoken"));

#pragma warning disable SYSLIB0039 // TLS 1.0 and 1.1 appear only as flags that must survive
    [Theory]
    [InlineData(SecurityProtocolType.Tls, SecurityProtocolType.Tls | SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls | SecurityProtocolType.Tls11,
        SecurityProtocolType.Tls | SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls12, SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls13, SecurityProtocolType.Tls13 | SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls11 | SecurityProtocolType.Tls13,
        SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13)]
    [InlineData(SecurityProtocolType.SystemDefault, SecurityProtocolType.SystemDefault)]
    public void WithTls12_adds_TLS_1_2_and_removes_nothing(SecurityProtocolType current, SecurityProtocolType expected)
    {
        Assert.Equal(expected, SignalWireClient.WithTls12(current));
    }
#pragma warning restore SYSLIB0039

    [Theory]
    [InlineData(128, 128)]
    [InlineData(16, 16)]
    [InlineData(500, 500)]
    [InlineData(2, 2)]
    [InlineData(1, 2)] // the lower bound: never fewer than two connections
    [InlineData(0, 2)]
    public void The_handler_follows_no_redirects_and_takes_its_connection_limit_from_the_options(int limit, int expected)
    {
        var options = Options();
        options.MaxConnectionsPerServer = limit;
        using var handler = SignalWireClient.CreateHandler(options);
        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseCookies);
        Assert.Equal(expected, handler.MaxConnectionsPerServer);
    }

    [Fact]
    public void The_defaults_follow_the_contract()
    {
        var options = Options();
        Assert.Equal(4, options.MaximumRetryCount);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.RetryBaseDelay);
        Assert.Equal(1380, options.WriteRateLimit); // 13,800 per 10 s
        // .NET Framework allows 2 connections per host unless told: the pool must hold the largest -ThrottleLimit.
        Assert.Equal(SignalWireClientOptions.MaximumConcurrentRequests, options.MaxConnectionsPerServer);
        using (var handler = SignalWireClient.CreateHandler(options))
            Assert.Equal(SignalWireClientOptions.MaximumConcurrentRequests, handler.MaxConnectionsPerServer);
        using var client = new SignalWireClient(options);
        Assert.Equal(1380, client.WriteLimiter.PerSecond);
    }

    // ---- Retry-After ---------------------------------------------------------------------------------

    private static readonly DateTimeOffset Now = new(2025, 6, 3, 15, 51, 29, TimeSpan.Zero);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    [Fact]
    public void No_Retry_After_means_no_server_wait()
    {
        Assert.Null(SignalWireClient.RetryAfter(null, Now, Cap));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(5, 5)]
    [InlineData(59, 59)]
    [InlineData(61, 60)]
    [InlineData(86_400, 60)]
    public void Retry_After_in_seconds(int seconds, int expected)
    {
        Assert.Equal(TimeSpan.FromSeconds(expected),
            SignalWireClient.RetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds)), Now, Cap));
    }

    [Theory]
    [InlineData(30, 30)]
    [InlineData(90, 60)]
    [InlineData(0, 0)]
    [InlineData(-120, 0)] // a date in the past: go now
    public void Retry_After_as_a_date(int secondsFromNow, int expected)
    {
        var header = new RetryConditionHeaderValue(Now.AddSeconds(secondsFromNow));
        Assert.Equal(TimeSpan.FromSeconds(expected), SignalWireClient.RetryAfter(header, Now, Cap));
    }

    [Theory]
    [InlineData("120", 60)]
    [InlineData("7", 7)]
    [InlineData("Tue, 03 Jun 2025 15:51:39 GMT", 10)]
    [InlineData("Tue, 03 Jun 2025 15:50:00 GMT", 0)]
    public void Retry_After_as_the_server_spells_it(string value, int expected)
    {
        Assert.True(RetryConditionHeaderValue.TryParse(value, out var header));
        Assert.Equal(TimeSpan.FromSeconds(expected), SignalWireClient.RetryAfter(header, Now, Cap));
    }

    // ---- backoff ------------------------------------------------------------------------------------

    [Fact]
    public void Backoff_doubles_from_the_base_with_jitter_and_a_cap()
    {
        var options = Options();
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(100);
        options.MaximumRetryDelay = TimeSpan.FromMilliseconds(1000);
        using var client = new SignalWireClient(options);
        for (var i = 0; i < 200; i++)
        {
            Assert.InRange(client.Backoff(1).TotalMilliseconds, 75, 125);
            Assert.InRange(client.Backoff(2).TotalMilliseconds, 150, 250);
            Assert.InRange(client.Backoff(3).TotalMilliseconds, 300, 500);
            Assert.InRange(client.Backoff(10).TotalMilliseconds, 0, 1000);
        }
        Assert.Equal(1000, client.Backoff(30).TotalMilliseconds);
        var spread = Enumerable.Range(0, 50).Select(_ => client.Backoff(2)).Distinct().Count();
        Assert.True(spread > 10, "backoff has no jitter");
    }

    // ---- the write limiter on its own ------------------------------------------------------------------

    [Fact]
    public void A_limiter_without_a_rate_never_waits()
    {
        var limiter = new ClientWriteRateLimiter(0);
        // Never waiting is each write's turn being granted at once: the task is complete when it is returned.
        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(limiter.WaitAsync(CancellationToken.None).IsCompletedSuccessfully, $"write {i} had to wait");
        }
    }

    [Fact]
    public async Task A_waiting_write_can_be_cancelled()
    {
        var limiter = new ClientWriteRateLimiter(0.1);
        await limiter.WaitAsync(CancellationToken.None); // the one token of the burst
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.WaitAsync(cancel.Token));
    }
}

[Collection(TimingCollection.Name)]
public class WriteRateLimiterTimingTests
{
    [Fact]
    public async Task PauseFor_holds_back_every_write()
    {
        var limiter = new ClientWriteRateLimiter(1000);
        limiter.PauseFor(TimeSpan.FromMilliseconds(400));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => limiter.WaitAsync(CancellationToken.None)));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(350), $"released after {watch.Elapsed.TotalMilliseconds} ms");

        limiter.PauseFor(TimeSpan.FromMilliseconds(300));
        limiter.PauseFor(TimeSpan.FromMilliseconds(10)); // a shorter pause never shortens a longer one
        watch.Restart();
        await limiter.WaitAsync(CancellationToken.None);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), $"released after {watch.Elapsed.TotalMilliseconds} ms");
    }
}
