using System.Net;
using System.Text.Json;
using SignalWire.Tests.Shared;

namespace SignalWire.Emulator.Tests;

/// <summary>The E911 endpoints as relay-rest/addresses and relay-rest/phone-numbers (assign/remove) in the vendor's spec describe them.</summary>
public sealed class AddressesApiTests
{
    private const string Addresses = "api/relay/rest/addresses";

    // The keys of the spec's Address model, in its order (addresses/models/core.tsp).
    private static readonly string[] AddressKeys =
    [
        "id", "label", "country", "first_name", "last_name", "street_number", "street_name", "address_type", "address_number",
        "city", "state", "postal_code", "zip_code", "emergency_enabled", "validated", "validated_at",
    ];

    private static string Body(
        string label = "Headquarters", string country = "US", string streetNumber = "1640", string streetName = "Riverside Drive",
        string city = "Alexandria", string state = "CA", string postalCode = "91905", bool? emergency = true, bool? autoCorrect = null,
        string? extra = null)
    {
        var parts = new List<string>
        {
            $"\"label\":{JsonSerializer.Serialize(label)}", $"\"country\":\"{country}\"", "\"first_name\":\"Emmett\"", "\"last_name\":\"Brown\"",
            $"\"street_number\":\"{streetNumber}\"", $"\"street_name\":\"{streetName}\"", $"\"city\":\"{city}\"", $"\"state\":\"{state}\"",
            $"\"postal_code\":\"{postalCode}\"",
        };
        if (emergency is { } e) parts.Add($"\"emergency_enabled\":{(e ? "true" : "false")}");
        if (autoCorrect is { } a) parts.Add($"\"auto_correct_address\":{(a ? "true" : "false")}");
        if (extra is not null) parts.Add(extra);
        return "{" + string.Join(",", parts) + "}";
    }

    private static Task<TestEmulator> StartAsync(int delayMs = 0) =>
        TestEmulator.StartAsync(o => { o.Numbers = 5; o.E911ProvisioningDelayMs = delayMs; });

    private static async Task<string> CreateAsync(TestEmulator emu, string body)
    {
        var (response, address) = await emu.SendJsonAsync(HttpMethod.Post, Addresses, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return address.GetProperty("id").GetString()!;
    }

    private static void AssertRefusal(JsonElement body, int candidates)
    {
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray().ToList());
        Assert.Equal(["detail", "status", "title", "code"], Fixtures.KeysOf(error));
        Assert.Equal("422", error.GetProperty("status").GetString());
        if (candidates == 0)
        {
            Assert.False(body.TryGetProperty("candidates", out _)); // "the key is omitted when the carrier returned none"
        }
        else
        {
            Assert.Equal(candidates, body.GetProperty("candidates").GetArrayLength());
            Assert.All(body.GetProperty("candidates").EnumerateArray(),
                c => Assert.Equal(["street_number", "street_name", "city", "state", "postal_code"], Fixtures.KeysOf(c)));
        }
    }

