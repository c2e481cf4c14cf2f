namespace SignalWire.Emulator;

/// <summary>Everything an emulator holds: numbers, request log, faults and settings. Thread-safe.</summary>
public sealed class EmulatorState
{
    private int _latencyMs;

    public EmulatorState(EmulatorOptions options)
    {
        ProjectId = options.ProjectId;
        Token = options.Token;
        SeedCount = options.Numbers;
        _latencyMs = options.LatencyMs;
        Numbers = new PhoneNumberStore(options.Numbers);
        RateLimiter = new WriteRateLimiter(options.WriteRateLimit, options.WriteRateWindow);
        Faults.AddRange(options.Faults);
    }

    public string ProjectId { get; }

    public string Token { get; }

    /// <summary>The seed size used by the last start or reset.</summary>
    public int SeedCount { get; private set; }

    public PhoneNumberStore Numbers { get; }

    public RequestLog Requests { get; } = new();

    public FaultInjector Faults { get; } = new();

    public WriteRateLimiter RateLimiter { get; }

    /// <summary>Delay added to every API request.</summary>
    public int LatencyMs
    {
        get => Volatile.Read(ref _latencyMs);
        set => Volatile.Write(ref _latencyMs, Math.Max(0, value));
    }

    /// <summary>Reseeds deterministically and clears the log, the faults and the rate-limit window.</summary>
    public void Reset(int? numbers = null)
    {
        SeedCount = numbers ?? SeedCount;
        Numbers.Reseed(SeedCount);
        Requests.Clear();
        Faults.Clear();
        RateLimiter.Clear();
    }
}
