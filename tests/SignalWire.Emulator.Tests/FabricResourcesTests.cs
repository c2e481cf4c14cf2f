using System.Net;
using System.Text.Json;
using SignalWire.Tests.Shared;

namespace SignalWire.Emulator.Tests;

/// <summary>
/// The Fabric resources as the vendor's spec shows them (tests/Shared/VendorContract.cs): the list and its paging, one by
/// id, each type's own list, the errors, the seed, and the control endpoints tests use to arrange them.
/// </summary>
public sealed class FabricResourcesTests
{
    private const string Resources = "api/fabric/resources";
    private const string Missing = "00000000-0000-4000-8000-000000000000";

    private static string? Text(JsonElement element, string name) =>
        element.GetProperty(name).ValueKind == JsonValueKind.Null ? null : element.GetProperty(name).GetString();

    private static List<string> Ids(JsonElement page) =>
        page.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();

    /// <summary>Follows links.next from <paramref name="url"/> to the last page; every page must be a 200.</summary>
    private static async Task<List<JsonElement>> WalkAsync(TestEmulator emu, string url)
    {
        var pages = new List<JsonElement>();
        for (string? next = url; next is not null;)
        {
            var (response, page) = await emu.GetJsonAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add(page);
            next = page.GetProperty("links").TryGetProperty("next", out var link) ? link.GetString() : null;
            Assert.True(pages.Count < 100, "the walk does not end");
        }
        return pages;
    }

    // ---- the list of every resource ---------------------------------------------------------------------------------

    [Fact]
    public async Task The_list_walks_to_its_end_by_its_links_holding_every_resource_once_newest_first()
    {
        await using var emu = await TestEmulator.StartAsync();
        var expected = emu.State.Resources.AllNewestFirst().Select(r => r.Id).ToList();
        Assert.True(expected.Count > 8);

        var pages = await WalkAsync(emu, Resources + "?page_size=4");
        Assert.Equal(expected, pages.SelectMany(Ids).ToList());
        Assert.All(pages, page => Assert.Equal(VendorContract.FabricListKeys, Fixtures.KeysOf(page)));
        Assert.All(pages[..^1], page => Assert.Equal(4, page.GetProperty("data").GetArrayLength()));
        Assert.Equal(["self", "first", "next"], pages[0].GetProperty("links").EnumerateObject().Select(l => l.Name));
        Assert.Equal(["self", "first", "prev"], pages[^1].GetProperty("links").EnumerateObject().Select(l => l.Name));
        foreach (var link in pages.SelectMany(p => p.GetProperty("links").EnumerateObject()))
        {
            var url = link.Value.GetString()!;
            Assert.StartsWith(VendorContract.FabricResourcesPath + "?", url); // a path from the root, as the Paging page shows
            var names = url[(url.IndexOf('?') + 1)..].Split('&').Select(p => p.Split('=')[0]);
            Assert.All(names, name => Assert.Contains(name, VendorContract.FabricLinkQueryParameters));
            Assert.DoesNotContain("type=", url); // the list of every type filters none
        }

        // prev leads back to the page before.
        var (_, back) = await emu.GetJsonAsync(pages[2].GetProperty("links").GetProperty("prev").GetString()!);
        Assert.Equal(Ids(pages[1]), Ids(back));
        var (_, first) = await emu.GetJsonAsync(pages[2].GetProperty("links").GetProperty("first").GetString()!);
        Assert.Equal(Ids(pages[0]), Ids(first));
    }

    [Fact]
    public async Task A_resource_added_during_a_walk_neither_repeats_nor_hides_another()
    {
        await using var emu = await TestEmulator.StartAsync();
        var before = emu.State.Resources.AllNewestFirst().Select(r => r.Id).ToList();
        var (_, first) = await emu.GetJsonAsync(Resources + "?page_size=5");
        var (added, _) = await emu.SendJsonAsync(HttpMethod.Post, "__emulator/resources", """{"type":"ai_agent","display_name":"Late Arrival"}""");
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var rest = await WalkAsync(emu, first.GetProperty("links").GetProperty("next").GetString()!);
        Assert.Equal(before, Ids(first).Concat(rest.SelectMany(Ids)).ToList());
    }

