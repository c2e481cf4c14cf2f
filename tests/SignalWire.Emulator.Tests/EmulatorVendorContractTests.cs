using System.Net;
using System.Text.Json;
using SignalWire.Tests.Shared;

namespace SignalWire.Emulator.Tests;

/// <summary>
/// The emulator held to the vendor's contract (tests/Shared/VendorContract.cs), over HTTP: the fields and values it
/// takes, the statuses it answers, the query names it reads, the shapes it sends. The module's tests hold the module to
/// the same table, so the two cannot drift apart together.
/// </summary>
public sealed class EmulatorVendorContractTests
{
    private static string Differences(IEnumerable<string> emulator, IEnumerable<string> vendor) =>
        $"only in the emulator: [{string.Join(", ", emulator.Except(vendor))}"
        + $"]; only in the vendor's spec: [{string.Join(", ", vendor.Except(emulator))}]";

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PutAsync(TestEmulator emu, string id, string field, string value,
        Dictionary<string, string>? with = null)
    {
        var fields = new Dictionary<string, string>(with ?? []) { [field] = value };
        var (response, body) = await emu.SendJsonAsync(HttpMethod.Put, $"{TestEmulator.Api}/{id}", JsonSerializer.Serialize(fields));
        return (response.StatusCode, body);
    }

    /// <summary>A seeded resource of the type an update field names.</summary>
    private static FabricResource Seeded(TestEmulator emu, string type) => emu.State.Resources.AllNewestFirst().First(r => r.Type == type);

    /// <summary>What must go with a value in one update: the resource a handler needs (ai_agent needs call_ai_agent_id).</summary>
    private static Dictionary<string, string>? Companion(TestEmulator emu, string field, string value) =>
        field == "call_handler" && VendorContract.HandlerResourceFields.TryGetValue(value, out var resourceField)
            ? new() { [resourceField] = Seeded(emu, VendorContract.UpdateResourceFields[resourceField]).Id }
            : null;

    private static void AssertSpaceError(JsonElement body)
    {
        foreach (var error in body.GetProperty("errors").EnumerateArray())
            Assert.Equal(VendorContract.SpaceErrorItemFields, Fixtures.KeysOf(error));
    }

    // ---- the update request ----------------------------------------------------------------------------------------

    [Fact]
    public void The_emulator_takes_exactly_the_fields_of_the_update_request()
    {
        var vendor = VendorContract.UpdateFields.Select(f => f.Name).ToList();
        Assert.True(EmulatedNumber.UpdatableFields.SetEquals(vendor), Differences(EmulatedNumber.UpdatableFields, vendor));
    }

    [Fact]
    public void The_emulator_knows_every_Fabric_type_by_its_specs_list_path_and_object_key()
    {
        Assert.Equal(VendorContract.FabricResourceTypes, FabricTypes.All.Select(t => (t.Type, t.Collection, t.ObjectKey)));
        Assert.Equal(VendorContract.FabricResourcesPath, FabricApi.ResourcesPath);
    }

    /// <summary>A value of the field's type that is not in any enum and not a UUID.</summary>
    private const string PlainText = "plain-text-42";

