namespace SignalWire.Emulator;

/// <summary>Everything an emulator holds: numbers, request log, faults and settings. Thread-safe.</summary>
public sealed class EmulatorState
{
    private int _latencyMs;
    private volatile bool _absoluteLinks;
    private volatile string _searchShape;

    public EmulatorState(EmulatorOptions options)
    {
        ProjectId = options.ProjectId;
        Token = options.Token;
        SeedCount = options.Numbers;
        _latencyMs = options.LatencyMs;
        _absoluteLinks = options.AbsoluteLinks;
        _searchShape = SearchShapes.Parse(options.SearchShape);
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

    /// <summary>Whether paging links are absolute URLs (see <see cref="EmulatorOptions.AbsoluteLinks"/>).</summary>
    public bool AbsoluteLinks
    {
        get => _absoluteLinks;
        set => _absoluteLinks = value;
    }

    /// <summary>The shape of search replies (<see cref="SearchShapes"/>).</summary>
    public string SearchShape
    {
        get => _searchShape;
        set => _searchShape = SearchShapes.Parse(value);
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
