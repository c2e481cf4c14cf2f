using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace SignalWire.PowerShell.Client;

/// <summary>
/// Keeps a session's writes under the API's rate limit (a token bucket), and holds every write back when the server
/// still answers 429, so one rate-limited request slows the whole session rather than only itself.
/// Writes that find the bucket empty wait in line and one pacer lets them go, in order, as the bucket refills: however
/// many hundreds wait, a pause holds back every one of them, and when it ends they resume at the steady rate, never
/// all at once.
/// </summary>
internal sealed class WriteRateLimiter
{
    private sealed class Waiter
    {
        public readonly TaskCompletionSource<bool> Turn = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenRegistration Registration;
    }

    private static readonly TimeSpan shortestNap = TimeSpan.FromMilliseconds(4);

    private readonly object gate = new object();
    private readonly double perSecond;
    private readonly double capacity;
    private readonly double refillPerSecond;
    private readonly LinkedList<Waiter> waiting = new LinkedList<Waiter>();
    private double tokens;
    private long lastRefill = Stopwatch.GetTimestamp();
    private long pausedUntil;
    private bool pacing;

    /// <param name="perSecond">Writes per second; 0 or less turns the limit off (a 429's pause still holds).</param>
    public WriteRateLimiter(double perSecond)
    {
        this.perSecond = perSecond;
        // A burst of a fiftieth of a second, paid for by refilling that much slower: the burst plus one second of
        // refill is the limit, so no one-second span (and so no ten-second one) sees more than perSecond writes. Small,
        // so the steady rate is 98% of the limit; large enough that a pacer woken late (Windows' timer ticks every
        // 15.6 ms) loses no turn. Below 50 a second the burst is a single write, which the refill does not pay for
        // (one write over at most).
        capacity = Math.Max(1, perSecond / 50);
        refillPerSecond = perSecond >= 50 ? perSecond - capacity : perSecond;
        tokens = capacity;
    }

    public double PerSecond => perSecond;

    /// <summary>How many writes wait for their turn now.</summary>
    public int Waiting
    {
        get
        {
            lock (gate) return waiting.Count;
        }
    }

    /// <summary>
    /// Waits for this write's turn: at once while the bucket holds a token and no one is in line, otherwise in line.
    /// A cancelled wait leaves the line without taking a token.
    /// </summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        var waiter = new Waiter();
        lock (gate)
        {
            var now = Stopwatch.GetTimestamp();
            Refill(now);
            if (waiting.Count == 0 && now >= pausedUntil && (Unlimited || tokens >= 1))
            {
                if (!Unlimited) tokens -= 1;
                return Task.CompletedTask;
            }
            var place = waiting.AddLast(waiter);
            // Under the lock, so the pacer never lets the write go before it can dispose the registration. A token
            // cancelled meanwhile runs the callback here (the lock is re-entrant) or waits for the lock.
            waiter.Registration = cancellationToken.Register(() => Cancel(place, cancellationToken));
            if (!pacing)
            {
                pacing = true;
                Task.Run(PaceAsync);
            }
        }
        return waiter.Turn.Task;
    }

    /// <summary>Holds every write of the session back for this long (the server said 429).</summary>
    public void PauseFor(TimeSpan delay)
    {
        lock (gate)
        {
            var now = Stopwatch.GetTimestamp();
            Refill(now);
            var until = now + (long)(delay.TotalSeconds * Stopwatch.Frequency);
            if (until > pausedUntil) pausedUntil = until;
            // No burst when the pause ends: writes resume at the steady rate.
            tokens = Math.Min(tokens, 0);
        }
    }

    private bool Unlimited => perSecond <= 0;

    /// <summary>Adds what the bucket gained since the last look; nothing while the session is paused.</summary>
    private void Refill(long now)
    {
        if (!Unlimited)
        {
            var from = Math.Max(lastRefill, Math.Min(now, pausedUntil));
            if (now > from) tokens = Math.Min(capacity, tokens + Seconds(now - from) * refillPerSecond);
        }
        lastRefill = Math.Max(lastRefill, now);
    }

    /// <summary>Lets the writes in line go as tokens come, in order; ends when no one is left.</summary>
    private async Task PaceAsync()
    {
        var released = new List<Waiter>();
        while (true)
        {
            TimeSpan wait;
            bool done;
            lock (gate)
            {
                var now = Stopwatch.GetTimestamp();
                Refill(now);
                while (waiting.Count > 0 && now >= pausedUntil && (Unlimited || tokens >= 1))
                {
                    if (!Unlimited) tokens -= 1;
                    released.Add(waiting.First!.Value);
                    waiting.RemoveFirst();
                }
                // The line is empty: this pacer ends, and the next write to find the bucket empty starts another.
                done = waiting.Count == 0;
                if (done) pacing = false;
                wait = now < pausedUntil ? Until(pausedUntil, now)
                    : Unlimited ? TimeSpan.Zero
                    : TimeSpan.FromSeconds((1 - tokens) / refillPerSecond);
            }
            // Outside the lock: disposing a registration waits for a cancellation callback that may want the lock.
            foreach (var waiter in released)
            {
                waiter.Registration.Dispose();
                waiter.Turn.TrySetResult(true);
            }
            released.Clear();
            if (done) return;
            // A few milliseconds at least: the writes that came due meanwhile go together (the burst allows it), and
            // the pacer does not wake for every single write.
            await Task.Delay(Whole(wait < shortestNap ? shortestNap : wait)).ConfigureAwait(false);
        }
    }

    private void Cancel(LinkedListNode<Waiter> place, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (place.List != waiting) return;   // already let through
            waiting.Remove(place);
        }
        place.Value.Turn.TrySetCanceled(cancellationToken);
    }

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;

    /// <summary>From now to a timestamp.</summary>
    private static TimeSpan Until(long timestamp, long now) => TimeSpan.FromSeconds(Seconds(timestamp - now));

    /// <summary>Rounded up to whole milliseconds, at least one, so a write never goes early and the pacer never spins.</summary>
    private static TimeSpan Whole(TimeSpan wait) => TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(wait.TotalMilliseconds)));
}