    [Fact]
    public async Task Each_resource_carries_the_specs_fields_and_the_object_named_after_its_type()
    {
        await using var emu = await TestEmulator.StartAsync();
        var (_, page) = await emu.GetJsonAsync(Resources + "?page_size=1000");
        var resources = page.GetProperty("data").EnumerateArray().ToList();
        var types = VendorContract.FabricResourceTypes.ToDictionary(t => t.Type);
        foreach (var resource in resources)
        {
            var type = resource.GetProperty("type").GetString()!;
            Assert.Equal([.. VendorContract.FabricResourceFields, types[type].ObjectKey], Fixtures.KeysOf(resource));
            Assert.Equal(emu.Options.ProjectId, Text(resource, "project_id"));
            Assert.True(Guid.TryParseExact(Text(resource, "id"), "D", out _));
            foreach (var date in new[] { "created_at", "updated_at" })
                Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", Text(resource, date));
            var body = resource.GetProperty(types[type].ObjectKey);
            foreach (var field in VendorContract.FabricObjectRequiredFields.GetValueOrDefault(type, []))
                Assert.True(body.TryGetProperty(field, out _), $"{type} lacks {field}");
        }
        // Several of each common type, among them every type the phone-number update names.
        foreach (var type in new[] { "ai_agent", "call_flow", "cxml_application", "sip_endpoint", "relay_application" })
            Assert.True(resources.Count(r => Text(r, "type") == type) >= 2, type);

        // The id inside an AI agent's object is its own, not the resource's: a client must know which one it sends.
        var agent = resources.First(r => Text(r, "type") == "ai_agent");
        Assert.NotEqual(Text(agent, "id"), Text(agent.GetProperty("ai_agent"), "agent_id"));
    }

    // ---- one resource -----------------------------------------------------------------------------------------------

