using SignalWire.Emulator;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Tests;

/// <summary>The client's E911 methods against the emulator: the requests on the wire, what comes back, and the retry rules of a POST.</summary>
public class ClientE911Tests
{
    private const string Addresses = "/api/relay/rest/addresses";
    private static readonly CancellationToken None = CancellationToken.None;

    private static Task<Harness> StartAsync(int numbers = 5) =>
        Harness.StartAsync(e => { e.Numbers = numbers; e.E911ProvisioningDelayMs = 0; });

    private static E911Address Headquarters(string label = "Headquarters") => new()
    {
        Label = label, Country = "US", FirstName = "Emmett", LastName = "Brown", StreetNumber = "1640",
        StreetName = "Riverside Drive", City = "Alexandria", State = "CA", PostalCode = "91905", EmergencyEnabled = true,
    };

    [Fact]
    public async Task Create_posts_the_address_and_returns_it_as_stored()
    {
        await using var h = await StartAsync();
        var sent = Headquarters();
        sent.StreetName = "Riverside Dr"; // the carrier corrects it

        var created = await h.Client.CreateE911AddressAsync(sent, null, null, None);

        var request = Assert.Single(h.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(Addresses, request.Path);
        Assert.Equal(
            """{"label":"Headquarters","country":"US","first_name":"Emmett","last_name":"Brown","street_number":"1640","street_name":"Riverside """
            + """Dr","city":"Alexandria","state":"CA","postal_code":"91905","emergency_enabled":true}""",
            request.Body);
        Assert.Equal(200, request.Status);
        Assert.Equal("Riverside Drive", created.StreetName);
        Assert.True(created.Validated);
        Assert.NotNull(created.ValidatedAt);
        var stored = h.State.Addresses.Get(created.Id)!;
        Assert.Equal(stored.Label, created.Label);
        Assert.Equal(stored.PostalCode, created.ZipCode);
    }

    [Fact]
    public async Task A_refusal_with_candidates_is_an_AddressValidationException_that_carries_and_lists_them()
    {
        await using var h = await StartAsync();
        var address = Headquarters();
        address.City = "Portland";
        address.State = "OR";

        var error = await Assert.ThrowsAsync<AddressValidationException>(() => h.Client.CreateE911AddressAsync(address, null, null, None));

        Assert.Equal(SignalWireErrorKind.Validation, error.Kind);
        Assert.Equal(422, error.StatusCode);
        Assert.Equal(["97201", "97204", "97205"], error.Candidates.Select(c => c.PostalCode));
        Assert.All(error.Candidates, c => Assert.Equal("1640 Riverside Drive", $"{c.StreetNumber} {c.StreetName}"));
        Assert.Contains("postal_code 91905 is not in Portland, OR", error.ApiMessage);
        Assert.Contains("The carrier suggests these addresses: (1) 1640 Riverside Drive, Portland, OR 97201; "
            + "(2) 1640 Riverside Drive, Portland, OR 97204; (3)", error.Message);
        Assert.Single(h.Requests); // a 422 is never retried
    }

    [Fact]
    public async Task A_refusal_without_candidates_is_an_AddressValidationException_with_none()
    {
        await using var h = await StartAsync();
        var address = Headquarters();
        address.StreetName = "Nowhere Lane";
        var error = await Assert.ThrowsAsync<AddressValidationException>(() => h.Client.CreateE911AddressAsync(address, null, null, None));
        Assert.Empty(error.Candidates);
        Assert.DoesNotContain("suggests", error.Message);

        // A plain field refusal (label too long) is an address refusal too.
        var tooLong = Headquarters(new string('x', 251));
        var fieldError = await Assert.ThrowsAsync<AddressValidationException>(() => h.Client.CreateE911AddressAsync(tooLong, null, null, None));
        Assert.Contains("Label is too long", fieldError.ApiMessage);
    }

    [Fact]
    public async Task AutoCorrect_false_is_sent_and_turns_a_correction_into_a_candidate()
    {
        await using var h = await StartAsync();
        var address = Headquarters();
        address.StreetName = "Riverside Dr";
        var error = await Assert.ThrowsAsync<AddressValidationException>(() => h.Client.CreateE911AddressAsync(address, false, null, None));
        Assert.EndsWith(",\"emergency_enabled\":true,\"auto_correct_address\":false}", h.Requests[0].Body);
        Assert.Equal("Riverside Drive", Assert.Single(error.Candidates).StreetName);
    }

    [Fact]
    public async Task A_create_is_not_repeated_after_a_server_error_or_a_dropped_connection()
    {
        await using var h = await StartAsync();
        h.AddFault(new FaultRule { Action = "status", Status = 503, Method = "POST", Path = "/addresses", Times = 1 });
        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.CreateE911AddressAsync(Headquarters(), null, null, None));
        Assert.Equal(SignalWireErrorKind.ServerError, error.Kind);
        Assert.Single(h.Requests);

        h.State.Requests.Clear();
        h.AddFault(new FaultRule { Action = "drop", Method = "POST", Path = "/addresses", When = "after", Times = 1 });
        var dropped = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.CreateE911AddressAsync(Headquarters(), null, null, None));
        Assert.Equal(SignalWireErrorKind.NetworkError, dropped.Kind);
        Assert.Single(h.Requests);
        Assert.Equal(1, h.State.Addresses.Count); // it did reach the server: a second POST would have made two
    }

    [Fact]
    public async Task A_create_is_repeated_after_a_429()
    {
        await using var h = await StartAsync();
        h.AddFault(new FaultRule { Action = "status", Status = 429, RetryAfter = "0", Method = "POST", Path = "/addresses", Times = 1 });
        var created = await h.Client.CreateE911AddressAsync(Headquarters(), null, null, None);
        Assert.Equal([429, 200], h.Requests.Select(r => r.Status));
        Assert.Equal(created.Id, Assert.Single(h.State.Addresses.Page(null, long.MaxValue, 10).Items).Id);
    }

    [Fact]
    public async Task Listing_follows_relative_next_links_to_the_last_page()
    {
        await using var h = await StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await h.Client.CreateE911AddressAsync(Headquarters($"Office {i}"), null, null, None)).Id);
        ids.Reverse();
        h.State.Requests.Clear();

        var read = new List<string>();
        var pages = h.Client.E911AddressPages(new E911AddressQuery { PageSize = 2 }, null, None);
        while (pages.HasMore) read.AddRange((await pages.NextAsync()).Addresses.Select(a => a.Id));

        Assert.Equal(ids, read);
        var log = h.Requests;
        Assert.Equal(3, log.Count);
        Assert.All(log, r => Assert.Equal(("GET", Addresses, 200), (r.Method, r.Path, r.Status)));
        Assert.Equal("page_size=2", log[0].Query);
        Assert.StartsWith("page_number=1&page_size=2&page_token=PA", log[1].Query);
        Assert.StartsWith("page_number=2&page_size=2&page_token=PA", log[2].Query);
    }

    [Fact]
    public async Task Listing_follows_absolute_next_links_and_stops_at_a_repeated_one()
    {
        await using var h = await StartAsync();
        var address = await h.Client.CreateE911AddressAsync(Headquarters(), null, null, None);
        var stored = h.State.Addresses.Get(address.Id)!;
        var json = new System.IO.MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(json)) stored.WriteJson(writer);
        var item = System.Text.Encoding.UTF8.GetString(json.ToArray());
        var absolute = new Uri(h.Emulator.BaseUrl, "api/relay/rest/addresses?page_number=1&page_size=1000&page_token=PAabsolute").AbsoluteUri;
        h.AddFault(new FaultRule
        {
            Action = "malformed", // a 200 with this body, twice: a server whose next link never moves on
            Path = "/addresses",
            Times = 2,
            Body = $"{{\"links\":{{\"next\":\"{absolute}\"}},\"data\":[{item}]}}",
        });
        h.State.Requests.Clear();

        var all = await h.Client.ListAllE911AddressesAsync(null, null, None);

        Assert.Equal([address.Id, address.Id], all.Select(a => a.Id));
        Assert.Equal(["page_size=1000", "page_number=1&page_size=1000&page_token=PAabsolute"], h.Requests.Select(r => r.Query));
    }

    [Fact]
    public async Task Listing_by_label_sends_filter_label()
    {
        await using var h = await StartAsync();
        await h.Client.CreateE911AddressAsync(Headquarters("Main office"), null, null, None);
        await h.Client.CreateE911AddressAsync(Headquarters("Warehouse"), null, null, None);
        h.State.Requests.Clear();
        var found = await h.Client.ListAllE911AddressesAsync("office & more", null, None);
        Assert.Empty(found);
        Assert.Equal("filter_label=office%20%26%20more&page_size=1000", Assert.Single(h.Requests).Query);
        Assert.Equal("Main office", Assert.Single(await h.Client.ListAllE911AddressesAsync("OFFICE", null, None)).Label);
    }

    [Fact]
    public async Task Get_update_and_delete_address_one_address_by_its_id()
    {
        await using var h = await StartAsync();
        var created = await h.Client.CreateE911AddressAsync(Headquarters(), null, null, None);
        h.State.Requests.Clear();

        var read = await h.Client.GetE911AddressAsync(created.Id, null, None);
        Assert.Equal(created.Label, read.Label);

        read.AddressType = "Suite";
        read.AddressNumber = "300";
        var updated = await h.Client.UpdateE911AddressAsync(created.Id, read, null, null, None);
        Assert.Equal(("Suite", "300"), (updated.AddressType, updated.AddressNumber));

        await h.Client.DeleteE911AddressAsync(created.Id, null, None);
        var missing = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.GetE911AddressAsync(created.Id, null, None));
        Assert.Equal(SignalWireErrorKind.NotFound, missing.Kind);

        var log = h.Requests;
        Assert.Equal(["GET", "PUT", "DELETE", "GET"], log.Select(r => r.Method));
        Assert.All(log, r => Assert.Equal($"{Addresses}/{created.Id}", r.Path));
        Assert.Equal(
            """{"label":"Headquarters","country":"US","first_name":"Emmett","last_name":"Brown","street_number":"1640","street_name":"Riverside """
            + """Drive","address_type":"Suite","address_number":"300","city":"Alexandria","state":"CA","postal_code":"91905","emergency_enabled":"""
            + """true}""",
            log[1].Body);
        Assert.Equal([200, 200, 204, 404], log.Select(r => r.Status));
    }

    [Fact]
    public async Task Assigning_and_removing_return_the_phone_number_in_its_new_E911_state()
    {
        await using var h = await StartAsync();
        var address = await h.Client.CreateE911AddressAsync(Headquarters(), null, null, None);
        var numberId = h.FirstId;
        h.State.Requests.Clear();

        var assigned = await h.Client.AssignE911AddressAsync(numberId, address.Id, null, None);
        Assert.Equal(address.Id, assigned.E911AddressId);
        Assert.Equal("pending", assigned.E911Status);
        Assert.Equal("active", (await h.Client.GetPhoneNumberAsync(numberId, null, None)).E911Status);

        var removed = await h.Client.RemoveE911AddressAsync(numberId, null, None);
        Assert.Equal("pending_removal", removed.E911Status);
        Assert.Equal(address.Id, removed.E911AddressId);
        var after = await h.Client.GetPhoneNumberAsync(numberId, null, None);
        Assert.Equal(("unregistered", null), (after.E911Status, after.E911AddressId));

        var log = h.Requests;
        Assert.Equal(("POST", $"{Harness.Api}/{numberId}/e911_address"), (log[0].Method, log[0].Path));
        Assert.Equal($$"""{"e911_address_id":"{{address.Id}}"}""", log[0].Body);
        Assert.Equal(("DELETE", $"{Harness.Api}/{numberId}/e911_address", (string?)null), (log[2].Method, log[2].Path, log[2].Body));
    }

    [Fact]
    public async Task Removing_while_not_active_is_a_plain_validation_error()
    {
        await using var h = await StartAsync();
        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.RemoveE911AddressAsync(h.FirstId, null, None));
        Assert.Equal(SignalWireErrorKind.Validation, error.Kind);
        Assert.IsNotType<AddressValidationException>(error);
        Assert.Contains("only while e911_status is active", error.ApiMessage);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("../phone_numbers")]
    [InlineData("3fa85f64-5717-4562-b3fc-2c963f66afa6/x")]
    [InlineData("")]
    public async Task Ids_that_are_not_UUIDs_never_reach_the_wire(string id)
    {
        await using var h = await StartAsync();
        var valid = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.GetE911AddressAsync(id, null, None));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.UpdateE911AddressAsync(id, Headquarters(), null, null, None));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.DeleteE911AddressAsync(id, null, None));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.AssignE911AddressAsync(id, valid, null, None));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.AssignE911AddressAsync(h.FirstId, id, null, None));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.RemoveE911AddressAsync(id, null, None));
        Assert.Empty(h.Requests);
    }
}