    [Fact]
    public async Task A_valid_US_address_is_validated_and_stored_with_the_spec_keys_in_order()
    {
        await using var emu = await StartAsync();
        var (response, address) = await emu.SendJsonAsync(HttpMethod.Post, Addresses,
            Body(extra: "\"address_type\":\"Apartment\",\"address_number\":\"42\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the spec's create answers 200 with the address
        Assert.Equal(AddressKeys, Fixtures.KeysOf(address));
        Assert.True(Guid.TryParseExact(address.GetProperty("id").GetString(), "D", out _));
        Assert.Equal("Apartment", address.GetProperty("address_type").GetString());
        Assert.Equal("91905", address.GetProperty("zip_code").GetString());
        Assert.True(address.GetProperty("emergency_enabled").GetBoolean());
        Assert.True(address.GetProperty("validated").GetBoolean());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", address.GetProperty("validated_at").GetString());

        var (read, again) = await emu.GetJsonAsync($"{Addresses}/{address.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(address.GetRawText(), again.GetRawText());
    }

    [Fact]
    public async Task Without_emergency_enabled_or_outside_the_US_nothing_is_validated()
    {
        await using var emu = await StartAsync();
        // Even an address the carrier would refuse is stored when it is not sent for E911.
        var (plain, stored) = await emu.SendJsonAsync(HttpMethod.Post, Addresses, Body(streetName: "Nowhere Road", emergency: null));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.False(stored.GetProperty("emergency_enabled").GetBoolean());
        Assert.False(stored.GetProperty("validated").GetBoolean());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("validated_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("address_type").ValueKind);

        var (abroad, canadian) = await emu.SendJsonAsync(HttpMethod.Post, Addresses,
            Body(country: "CA", streetName: "Nowhere Road", city: "Toronto", state: "ON", postalCode: "M5V 2T6"));
        Assert.Equal(HttpStatusCode.OK, abroad.StatusCode);
        Assert.False(canadian.GetProperty("emergency_enabled").GetBoolean()); // "returned as false" for a non-US address
        Assert.False(canadian.GetProperty("validated").GetBoolean());
    }

    [Fact]
    public async Task A_street_the_carrier_cannot_find_is_refused_without_candidates()
    {
        await using var emu = await StartAsync();
        var (response, body) = await emu.SendJsonAsync(HttpMethod.Post, Addresses, Body(streetName: "Nowhere Lane"));
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        AssertRefusal(body, candidates: 0);
        Assert.Equal(0, emu.State.Addresses.Count);
    }

    [Fact]
    public async Task A_postal_code_that_is_not_the_citys_is_refused_with_one_candidate_per_code_of_the_city()
    {
        await using var emu = await StartAsync();
        var (response, body) = await emu.SendJsonAsync(HttpMethod.Post, Addresses,
            Body(streetNumber: "12", streetName: "Harbor Road", city: "Portland", state: "OR", postalCode: "91905"));
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        AssertRefusal(body, candidates: 3);
        var first = body.GetProperty("candidates")[0];
        Assert.Equal("12", first.GetProperty("street_number").GetString());
        Assert.Equal("Harbor Road", first.GetProperty("street_name").GetString());
        Assert.Equal("Portland", first.GetProperty("city").GetString());
        Assert.Equal("OR", first.GetProperty("state").GetString());
        Assert.Equal(["97201", "97204", "97205"],
            body.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("postal_code").GetString()));
        Assert.Equal(0, emu.State.Addresses.Count);
    }

    [Fact]
    public async Task A_correctable_address_is_stored_corrected_or_with_auto_correct_false_refused_with_the_correction()
    {
        await using var emu = await StartAsync();
        var sloppy = Body(streetName: "Riverside Dr", city: "alexandria", state: "ca", autoCorrect: false);
        var (refused, body) = await emu.SendJsonAsync(HttpMethod.Post, Addresses, sloppy);
        Assert.Equal((HttpStatusCode)422, refused.StatusCode);
        AssertRefusal(body, candidates: 1);
        Assert.Equal("""{"street_number":"1640","street_name":"Riverside Drive","city":"Alexandria","state":"CA","postal_code":"91905"}""",
            body.GetProperty("candidates")[0].GetRawText());

        var (stored, address) = await emu.SendJsonAsync(HttpMethod.Post, Addresses,
            Body(streetName: "Riverside Dr", city: "alexandria", state: "ca"));
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal("Riverside Drive", address.GetProperty("street_name").GetString());
        Assert.Equal("Alexandria", address.GetProperty("city").GetString());
        Assert.Equal("CA", address.GetProperty("state").GetString());
        Assert.True(address.GetProperty("validated").GetBoolean());
    }

    [Theory]
    [InlineData("""{"label":"x"}""", "Country can't be blank")]
    [InlineData("""{"label":"","country":"US","first_name":"a","last_name":"b","street_number":"1","street_"""
        + """name":"s","city":"c","state":"CA","postal_code":"91905"}""",
        "Label can't be blank")]
    [InlineData("""{"label":"x","country":"USA","first_name":"a","last_name":"b","street_number":"1","street_"""
        + """name":"s","city":"c","state":"CA","postal_code":"91905"}""",
        "ISO 3166")]
    [InlineData("""{"label":"x","country":"US","first_name":"a","last_name":"b","street_number":"1","street_"""
        + """name":"s","city":"c","state":"CA","postal_code":"91905","address_type":"Castle"}""",
        "Allowed values: Apartment, Basement")]
    [InlineData("""{"label":"x","country":"US","first_name":"a","last_name":"b","street_number":"1","street_"""
        + """name":"s","city":"c","state":"CA","postal_code":"91905","emergency_enabled":"yes"}""",
        "Emergency enabled must be true or false")]
    public async Task Invalid_fields_get_a_422_in_the_space_API_shape(string body, string detail)
    {
        await using var emu = await StartAsync();
        var (response, error) = await emu.SendJsonAsync(HttpMethod.Post, Addresses, body);
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.False(error.TryGetProperty("candidates", out _));
        Assert.Contains(error.GetProperty("errors").EnumerateArray(),
            e => e.GetProperty("detail").GetString()!.Contains(detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_label_over_250_characters_is_refused_and_a_body_that_is_not_an_object_is_a_400()
    {
        await using var emu = await StartAsync();
        var (tooLong, error) = await emu.SendJsonAsync(HttpMethod.Post, Addresses, Body(label: new string('x', 251)));
        Assert.Equal((HttpStatusCode)422, tooLong.StatusCode);
        Assert.Contains("Label is too long", error.GetProperty("errors")[0].GetProperty("detail").GetString());
        var (bad, _) = await emu.SendJsonAsync(HttpMethod.Post, Addresses, "[1,2]");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Put_replaces_the_whole_address_and_validates_it_again()
    {
        await using var emu = await StartAsync();
        var id = await CreateAsync(emu, Body(extra: "\"address_type\":\"Suite\",\"address_number\":\"300\""));

        // No address_type or address_number in the body: the whole address is replaced, so they are gone.
        var (response, updated) = await emu.SendJsonAsync(HttpMethod.Put, $"{Addresses}/{id}", Body(label: "HQ", streetName: "Riverside Dr"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, updated.GetProperty("id").GetString());
        Assert.Equal("HQ", updated.GetProperty("label").GetString());
        Assert.Equal("Riverside Drive", updated.GetProperty("street_name").GetString()); // corrected again
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("address_type").ValueKind);
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("address_number").ValueKind);

        var (refused, body) = await emu.SendJsonAsync(HttpMethod.Put, $"{Addresses}/{id}", Body(streetName: "Nowhere Lane"));
        Assert.Equal((HttpStatusCode)422, refused.StatusCode);
        AssertRefusal(body, candidates: 0);
        Assert.Equal("HQ", emu.State.Addresses.Get(id)!.Label); // a refused update changes nothing

        var (missing, _) = await emu.SendJsonAsync(HttpMethod.Put, $"{Addresses}/{Guid.NewGuid()}", Body());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Delete_answers_204_then_404()
    {
        await using var emu = await StartAsync();
        var id = await CreateAsync(emu, Body());
        var deleted = await emu.Http.DeleteAsync($"{Addresses}/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("", await deleted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await emu.Http.DeleteAsync($"{Addresses}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await emu.Http.GetAsync($"{Addresses}/{id}")).StatusCode);
        Assert.Equal((HttpStatusCode)405, (await emu.Http.PatchAsync($"{Addresses}/{id}", new StringContent("{}"))).StatusCode);
    }

    [Fact]
    public async Task The_list_pages_newest_first_with_links_relative_to_the_space_and_filters_by_label()
    {
        await using var emu = await StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 7; i++) ids.Add(await CreateAsync(emu, Body(label: i % 2 == 0 ? $"Office {i}" : $"Store {i}")));
        ids.Reverse();

        var read = new List<string>();
        var url = Addresses + "?page_size=3";
        var pages = 0;
        while (url is not null && pages++ < 10)
        {
            var (response, page) = await emu.GetJsonAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("/api/relay/rest/addresses?", page.GetProperty("links").GetProperty("self").GetString());
            Assert.StartsWith("/api/relay/rest/addresses?page_number=0", page.GetProperty("links").GetProperty("first").GetString());
            read.AddRange(page.GetProperty("data").EnumerateArray().Select(a => a.GetProperty("id").GetString()!));
            url = page.GetProperty("links").TryGetProperty("next", out var next) ? next.GetString()!.TrimStart('/') : null;
        }
        Assert.Equal(ids, read);
        Assert.Equal(3, pages);

        var (_, offices) = await emu.GetJsonAsync(Addresses + "?filter_label=office");
        Assert.Equal(["Office 6", "Office 4", "Office 2", "Office 0"],
            offices.GetProperty("data").EnumerateArray().Select(a => a.GetProperty("label").GetString()));

        var (noToken, _) = await emu.GetJsonAsync(Addresses + "?page_number=1");
        Assert.Equal((HttpStatusCode)422, noToken.StatusCode);
    }

    [Fact]
    public async Task With_absolute_links_set_the_list_links_are_URLs_on_the_requests_host()
    {
        await using var emu = await TestEmulator.StartAsync(o => { o.Numbers = 1; o.AbsoluteLinks = true; });
        for (var i = 0; i < 3; i++) await CreateAsync(emu, Body(label: $"Office {i}"));
        var (_, page) = await emu.GetJsonAsync(Addresses + "?page_size=2");
        var origin = emu.Emulator.BaseUrl.GetLeftPart(UriPartial.Authority);
        Assert.StartsWith(origin + "/api/relay/rest/addresses?page_number=1&page_size=2&page_token=PA",
            page.GetProperty("links").GetProperty("next").GetString());
        Assert.StartsWith(origin + "/api/relay/rest/addresses?page_number=0", page.GetProperty("links").GetProperty("first").GetString());
    }

    [Fact]
    public async Task Assigning_makes_the_number_pending_then_active_and_sends_the_label_cut_to_32_characters()
    {
        await using var emu = await StartAsync();
        var label = "Headquarters, front desk and lobby (building A)";
        var addressId = await CreateAsync(emu, Body(label: label));
        var number = emu.State.Numbers.AllNewestFirst().First(n => n["number_type"] == "longcode");

        var (response, assigned) = await emu.SendJsonAsync(HttpMethod.Post, $"{TestEmulator.Api}/{number.Id}/e911_address",
            $$"""{"e911_address_id":"{{addressId}}"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(addressId, assigned.GetProperty("e911_address_id").GetString());
        Assert.Equal("pending", assigned.GetProperty("e911_status").GetString());
        // e911_status comes right after e911_address_id, as in the spec's PhoneNumber model.
        var keys = Fixtures.KeysOf(assigned).ToList();
        Assert.Equal(keys.IndexOf("e911_address_id") + 1, keys.IndexOf("e911_status"));

        // With a delay of 0 the carrier confirms right after the response.
        var (_, now) = await emu.GetJsonAsync($"{TestEmulator.Api}/{number.Id}");
        Assert.Equal("active", now.GetProperty("e911_status").GetString());

        var (_, registrations) = await emu.GetJsonAsync("__emulator/e911");
        var registration = Assert.Single(registrations.EnumerateArray().ToList());
        Assert.Equal(label[..32], registration.GetProperty("caller_name").GetString());
        Assert.Equal(number.Number, registration.GetProperty("number").GetString());
        Assert.Equal("active", registration.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_toll_free_number_ends_failed()
    {
        await using var emu = await TestEmulator.StartAsync(o => { o.Numbers = 40; o.E911ProvisioningDelayMs = 0; });
        var addressId = await CreateAsync(emu, Body());
        var tollFree = emu.State.Numbers.AllNewestFirst().First(n => n["number_type"] == "toll-free");
        var (response, _) = await emu.SendJsonAsync(HttpMethod.Post, $"{TestEmulator.Api}/{tollFree.Id}/e911_address",
            $$"""{"e911_address_id":"{{addressId}}"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("failed", emu.State.Numbers.Get(tollFree.Id)!["e911_status"]);
    }

    [Fact]
    public async Task A_carrier_that_confirms_nothing_fails_the_assignment_and_a_failed_number_may_be_assigned_again()
    {
        await using var emu = await TestEmulator.StartAsync(o => { o.Numbers = 5; o.E911ProvisioningDelayMs = 0; });
        var addressId = await CreateAsync(emu, Body());
        var id = emu.FirstId();
        var (_, config) = await emu.SendJsonAsync(HttpMethod.Post, "__emulator/config", """{"e911_carrier_confirms":false}""");
        Assert.False(config.GetProperty("e911_carrier_confirms").GetBoolean());
        await emu.SendJsonAsync(HttpMethod.Post, $"{TestEmulator.Api}/{id}/e911_address", $$"""{"e911_address_id":"{{addressId}}"}""");
        Assert.Equal("failed", emu.State.Numbers.Get(id)!["e911_status"]);

        await emu.SendJsonAsync(HttpMethod.Post, "__emulator/config", """{"e911_carrier_confirms":true}""");
        var (response, again) = await emu.SendJsonAsync(HttpMethod.Post, $"{TestEmulator.Api}/{id}/e911_address",
            $$"""{"e911_address_id":"{{addressId}}"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("pending", again.GetProperty("e911_status").GetString());
        Assert.Equal("active", emu.State.Numbers.Get(id)!["e911_status"]);

        await emu.SendJsonAsync(HttpMethod.Post, "__emulator/config", """{"e911_carrier_confirms":false}""");
        await emu.SendJsonAsync(HttpMethod.Post, "__emulator/reset", """{"numbers":5}""");
        Assert.True(emu.State.E911CarrierConfirms);
    }

    [Fact]
    public async Task Only_an_existing_validated_address_can_be_assigned_to_an_existing_number()
    {
        await using var emu = await StartAsync();
        var id = emu.FirstId();
        var unvalidated = await CreateAsync(emu, Body(emergency: false));
        foreach (var (body, detail) in new[]
        {
            ("""{"e911_address_id":"x"}""", "must be the UUID"),
            ($$"""{"e911_address_id":"{{Guid.NewGuid()}}"}""", "does not exist"),
            ($$"""{"e911_address_id":"{{unvalidated}}"}""", "not validated"),
        })
        {
            var (response, error) = await emu.SendJsonAsync(HttpMethod.Post, $"{TestEmulator.Api}/{id}/e911_address", body);
            Assert.Equal((HttpStatusCode)422, response.StatusCode);
            Assert.Contains(detail, error.GetProperty("errors")[0].GetProperty("detail").GetString());
        }
        Assert.Null(emu.State.Numbers.Get(id)!["e911_address_id"]);
        Assert.Null(emu.State.Numbers.Get(id)!["e911_status"]);

        var (unknown, _) = await emu.SendJsonAsync(HttpMethod.Post, $"{TestEmulator.Api}/{Guid.NewGuid()}/e911_address",
            $$"""{"e911_address_id":"{{unvalidated}}"}""");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Removal_is_allowed_only_while_active_and_ends_unregistered()
    {
        // A long delay keeps the number pending for the whole test.
        await using var emu = await StartAsync(delayMs: 600_000);
        var addressId = await CreateAsync(emu, Body());
        var id = emu.FirstId();

        var (none, noneError) = await emu.SendJsonAsync(HttpMethod.Delete, $"{TestEmulator.Api}/{id}/e911_address", "");
        Assert.Equal((HttpStatusCode)422, none.StatusCode);
        Assert.Contains("only while e911_status is active", noneError.GetProperty("errors")[0].GetProperty("detail").GetString());

        await emu.SendJsonAsync(HttpMethod.Post, $"{TestEmulator.Api}/{id}/e911_address", $$"""{"e911_address_id":"{{addressId}}"}""");
        var (pending, pendingError) = await emu.SendJsonAsync(HttpMethod.Delete, $"{TestEmulator.Api}/{id}/e911_address", "");
        Assert.Equal((HttpStatusCode)422, pending.StatusCode);
        Assert.Contains("it is pending", pendingError.GetProperty("errors")[0].GetProperty("detail").GetString());
        Assert.Equal("pending", emu.State.Numbers.Get(id)!["e911_status"]);

        // The carrier confirms at once from now on; the confirmation scheduled earlier is stale by then.
        emu.State.E911ProvisioningDelayMs = 0;
        await emu.SendJsonAsync(HttpMethod.Post, $"{TestEmulator.Api}/{id}/e911_address", $$"""{"e911_address_id":"{{addressId}}"}""");
        Assert.Equal("active", emu.State.Numbers.Get(id)!["e911_status"]);

        emu.State.E911ProvisioningDelayMs = 600_000;
        var (removed, number) = await emu.SendJsonAsync(HttpMethod.Delete, $"{TestEmulator.Api}/{id}/e911_address", "");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal("pending_removal", number.GetProperty("e911_status").GetString());
        Assert.Equal(addressId, number.GetProperty("e911_address_id").GetString()); // kept until the carrier confirms

        emu.State.E911ProvisioningDelayMs = 0;
        var (_, again) = await emu.SendJsonAsync(HttpMethod.Post, $"{TestEmulator.Api}/{id}/e911_address",
            $$"""{"e911_address_id":"{{addressId}}"}""");
        Assert.Contains("being removed", again.GetProperty("errors")[0].GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_address_in_use_cannot_be_deleted_until_its_removal_is_confirmed()
    {
        await using var emu = await StartAsync();
        var addressId = await CreateAsync(emu, Body());
        var id = emu.FirstId();
        await emu.SendJsonAsync(HttpMethod.Post, $"{TestEmulator.Api}/{id}/e911_address", $$"""{"e911_address_id":"{{addressId}}"}""");

        var refused = await emu.Http.DeleteAsync($"{Addresses}/{addressId}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("""{"error":"Bad Request"}""", await refused.Content.ReadAsStringAsync()); // the spec's StatusCode400 body

        var (removed, _) = await emu.SendJsonAsync(HttpMethod.Delete, $"{TestEmulator.Api}/{id}/e911_address", "");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var (_, number) = await emu.GetJsonAsync($"{TestEmulator.Api}/{id}");
        Assert.Equal("unregistered", number.GetProperty("e911_status").GetString());
        Assert.Equal(JsonValueKind.Null, number.GetProperty("e911_address_id").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, (await emu.Http.DeleteAsync($"{Addresses}/{addressId}")).StatusCode);
    }

    [Fact]
    public async Task With_a_delay_the_number_stays_pending_and_turns_active_later()
    {
        await using var emu = await StartAsync(delayMs: 50);
        var addressId = await CreateAsync(emu, Body());
        var id = emu.FirstId();
        var (_, assigned) = await emu.SendJsonAsync(HttpMethod.Post, $"{TestEmulator.Api}/{id}/e911_address",
            $$"""{"e911_address_id":"{{addressId}}"}""");
        Assert.Equal("pending", assigned.GetProperty("e911_status").GetString());

        // Polls like a client would (no wall-clock assertion: only that it gets there).
        string? status = null;
        for (var i = 0; i < 200 && status != "active"; i++)
        {
            await Task.Delay(25);
            status = emu.State.Numbers.Get(id)!["e911_status"];
        }
        Assert.Equal("active", status);
    }

    [Fact]
    public async Task The_delay_is_set_through_the_config_endpoint_and_reset_clears_the_addresses()
    {
        await using var emu = await StartAsync(delayMs: 2000);
        var (response, config) = await emu.SendJsonAsync(HttpMethod.Post, "__emulator/config", """{"e911_provisioning_delay_ms":0}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, config.GetProperty("e911_provisioning_delay_ms").GetInt32());
        Assert.Equal(0, emu.State.E911ProvisioningDelayMs);

        await CreateAsync(emu, Body());
        await emu.SendJsonAsync(HttpMethod.Post, "__emulator/reset", """{"numbers":5}""");
        Assert.Equal(0, emu.State.Addresses.Count);
        var (_, page) = await emu.GetJsonAsync(Addresses);
        Assert.Equal(0, page.GetProperty("data").GetArrayLength());
    }
}
