using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Client;

/// <summary>
/// E911: the project's emergency addresses (/addresses) and their assignment to numbers
/// (/phone_numbers/{id}/e911_address), per relay-rest/addresses and relay-rest/phone-numbers in the vendor's spec.
/// Every request goes through SendAsync, so its retry rules hold: a POST is repeated only after a 429 or when it
/// provably never reached the server.
/// </summary>
internal sealed partial class SignalWireClient
{
    /// <summary>Every page of the address list, one request at a time.</summary>
    public PageWalker<E911AddressPage> E911AddressPages(E911AddressQuery query, IRequestObserver? observer, CancellationToken cancellationToken) =>
        new PageWalker<E911AddressPage>(next => ListE911AddressesAsync(query, next, observer, cancellationToken), page => page.Next);

    /// <summary>The first page of the address list, or the page a previous page's links.next points to.</summary>
    public async Task<E911AddressPage> ListE911AddressesAsync(E911AddressQuery query, Uri? nextPage, IRequestObserver? observer,
        CancellationToken cancellationToken)
    {
        var uri = nextPage ?? new Uri(apiUrl, "addresses" + query.ToQueryString());
        var response = await SendAsync(HttpMethod.Get, uri, null, observer, cancellationToken).ConfigureAwait(false);
        return AddressJson.ReadPage(response.Body, response.Status, Options.SpaceUrl);
    }

    /// <summary>Every address of the project whose label contains <paramref name="label"/> (all when null), all pages.</summary>
    public Task<IReadOnlyList<E911Address>> ListAllE911AddressesAsync(string? label, IRequestObserver? observer,
        CancellationToken cancellationToken) =>
        E911AddressPages(new E911AddressQuery { Label = label, PageSize = E911AddressQuery.MaximumPageSize }, observer, cancellationToken)
            .ReadAllAsync(page => page.Addresses);

    public async Task<E911Address> GetE911AddressAsync(string id, IRequestObserver? observer, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, AddressUri(id), null, observer, cancellationToken).ConfigureAwait(false);
        return AddressJson.ReadAddress(response.Body, response.Status);
    }

    /// <summary>
    /// Creates an address (200 with the stored address, which the carrier may have corrected). A refusal is an
    /// <see cref="AddressValidationException"/> carrying the carrier's candidates, if it had any.
    /// </summary>
    public async Task<E911Address> CreateE911AddressAsync(E911Address address, bool? autoCorrectAddress, IRequestObserver? observer,
        CancellationToken cancellationToken)
    {
        var body = AddressJson.WriteAddress(address, autoCorrectAddress);
        var response = await SendAsync(HttpMethod.Post, new Uri(apiUrl, "addresses"), body, observer, cancellationToken).ConfigureAwait(false);
        return AddressJson.ReadAddress(response.Body, response.Status);
    }

    /// <summary>Replaces the whole address (PUT), validated like a new one.</summary>
    public async Task<E911Address> UpdateE911AddressAsync(string id, E911Address address, bool? autoCorrectAddress, IRequestObserver? observer,
        CancellationToken cancellationToken)
    {
        var uri = AddressUri(id);
        var body = AddressJson.WriteAddress(address, autoCorrectAddress);
        var response = await SendAsync(HttpMethod.Put, uri, body, observer, cancellationToken).ConfigureAwait(false);
        return AddressJson.ReadAddress(response.Body, response.Status);
    }

    /// <summary>Deletes an address for good (204, no body).</summary>
    public async Task DeleteE911AddressAsync(string id, IRequestObserver? observer, CancellationToken cancellationToken)
    {
        await SendAsync(HttpMethod.Delete, AddressUri(id), null, observer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Assigns a validated address to a number: the number comes back with e911_status "pending", which turns
    /// "active" once the carrier confirms (poll the number to see it).
    /// </summary>
    public async Task<PhoneNumber> AssignE911AddressAsync(string numberId, string addressId, IRequestObserver? observer,
        CancellationToken cancellationToken)
    {
        var uri = E911AssignmentUri(numberId);
        var body = AddressJson.WriteAssignment(PathId(addressId, "an E911 address"));
        var response = await SendAsync(HttpMethod.Post, uri, body, observer, cancellationToken).ConfigureAwait(false);
        return PhoneNumberJson.ReadPhoneNumber(response.Body, response.Status);
    }

    /// <summary>Removes a number's E911 address (allowed only while "active"): it comes back "pending_removal".</summary>
    public async Task<PhoneNumber> RemoveE911AddressAsync(string numberId, IRequestObserver? observer, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Delete, E911AssignmentUri(numberId), null, observer, cancellationToken).ConfigureAwait(false);
        return PhoneNumberJson.ReadPhoneNumber(response.Body, response.Status);
    }

    /// <summary>
    /// Called for every failed status: a 422 of an address write (POST or PUT /addresses), or any 422 whose body has
    /// "candidates", is the address refused, an AddressValidationException with the carrier's suggestions, if any.
    /// </summary>
    private static SignalWireApiException WithCarrierCandidates(SignalWireApiException error, byte[] body, ApiErrorBody read)
    {
        if (error.Kind != SignalWireErrorKind.Validation) return error;
        var candidates = AddressJson.ReadCandidates(body);
        var addressWrite = (error.RequestMethod == "POST" || error.RequestMethod == "PUT")
            && (error.RequestPath ?? "").IndexOf("/" + ApiRoot + "addresses", StringComparison.Ordinal) >= 0;
        if (candidates == null && !addressWrite) return error;
        return new AddressValidationException(error, candidates ?? Array.Empty<AddressCandidate>()).WithBody(read);
    }

    private Uri AddressUri(string id) => new Uri(apiUrl, "addresses/" + PathId(id, "an E911 address"));

    private Uri E911AssignmentUri(string numberId) => new Uri(PhoneNumberUri(numberId).AbsoluteUri + "/e911_address");
}
