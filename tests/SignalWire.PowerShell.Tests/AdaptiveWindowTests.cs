using SignalWire.PowerShell.Client;

namespace SignalWire.PowerShell.Tests;

/// <summary>
/// The write window: how many writes a session keeps in flight. Its clock is virtual (milliseconds), so these tests are
/// exact on any machine; the simulation at the end shows that the window reaches the write limit at any round trip.
/// </summary>
public class AdaptiveWindowTests
{
    private sealed class VirtualClock
    {
        public long Milliseconds;
        public long Now() => Milliseconds;
    }

    private static (AdaptiveWindow Window, VirtualClock Clock) Window(double perSecond = 1380, int ceiling = 512)
    {
        var clock = new VirtualClock();
        return (new AdaptiveWindow(perSecond, ceiling, clock.Now, ticksPerSecond: 1000), clock);
    }

    [Fact]
    public void Before_any_answer_it_keeps_64_writes_in_flight()
    {
        var (window, _) = Window();
        Assert.Equal(AdaptiveWindow.InitialSize, window.Size);
        Assert.Equal(64, window.Size);
        Assert.Null(window.RoundTrip);
    }

    [Theory]
    // rate × round trip × 1.5: 1,380 × 0.05 × 1.5 = 103.5; × 0.2 = 414; × 0.3 = 621, above the ceiling.
    [InlineData(50, 104)]
    [InlineData(100, 207)]
    [InlineData(200, 414)]
    [InlineData(300, 512)]
    [InlineData(2000, 512)]
    // A short round trip keeps the floor: answers that come fast still overlap.
    [InlineData(1, 32)]
    [InlineData(10, 32)]
    public void It_is_the_write_limit_times_the_round_trip_with_headroom_between_floor_and_ceiling(int roundTripMs, int expected)
    {
        var (window, _) = Window();
        for (var i = 0; i < 5; i++) window.RoundTripMeasured(TimeSpan.FromMilliseconds(roundTripMs));
        Assert.Equal(expected, window.Size);
        Assert.Equal(roundTripMs, window.RoundTrip!.Value.TotalMilliseconds, 6);
    }

    [Fact]
    public void It_scales_with_the_sessions_write_limit()
    {
        var (slow, _) = Window(perSecond: 100);
        var (fast, _) = Window(perSecond: 1380);
        slow.RoundTripMeasured(TimeSpan.FromMilliseconds(400));
        fast.RoundTripMeasured(TimeSpan.FromMilliseconds(400));
        Assert.Equal(60, slow.Size);     // 100 × 0.4 × 1.5
        Assert.Equal(512, fast.Size);    // 828, capped
    }

    [Fact]
    public void Without_a_write_limit_it_stays_at_its_ceiling()
    {
        var (window, _) = Window(perSecond: 0, ceiling: 300);
        Assert.Equal(300, window.Size);
        window.RoundTripMeasured(TimeSpan.FromMilliseconds(1));
        Assert.Equal(300, window.Size);
    }

    [Fact]
    public void It_never_passes_an_explicit_ceiling()
    {
        var (window, _) = Window(ceiling: 16);
        Assert.Equal(16, window.Size);
        window.RoundTripMeasured(TimeSpan.FromMilliseconds(500));
        Assert.Equal(16, window.Size);
        window.RoundTripMeasured(TimeSpan.FromMilliseconds(1));
        Assert.Equal(16, window.Size);
    }

    [Fact]
    public void During_the_first_round_trip_it_grows_with_the_age_of_the_oldest_write_out()
    {
        var (window, clock) = Window();
        var first = window.WriteStarted();
        Assert.Equal(64, window.Size);                 // just sent: nothing known yet
        clock.Milliseconds = 40;
        Assert.Equal(83, window.Size);                 // out 40 ms and no answer: the round trip is at least 40 ms
        clock.Milliseconds = 100;
        var second = window.WriteStarted();
        Assert.Equal(207, window.Size);                // the first write has been out 100 ms: the round trip is at least that
        clock.Milliseconds = 200;
        Assert.Equal(414, window.Size);
        window.WriteEnded(first);                      // now the oldest is the second, out 100 ms
        Assert.Equal(207, window.Size);
        window.WriteEnded(second);
        window.WriteEnded(second);                     // twice is harmless
        Assert.Equal(64, window.Size);                 // nothing out, nothing measured
    }

    [Fact]
    public void A_write_out_longer_than_the_measured_round_trip_raises_it()
    {
        var (window, clock) = Window();
        window.RoundTripMeasured(TimeSpan.FromMilliseconds(50));
        Assert.Equal(104, window.Size);
        var slow = window.WriteStarted();
        clock.Milliseconds = 30;
        Assert.Equal(104, window.Size);                // younger than the round trip: no news
        clock.Milliseconds = 250;
        Assert.Equal(512, window.Size);                // out 250 ms: 518, capped
        window.WriteEnded(slow);
        Assert.Equal(104, window.Size);
    }

