namespace SignalWire.Emulator;

/// <summary>A request to the API, reduced to what the handlers need.</summary>
public sealed record ApiRequest(
    string Method, string Path, IReadOnlyDictionary<string, string> Query, string? Body,
    string? Authorization, string BaseUrl);

/// <summary>
/// Routes an API request to the class that serves its resource, once <see cref="ApiGate"/> has let it in. It knows paths
/// and methods only; each API class validates and answers its own requests.
/// </summary>
public sealed class ApiRouter(EmulatorState state)
{
    /// <summary>The root of the phone-number and address endpoints (the vendor's relay-rest space).</summary>
    public const string RelayRestPath = "/api/relay/rest";

    private readonly ApiGate gate = new(state);
    private readonly PhoneNumbersApi numbers = new(state);
    private readonly AddressesApi addresses = new(state);

    /// <summary>The phone number id a path addresses (for fault filters), or null.</summary>
    public static string? NumberIdOf(string path)
    {
        var segments = Segments(path);
        return segments is ["phone_numbers", var id, ..] && id != "search" ? id : null;
    }

    /// <summary>Whether the request counts against the write rate limit.</summary>
    public static bool IsWrite(string method) => method is "POST" or "PUT" or "PATCH";

    public EmulatorResponse Handle(ApiRequest request) => gate.Refusal(request) ?? Route(request);

    private EmulatorResponse Route(ApiRequest request) =>
        (request.Method, Segments(request.Path)) switch
        {
            ("GET", ["phone_numbers"]) => numbers.List(request),
            ("POST", ["phone_numbers"]) => numbers.Purchase(request.Body),
            ("GET", ["phone_numbers", "search"]) => numbers.Search(request.Query),
            ("GET", ["phone_numbers", var id]) => numbers.Retrieve(id),
            ("PUT", ["phone_numbers", var id]) => numbers.Update(id, request.Body),
            ("DELETE", ["phone_numbers", var id]) => numbers.Release(id),
            ("POST", ["phone_numbers", var id, "e911_address"]) => addresses.AssignE911(id, request.Body),
            ("DELETE", ["phone_numbers", var id, "e911_address"]) => addresses.RemoveE911(id),
            ("GET", ["addresses"]) => addresses.List(request),
            ("POST", ["addresses"]) => addresses.Create(request.Body),
            ("GET", ["addresses", var id]) => addresses.Retrieve(id),
            ("PUT", ["addresses", var id]) => addresses.Update(id, request.Body),
            ("DELETE", ["addresses", var id]) => addresses.Delete(id),
            (_, ["phone_numbers"] or ["phone_numbers", _] or ["phone_numbers", _, "e911_address"] or ["addresses"] or ["addresses", _]) =>
                EmulatorResponse.Error(405, "Method Not Allowed"),
            _ => EmulatorResponse.NotFound(),
        };

    /// <summary>Path segments below /api/relay/rest, or an empty array for other paths.</summary>
    private static string[] Segments(string path)
    {
        if (!path.StartsWith(RelayRestPath + "/", StringComparison.Ordinal))
        {
            return [];
        }
        return path[(RelayRestPath.Length + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries);
    }
}
