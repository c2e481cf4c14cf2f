using System;
using System.Security;

namespace SignalWire.PowerShell.Client;

/// <summary>Where and how a client talks to the API.</summary>
internal sealed class SignalWireClientOptions
{
    public SignalWireClientOptions(Uri spaceUrl, string projectId, SecureString token)
    {
        SpaceUrl = spaceUrl;
        ProjectId = projectId;
        Token = token;
    }

    /// <summary>The space's root, such as https://example.signalwire.com/.</summary>
    public Uri SpaceUrl { get; }

    public string ProjectId { get; }

    /// <summary>The API token: kept as a SecureString and turned into text only for a request's header.</summary>
    public SecureString Token { get; }

    /// <summary>How many times a failed request is tried again (0: never).</summary>
    public int MaximumRetryCount { get; set; } = 4;

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Writes (PUT, POST) per second; the API allows 13,800 per 10 seconds. 0 turns the client's limit off.</summary>
    public double WriteRateLimit { get; set; } = 1380;

    /// <summary>
    /// The most writes a bulk job keeps in flight: the ceiling of the adaptive window and the largest
    /// Set-SwPhoneNumber -ThrottleLimit. At 1,380 writes a second it reaches the limit up to a 370 ms round trip.
    /// </summary>
    public const int MaximumWritesInFlight = 512;

    /// <summary>The most reads a bulk job keeps in flight besides its writes (reads are not rate-limited).</summary>
    public const int MaximumReadsInFlight = 512;

    /// <summary>The most requests a bulk job may keep in flight, reads and writes together.</summary>
    public const int MaximumConcurrentRequests = MaximumWritesInFlight + MaximumReadsInFlight;

    /// <summary>Connections per host: as many as requests may be in flight (.NET Framework's default is 2).</summary>
    public int MaxConnectionsPerServer { get; set; } = MaximumConcurrentRequests;

    /// <summary>The first backoff wait when the server gave no Retry-After; it doubles each attempt.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between attempts, whatever Retry-After says.</summary>
    public TimeSpan MaximumRetryDelay { get; set; } = TimeSpan.FromSeconds(60);
}
