namespace SignalWire.Emulator;

/// <summary>Everything an emulator holds: numbers, resources, request log, faults and settings. Thread-safe.</summary>
public sealed class EmulatorState
{
    private int _latencyMs;
    private volatile bool _absoluteLinks;
    private volatile string _searchShape;
    private int _e911ProvisioningDelayMs;
    private int _registryOrderDelayMs;
    private RegistrySeed? _seedRegistry;
    private IReadOnlyList<EmulatedNumber>? _seed;
    private IReadOnlyList<FabricResource>? _seedResources;

    public EmulatorState(EmulatorOptions options)
    {
        ProjectId = options.ProjectId;
        Token = options.Token;
        SeedCount = options.Seed?.Count ?? options.Numbers;
        _latencyMs = options.LatencyMs;
        _absoluteLinks = options.AbsoluteLinks;
        _searchShape = SearchShapes.Parse(options.SearchShape);
        _e911ProvisioningDelayMs = Math.Max(0, options.E911ProvisioningDelayMs);
        _seed = options.Seed;
        Numbers = _seed is null ? new PhoneNumberStore(options.Numbers) : new PhoneNumberStore(_seed);
        _seedResources = options.Resources;
        Resources = new ResourceStore(ProjectId);
        Resources.Reseed(_seedResources ?? ResourceSeedData.Create(ProjectId));
        _registryOrderDelayMs = Math.Max(0, options.RegistryOrderDelayMs);
        _seedRegistry = options.Registry;
        ReseedRegistry();
        RateLimiter = new WriteLimitWindow(options.WriteRateLimit, options.WriteRateWindow);
        Faults.AddRange(options.Faults);
        options.RequestLogFile?.Attach(Requests);
    }

    public string ProjectId { get; }

    public string Token { get; }

    /// <summary>The seed size used by the last start or reset.</summary>
    public int SeedCount { get; private set; }

    public PhoneNumberStore Numbers { get; }

    /// <summary>The project's Fabric resources (/api/fabric/resources).</summary>
    public ResourceStore Resources { get; }

    /// <summary>The project's E911 addresses and the carrier's registrations.</summary>
    public AddressStore Addresses { get; } = new();

    /// <summary>The 10DLC campaign registry: brands, campaigns, assignments and orders.</summary>
    public RegistryStore Registry { get; } = new();

    public RequestLog Requests { get; } = new();

    public FaultInjector Faults { get; } = new();

    public WriteLimitWindow RateLimiter { get; }

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

    /// <summary>How long the emulated carrier takes to confirm an E911 change; 0 confirms at once.</summary>
    public int E911ProvisioningDelayMs
    {
        get => Volatile.Read(ref _e911ProvisioningDelayMs);
        set => Volatile.Write(ref _e911ProvisioningDelayMs, Math.Max(0, value));
    }

    /// <summary>How long the emulated registry takes to process an assignment order; 0 processes it at once.</summary>
    public int RegistryOrderDelayMs
    {
        get => Volatile.Read(ref _registryOrderDelayMs);
        set => Volatile.Write(ref _registryOrderDelayMs, Math.Max(0, value));
    }

    /// <summary>
    /// Whether the emulated carrier confirms E911 assignments to numbers that can hold one; when it does not, they end
    /// `failed`, as the spec's e911_status says of a registration the carrier does not confirm. Back to true at a reset.
    /// </summary>
    public bool E911CarrierConfirms
    {
        get => Volatile.Read(ref _e911CarrierConfirms);
        set => Volatile.Write(ref _e911CarrierConfirms, value);
    }

    private bool _e911CarrierConfirms = true;

    /// <summary>
    /// Reseeds (with <paramref name="numbers"/> deterministic numbers and the deterministic resources they point at, or else
    /// as at the start: the snapshot when there is one) and clears the log, the faults, the rate-limit window and the E911
    /// addresses.
    /// </summary>
    public void Reset(int? numbers = null)
    {
        if (numbers is not null)
        {
            _seed = null; // an explicit count replaces the snapshot from now on
            _seedResources = null;
            _seedRegistry = null;
        }
        Resources.Reseed(_seedResources ?? ResourceSeedData.Create(ProjectId));
        SeedCount = numbers ?? SeedCount;
        if (_seed is null)
        {
            Numbers.Reseed(SeedCount);
        }
        else
        {
            Numbers.Reseed(_seed);
        }
        Addresses.Clear();
        E911CarrierConfirms = true;
        ReseedRegistry();
        Requests.Clear();
        Faults.Clear();
        RateLimiter.Clear();
    }

    // The snapshot's registry, or the deterministic one with the seeded assignments of the numbers there are.
    private void ReseedRegistry()
    {
        if (_seedRegistry is { } seed)
        {
            Registry.Reseed(seed.Brands, seed.Campaigns, seed.Assignments);
            return;
        }
        var numbers = Numbers.AllNewestFirst().Reverse().ToList();
        Registry.Reseed(RegistrySeedData.Brands(), RegistrySeedData.Campaigns(), RegistrySeedData.Assignments(numbers));
    }
}
