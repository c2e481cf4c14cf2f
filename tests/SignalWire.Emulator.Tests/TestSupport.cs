using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SignalWire.Emulator.Tests;

/// <summary>A started in-process emulator plus an authenticated HttpClient for it.</summary>
public sealed class TestEmulator : IAsyncDisposable
{
    private TestEmulator(RunningEmulator emulator, EmulatorOptions options)
    {
        Emulator = emulator;
        Options = options;
        Http = NewClient(emulator.BaseUrl, options.ProjectId, options.Token);
    }

    public RunningEmulator Emulator { get; }

    public EmulatorOptions Options { get; }

    public EmulatorState State => Emulator.State;

    public HttpClient Http { get; }

    public const string Api = "api/relay/rest/phone_numbers";

    public static async Task<TestEmulator> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { Port = 0 };
        configure?.Invoke(options);
        return new TestEmulator(await EmulatorServer.StartAsync(options), options);
    }

    public static HttpClient NewClient(Uri baseUrl, string? user, string? password)
    {
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(20),
        };
        if (user is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }
        return http;
    }

    public async Task<(HttpResponseMessage Response, JsonElement Json)> GetJsonAsync(string url)
    {
        var response = await Http.GetAsync(url);
        return (response, await ReadJsonAsync(response));
    }

    public async Task<(HttpResponseMessage Response, JsonElement Json)> SendJsonAsync(HttpMethod method, string url, string body)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var response = await Http.SendAsync(request);
        return (response, await ReadJsonAsync(response));
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The id of the newest number.</summary>
    public string FirstId() => State.Numbers.AllNewestFirst()[0].Id;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}
