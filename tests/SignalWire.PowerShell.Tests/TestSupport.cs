using System.Collections.Concurrent;
using System.Security;
using System.Text;
using SignalWire.Emulator;
using SignalWire.PowerShell.Client;

namespace SignalWire.PowerShell.Tests;

public static class Secret
{
    public static SecureString Of(string text)
    {
        var secure = new SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }
        secure.MakeReadOnly();
        return secure;
    }
}

/// <summary>Collects what the client reports, as a cmdlet's -Verbose/-Debug would.</summary>
internal sealed class RecordingObserver : IRequestObserver
{
    public ConcurrentQueue<RequestTrace> Traces { get; } = new();

    public ConcurrentQueue<(string Method, Uri Uri, string Reason, TimeSpan Wait, int NextAttempt)> Retries { get; } = new();

    public Action? OnRetry { get; set; }

    public ConcurrentQueue<(string Method, Uri Uri)> Sending { get; } = new();

    public void RequestSending(string method, Uri uri) => Sending.Enqueue((method, uri));

    public void RequestCompleted(RequestTrace trace) => Traces.Enqueue(trace);

    public void RetryScheduled(string method, Uri uri, string reason, TimeSpan wait, int nextAttempt)
    {
        Retries.Enqueue((method, uri, reason, wait, nextAttempt));
        OnRetry?.Invoke();
    }
}

/// <summary>An in-process emulator on a free port and a client pointed at it.</summary>
internal sealed class Harness : IAsyncDisposable
{
    public const string Api = "/api/relay/rest/phone_numbers";

    private Harness(RunningEmulator emulator, EmulatorOptions options, SignalWireClient client)
    {
        Emulator = emulator;
        Options = options;
        Client = client;
    }

    public RunningEmulator Emulator { get; }

    public EmulatorOptions Options { get; }

    public SignalWireClient Client { get; }

    public EmulatorState State => Emulator.State;

    public IReadOnlyList<LoggedRequest> Requests => State.Requests.Snapshot();

    /// <summary>Ids of the emulator's numbers, newest first (the list order).</summary>
    public IReadOnlyList<string> Ids => State.Numbers.AllNewestFirst().Select(n => n.Id).ToList();

    public string FirstId => Ids[0];

    public static async Task<Harness> StartAsync(
        Action<EmulatorOptions>? emulator = null, Action<SignalWireClientOptions>? client = null, string? token = null, string? projectId = null)
    {
        var options = new EmulatorOptions { Port = 0, Numbers = 25 };
        emulator?.Invoke(options);
        var running = await EmulatorServer.StartAsync(options);
        return new Harness(running, options, NewClient(running, options, client, token, projectId));
    }

    public static SignalWireClient NewClient(RunningEmulator running, EmulatorOptions emulatorOptions,
        Action<SignalWireClientOptions>? configure = null, string? token = null, string? projectId = null)
    {
        var options = new SignalWireClientOptions(running.BaseUrl, projectId ?? emulatorOptions.ProjectId, Secret.Of(token ?? emulatorOptions.Token))
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            MaximumRetryDelay = TimeSpan.FromSeconds(5),
            MaximumRetryCount = 2,
            Timeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        return new SignalWireClient(options);
    }

    public void AddFault(FaultRule rule) => State.Faults.Add(rule);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>The module's property for an API key: call_relay_topic → CallRelayTopic.</summary>
public static class Naming
{
    public static string PropertyName(string apiKey) =>
        string.Concat(apiKey.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}

public static class Utf8
{
    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}

/// <summary>Tests that measure time run alone, so other tests do not steal the CPU they time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}

/// <summary>A list page read to its end at once, as a caller that needs every number does (PhoneNumberPage.Numbers).</summary>
internal static class WholePage
{
    public static PhoneNumberPage Read(byte[] body, int? status = null, Uri? spaceUrl = null)
    {
        var page = PhoneNumberJson.OpenPage(body, status, spaceUrl);
        _ = page.Numbers;
        return page;
    }
}
