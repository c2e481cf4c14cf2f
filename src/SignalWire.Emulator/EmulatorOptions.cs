namespace SignalWire.Emulator;

/// <summary>How to start an emulator (in-process via <see cref="EmulatorServer.StartAsync"/> or from the command line).</summary>
public sealed class EmulatorOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one (see <see cref="RunningEmulator.BaseUrl"/>).</summary>
    public int Port { get; set; }

    /// <summary>The Basic-auth user name.</summary>
    public string ProjectId { get; set; } = "2bd9a5c3-6d5e-4f1a-9b7c-0e8f4a6d2c11";

    /// <summary>The Basic-auth password.</summary>
    public string Token { get; set; } = "PTemulator-token";

    /// <summary>How many deterministic numbers to seed.</summary>
    public int Numbers { get; set; } = 25;

    /// <summary>Delay added to every API request.</summary>
    public int LatencyMs { get; set; }

    /// <summary>POST/PUT/PATCH allowed per <see cref="WriteRateWindow"/> (the contract: 13,800 per 10 s); 0 disables.</summary>
    public int WriteRateLimit { get; set; } = 13_800;

    public TimeSpan WriteRateWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether links.self/first/next/prev are absolute URLs on the request's host instead of the paths from the root
    /// that the vendor's Paging page shows ("/api/relay/rest/phone_numbers?page_number=1&amp;..."), the default.
    /// </summary>
    public bool AbsoluteLinks { get; set; }

    /// <summary>The shape of search replies: "live" (as captured) or "spec" (as the published spec models them).</summary>
    public string SearchShape { get; set; } = SearchShapes.Live;

    /// <summary>
    /// How long the emulated carrier takes to confirm an E911 assignment or removal (pending → active, pending_removal →
    /// unregistered); 0 confirms at once, right after the response that says pending.
    /// </summary>
    public int E911ProvisioningDelayMs { get; set; } = 2000;

    /// <summary>
    /// How long the emulated campaign registry takes to process a number assignment order (pending → processed, its
    /// assignments pending → completed); 0 processes it at once, right after the response that says pending.
    /// </summary>
    public int RegistryOrderDelayMs { get; set; } = 2000;

    /// <summary>
    /// The 10DLC registry to serve instead of the deterministic one (<see cref="RegistrySeedData"/>): a snapshot's
    /// brands, campaigns and assignments. Null keeps the deterministic brands and campaigns, with the seeded assignments
    /// of the numbers that exist.
    /// </summary>
    public RegistrySeed? Registry { get; set; }

    /// <summary>
    /// Numbers to serve instead of the deterministic seed (e.g. <see cref="SeedFile.Load"/>), oldest first; a reset without a count
    /// restores them.
    /// </summary>
    public IReadOnlyList<EmulatedNumber>? Seed { get; set; }

    /// <summary>
    /// Fabric resources to serve instead of the deterministic ones (<see cref="ResourceSeedData"/>), oldest first; a reset
    /// without a count restores them. A snapshot from the command line sets it, to none when the snapshot holds none.
    /// </summary>
    public IReadOnlyList<FabricResource>? Resources { get; set; }

    /// <summary>Where every API request is also written, one JSON line each (--request-log); null for none.</summary>
    public RequestLogFile? RequestLogFile { get; set; }

    /// <summary>Fault rules active from the start.</summary>
    public List<FaultRule> Faults { get; set; } = [];
}

/// <summary>A registry snapshot: brands, campaigns and assignments, each oldest first.</summary>
public sealed record RegistrySeed(
    IReadOnlyList<RegistryBrand> Brands, IReadOnlyList<RegistryCampaign> Campaigns, IReadOnlyList<RegistryAssignment> Assignments);

/// <summary>The two shapes of a search reply the vendor's sources show.</summary>
public static class SearchShapes
{
    /// <summary>fixtures/search_phone_numbers.json: "links": {}, items with "e164", formatted numbers and capabilities as a list.</summary>
    public const string Live = "live";

    /// <summary>
    /// The spec's AvailablePhoneNumbersResponse (relay-rest/phone-numbers/models/responses.tsp), every optional part left
    /// out when empty: no "links", items with "number", "region", "city", "rate_center", "lata" and capabilities as an
    /// object of flags, and no "data" at all when nothing matches.
    /// </summary>
    public const string Spec = "spec";

    public static string Parse(string value) => value switch
    {
        Live or Spec => value,
        _ => throw new FormatException($"search shape must be '{Live}' or '{Spec}', not '{value}'."),
    };
}

/// <summary>The two forms of paging link the vendor's sources show.</summary>
public static class LinkForms
{
    /// <summary>A path from the root of the space, as fern/products/apis/pages/core/paging.mdx shows it (the default).</summary>
    public const string Relative = "relative";

    /// <summary>An absolute URL on the host the request came to.</summary>
    public const string Absolute = "absolute";

    public static bool IsAbsolute(string form) => form switch
    {
        Relative => false,
        Absolute => true,
        _ => throw new FormatException($"links must be '{Relative}' or '{Absolute}', not '{form}'."),
    };
}
