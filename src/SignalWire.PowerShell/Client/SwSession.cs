using System;

namespace SignalWire.PowerShell.Client;

/// <summary>
/// A connection to one SignalWire project: where it is and how requests behave. It never exposes the token: it lives
/// only in the client's SecureString, which is no public property, so neither formatting nor ConvertTo-Json sees it.
/// </summary>
public sealed class SwSession
{
    internal SwSession(SignalWireClient client, DateTime connectedAt)
    {
        Client = client;
        ConnectedAt = connectedAt;
    }

    internal SignalWireClient Client { get; }

    public Uri SpaceUrl => Client.Options.SpaceUrl;
    public string ProjectId => Client.Options.ProjectId;
    public DateTime ConnectedAt { get; }
    public int MaximumRetryCount => Client.Options.MaximumRetryCount;
    public int TimeoutSec => (int)Client.Options.Timeout.TotalSeconds;
    public double WriteRateLimit => Client.Options.WriteRateLimit;

    /// <summary>The change journal every writing cmdlet of this session appends to, unless its own -JournalPath says otherwise.</summary>
    public string? JournalPath { get; internal set; }

    public override string ToString() => $"SignalWire project {ProjectId} at {SpaceUrl}";
}
