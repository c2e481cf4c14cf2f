using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace SignalWire.PowerShell.Client;

/// <summary>
/// How many writes a session keeps in flight so that it reaches its write rate limit at whatever round trip the API is
/// at. By Little's law the writes in flight are the rate times the time each spends in flight: at 1,380 a second and a
/// 200 ms round trip that is 276. The window is that, with headroom for round trips that vary, between a floor and a
/// ceiling. The rate limiter, not the window, keeps the pace: a window larger than needed only leaves a few writes
/// waiting for their turn in the limiter, one too small leaves the limit unused.
/// The round trip is measured as the session goes: a smoothed mean of the time each request spent on the wire, and at
/// least the age of the oldest write still out, so the window grows during the first round trip before any answer.
/// No PowerShell in it; the clock is injectable for tests.
/// </summary>
internal sealed class AdaptiveWindow
{
    /// <summary>Writes in flight before any round trip is known: the limit is reached up to a 46 ms round trip.</summary>
    public const int InitialSize = 64;

    /// <summary>The fewest writes kept in flight, whatever the round trip: short answers still overlap.</summary>
    public const int Floor = 32;

    /// <summary>How much more than rate × round trip: round trips vary, and an estimate lags a change.</summary>
    public const double Headroom = 1.5;

    /// <summary>How much each new round trip moves the smoothed mean (as TCP's 1/8).</summary>
    private const double SampleWeight = 0.125;

    private readonly object gate = new object();
    private readonly Func<long> clock;
    private readonly double ticksPerSecond;
    private readonly LinkedList<long> writesOut = new LinkedList<long>();
    private double smoothedSeconds;
    private bool measured;

    /// <param name="perSecond">The session's write rate limit; 0 or less (no limit) keeps the window at its ceiling.</param>
    /// <param name="ceiling">The most writes ever in flight.</param>
    /// <param name="clock">Timestamps in ticks of <paramref name="ticksPerSecond"/>; the Stopwatch by default.</param>
    public AdaptiveWindow(double perSecond, int ceiling, Func<long>? clock = null, double ticksPerSecond = 0)
    {
        if (ceiling < 1) throw new ArgumentOutOfRangeException(nameof(ceiling), "The ceiling must be at least 1.");
        PerSecond = perSecond;
        Ceiling = ceiling;
        this.clock = clock ?? Stopwatch.GetTimestamp;
        this.ticksPerSecond = ticksPerSecond > 0 ? ticksPerSecond : Stopwatch.Frequency;
    }

    public double PerSecond { get; }

    public int Ceiling { get; }

    /// <summary>The smoothed round trip, or null before the first answer.</summary>
    public TimeSpan? RoundTrip
    {
        get
        {
            lock (gate) return measured ? TimeSpan.FromSeconds(smoothedSeconds) : (TimeSpan?)null;
        }
    }

    /// <summary>How many writes to keep in flight now.</summary>
    public int Size
    {
        get
        {
            if (PerSecond <= 0) return Ceiling;
            double seconds;
            lock (gate)
            {
                // The oldest write still out has been on the wire this long: the round trip is at least that.
                var oldest = writesOut.First != null ? (clock() - writesOut.First.Value) / ticksPerSecond : 0;
                if (!measured && oldest <= 0) return Math.Min(InitialSize, Ceiling);
                seconds = Math.Max(measured ? smoothedSeconds : 0, oldest);
            }
            var size = Math.Ceiling(PerSecond * seconds * Headroom);
            var floor = Math.Min(measured ? Floor : InitialSize, Ceiling);
            return (int)Math.Max(floor, Math.Min(Ceiling, size));
        }
    }

    /// <summary>A request came back after this long on the wire (any request: the path to the API is the same).</summary>
    public void RoundTripMeasured(TimeSpan elapsed)
    {
        var seconds = Math.Max(0, elapsed.TotalSeconds);
        lock (gate)
        {
            smoothedSeconds = measured ? smoothedSeconds + SampleWeight * (seconds - smoothedSeconds) : seconds;
            measured = true;
        }
    }

    /// <summary>A write goes on the wire now; give the returned token to <see cref="WriteEnded"/> when it is back.</summary>
    public object WriteStarted()
    {
        lock (gate) return writesOut.AddLast(clock());
    }

    /// <summary>The write is back (answered, failed or cancelled).</summary>
    public void WriteEnded(object token)
    {
        var node = (LinkedListNode<long>)token;
        lock (gate)
        {
            if (node.List == writesOut) writesOut.Remove(node);
        }
    }
}
