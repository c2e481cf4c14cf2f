using System.Net;
using System.Text;

namespace SignalWire.Emulator.Tests;

/// <summary>
/// The emulator as a bench needs it: several hundred requests in flight at once, each logged with how many of its method
/// were in flight when it arrived, and the API's write limit (13,800 per 10 s) counted exactly.
/// </summary>
public class ConcurrencyTests
{
    [Fact]
    public async Task Serves_several_hundred_requests_in_flight_at_once_and_logs_how_many()
    {
        // A latency long enough that every request arrives while the first is still held.
        await using var emu = await TestEmulator.StartAsync(o => { o.Numbers = 5; o.LatencyMs = 3000; });
        var id = emu.State.Numbers.AllNewestFirst()[0].Id;
        var puts = Enumerable.Range(0, 300).Select(i => emu.Http.PutAsync($"{TestEmulator.Api}/{id}",
            new StringContent($"{{\"name\":\"n{i}\"}}", Encoding.UTF8, "application/json")));
        var gets = Enumerable.Range(0, 200).Select(_ => emu.Http.GetAsync($"{TestEmulator.Api}/{id}"));
        var responses = await Task.WhenAll(puts.Concat(gets));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var log = emu.State.Requests.Snapshot();
        // Counted per method: the 300th PUT found 299 others in flight, the 200th GET 199.
        Assert.Equal(300, log.Where(r => r.Method == "PUT").Max(r => r.InFlight));
        Assert.Equal(200, log.Where(r => r.Method == "GET").Max(r => r.InFlight));
        Assert.Equal(Enumerable.Range(1, 300), log.Where(r => r.Method == "PUT").Select(r => r.InFlight).Order());

        // All answered: the next one is alone.
        emu.State.LatencyMs = 0;
        await emu.Http.GetAsync($"{TestEmulator.Api}/{id}");
        Assert.Equal(1, emu.State.Requests.Snapshot().Last().InFlight);
    }

    [Fact]
    public void The_default_write_limit_is_the_contracts_13800_in_any_10_seconds()
    {
        var options = new EmulatorOptions();
        Assert.Equal(13_800, options.WriteRateLimit);
        Assert.Equal(TimeSpan.FromSeconds(10), options.WriteRateWindow);

        var limiter = new WriteLimitWindow(options.WriteRateLimit, options.WriteRateWindow);
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        // 13,800 writes spread over the first 9.2 seconds (1,500 a second): all allowed, though more than 1,380 a second.
        for (var i = 0; i < 13_800; i++)
            Assert.True(limiter.TryAcquire(start.AddMilliseconds(i / 1.5), out _), $"write {i + 1} refused");
        // The 13,801st within 10 s of the first is refused until the first leaves the window.
        Assert.False(limiter.TryAcquire(start.AddSeconds(9.5), out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(0.5), retryAfter);
        // Exactly 10 s after the first write, one more fits; and another only when the second write has left too.
        Assert.True(limiter.TryAcquire(start.AddSeconds(10), out _));
        Assert.False(limiter.TryAcquire(start.AddSeconds(10), out _));
        Assert.True(limiter.TryAcquire(start.AddSeconds(10).AddMilliseconds(1), out _));
    }
}
