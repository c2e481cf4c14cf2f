using System.Diagnostics;
using SignalWire.PowerShell.Client;
using ClientWriteRateLimiter = SignalWire.PowerShell.Client.WriteRateLimiter;

namespace SignalWire.PowerShell.Tests;

/// <summary>
/// The limiter with hundreds of writes waiting at once, as the adaptive window has them: they go in order, one pacer
/// lets them through at the steady rate, and a 429's pause holds back every one of them. Bounds are counted so that a
/// grant recorded late by a busy machine can only lower them.
/// </summary>
[Collection(TimingCollection.Name)]
public class WriteRateLimiterLineTests
{
    [Fact]
    public async Task Hundreds_waiting_go_in_the_order_they_came()
    {
        var limiter = new ClientWriteRateLimiter(2000);
        var turns = Enumerable.Range(0, 400).Select(_ => limiter.WaitAsync(CancellationToken.None)).ToArray();
        Assert.True(limiter.Waiting > 250, $"{limiter.Waiting} waiting");
        for (var i = 0; i < turns.Length; i++)
        {
            await turns[i];
            // Each is let through after every one before it: those are done by the time it is.
            for (var earlier = 0; earlier < i; earlier += 37) Assert.True(turns[earlier].IsCompleted, $"write {i} went before write {earlier}");
        }
        Assert.Equal(0, limiter.Waiting);
    }

    [Fact]
    public async Task A_pause_holds_back_hundreds_waiting_and_they_resume_at_the_steady_rate_not_all_at_once()
    {
        // 500 a second: a burst of 25, then 475 a second. 300 writes wait in line when the server says 429.
        var limiter = new ClientWriteRateLimiter(500);
        var clock = Stopwatch.StartNew();
        var grants = new List<double>();
        var turns = Enumerable.Range(0, 300).Select(async _ =>
        {
            await limiter.WaitAsync(CancellationToken.None);
            lock (grants) grants.Add(clock.Elapsed.TotalSeconds);
        }).ToArray();
        var pausedAt = clock.Elapsed.TotalSeconds;
        limiter.PauseFor(TimeSpan.FromMilliseconds(600));
        await Task.WhenAll(turns);

        Assert.Equal(300, grants.Count);
        var pauseEnds = pausedAt + 0.6;
        // Those of the burst went before the pause; none goes during it (bar any let through just before it).
        var duringPause = grants.Count(t => t > pausedAt + 0.05 && t < pauseEnds - 0.01);
        Assert.True(duringPause <= 3, $"{duringPause} writes during the pause");
        // After it, the steady rate: in the first 200 ms at most 95 (475 a second), where the old debt-paying limiter let
        // every write whose turn fell in the pause go at once. Counted from the pause's end on, so late grants lower it.
        var firstFifth = grants.Count(t => t >= pauseEnds - 0.01 && t < pauseEnds + 0.2);
        Assert.True(firstFifth <= 95 + 2, $"{firstFifth} writes within 200 ms after the pause");
        Assert.True(grants.Max() >= pauseEnds + (300 - 25 - 95) / 475.0 - 0.05, "the writes after the pause went faster than the rate");
    }

    [Fact]
    public async Task A_cancelled_write_leaves_the_line_and_the_rest_keep_their_places()
    {
        var limiter = new ClientWriteRateLimiter(40);   // a burst of 2, then 38 a second
        for (var i = 0; i < 2; i++) await limiter.WaitAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var kept = new List<Task>();
        var cancelled = new List<Task>();
        for (var i = 0; i < 40; i++)
            (i % 2 == 0 ? kept : cancelled).Add(limiter.WaitAsync(i % 2 == 0 ? CancellationToken.None : cancel.Token));
        cancel.Cancel();
        // The twenty cancelled left the line at once; of the twenty kept, the pacer may have let one or two through.
        Assert.InRange(limiter.Waiting, 17, 20);
        await Task.WhenAll(kept);
        // Let through in line order, a cancelled one could only have gone before the cancel, when one or two went.
        await Task.WhenAll(cancelled.Select(t => t.ContinueWith(_ => { })));
        Assert.True(cancelled.Count(t => t.IsCanceled) >= 18, $"{cancelled.Count(t => t.IsCanceled)} of 20 cancelled");
        Assert.Equal(0, limiter.Waiting);
    }

    [Fact]
    public async Task A_wait_already_cancelled_never_joins_the_line()
    {
        var limiter = new ClientWriteRateLimiter(1);
        await limiter.WaitAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var task = limiter.WaitAsync(cancel.Token);
        Assert.True(task.IsCanceled);
        Assert.Equal(0, limiter.Waiting);
    }

    [Fact]
    public async Task Without_a_rate_a_pause_still_holds_back_everyone_then_lets_all_go()
    {
        var limiter = new ClientWriteRateLimiter(0);
        limiter.PauseFor(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => limiter.WaitAsync(CancellationToken.None)));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"released after {clock.Elapsed.TotalMilliseconds} ms");
    }
}
