using System.Diagnostics;
using SignalWire.PowerShell.Client;

namespace SignalWire.PowerShell.Tests;

/// <summary>
/// The session's write limiter: what it lets through, not how fast a machine happens to be. These tests measure time,
/// so they run alone (a busy thread pool records a grant late), and their bounds leave room for a loaded machine.
/// </summary>
[Collection(TimingCollection.Name)]
public class WriteRateLimiterTests
{
    /// <summary>Many writers at once, as Set-SwPhoneNumber has in flight; returns when each was let through, in seconds.</summary>
    private static async Task<double[]> GrantTimes(WriteRateLimiter limiter, int writes, int writers, Action<int>? onGrant = null,
        Stopwatch? clock = null)
    {
        clock ??= Stopwatch.StartNew();
        var times = new List<double>();
        var next = 0;
        async Task Writer()
        {
            while (true)
            {
                int mine;
                lock (times) { if (next >= writes) return; mine = next++; }
                await limiter.WaitAsync(CancellationToken.None);
                lock (times) times.Add(clock.Elapsed.TotalSeconds);
                onGrant?.Invoke(mine);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(Writer)));
        return times.Order().ToArray();
    }

    [Fact]
    public async Task No_one_second_span_sees_more_writes_than_the_limit_burst_included()
    {
        var times = await GrantTimes(new WriteRateLimiter(400), writes: 900, writers: 64);

        Assert.Equal(900, times.Length);
        // Counted from the start, where the bucket is full: a grant recorded late by a busy thread pool can only lower
        // these counts. The burst (8) plus one second of refill (392) is the limit; a burst on top of the full rate would be 408.
        Assert.True(times.Count(t => t < 1.0) <= 401, $"{times.Count(t => t < 1.0)} writes in the first second");
        Assert.True(times.Count(t => t < 2.0) <= 793, $"{times.Count(t => t < 2.0)} writes in the first two seconds");
    }

    [Fact]
    public void The_burst_is_a_fiftieth_of_the_limit_and_goes_at_once()
    {
        var limiter = new WriteRateLimiter(1000);
        // A grant from the bucket completes synchronously; time passing can only add tokens, so this holds on any machine.
        for (var i = 0; i < 20; i++)
        {
            Assert.True(limiter.WaitAsync(CancellationToken.None).IsCompleted, $"write {i + 1} of the burst had to wait");
        }
        // Past the burst the bucket is in debt: of many more writes at once, nearly all wait (a few may be refilled meanwhile).
        var waited = Enumerable.Range(0, 40).Count(_ => !limiter.WaitAsync(CancellationToken.None).IsCompleted);
        Assert.True(waited >= 30, $"only {waited} of 40 writes past the burst waited");
    }

    [Fact]
    public async Task A_pause_holds_back_every_writer_and_writes_resume_without_a_burst()
    {
        var limiter = new WriteRateLimiter(200);
        var pausedAt = 0.0;
        var clock = Stopwatch.StartNew();
        var times = await GrantTimes(limiter, writes: 120, writers: 16, clock: clock, onGrant: n =>
        {
            if (n == 20)
            {
                pausedAt = clock.Elapsed.TotalSeconds;
                limiter.PauseFor(TimeSpan.FromMilliseconds(500));
            }
        });

        // At most the writers already past their wait go during the pause.
        var duringPause = times.Count(t => t > pausedAt + 0.05 && t < pausedAt + 0.49);
        Assert.True(duringPause <= 16, $"{duringPause} writes during the pause");
        // Then the steady rate (190 a second), not a burst: those that had a slot before the pause, plus the refill.
        // Counted from the pause on, so a grant recorded late can only lower the count.
        var byTenthAfter = times.Count(t => t > pausedAt + 0.05 && t < pausedAt + 0.6);
        Assert.True(byTenthAfter <= 16 + 19 + 1, $"{byTenthAfter} writes within 100 ms after the pause");
    }

    [Fact]
    public async Task Zero_turns_the_limit_off_but_not_the_pause()
    {
        var limiter = new WriteRateLimiter(0);
        var unlimited = await GrantTimes(limiter, writes: 2000, writers: 8);
        Assert.Equal(2000, unlimited.Length);

        limiter.PauseFor(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        await limiter.WaitAsync(CancellationToken.None);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290));
    }

    [Fact]
    public async Task A_cancelled_wait_throws_and_gives_its_slot_back()
    {
        // A burst of one, then one a second: the next slot is a second after the first write, the one after it two seconds.
        var limiter = new WriteRateLimiter(1);
        var sinceFirst = Stopwatch.StartNew();
        await limiter.WaitAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(5));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.WaitAsync(cancel.Token));

        await limiter.WaitAsync(CancellationToken.None);
        // The cancelled writer's slot went back: this one takes the next slot (1 s), not the one after it (2 s). The
        // limit still holds (a write never goes early), and 0.6 s is left for a loaded machine to be late.
        var waited = sinceFirst.Elapsed.TotalSeconds;
        Assert.True(waited >= 0.99, $"the second write went after {waited:0.000} s, before its slot");
        Assert.True(waited < 1.6, $"the second write went after {waited:0.000} s: the cancelled slot was not given back");
    }
}