    [Fact]
    public async Task Each_update_field_takes_every_value_its_type_allows_and_refuses_others_with_422()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.FirstId();
        var problems = new List<string>();
        foreach (var (name, type, allowed) in VendorContract.UpdateFields)
        {
            var good = type switch
            {
                VendorFieldType.Choice => allowed,
                // A resource's id, or the id inside its object: no vendor source says which one the update takes.
                VendorFieldType.Uuid when VendorContract.UpdateResourceFields.TryGetValue(name, out var resourceType) =>
                    [Seeded(emu, resourceType).Id, Seeded(emu, resourceType).InnerId!],
                VendorFieldType.Uuid => ["3fa85f64-5717-4562-b3fc-2c963f66afa6"],
                // call_receive_mode is a string in the request; its values are the read model's enum.
                _ => name == "call_receive_mode" ? VendorContract.CallReceiveModes : [PlainText],
            };
            foreach (var value in good)
            {
                var (status, body) = await PutAsync(emu, id, name, value, Companion(emu, name, value));
                if (status != HttpStatusCode.OK) problems.Add($"{name}={value}: {(int)status} {body}");
                else if (EmulatedNumber.ResponseKeys.Contains(name) && body.GetProperty(name).GetString() != value)
                    problems.Add($"{name}={value}: the number came back with {body.GetProperty(name)}");
                else if (!EmulatedNumber.ResponseKeys.Contains(name) && emu.State.Numbers.Get(id)![name] != value)
                    problems.Add($"{name}={value}: not stored");
            }
            if (type == VendorFieldType.Text && name != "call_receive_mode") continue; // any string goes
            foreach (var bad in new[] { "bogus", PlainText.ToUpperInvariant(), "post" })
            {
                var (status, body) = await PutAsync(emu, id, name, bad);
                if (status != (HttpStatusCode)422) problems.Add($"{name}={bad}: {(int)status} instead of 422");
                else AssertSpaceError(body);
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [MemberData(nameof(FabricOnlyHandlers))]
    public async Task The_Fabric_only_call_handlers_are_read_but_refused_on_update(string handler)
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Numbers = 100);
        Assert.Contains(emu.State.Numbers.AllNewestFirst(), n => n["call_handler"] == handler);
        var (status, body) = await PutAsync(emu, emu.FirstId(), "call_handler", handler);
        Assert.Equal((HttpStatusCode)422, status);
        AssertSpaceError(body);
    }

    public static TheoryData<string> FabricOnlyHandlers() => new(VendorContract.FabricOnlyCallHandlers);

