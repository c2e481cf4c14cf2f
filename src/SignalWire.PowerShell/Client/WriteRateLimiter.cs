using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace SignalWire.PowerShell.Client
{
    /// <summary>
    /// Keeps a session's writes under the API's rate limit (a token bucket), and holds every write back when the server
    /// still answers 429, so one rate-limited request slows the whole session rather than only itself.
    /// </summary>
    internal sealed class WriteRateLimiter
    {
        private readonly object gate = new object();
        private readonly double perSecond;
        private readonly double capacity;
        private readonly double refillPerSecond;
        private double tokens;
        private long lastRefill = Stopwatch.GetTimestamp();
        private long pausedUntil;

        /// <param name="perSecond">Writes per second; 0 or less turns the limit off.</param>
        public WriteRateLimiter(double perSecond)
        {
            this.perSecond = perSecond;
            // A burst of a twentieth of a second, paid for by refilling that much slower: the burst plus one second of
            // refill is the limit, so no one-second span (and so no ten-second one) sees more than perSecond writes.
            // Below 20 a second the burst is a single write, which the refill does not pay for (one write over at most).
            capacity = Math.Max(1, perSecond / 20);
            refillPerSecond = perSecond >= 20 ? perSecond - capacity : perSecond;
            tokens = capacity;
        }

        public double PerSecond => perSecond;

        /// <summary>
        /// Waits for this write's turn. A caller that finds the bucket empty reserves the next free slot (the bucket goes
        /// into debt) and sleeps once until then: with dozens of writes waiting, none of them wakes up only to wait again.
        /// </summary>
        public async Task WaitAsync(CancellationToken cancellationToken)
        {
            TimeSpan wait;
            lock (gate)
            {
                var now = Stopwatch.GetTimestamp();
                if (perSecond <= 0)
                {
                    if (now >= pausedUntil) return;
                    wait = Until(pausedUntil, now);
                }
                else
                {
                    // No refill while the session is paused: the pause is the server asking for less, not a saving.
                    var refillFrom = Math.Max(lastRefill, Math.Min(now, pausedUntil));
                    tokens = Math.Min(capacity, tokens + Seconds(now - refillFrom) * refillPerSecond);
                    lastRefill = now;
                    tokens -= 1;
                    // The bucket is refilled from the end of a pause on, so a debt is paid from then.
                    var slot = Math.Max(now, pausedUntil) + (tokens >= 0 ? 0 : (long)(-tokens / refillPerSecond * Stopwatch.Frequency));
                    if (slot <= now) return;
                    wait = Until(slot, now);
                }
            }
            try
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                if (perSecond > 0) lock (gate) tokens += 1;   // give the reserved slot back
                throw;
            }
            // A 429 may have paused the session while this write slept: it waits that out too (its slot is still its own).
            while (true)
            {
                lock (gate)
                {
                    var now = Stopwatch.GetTimestamp();
                    if (now >= pausedUntil) return;
                    wait = Until(pausedUntil, now);
                }
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Holds every write of the session back for this long (the server said 429).</summary>
        public void PauseFor(TimeSpan delay)
        {
            lock (gate)
            {
                var until = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
                if (until > pausedUntil) pausedUntil = until;
                // No burst when the pause ends: writes resume at the steady rate.
                if (tokens > 0) tokens = 0;
            }
        }

        private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;

        /// <summary>From now to a timestamp, rounded up to whole milliseconds so a write never goes early.</summary>
        private static TimeSpan Until(long timestamp, long now) =>
            TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(Seconds(timestamp - now) * 1000)));
    }
}
