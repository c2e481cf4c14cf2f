using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Client;

/// <summary>
/// The project's Fabric resources (GET /api/fabric/resources, and each type's own list), per fabric-api/resources in
/// the vendor's spec: what a number's target fields name.
/// </summary>
internal sealed partial class SignalWireClient
{
    private const string FabricRoot = "api/fabric/";

    /// <summary>Every page of the resource list, or of one type's list when <paramref name="type"/> is given.</summary>
    public PageWalker<FabricResourcePage> ResourcePages(string? type, IRequestObserver? observer, CancellationToken cancellationToken) =>
        new PageWalker<FabricResourcePage>(next => ListResourcesAsync(type, next, observer, cancellationToken), page => page.Next);

    /// <summary>
    /// The first page of the list (one type's own list, /api/fabric/resources/ai_agents..., when the type has one), or the
    /// page a previous page's links.next points to.
    /// </summary>
    public async Task<FabricResourcePage> ListResourcesAsync(string? type, Uri? nextPage, IRequestObserver? observer,
        CancellationToken cancellationToken)
    {
        var path = type != null && FabricResourceTypes.ListPaths.TryGetValue(type, out var segment) ? "resources/" + segment : "resources";
        var uri = nextPage ?? new Uri(new Uri(Options.SpaceUrl, FabricRoot), path);
        var response = await SendAsync(HttpMethod.Get, uri, null, observer, cancellationToken).ConfigureAwait(false);
        return FabricResourceJson.OpenPage(response.Body, response.Status, Options.SpaceUrl);
    }

    /// <summary>Every resource (of one type when given), all pages.</summary>
    public Task<IReadOnlyList<FabricResource>> ListAllResourcesAsync(string? type, IRequestObserver? observer, CancellationToken cancellationToken) =>
        ResourcePages(type, observer, cancellationToken).ReadAllAsync(page => page.Resources);

    /// <summary>One resource by its id (404 when the project has none).</summary>
    public async Task<FabricResource> GetResourceAsync(string id, IRequestObserver? observer, CancellationToken cancellationToken)
    {
        var uri = new Uri(new Uri(Options.SpaceUrl, FabricRoot), "resources/" + PathId(id, "a resource"));
        var response = await SendAsync(HttpMethod.Get, uri, null, observer, cancellationToken).ConfigureAwait(false);
        return FabricResourceJson.ReadResource(response.Body, response.Status);
    }
}