    [Fact]
    public async Task A_SIP_endpoint_id_is_any_string_but_a_video_room_id_must_be_a_UUID()
    {
        await using var emu = await TestEmulator.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(emu, emu.FirstId(), "call_sip_endpoint_id", "my-endpoint")).Status);
        Assert.Equal((HttpStatusCode)422, (await PutAsync(emu, emu.FirstId(), "call_video_room_id", "my-room")).Status);
    }

    // ---- the read model --------------------------------------------------------------------------------------------

    [Fact]
    public async Task Numbers_carry_the_read_models_fields_and_only_its_values()
    {
        Assert.True(EmulatedNumber.ResponseKeys.All(VendorContract.ReadModelFields.Contains),
            Differences(EmulatedNumber.ResponseKeys, VendorContract.ReadModelFields));
        var left = VendorContract.ReadModelFields.Except(EmulatedNumber.ResponseKeys).ToList();
        Assert.True(left.All(VendorContract.ReadModelFieldsMissingFromCapture.Contains),
            Differences(EmulatedNumber.ResponseKeys, VendorContract.ReadModelFields));

        await using var emu = await TestEmulator.StartAsync(o => o.Numbers = 200);
        var (_, page) = await emu.GetJsonAsync(TestEmulator.Api + "?page_size=1000");
        var numbers = page.GetProperty("data").EnumerateArray().ToList();
        string? Text(JsonElement n, string field) => n.GetProperty(field).ValueKind == JsonValueKind.Null ? null : n.GetProperty(field).GetString();
        void AllIn(string field, string[] allowed, bool emptyAllowed = false) =>
            Assert.All(numbers, n => Assert.True(Text(n, field) is not { } v || (emptyAllowed && v == "") || allowed.Contains(v),
                $"{field}: {Text(n, field)}"));
        AllIn("call_handler", VendorContract.ReadCallHandlers);
        AllIn("message_handler", VendorContract.MessageHandlers);
        AllIn("call_receive_mode", VendorContract.CallReceiveModes);
        AllIn("number_type", VendorContract.NumberTypes);
        foreach (var method in VendorContract.ReadModelFields.Where(f => f.EndsWith("_method", StringComparison.Ordinal)))
            AllIn(method, VendorContract.HttpMethods);
        Assert.All(numbers, n => Assert.All(n.GetProperty("capabilities").EnumerateArray(),
            c => Assert.Contains(c.GetString(), VendorContract.Capabilities)));
        // The seed holds numbers on each handler the REST spec's update enum leaves out, so readers meet them.
        Assert.Empty(VendorContract.FabricOnlyCallHandlers.Concat(VendorContract.HandlerResourceFields.Keys)
            .Except(numbers.Select(n => Text(n, "call_handler")!)));
    }

    // ---- statuses per operation ------------------------------------------------------------------------------------

    private static void AssertDeclared(string operation, HttpStatusCode status)
    {
        var code = (int)status;
        Assert.True(code == VendorContract.SuccessStatus[operation] || VendorContract.ErrorStatuses[operation].Contains(code) || code is 401 or 500,
            $"{operation} answered {code}, which its spec does not declare");
    }

    [Fact]
    public async Task Each_operation_answers_with_the_statuses_its_spec_declares()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.FirstId();
        var missing = "00000000-0000-4000-8000-000000000000";

        var list = await emu.Http.GetAsync(TestEmulator.Api);
        Assert.Equal(VendorContract.SuccessStatus["list"], (int)list.StatusCode);
        var badList = await emu.Http.GetAsync(TestEmulator.Api + "?page_size=0");
        AssertDeclared("list", badList.StatusCode);
        Assert.Equal(400, (int)badList.StatusCode);
        Assert.Equal(VendorContract.FlatErrors[400], (await TestEmulator.ReadJsonAsync(badList)).GetProperty("error").GetString());

        Assert.Equal(VendorContract.SuccessStatus["search"], (int)(await emu.Http.GetAsync(TestEmulator.Api + "/search?areacode=503")).StatusCode);

        Assert.Equal(VendorContract.SuccessStatus["retrieve"], (int)(await emu.Http.GetAsync($"{TestEmulator.Api}/{id}")).StatusCode);
        var (notFound, flat) = await emu.GetJsonAsync($"{TestEmulator.Api}/{missing}");
        AssertDeclared("retrieve", notFound.StatusCode);
        Assert.Equal(VendorContract.FlatErrors[404], flat.GetProperty("error").GetString());

        var (bought, number) = await emu.SendJsonAsync(HttpMethod.Post, TestEmulator.Api, """{"number":"+15035550199"}""");
        Assert.Equal(VendorContract.SuccessStatus["purchase"], (int)bought.StatusCode);
        foreach (var body in new[] { """{"number":"+15035550199"}""", """{"number":"5550199"}""", "not json" })
            AssertDeclared("purchase", (await emu.SendJsonAsync(HttpMethod.Post, TestEmulator.Api, body)).Response.StatusCode);

        Assert.Equal(VendorContract.SuccessStatus["update"], (int)(await PutAsync(emu, id, "name", "x")).Status);
        foreach (var (target, body) in new[] { (id, """{"call_handler":"bogus"}"""), (id, "not json"), (id, "[]"), (missing, """{"name":"x"}""") })
        {
            var (response, error) = await emu.SendJsonAsync(HttpMethod.Put, $"{TestEmulator.Api}/{target}", body);
            AssertDeclared("update", response.StatusCode);
            if (response.StatusCode == (HttpStatusCode)422) AssertSpaceError(error);
        }

        var released = await emu.Http.DeleteAsync($"{TestEmulator.Api}/{number.GetProperty("id").GetString()}");
        Assert.Equal(VendorContract.SuccessStatus["release"], (int)released.StatusCode);
        Assert.Empty(await released.Content.ReadAsByteArrayAsync());
        AssertDeclared("release", (await emu.Http.DeleteAsync($"{TestEmulator.Api}/{missing}")).StatusCode);

        using var anonymous = TestEmulator.NewClient(emu.Emulator.BaseUrl, null, null);
        var unauthorized = await anonymous.GetAsync(TestEmulator.Api);
        Assert.Equal(401, (int)unauthorized.StatusCode);
        Assert.Equal(VendorContract.FlatErrors[401], (await TestEmulator.ReadJsonAsync(unauthorized)).GetProperty("error").GetString());
    }

    // ---- query names -----------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_list_reads_the_specs_query_names_and_page_size_range_and_its_links_use_only_them()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Numbers = 60);
        foreach (var size in new[] { VendorContract.PageSizeMinimum, VendorContract.PageSizeMaximum })
        {
            var (ok, page) = await emu.GetJsonAsync($"{TestEmulator.Api}?page_size={size}&page_number=0&filter_name=e&filter_number=555");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.True(page.GetProperty("data").GetArrayLength() <= size);
        }
        foreach (var size in new[] { VendorContract.PageSizeMinimum - 1, VendorContract.PageSizeMaximum + 1 })
            Assert.Equal(HttpStatusCode.BadRequest, (await emu.Http.GetAsync($"{TestEmulator.Api}?page_size={size}")).StatusCode);

        var (_, first) = await emu.GetJsonAsync(TestEmulator.Api);
        Assert.Equal(VendorContract.PageSizeDefault, first.GetProperty("data").GetArrayLength());

        var (_, paged) = await emu.GetJsonAsync($"{TestEmulator.Api}?page_size=4&filter_name=e");
        var links = paged.GetProperty("links");
        Assert.All(links.EnumerateObject(), link => Assert.Contains(link.Name, VendorContract.LinkNames));
        var next = links.GetProperty("next").GetString()!;
        var names = new Uri(new Uri("http://x"), next).Query.TrimStart('?').Split('&').Select(p => p.Split('=')[0]).ToList();
        Assert.True(names.All(VendorContract.ListQueryParameters.Contains), Differences(names, VendorContract.ListQueryParameters));
        Assert.Contains("page_token", names); // page_number > 0 needs it
        var (followed, _) = await emu.GetJsonAsync(next);
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
    }

    [Fact]
    public async Task The_search_reads_every_query_name_of_the_spec()
    {
        await using var emu = await TestEmulator.StartAsync();
        var values = new Dictionary<string, string>
        {
            ["areacode"] = "512", ["number_type"] = "local", ["starts_with"] = "512", ["contains"] = "777", ["ends_with"] = "1234",
            ["max_results"] = "3", ["region"] = "TX", ["city"] = "Austin",
        };
        Assert.Equal(VendorContract.SearchQueryParameters, values.Keys);
        foreach (var name in VendorContract.SearchQueryParameters)
        {
            // starts_with, contains and ends_with exclude one another: each goes alone with the rest.
            var query = values.Where(v => v.Key == name || v.Key is not ("starts_with" or "contains" or "ends_with"))
                .Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value)}");
            var (response, _) = await emu.GetJsonAsync($"{TestEmulator.Api}/search?{string.Join("&", query)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        foreach (var type in VendorContract.SearchNumberTypes)
            Assert.Equal(HttpStatusCode.OK, (await emu.Http.GetAsync($"{TestEmulator.Api}/search?number_type={type}")).StatusCode);
        var (most, page) = await emu.GetJsonAsync($"{TestEmulator.Api}/search?max_results={VendorContract.SearchMaxResultsMaximum}");
        Assert.Equal(VendorContract.SearchMaxResultsMaximum, page.GetProperty("data").GetArrayLength());
        var (_, byDefault) = await emu.GetJsonAsync($"{TestEmulator.Api}/search");
        Assert.Equal(VendorContract.SearchMaxResultsDefault, byDefault.GetProperty("data").GetArrayLength());
        Assert.NotEqual(HttpStatusCode.OK,
            (await emu.Http.GetAsync($"{TestEmulator.Api}/search?max_results={VendorContract.SearchMaxResultsMaximum + 1}")).StatusCode);
    }

    // ---- shapes: links and search results --------------------------------------------------------------------------

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Links_take_the_form_asked_for_relative_by_default(bool absolute)
    {
        await using var emu = await TestEmulator.StartAsync(o => { o.Numbers = 9; o.AbsoluteLinks = absolute; });
        var (_, page) = await emu.GetJsonAsync($"{TestEmulator.Api}?page_size=4");
        var root = absolute ? emu.Emulator.BaseUrl.ToString().TrimEnd('/') : "";
        foreach (var link in page.GetProperty("links").EnumerateObject())
            Assert.StartsWith(root + VendorContract.ListPath + "?", link.Value.GetString());
        Assert.Equal(new[] { "self", "first", "next" }, page.GetProperty("links").EnumerateObject().Select(l => l.Name));
    }

    [Fact]
    public async Task Search_replies_come_in_the_live_shape_and_in_the_spec_shape()
    {
        await using var emu = await TestEmulator.StartAsync();
        var (_, live) = await emu.GetJsonAsync($"{TestEmulator.Api}/search?areacode=512&max_results=2");
        Assert.Equal(new[] { "links", "data" }, Fixtures.KeysOf(live));
        Assert.All(live.GetProperty("data").EnumerateArray(), item => Assert.Equal(VendorContract.SearchResultFieldsLive, Fixtures.KeysOf(item)));

        var (switched, config) = await emu.SendJsonAsync(HttpMethod.Post, "__emulator/config", """{"search_shape":"spec"}""");
        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        Assert.Equal(SearchShapes.Spec, config.GetProperty("search_shape").GetString());
        var (_, spec) = await emu.GetJsonAsync($"{TestEmulator.Api}/search?areacode=512&max_results=2");
        Assert.Equal(new[] { "data" }, Fixtures.KeysOf(spec));
        Assert.All(spec.GetProperty("data").EnumerateArray(), item =>
        {
            Assert.Equal(VendorContract.SearchResultFieldsSpec, Fixtures.KeysOf(item));
            Assert.Equal(VendorContract.Capabilities, item.GetProperty("capabilities").EnumerateObject().Select(c => c.Name));
            Assert.Equal(("TX", "Austin", "AUSTIN", "558"), (item.GetProperty("region").GetString(), item.GetProperty("city").GetString(),
                item.GetProperty("rate_center").GetString(), item.GetProperty("lata").GetString()));
        });
        var (_, none) = await emu.GetJsonAsync($"{TestEmulator.Api}/search?ends_with=1234567&areacode=212");
        Assert.Empty(Fixtures.KeysOf(none)); // neither links nor data: both optional
        Assert.Equal(HttpStatusCode.BadRequest,
            (await emu.SendJsonAsync(HttpMethod.Post, "__emulator/config", """{"search_shape":"xml"}""")).Response.StatusCode);
        Assert.Equal(SearchShapes.Spec, emu.State.SearchShape);
    }

    // ---- the 10DLC campaign registry ------------------------------------------------------------------------------

    [Fact]
    public async Task The_registry_answers_only_vendor_fields_and_states()
    {
        await using var emu = await TestEmulator.StartAsync(o => { o.Numbers = 6; o.RegistryOrderDelayMs = 0; });
        var root = VendorContract.RegistryRoot.TrimStart('/');
        static void Within(IEnumerable<string> vendor, JsonElement item, string what) =>
            Assert.True(!item.EnumerateObject().Select(p => p.Name).Except(vendor).Any(),
                $"{what}: {Differences(item.EnumerateObject().Select(p => p.Name), vendor)}");

        var (_, brands) = await emu.GetJsonAsync($"{root}/brands");
        foreach (var brand in brands.GetProperty("data").EnumerateArray())
        {
            Within(VendorContract.BrandFields, brand, "Brand");
            Assert.Contains(brand.GetProperty("state").GetString(), VendorContract.BrandStates);
            var (_, campaigns) = await emu.GetJsonAsync($"{root}/brands/{brand.GetProperty("id").GetString()}/campaigns");
            foreach (var campaign in campaigns.GetProperty("data").EnumerateArray())
            {
                Within(VendorContract.CampaignFields, campaign, "Campaign");
                Assert.Contains(campaign.GetProperty("state").GetString(), VendorContract.CampaignStates);
                var (_, numbers) = await emu.GetJsonAsync($"{root}/campaigns/{campaign.GetProperty("id").GetString()}/numbers");
                foreach (var assignment in numbers.GetProperty("data").EnumerateArray())
                {
                    Within(VendorContract.AssignedNumberFields, assignment, "AssignedNumber");
                    Within(VendorContract.AssignedPhoneNumberFields, assignment.GetProperty("phone_number"), "AssignedPhoneNumber");
                    Assert.Contains(assignment.GetProperty("state").GetString(), VendorContract.AssignmentStates);
                }
            }
        }
        var sms = RegistrySeedData.Campaigns().Single(c => c.Name == "Support SMS").Id;
        var number = emu.State.Numbers.AllNewestFirst()[0].Number;
        var (response, order) = await emu.SendJsonAsync(HttpMethod.Post, $"{root}/campaigns/{sms}/orders",
            $$"""{"phone_numbers":["{{number}}"]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // create_order answers 200, not 201
        Within(VendorContract.OrderFields, order, "Order");
        Assert.Contains(order.GetProperty("state").GetString(), VendorContract.OrderStates);
    }
}
