using System.Net;
using System.Text.Json;
using SignalWire.Tests.Shared;

namespace SignalWire.Emulator.Tests;

public sealed class ApiContractTests
{
    private static readonly IReadOnlyList<string> NumberKeys = Fixtures.KeysOf(Fixtures.Load("get_phone_number.json"));

    private static void AssertNumberShape(JsonElement number) => Assert.Equal(NumberKeys, Fixtures.KeysOf(number));

    /// <summary>Same keys as the captured 422, and every value of the same JSON kind.</summary>
    private static void AssertSpaceError(JsonElement body)
    {
        var fixture = Fixtures.Load("error_422_space_api.json");
        Assert.Equal(Fixtures.KeysOf(fixture), Fixtures.KeysOf(body));
        var expected = fixture.GetProperty("errors")[0];
        var errors = body.GetProperty("errors");
        Assert.True(errors.GetArrayLength() >= 1);
        foreach (var error in errors.EnumerateArray())
        {
            Assert.Equal(Fixtures.KeysOf(expected), Fixtures.KeysOf(error));
            foreach (var property in expected.EnumerateObject())
            {
                Assert.Equal(property.Value.ValueKind, error.GetProperty(property.Name).ValueKind);
            }
            Assert.Equal("422", error.GetProperty("status").GetString());
            Assert.Equal("Invalid Attribute", error.GetProperty("title").GetString());
            Assert.Equal("422", error.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Every_number_in_list_and_retrieve_has_exactly_the_fixture_keys_in_order()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Numbers = 40);
        var (response, page) = await emu.GetJsonAsync(TestEmulator.Api + "?page_size=1000");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(40, page.GetProperty("data").GetArrayLength());
        foreach (var number in page.GetProperty("data").EnumerateArray())
        {
            AssertNumberShape(number);
            var (one, single) = await emu.GetJsonAsync($"{TestEmulator.Api}/{number.GetProperty("id").GetString()}");
            Assert.Equal(HttpStatusCode.OK, one.StatusCode);
            AssertNumberShape(single);
            Assert.Equal(number.GetRawText(), single.GetRawText());
        }
        Assert.DoesNotContain("e911_status", NumberKeys);
        Assert.DoesNotContain("message_relay_application", NumberKeys);
    }

    [Fact]
    public async Task Seed_is_deterministic_and_realistic()
    {
        await using var a = await TestEmulator.StartAsync(o => o.Numbers = 100);
        await using var b = await TestEmulator.StartAsync(o => o.Numbers = 100);
        var first = a.State.Numbers.AllNewestFirst();
        Assert.Equal(first.Select(n => n.ToJson()), b.State.Numbers.AllNewestFirst().Select(n => n.ToJson()));
        Assert.Equal(100, first.Select(n => n.Id).Distinct().Count());
        Assert.Equal(100, first.Select(n => n["created_at"]).Distinct().Count());
        Assert.All(first, n => Assert.Matches(@"^\+1\d{10}$", n.Number));
        Assert.All(first, n => Assert.True(Guid.TryParseExact(n.Id, "D", out _)));
        Assert.All(first, n => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", n["updated_at"]));
        var handlers = first.GroupBy(n => n["call_handler"]).ToDictionary(g => g.Key ?? "", g => g.Count());
        Assert.True(handlers["laml_webhooks"] > 50);
        Assert.Contains("relay_topic", handlers.Keys);
        Assert.Contains(first, n => n["number_type"] == "toll-free");
        Assert.All(first, n => Assert.Equal("US", n["country_code"]));
        // newest first: created_at strictly decreasing
        var created = first.Select(n => n["created_at"]!).ToList();
        Assert.Equal(created.OrderByDescending(c => c, StringComparer.Ordinal), created);
    }

    [Fact]
    public async Task Missing_or_wrong_credentials_get_401()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var anonymous = TestEmulator.NewClient(emu.Emulator.BaseUrl, null, null);
        using var wrongToken = TestEmulator.NewClient(emu.Emulator.BaseUrl, emu.Options.ProjectId, "PTwrong");
        using var wrongProject = TestEmulator.NewClient(emu.Emulator.BaseUrl, Guid.NewGuid().ToString(), emu.Options.Token);
        foreach (var client in new[] { anonymous, wrongToken, wrongProject })
        {
            var response = await client.GetAsync(TestEmulator.Api);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("{\"error\":\"Unauthorized\"}", await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("00000000-0000-4000-8000-000000000000")]
    [InlineData("not-a-uuid")]
    public async Task Unknown_id_gets_404_not_found(string id)
    {
        await using var emu = await TestEmulator.StartAsync();
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete })
        {
            var (response, body) = await emu.SendJsonAsync(method, $"{TestEmulator.Api}/{id}", "{\"name\":\"x\"}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("Not Found", body.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task Put_changes_only_the_fields_sent()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.FirstId();
        var before = emu.State.Numbers.Get(id)!;
        var (response, after) = await emu.SendJsonAsync(HttpMethod.Put, $"{TestEmulator.Api}/{id}",
            """{"name":"Renamed","call_handler":"relay_topic","call_relay_topic":"office","unknown_field":42,"message_relay_application":"bot"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertNumberShape(after);
        Assert.Equal("Renamed", after.GetProperty("name").GetString());
        Assert.Equal("relay_topic", after.GetProperty("call_handler").GetString());
        Assert.Equal("office", after.GetProperty("call_relay_topic").GetString());
        foreach (var key in NumberKeys.Except(["name", "call_handler", "call_relay_topic", "updated_at", "capabilities"]))
        {
            Assert.Equal(before[key], after.GetProperty(key).ValueKind == JsonValueKind.Null ? null : after.GetProperty(key).GetString());
        }
        Assert.Equal("bot", emu.State.Numbers.Get(id)![EmulatedNumber.HiddenMessageRelayApplication]);
        Assert.NotEqual(before["updated_at"], after.GetProperty("updated_at").GetString());
    }

    [Fact]
    public async Task Put_null_or_empty_clears_a_field_the_way_the_fixture_shows_unset()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.FirstId();
        var (_, after) = await emu.SendJsonAsync(HttpMethod.Put, $"{TestEmulator.Api}/{id}",
            """{"call_request_url":"","call_relay_topic":null,"call_request_method":null}""");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("call_request_url").ValueKind); // null in the capture
        Assert.Equal("", after.GetProperty("call_relay_topic").GetString());                 // "" in the capture
        Assert.Equal("POST", after.GetProperty("call_request_method").GetString());          // the default
    }

    [Theory]
    [InlineData("""{"call_handler":"bogus"}""", "call_handler")]
    [InlineData("""{"call_handler":"ai_agent"}""", "call_handler")]
    [InlineData("""{"message_handler":"relay_script"}""", "message_handler")]
    [InlineData("""{"call_receive_mode":"sms"}""", "call_receive_mode")]
    [InlineData("""{"call_request_method":"get"}""", "call_request_method")]
    [InlineData("""{"message_fallback_method":"PATCH"}""", "message_fallback_method")]
    [InlineData("""{"call_video_room_id":"room-1"}""", "call_video_room_id")]
    [InlineData("""{"name":5}""", "name")]
    public async Task Put_with_a_disallowed_value_gets_422_in_the_space_shape_and_changes_nothing(string body, string field)
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.FirstId();
        var before = emu.State.Numbers.Get(id)!.ToJson();
        var (response, error) = await emu.SendJsonAsync(HttpMethod.Put, $"{TestEmulator.Api}/{id}", body);
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        AssertSpaceError(error);
        Assert.Contains(field, error.GetProperty("errors")[0].GetProperty("detail").GetString());
        Assert.Equal(before, emu.State.Numbers.Get(id)!.ToJson());
    }

    [Fact]
    public async Task Put_accepts_every_allowed_value_and_a_uuid_video_room()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.FirstId();
        var room = Guid.NewGuid().ToString();
        var (response, after) = await emu.SendJsonAsync(HttpMethod.Put, $"{TestEmulator.Api}/{id}",
            $$"""{"call_handler":"video_room","call_video_room_id":"{{room}}","call_receive_mode":"fax","call_fallback_method":"GET","message_"""
            + """handler":"relay_application","call_relay_context":"legacy"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(room, after.GetProperty("call_video_room_id").GetString());
        Assert.Equal("legacy", after.GetProperty("call_relay_context").GetString());
        Assert.Equal("fax", after.GetProperty("call_receive_mode").GetString());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"name\"")]
    [InlineData("")]
    public async Task Put_with_a_body_that_is_not_an_object_gets_422_the_only_4xx_besides_404_the_update_declares(string body)
    {
        await using var emu = await TestEmulator.StartAsync();
        var before = emu.State.Numbers.Get(emu.FirstId())!.ToJson();
        var (response, error) = await emu.SendJsonAsync(HttpMethod.Put, $"{TestEmulator.Api}/{emu.FirstId()}", body);
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        AssertSpaceError(error);
        Assert.Equal(before, emu.State.Numbers.Get(emu.FirstId())!.ToJson());
    }

    [Fact]
    public async Task Purchase_returns_200_and_the_number_becomes_newest_then_release_returns_204()
    {
        await using var emu = await TestEmulator.StartAsync();
        var (response, bought) = await emu.SendJsonAsync(HttpMethod.Post, TestEmulator.Api, """{"number":"+15035550123"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertNumberShape(bought);
        Assert.Equal("+1 (503) 555-0123", bought.GetProperty("name").GetString());
        var id = bought.GetProperty("id").GetString()!;
        Assert.Equal(id, emu.FirstId());

        var (again, duplicate) = await emu.SendJsonAsync(HttpMethod.Post, TestEmulator.Api, """{"number":"+15035550123"}""");
        Assert.Equal((HttpStatusCode)422, again.StatusCode);
        AssertSpaceError(duplicate);
        var (bad, malformed) = await emu.SendJsonAsync(HttpMethod.Post, TestEmulator.Api, """{"number":"555-0123"}""");
        Assert.Equal((HttpStatusCode)422, bad.StatusCode);
        AssertSpaceError(malformed);

        var released = await emu.Http.DeleteAsync($"{TestEmulator.Api}/{id}");
        Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
        Assert.Equal("", await released.Content.ReadAsStringAsync());
        Assert.Null(emu.State.Numbers.Get(id));
        Assert.Equal(HttpStatusCode.NotFound, (await emu.Http.DeleteAsync($"{TestEmulator.Api}/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("?areacode=503&contains=777&max_results=5", 5)]
    [InlineData("?number_type=toll-free&starts_with=888", 50)]
    [InlineData("?region=TX&city=Austin&ends_with=1234", 50)]
    [InlineData("?ends_with=5234567&areacode=212", 1)]
    [InlineData("?ends_with=1234567&areacode=212", 0)]
    public async Task Search_items_have_the_keys_of_the_live_capture(string query, int expected)
    {
        await using var emu = await TestEmulator.StartAsync();
        var fixture = Fixtures.Load("search_phone_numbers.json");
        var (response, page) = await emu.GetJsonAsync(TestEmulator.Api + "/search" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Fixtures.KeysOf(fixture), Fixtures.KeysOf(page));
        Assert.Empty(page.GetProperty("links").EnumerateObject());
        var items = page.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(expected, items.Count);
        var itemKeys = Fixtures.KeysOf(fixture.GetProperty("data")[0]);
        Assert.All(items, item => Assert.Equal(itemKeys, Fixtures.KeysOf(item)));
        Assert.All(items, item => Assert.Equal(JsonValueKind.Array, item.GetProperty("capabilities").ValueKind));
        Assert.Equal(items.Count, items.Select(i => i.GetProperty("e164").GetString()).Distinct().Count());
        string? Param(string name) => query.TrimStart('?').Split('&').Select(p => p.Split('='))
            .Where(kv => kv[0] == name).Select(kv => kv[1]).FirstOrDefault();
        if (query.Contains("contains"))
        {
            Assert.All(items, i => Assert.Contains("777", i.GetProperty("e164").GetString()));
        }
        if (query.Contains("ends_with"))
        {
            Assert.All(items, i => Assert.EndsWith(Param("ends_with")!, i.GetProperty("e164").GetString()));
        }
    }

    [Theory]
    [InlineData("?contains=12")]
    [InlineData("?contains=12345678")]
    [InlineData("?contains=123&ends_with=456")]
    [InlineData("?max_results=101")]
    [InlineData("?max_results=0")]
    [InlineData("?number_type=mobile")]
    [InlineData("?city=Austin")]
    [InlineData("?number_type=toll-free&region=TX")]
    public async Task Search_violations_get_422_in_the_space_shape(string query)
    {
        await using var emu = await TestEmulator.StartAsync();
        var (response, error) = await emu.GetJsonAsync(TestEmulator.Api + "/search" + query);
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        AssertSpaceError(error);
    }
}
