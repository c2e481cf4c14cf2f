using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SignalWire.Emulator;

/// <summary>
/// /__emulator: test control (request log, faults, config, reset, numbers, Fabric resources, the carrier's E911 registrations,
/// the 10DLC registry).
/// No authentication, so only loopback callers are served; everyone else gets 403.
/// </summary>
public static class ControlEndpoints
{
    public const string Prefix = "/__emulator";

    private static readonly JsonSerializerOptions LogJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Whether a caller may use the control endpoints: loopback addresses only.</summary>
    public static bool IsAllowedCaller(IPAddress? remote)
    {
        if (remote is null)
        {
            return false;
        }
        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }
        return IPAddress.IsLoopback(remote);
    }

    internal static async Task HandleAsync(HttpContext context, EmulatorState state)
    {
        var response = IsAllowedCaller(context.Connection.RemoteIpAddress)
            ? await RouteAsync(context, state).ConfigureAwait(false)
            : EmulatorResponse.Error(403, "Forbidden");
        if (response is null)
        {
            return; // already streamed
        }
        context.Response.StatusCode = response.Status;
        if (response.Body is { } bytes)
        {
            context.Response.ContentType = response.ContentType;
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task<EmulatorResponse?> RouteAsync(HttpContext context, EmulatorState state)
    {
        var method = context.Request.Method;
        var path = context.Request.Path.Value!;
        var body = await RequestPipeline.ReadBodyAsync(context.Request).ConfigureAwait(false);
        try
        {
            switch (method, path[Prefix.Length..].TrimEnd('/'))
            {
                case ("GET", "/requests"):
                    return Serialize(state.Requests.Snapshot(), LogJson);
                case ("DELETE", "/requests"):
                    state.Requests.Clear();
                    return EmulatorResponse.NoContent();
                case ("GET", "/faults"):
                    return Serialize(state.Faults.Snapshot(), FaultRule.Json);
                case ("POST", "/faults"):
                    var added = ParseFaults(body);
                    state.Faults.AddRange(added);
                    return Serialize(added, FaultRule.Json);
                case ("DELETE", "/faults"):
                    state.Faults.Clear();
                    return EmulatorResponse.NoContent();
                case ("GET", "/config"):
                    return Config(state);
                case ("POST", "/config"):
                    var config = Deserialize<ConfigBody>(body) ?? new ConfigBody();
                    // Checked before anything changes, so a refused setting leaves the others as they were.
                    var absoluteLinks = config.Links is { } links ? LinkForms.IsAbsolute(links) : (bool?)null;
                    var searchShape = config.SearchShape is { } shape ? SearchShapes.Parse(shape) : null;
                    if (config.LatencyMs is { } latency)
                    {
                        state.LatencyMs = latency;
                    }
                    if (config.E911ProvisioningDelayMs is { } e911Delay)
                    {
                        state.E911ProvisioningDelayMs = e911Delay;
                    }
                    if (config.E911CarrierConfirms is { } confirms)
                    {
                        state.E911CarrierConfirms = confirms;
                    }
                    if (config.RegistryOrderDelayMs is { } registryDelay)
                    {
                        state.RegistryOrderDelayMs = registryDelay;
                    }
                    state.RateLimiter.Configure(config.WriteRateLimit,
                        config.WriteRateWindowMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
                    if (absoluteLinks is { } absolute)
                    {
                        state.AbsoluteLinks = absolute;
                    }
                    if (searchShape is not null)
                    {
                        state.SearchShape = searchShape;
                    }
                    return Config(state);
                case ("POST", "/reset"):
                    var reset = Deserialize<ResetBody>(body) ?? new ResetBody();
                    state.Reset(reset.Numbers);
                    return EmulatorResponse.Json(200, w =>
                    {
                        w.WriteStartObject();
                        w.WriteNumber("numbers", state.Numbers.Count);
                        w.WriteNumber("resources", state.Resources.Count);
                        w.WriteEndObject();
                    });
                case ("GET", "/e911"):
                    return Serialize(state.Addresses.Registrations(), LogJson);
                case ("GET", "/numbers"):
                    await StreamNumbersAsync(context, state).ConfigureAwait(false);
                    return null;
                case ("GET", "/resources"):
                    return Resources(state.Resources.AllNewestFirst());
                case ("POST", "/resources"):
                    // Answered newest first, as listed: in the body's order.
                    return Resources(state.Resources.Add(ResourceControl.Read(body, state.Resources)).Reverse().ToList());
                case ("DELETE", "/resources"):
                    state.Resources.Reseed([]);
                    return EmulatorResponse.NoContent();
                case ("DELETE", var one) when one.StartsWith("/resources/", StringComparison.Ordinal):
                    return state.Resources.Remove(one["/resources/".Length..]) ? EmulatorResponse.NoContent() : EmulatorResponse.NotFound();
                case ("GET", "/registry"):
                    var contents = state.Registry.Contents();
                    return RegistryControl.Answer(contents.Brands, contents.Campaigns, contents.Assignments, contents.Orders);
                case ("POST", "/registry"):
                    var registry = RegistryControl.Add(body, state);
                    return RegistryControl.Answer(registry.Brands, registry.Campaigns, registry.Assignments, orders: null);
                case ("DELETE", "/registry"):
                    state.Registry.Reseed([], [], []);
                    return EmulatorResponse.NoContent();
                case ("DELETE", var one) when one.StartsWith("/registry/numbers/", StringComparison.Ordinal):
                    // Behind the API's back: whatever the assignment's state, as a colleague's change elsewhere would be.
                    return state.Registry.RemoveAssignment(one["/registry/numbers/".Length..])
                        ? EmulatorResponse.NoContent() : EmulatorResponse.NotFound();
                default:
                    return EmulatorResponse.NotFound();
            }
        }
        catch (FormatException e)
        {
            return EmulatorResponse.Error(400, e.Message);
        }
    }

    /// <summary>Resources as the API writes them, in an array.</summary>
    private static EmulatorResponse Resources(IReadOnlyList<FabricResource> resources) => EmulatorResponse.Json(200, w =>
    {
        w.WriteStartArray();
        foreach (var resource in resources)
        {
            resource.WriteJson(w);
        }
        w.WriteEndArray();
    });

    private static EmulatorResponse Config(EmulatorState state) => EmulatorResponse.Json(200, w =>
    {
        w.WriteStartObject();
        w.WriteNumber("latency_ms", state.LatencyMs);
        w.WriteNumber("write_rate_limit", state.RateLimiter.Limit);
        w.WriteNumber("write_rate_window_ms", (long)state.RateLimiter.Window.TotalMilliseconds);
        w.WriteString("links", state.AbsoluteLinks ? LinkForms.Absolute : LinkForms.Relative);
        w.WriteString("search_shape", state.SearchShape);
        w.WriteNumber("e911_provisioning_delay_ms", state.E911ProvisioningDelayMs);
        w.WriteBoolean("e911_carrier_confirms", state.E911CarrierConfirms);
        w.WriteNumber("registry_order_delay_ms", state.RegistryOrderDelayMs);
        w.WriteEndObject();
    });

    /// <summary>One rule object or an array of them.</summary>
    private static List<FaultRule> ParseFaults(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new FormatException("Send a fault rule object or an array of them.");
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Array
                ? root.EnumerateArray().Select(r => FaultRule.FromJson(r.GetRawText())).ToList()
                : [FaultRule.FromJson(root.GetRawText())];
        }
        catch (JsonException e)
        {
            throw new FormatException($"Invalid JSON: {e.Message}", e);
        }
    }

    private static T? Deserialize<T>(string? body) where T : class
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<T>(body, FaultRule.Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Invalid JSON: {e.Message}", e);
        }
    }

    private static EmulatorResponse Serialize<T>(T value, JsonSerializerOptions options) =>
        new(200, JsonSerializer.SerializeToUtf8Bytes(value, options));

    // Streamed: with 100,000 numbers the array is large, so it is never built in memory at once.
    private static async Task StreamNumbersAsync(HttpContext context, EmulatorState state)
    {
        var numbers = state.Numbers.AllNewestFirst();
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body, EmulatorResponse.WriterOptions);
        writer.WriteStartArray();
        for (var i = 0; i < numbers.Count; i++)
        {
            numbers[i].WriteJson(writer);
            if (writer.BytesPending > 64 * 1024)
            {
                await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        writer.WriteEndArray();
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private sealed class ConfigBody
    {
        public int? LatencyMs { get; set; }

        public int? WriteRateLimit { get; set; }

        public long? WriteRateWindowMs { get; set; }

        /// <summary>"relative" or "absolute".</summary>
        public string? Links { get; set; }

        /// <summary>"live" or "spec".</summary>
        public string? SearchShape { get; set; }

        public int? E911ProvisioningDelayMs { get; set; }

        /// <summary>false: the carrier confirms no E911 assignment, so each ends failed (the spec's "if the carrier does not confirm it").</summary>
        public bool? E911CarrierConfirms { get; set; }
        public int? RegistryOrderDelayMs { get; set; }
    }

    private sealed class ResetBody
    {
        [JsonPropertyName("numbers")]
        public int? Numbers { get; set; }
    }
}
