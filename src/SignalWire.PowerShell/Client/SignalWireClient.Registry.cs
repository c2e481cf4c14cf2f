using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Client;

/// <summary>
/// The 10DLC campaign registry (/api/relay/rest/registry/beta, relay-rest/campaign-registry in the vendor's spec): brands
/// and their campaigns (read only), a campaign's number assignments, the orders that assign numbers, and the removal of
/// an assignment. The spec declares no paging query for these lists, so every list follows links.next as given; its
/// "data" is optional there, so a page without it is an empty page.
/// </summary>
internal sealed partial class SignalWireClient
{
    private const string RegistryRoot = "registry/beta/";

    /// <summary>Every brand of the project, all pages.</summary>
    public Task<IReadOnlyList<Brand>> ListAllBrandsAsync(IRequestObserver? observer, CancellationToken cancellationToken) =>
        ListAllAsync<Brand>(RegistryUri("brands"), observer, cancellationToken);

    /// <summary>
    /// Every campaign of a brand, all pages, each with the brand's id and name (the API's campaign names no brand);
    /// <paramref name="nameContains"/> is the API's filter_name, a substring.
    /// </summary>
    public async Task<IReadOnlyList<Campaign>> ListAllCampaignsAsync(Brand brand, string? nameContains, IRequestObserver? observer,
        CancellationToken cancellationToken)
    {
        var campaigns = await ListAllAsync<Campaign>(CampaignsUri(brand, nameContains), observer, cancellationToken).ConfigureAwait(false);
        return OfBrand(brand, campaigns);
    }

    private Uri CampaignsUri(Brand brand, string? nameContains) =>
        RegistryUri("brands/" + PathId(brand.Id, "a brand") + "/campaigns"
            + (nameContains == null ? "" : "?filter_name=" + Uri.EscapeDataString(nameContains)));

    private static IReadOnlyList<Campaign> OfBrand(Brand brand, IReadOnlyList<Campaign> campaigns)
    {
        foreach (var campaign in campaigns)
        {
            campaign.BrandId = brand.Id;
            campaign.BrandName = brand.Name;
        }
        return campaigns;
    }

    /// <summary>The first page of the project's brands, as the API sizes it: one request, links.next not followed.</summary>
    public Task<IReadOnlyList<Brand>> ListBrandsFirstPageAsync(IRequestObserver? observer, CancellationToken cancellationToken) =>
        FirstPageAsync<Brand>(RegistryUri("brands"), observer, cancellationToken);

    /// <summary>The first page of a brand's campaigns, as the API sizes it (one request), each with the brand's id and name.</summary>
    public async Task<IReadOnlyList<Campaign>> ListCampaignsFirstPageAsync(Brand brand, IRequestObserver? observer,
        CancellationToken cancellationToken) =>
        OfBrand(brand, await FirstPageAsync<Campaign>(CampaignsUri(brand, null), observer, cancellationToken).ConfigureAwait(false));

    /// <summary>Every assignment of a campaign (in one state when given: the API's filter_state), all pages, each with the campaign's name.</summary>
    public async Task<IReadOnlyList<CampaignNumber>> ListAllCampaignNumbersAsync(Campaign campaign, string? state, IRequestObserver? observer,
        CancellationToken cancellationToken)
    {
        var query = state == null ? "" : "?filter_state=" + Uri.EscapeDataString(state);
        var numbers = await ListAllAsync<CampaignNumber>(RegistryUri("campaigns/" + PathId(campaign.Id, "a campaign") + "/numbers" + query),
            observer, cancellationToken).ConfigureAwait(false);
        foreach (var number in numbers) number.CampaignName = campaign.Name;
        return numbers;
    }

    /// <summary>
    /// POST /campaigns/{id}/orders {"phone_numbers": [E.164...], "status_callback_url"?}: the pending order (the API
    /// answers 200 with it). The API's order names neither campaign nor numbers, so the returned one carries those sent.
    /// </summary>
    public async Task<CampaignOrder> CreateCampaignOrderAsync(Campaign campaign, IReadOnlyList<string> phoneNumbers, string? statusCallbackUrl,
        IRequestObserver? observer, CancellationToken cancellationToken)
    {
        foreach (var number in phoneNumbers)
        {
            if (!PhoneNumberText.IsE164(number))
                throw new ArgumentException($"'{number}' is not a phone number in E.164 form.", nameof(phoneNumbers));
        }
        var uri = RegistryUri("campaigns/" + PathId(campaign.Id, "a campaign") + "/orders");
        var body = WriteOrder(phoneNumbers, statusCallbackUrl);
        var response = await SendAsync(HttpMethod.Post, uri, body, observer, cancellationToken).ConfigureAwait(false);
        var order = ResourceJson<CampaignOrder>.Read(response.Body, response.Status);
        order.CampaignId = campaign.Id;
        order.CampaignName = campaign.Name;
        order.PhoneNumbers = phoneNumbers.ToArray();
        return order;
    }

    /// <summary>GET /orders/{id}: the order's state now.</summary>
    public async Task<CampaignOrder> GetCampaignOrderAsync(string id, IRequestObserver? observer, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, RegistryUri("orders/" + PathId(id, "an order")), null, observer, cancellationToken)
            .ConfigureAwait(false);
        return ResourceJson<CampaignOrder>.Read(response.Body, response.Status);
    }

    /// <summary>DELETE /numbers/{id} with the assignment's id (not the phone number's): 204, the number is off its campaign.</summary>
    public async Task DeleteCampaignNumberAsync(string assignmentId, IRequestObserver? observer, CancellationToken cancellationToken)
    {
        var uri = RegistryUri("numbers/" + PathId(assignmentId, "a number assignment"));
        await SendAsync(HttpMethod.Delete, uri, null, observer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The order's body: the numbers in the order given, and the callback only when there is one (the spec has it optional).</summary>
    internal static byte[] WriteOrder(IReadOnlyList<string> phoneNumbers, string? statusCallbackUrl)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, ApiJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("phone_numbers");
            foreach (var number in phoneNumbers) writer.WriteStringValue(number);
            writer.WriteEndArray();
            if (!string.IsNullOrEmpty(statusCallbackUrl)) writer.WriteString("status_callback_url", statusCallbackUrl);
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    private Task<IReadOnlyList<T>> ListAllAsync<T>(Uri first, IRequestObserver? observer, CancellationToken cancellationToken)
        where T : class, new() =>
        new PageWalker<ListPage<T>>(next => PageAsync<T>(next ?? first, observer, cancellationToken), page => page.Next)
            .ReadAllAsync(page => page.Items);

    private async Task<IReadOnlyList<T>> FirstPageAsync<T>(Uri first, IRequestObserver? observer, CancellationToken cancellationToken)
        where T : class, new() =>
        (await PageAsync<T>(first, observer, cancellationToken).ConfigureAwait(false)).Items;

    private async Task<ListPage<T>> PageAsync<T>(Uri uri, IRequestObserver? observer, CancellationToken cancellationToken)
        where T : class, new()
    {
        var response = await SendAsync(HttpMethod.Get, uri, null, observer, cancellationToken).ConfigureAwait(false);
        return new ListPage<T>(ResourceJson<T>.OpenPage(response.Body, response.Status, Options.SpaceUrl, dataOptional: true));
    }

    private Uri RegistryUri(string path) => new Uri(apiUrl, RegistryRoot + path);
}