    [Fact]
    public void It_follows_a_round_trip_that_changes_within_a_few_dozen_answers()
    {
        var (window, _) = Window();
        for (var i = 0; i < 50; i++) window.RoundTripMeasured(TimeSpan.FromMilliseconds(20));
        Assert.Equal(42, window.Size);
        for (var i = 0; i < 40; i++) window.RoundTripMeasured(TimeSpan.FromMilliseconds(200));
        Assert.InRange(window.Size, 400, 414);
        for (var i = 0; i < 40; i++) window.RoundTripMeasured(TimeSpan.FromMilliseconds(20));
        Assert.InRange(window.Size, 42, 50);
    }

    [Fact]
    public void Any_round_trips_keep_it_between_floor_and_ceiling()
    {
        var random = new Random(7);
        var (window, clock) = Window();
        var out_ = new List<object>();
        for (var i = 0; i < 10_000; i++)
        {
            clock.Milliseconds += random.Next(0, 5);
            switch (random.Next(3))
            {
                case 0: window.RoundTripMeasured(TimeSpan.FromMilliseconds(random.NextDouble() * 3000)); break;
                case 1: out_.Add(window.WriteStarted()); break;
                default:
                    if (out_.Count > 0)
                    {
                        var k = random.Next(out_.Count);
                        window.WriteEnded(out_[k]);
                        out_.RemoveAt(k);
                    }
                    break;
            }
            Assert.InRange(window.Size, AdaptiveWindow.Floor, 512);
        }
    }

    // ---- the point of it: the write limit is reached at any round trip --------------------------------------------

    /// <summary>
    /// A batch in virtual time, one millisecond a step: writes enter while the window has room, a token bucket at the
    /// write limit lets them onto the wire, and each comes back after a round trip that varies by ±50%. Returns the
    /// writes answered a second between the second and the sixth second.
    /// </summary>
    private static double Throughput(double perSecond, int roundTripMs, Func<AdaptiveWindow, int> size)
    {
        var (window, clock) = Window(perSecond);
        var random = new Random(roundTripMs);
        var waiting = 0;
        var onTheWire = new List<(long Back, object Token, long Sent)>();
        // The session's bucket: a burst of a fiftieth of the limit, paid for by refilling that much slower.
        var capacity = perSecond / 50;
        var tokens = capacity;
        var answered = 0;
        for (long ms = 0; ms < 6000; ms++)
        {
            clock.Milliseconds = ms;
            for (var i = onTheWire.Count - 1; i >= 0; i--)
            {
                if (onTheWire[i].Back > ms) continue;
                window.WriteEnded(onTheWire[i].Token);
                window.RoundTripMeasured(TimeSpan.FromMilliseconds(ms - onTheWire[i].Sent));
                onTheWire.RemoveAt(i);
                if (ms >= 2000) answered++;
            }
            // The batch has more input than it can ever send: the window alone decides how many are in flight.
            while (waiting + onTheWire.Count < size(window)) waiting++;
            tokens = Math.Min(capacity, tokens + (perSecond - capacity) / 1000);
            while (waiting > 0 && tokens >= 1)
            {
                tokens--;
                waiting--;
                var trip = (long)Math.Round(roundTripMs * (0.5 + random.NextDouble()));
                onTheWire.Add((ms + Math.Max(1, trip), window.WriteStarted(), ms));
            }
        }
        return answered / 4.0;
    }

    [Theory]
    [InlineData(10)]
    [InlineData(50)]
    [InlineData(150)]
    [InlineData(200)]
    [InlineData(300)]
    public void Sized_this_way_it_reaches_the_write_limit_at_any_round_trip_up_to_300_ms(int roundTripMs)
    {
        var rate = Throughput(1380, roundTripMs, w => w.Size);
        // The bucket's steady rate is 1,352.4 a second (the limit less its burst).
        Assert.InRange(rate, 1352.4 * 0.98, 1352.4 * 1.01);
    }

    [Theory]
    [InlineData(150, 427)]   // 64 / 0.15 s
    [InlineData(200, 320)]
    [InlineData(300, 214)]
    public void A_fixed_window_of_64_does_not(int roundTripMs, double mostPerSecond)
    {
        var rate = Throughput(1380, roundTripMs, _ => 64);
        Assert.True(rate <= mostPerSecond * 1.05, $"{rate:0} a second with 64 in flight at {roundTripMs} ms");
    }
}
