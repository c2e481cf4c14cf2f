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

    /// <summary>The root of the Fabric API (specs/signalwire-rest/fabric-api/main.tsp).</summary>
    public const string FabricPath = "/api/fabric";

    private readonly ApiGate gate = new(state);
    private readonly PhoneNumbersApi numbers = new(state);
    private readonly AddressesApi addresses = new(state);
    private readonly FabricApi fabric = new(state);
    private readonly RegistryApi registry = new(state);

    /// <summary>The phone number id a path addresses (for fault filters), or null.</summary>
    public static string? NumberIdOf(string path) =>
        Segments(path, RelayRestPath) is ["phone_numbers", var id, ..] && id != "search" ? id : null;

    /// <summary>Whether the request counts against the write rate limit.</summary>
    public static bool IsWrite(string method) => method is "POST" or "PUT" or "PATCH";

    public EmulatorResponse Handle(ApiRequest request) => gate.Refusal(request) ?? Route(request);

    private EmulatorResponse Route(ApiRequest request)
    {
        if (Segments(request.Path, RelayRestPath) is { Length: > 0 } relay)
        {
            return RouteRelayRest(request, relay);
        }
        if (Segments(request.Path, FabricPath) is { Length: > 0 } fabricSegments)
        {
            return RouteFabric(request, fabricSegments);
        }
        return EmulatorResponse.NotFound();
    }

    private EmulatorResponse RouteRelayRest(ApiRequest request, string[] segments) =>
        (request.Method, segments) switch
        {
            (_, ["registry", "beta", .. var rest]) => RouteRegistry(request, rest),
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

    // The registry's path ids are uuids (campaign-registry/models/core.tsp): anything else names no object.
    private EmulatorResponse RouteRegistry(ApiRequest request, string[] segments) =>
        (request.Method, segments) switch
        {
            (_, [_, var id, ..]) when !Guid.TryParseExact(id, "D", out _) => EmulatorResponse.NotFound(),
            ("GET", ["brands"]) => registry.ListBrands(request),
            ("GET", ["brands", var id]) => registry.RetrieveBrand(id),
            ("GET", ["brands", var id, "campaigns"]) => registry.ListCampaigns(request, id),
            ("GET", ["campaigns", var id]) => registry.RetrieveCampaign(id),
            ("GET", ["campaigns", var id, "numbers"]) => registry.ListNumbers(request, id),
            ("GET", ["campaigns", var id, "orders"]) => registry.ListOrders(request, id),
            ("POST", ["campaigns", var id, "orders"]) => registry.CreateOrder(id, request.Body),
            ("GET", ["orders", var id]) => registry.RetrieveOrder(id),
            ("DELETE", ["numbers", var id]) => registry.DeleteAssignment(id),
            (_, ["brands"] or ["brands", _] or ["brands", _, "campaigns"] or ["campaigns", _] or ["campaigns", _, "numbers" or "orders"]
                or ["orders", _] or ["numbers", _]) => EmulatorResponse.Error(405, "Method Not Allowed"),
            _ => EmulatorResponse.NotFound(),
        };

    private EmulatorResponse RouteFabric(ApiRequest request, string[] segments) =>
        (request.Method, segments) switch
        {
            ("GET", ["resources"]) => fabric.List(request, null),
            ("GET", ["resources", var collection]) when FabricTypes.OfCollection(collection) is { } kind => fabric.List(request, kind),
            ("GET", ["resources", var id]) => fabric.Retrieve(id, null),
            ("GET", ["resources", var collection, var id]) when FabricTypes.OfCollection(collection) is { } kind => fabric.Retrieve(id, kind),
            (_, ["resources"] or ["resources", _]) => EmulatorResponse.Error(405, "Method Not Allowed"),
            (_, ["resources", var collection, _]) when FabricTypes.OfCollection(collection) is not null =>
                EmulatorResponse.Error(405, "Method Not Allowed"),
            _ => EmulatorResponse.NotFound(),
        };

    /// <summary>Path segments below <paramref name="root"/>, or an empty array for other paths.</summary>
    private static string[] Segments(string path, string root)
    {
        if (!path.StartsWith(root + "/", StringComparison.Ordinal))
        {
            return [];
        }
        return path[(root.Length + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries);
    }
}