    [Fact]
    public async Task Get_by_id_returns_the_resource_as_listed_and_its_types_path_does_too()
    {
        await using var emu = await TestEmulator.StartAsync();
        foreach (var resource in emu.State.Resources.AllNewestFirst())
        {
            var (response, body) = await emu.GetJsonAsync($"{Resources}/{resource.Id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(resource.ToJson(), body.GetRawText());
            var collection = VendorContract.FabricResourceTypes.Single(t => t.Type == resource.Type).Collection;
            var (typed, typedBody) = await emu.GetJsonAsync($"{Resources}/{collection}/{resource.Id.ToUpperInvariant()}");
            Assert.Equal(HttpStatusCode.OK, typed.StatusCode);
            Assert.Equal(resource.ToJson(), typedBody.GetRawText());
        }
    }

    [Theory]
    [InlineData(Resources + "/" + Missing)]
    [InlineData(Resources + "/not-an-id")]
    [InlineData(Resources + "/ai_agents/" + Missing)]
    [InlineData(Resources + "/unknown_things/" + Missing)]
    [InlineData("api/fabric/nothing")]
    public async Task An_unknown_resource_is_a_404_in_the_vendors_flat_shape(string url)
    {
        await using var emu = await TestEmulator.StartAsync();
        var (response, body) = await emu.GetJsonAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(["error"], Fixtures.KeysOf(body));
        Assert.Equal(VendorContract.FlatErrors[404], body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_resource_of_another_type_is_not_found_under_a_types_path()
    {
        await using var emu = await TestEmulator.StartAsync();
        var flow = emu.State.Resources.AllNewestFirst().First(r => r.Type == "call_flow");
        var (response, body) = await emu.GetJsonAsync($"{Resources}/ai_agents/{flow.Id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(VendorContract.FlatErrors[404], body.GetProperty("error").GetString());
    }

    // ---- each type's own list ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData("ai_agent")]
    [InlineData("call_flow")]
    [InlineData("cxml_application")]
    [InlineData("sip_endpoint")]
    [InlineData("relay_application")]
    [InlineData("subscriber")]
    public async Task A_types_list_holds_exactly_its_resources_and_its_links_carry_the_type_the_spec_writes(string type)
    {
        await using var emu = await TestEmulator.StartAsync();
        var collection = VendorContract.FabricResourceTypes.Single(t => t.Type == type).Collection;
        var expected = emu.State.Resources.AllNewestFirst().Where(r => r.Type == type).Select(r => r.Id).ToList();
        Assert.True(expected.Count >= 2);

        var pages = await WalkAsync(emu, $"{Resources}/{collection}?page_size=1");
        Assert.Equal(expected, pages.SelectMany(Ids).ToList());
        Assert.All(pages.SelectMany(p => p.GetProperty("data").EnumerateArray()), r => Assert.Equal(type, Text(r, "type")));
        foreach (var link in pages.SelectMany(p => p.GetProperty("links").EnumerateObject()))
        {
            Assert.StartsWith($"{VendorContract.FabricResourcesPath}/{collection}?", link.Value.GetString());
            AssertLinkType(collection, link.Value.GetString()!);
        }
    }

    [Theory]
    [InlineData("video_room")]
    [InlineData("sip_gateway")]
    [InlineData("swml_webhook")]
    public async Task The_links_of_a_types_list_carry_the_type_its_spec_examples_write_even_where_it_is_not_the_type(string type)
    {
        await using var emu = await TestEmulator.StartAsync();
        var (added, _) = await emu.SendJsonAsync(HttpMethod.Post, "__emulator/resources",
            $$"""[{"type":"{{type}}","display_name":"One"},{"type":"{{type}}","display_name":"Two"},{"type":"{{type}}","display_name":"Three"}]""");
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var collection = VendorContract.FabricResourceTypes.Single(t => t.Type == type).Collection;
        var pages = await WalkAsync(emu, $"{Resources}/{collection}?page_size=1");
        Assert.True(pages.Count >= 3);
        Assert.Contains(pages.SelectMany(p => p.GetProperty("links").EnumerateObject()), l => l.Name == "prev");
        foreach (var link in pages.SelectMany(p => p.GetProperty("links").EnumerateObject())) AssertLinkType(collection, link.Value.GetString()!);
    }

    private static void AssertLinkType(string collection, string link)
    {
        if (VendorContract.FabricLinkTypes[collection] is { } linkType) Assert.EndsWith($"&type={linkType}", link);
        else Assert.DoesNotContain("type=", link);
    }

    [Fact]
    public async Task A_type_with_no_resource_lists_an_empty_page()
    {
        await using var emu = await TestEmulator.StartAsync();
        var (response, page) = await emu.GetJsonAsync($"{Resources}/freeswitch_connectors");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, page.GetProperty("data").GetArrayLength());
        Assert.False(page.GetProperty("links").TryGetProperty("next", out _));
    }

    // ---- errors, credentials, the log -------------------------------------------------------------------------------

    [Theory]
    [InlineData("?page_size=0", "page_size")]
    [InlineData("?page_size=1001", "page_size")]
    [InlineData("?page_number=1", "page_token")]
    [InlineData("?page_number=1&page_token=PAbogus", "page_token")]
    public async Task A_bad_page_request_gets_a_422_in_the_Fabric_error_shape_naming_the_parameter(string query, string attribute)
    {
        await using var emu = await TestEmulator.StartAsync();
        var (response, body) = await emu.GetJsonAsync(Resources + query);
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(VendorContract.RestErrorItemFields, Fixtures.KeysOf(error));
        Assert.Equal(attribute, Text(error, "attribute"));
    }

    [Fact]
    public async Task A_token_from_the_phone_numbers_list_does_not_page_the_resources()
    {
        await using var emu = await TestEmulator.StartAsync();
        var (_, numbers) = await emu.GetJsonAsync(TestEmulator.Api + "?page_size=2");
        var next = numbers.GetProperty("links").GetProperty("next").GetString()!;
        var (response, _) = await emu.GetJsonAsync(Resources + next[next.IndexOf('?')..]);
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
    }

    [Fact]
    public async Task Without_credentials_the_resources_are_a_401_and_writes_are_not_allowed()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var anonymous = TestEmulator.NewClient(emu.Emulator.BaseUrl, null, null);
        var unauthorized = await anonymous.GetAsync(Resources);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(VendorContract.FlatErrors[401], (await TestEmulator.ReadJsonAsync(unauthorized)).GetProperty("error").GetString());
        var (post, _) = await emu.SendJsonAsync(HttpMethod.Post, Resources, "{}");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task The_request_log_records_the_Fabric_requests_like_the_others()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.State.Resources.AllNewestFirst()[0].Id;
        await emu.Http.GetAsync(Resources + "?page_size=3");
        await emu.Http.GetAsync($"{Resources}/{id}");
        await emu.Http.GetAsync($"{Resources}/ai_agents");
        await emu.Http.GetAsync($"{Resources}/{Missing}");
        var (_, log) = await emu.GetJsonAsync("__emulator/requests");
        Assert.Equal(
            [
                ("GET", "/" + Resources, "page_size=3", 200), ("GET", $"/{Resources}/{id}", "", 200),
                ("GET", $"/{Resources}/ai_agents", "", 200), ("GET", $"/{Resources}/{Missing}", "", 404),
            ],
            log.EnumerateArray().Select(e => (Text(e, "method"), Text(e, "path"), Text(e, "query"), e.GetProperty("status").GetInt32())));
    }

    [Fact]
    public async Task Links_are_absolute_when_the_emulator_is_set_so()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.AbsoluteLinks = true);
        var (_, page) = await emu.GetJsonAsync(Resources + "?page_size=2");
        var root = emu.Emulator.BaseUrl.ToString().TrimEnd('/');
        Assert.All(page.GetProperty("links").EnumerateObject(),
            link => Assert.StartsWith(root + VendorContract.FabricResourcesPath + "?", link.Value.GetString()));
    }

