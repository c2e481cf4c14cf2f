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

    /// <summary>Fault rules active from the start.</summary>
    public List<FaultRule> Faults { get; set; } = [];
}
