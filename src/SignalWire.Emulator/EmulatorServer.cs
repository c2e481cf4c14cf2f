using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SignalWire.Emulator;

/// <summary>Starts emulators: in-process for tests, or from Program for the command line.</summary>
public static class EmulatorServer
{
    public static async Task<RunningEmulator> StartAsync(EmulatorOptions options, CancellationToken ct = default)
    {
        var state = new EmulatorState(options);
        var api = new ApiRouter(state);

        // The empty builder: no logging, no configuration files, no console messages; fast to start.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port); // 127.0.0.1 only, never other interfaces
        });
        // Signals are the caller's business (Program handles them); the host must not grab them.
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();

        var app = builder.Build();
        app.Run(context => RequestPipeline.HandleAsync(context, state, api));
        await app.StartAsync(ct).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new RunningEmulator(app, state, new Uri($"http://127.0.0.1:{port}/"));
    }

    private sealed class CallerOwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>A started emulator. Dispose to stop it.</summary>
public sealed class RunningEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    internal RunningEmulator(WebApplication app, EmulatorState state, Uri baseUrl)
    {
        _app = app;
        State = state;
        BaseUrl = baseUrl;
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseUrl { get; }

    /// <summary>http://127.0.0.1:PORT/api/relay/rest/</summary>
    public Uri ApiBaseUrl => new(BaseUrl, ApiRouter.RelayRestPath.TrimStart('/') + "/");

    /// <summary>Numbers, request log, faults and settings, for direct use by tests.</summary>
    public EmulatorState State { get; }

    public int Port => BaseUrl.Port;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