    // ---- the seed ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Generated_numbers_on_resource_handlers_point_at_seeded_resources_of_their_kind()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Numbers = 200);
        var kinds = new Dictionary<string, string>
        {
            ["ai_agent"] = "ai_agent", ["call_flow"] = "call_flow", ["fabric_subscriber"] = "subscriber", ["sip_gateway"] = "sip_gateway",
        };
        foreach (var (handler, type) in kinds)
        {
            var numbers = emu.State.Numbers.AllNewestFirst().Where(n => n["call_handler"] == handler).ToList();
            Assert.True(numbers.Count >= 2, handler);
            foreach (var number in numbers)
                Assert.Equal(type, emu.State.Resources.Get(number["calling_handler_resource_id"]!)?.Type);
        }
        // Two AI-agent numbers point at two different agents.
        Assert.Equal(2, emu.State.Numbers.AllNewestFirst().Where(n => n["call_handler"] == "ai_agent")
            .Select(n => n["calling_handler_resource_id"]).Distinct().Count());
    }

    [Fact]
    public async Task The_seed_is_the_same_every_run()
    {
        await using var one = await TestEmulator.StartAsync();
        await using var two = await TestEmulator.StartAsync();
        Assert.Equal(one.State.Resources.AllNewestFirst().Select(r => r.ToJson()), two.State.Resources.AllNewestFirst().Select(r => r.ToJson()));
    }

    // ---- control endpoints ------------------------------------------------------------------------------------------

    [Fact]
    public async Task Resources_are_listed_added_removed_and_reset_through_the_control_endpoints()
    {
        await using var emu = await TestEmulator.StartAsync();
        var seeded = emu.State.Resources.AllNewestFirst().Select(r => r.ToJson()).ToList();
        var (listed, all) = await emu.GetJsonAsync("__emulator/resources");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(seeded, all.EnumerateArray().Select(r => r.GetRawText()));

        // Added in the API's own shape, the first of the body listed first; an id is given when none is sent.
        const string agentId = "5b0c7a1e-2f64-4d0e-9a51-7e3c2d8b9f10";
        var (added, body) = await emu.SendJsonAsync(HttpMethod.Post, "__emulator/resources", $$$"""
            [{"id":"{{{agentId}}}","type":"ai_agent","display_name":"Night Desk",
              "ai_agent":{"agent_id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","name":"Night"}},
             {"type":"call_flow","display_name":"Night Flow"}]
            """);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var created = body.EnumerateArray().ToList();
        Assert.Equal(["Night Desk", "Night Flow"], created.Select(r => Text(r, "display_name")));
        var flowId = created.Single(r => Text(r, "type") == "call_flow").GetProperty("id").GetString()!;
        Assert.True(Guid.TryParseExact(flowId, "D", out _));
        var (_, page) = await emu.GetJsonAsync(Resources + "?page_size=2");
        Assert.Equal([agentId, flowId], Ids(page));
        var (_, agent) = await emu.GetJsonAsync($"{Resources}/ai_agents/{agentId}");
        Assert.Equal(emu.Options.ProjectId, Text(agent, "project_id"));
        Assert.Equal("3fa85f64-5717-4562-b3fc-2c963f66afa6", Text(agent.GetProperty("ai_agent"), "agent_id"));

        var (taken, error) = await emu.SendJsonAsync(HttpMethod.Post, "__emulator/resources",
            $$"""{"id":"{{agentId}}","type":"ai_agent","display_name":"x"}""");
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains(agentId, error.GetProperty("error").GetString());
        var (untyped, _) = await emu.SendJsonAsync(HttpMethod.Post, "__emulator/resources", """{"display_name":"x"}""");
        Assert.Equal(HttpStatusCode.BadRequest, untyped.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await emu.Http.DeleteAsync($"__emulator/resources/{agentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await emu.Http.GetAsync($"{Resources}/{agentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await emu.Http.DeleteAsync($"__emulator/resources/{agentId}")).StatusCode);

        var (reset, counts) = await emu.SendJsonAsync(HttpMethod.Post, "__emulator/reset", "");
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(seeded.Count, counts.GetProperty("resources").GetInt32());
        Assert.Equal(seeded, emu.State.Resources.AllNewestFirst().Select(r => r.ToJson()));

        Assert.Equal(HttpStatusCode.NoContent, (await emu.Http.DeleteAsync("__emulator/resources")).StatusCode);
        var (_, none) = await emu.GetJsonAsync(Resources);
        Assert.Equal(0, none.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task A_resource_added_without_an_id_after_a_removal_gets_an_id_no_other_resource_holds()
    {
        await using var emu = await TestEmulator.StartAsync();
        async Task<string> AddAsync(string name)
        {
            var (added, body) = await emu.SendJsonAsync(HttpMethod.Post, "__emulator/resources",
                $$"""{"type":"call_flow","display_name":"{{name}}"}""");
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
            return body.EnumerateArray().Single().GetProperty("id").GetString()!;
        }

        var first = await AddAsync("First");
        var second = await AddAsync("Second");
        Assert.Equal(HttpStatusCode.NoContent, (await emu.Http.DeleteAsync($"__emulator/resources/{first}")).StatusCode);
        var third = await AddAsync("Third");

        Assert.NotEqual(second, third);
        var (_, all) = await emu.GetJsonAsync("__emulator/resources");
        var ids = all.EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains(second, ids);
        Assert.Contains(third, ids);
    }
}
