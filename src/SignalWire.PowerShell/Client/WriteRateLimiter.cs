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
        private double tokens;
        private long lastRefill = Stopwatch.GetTimestamp();
        private long pausedUntil;

        /// <param name="perSecond">Writes per second; 0 or less turns the limit off.</param>
        public WriteRateLimiter(double perSecond)
        {
            this.perSecond = perSecond;
            // A burst of a twentieth of a second keeps any one-second window within about 5% of the limit.
            capacity = Math.Max(1, perSecond / 20);
            tokens = capacity;
        }

        public double PerSecond => perSecond;

        public async Task WaitAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                TimeSpan wait;
                lock (gate)
                {
                    var now = Stopwatch.GetTimestamp();
                    if (perSecond > 0)
                    {
                        tokens = Math.Min(capacity, tokens + Seconds(now - lastRefill) * perSecond);
                        lastRefill = now;
                    }
                    if (now >= pausedUntil && (perSecond <= 0 || tokens >= 1))
                    {
                        if (perSecond > 0) tokens -= 1;
                        return;
                    }
                    var pause = Seconds(pausedUntil - now);
                    var refill = perSecond > 0 ? (1 - tokens) / perSecond : 0;
                    wait = TimeSpan.FromSeconds(Math.Max(pause, refill));
                }
                await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Holds every write of the session back for this long (the server said 429).</summary>
        public void PauseFor(TimeSpan delay)
        {
            lock (gate)
            {
                var until = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
                if (until > pausedUntil) pausedUntil = until;
            }
        }

        private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;
    }
}
