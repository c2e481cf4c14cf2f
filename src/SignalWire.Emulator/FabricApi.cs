namespace SignalWire.Emulator;

/// <summary>
/// The Fabric resources (specs/signalwire-rest/fabric-api/resources/main.tsp and each type's main.tsp): the list of every
/// resource, one by id, and each type's own list and get. Routed by <see cref="ApiRouter"/>, which has already checked the
/// credentials.
/// </summary>
public sealed class FabricApi(EmulatorState state)
{
    public const string ResourcesPath = ApiRouter.FabricPath + "/resources";

    /// <summary>
    /// GET /api/fabric/resources, or a type's own list when <paramref name="kind"/> is given. The spec declares no query
    /// parameter, only the paging its links carry (page_number, page_size, page_token, and on most types' lists a type,
    /// as their link examples show: <see cref="FabricType.LinkType"/>); a page_size outside 1 to 1000 or a foreign token
    /// gets this emulator's 422 in the Fabric API's error shape, a status the list does not declare. The spec does not say
    /// in which order resources are listed: newest first, like the phone numbers.
    /// </summary>
    public EmulatorResponse List(ApiRequest request, FabricType? kind)
    {
        var type = kind?.Type;
        var listPath = kind is null ? ResourcesPath : ResourcesPath + "/" + kind.Collection;
        var walk = "fabric\u0000" + type; // a token of one list never reads in another
        var errors = new List<string>();
        var page = ListPaging.Read(request.Query, walk, "this list", errors);
        if (page is null)
        {
            // Each of ListPaging's messages starts with the parameter it is about.
            return EmulatorResponse.RestInvalid(errors.Select(e => (e[..e.IndexOf(' ', StringComparison.Ordinal)], e)));
        }

        var slice = state.Resources.Page(type, page.Cursor, page.PageSize);
        var root = state.AbsoluteLinks ? request.BaseUrl : "";
        string Link(int pageNumber, long cursor) =>
            ListPaging.Link(root, listPath, walk, pageNumber, page.PageSize, cursor, ("type", kind?.LinkType));
        return EmulatorResponse.Json(200, w => ListPaging.WritePage(w, page, slice, Link, resource => resource.Ordinal,
            (resource, writer) => resource.WriteJson(writer), dataFirst: true));
    }

    /// <summary>GET /api/fabric/resources/{id}, or a type's own get: 404 {"error":"Not Found"} (StatusCode404) when unknown.</summary>
    public EmulatorResponse Retrieve(string id, FabricType? kind) =>
        state.Resources.Get(id) is { } resource && (kind is null || resource.Type == kind.Type)
            ? EmulatorResponse.Json(200, resource.WriteJson)
            : EmulatorResponse.NotFound();
}
