using System.Net;
using System.Text;
using System.Text.Json;

namespace SignalWire.Emulator.Tests;

/// <summary>
/// /__emulator/registry: the whole 10DLC registry in the API's shapes, what a test adds to it, and what it removes behind
/// the API's back; /__emulator/reset puts the seed back.
/// </summary>
public sealed class RegistryControlTests
{
    private const string Root = "api/relay/rest/registry/beta";
    private const string Control = "__emulator/registry";
    private const string BrandId = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    private const string CampaignId = "6c1f2a0e-1b2c-4d3e-8f90-0a1b2c3d4e5f";
    private const string AssignmentId = "aa11bb22-cc33-4d44-8e55-ff6677889900";

    private static Task<TestEmulator> StartAsync() => TestEmulator.StartAsync(o => { o.Numbers = 12; o.RegistryOrderDelayMs = 0; });

    private static EmulatedNumber NumberAt(TestEmulator emu, int oldestFirstIndex) =>
        emu.State.Numbers.AllNewestFirst().Reverse().ElementAt(oldestFirstIndex);

    private static string SeededCampaignId(string name) => RegistrySeedData.Campaigns().Single(c => c.Name == name).Id;

    private static async Task<string> TextAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    private static async Task<string> GetTextAsync(TestEmulator emu, string url)
    {
        var response = await emu.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await TextAsync(response);
    }

    private static Task<HttpResponseMessage> PostAsync(TestEmulator emu, string url, string body) =>
        emu.Http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

    // An API object with one more key at its end, as the control endpoint writes a campaign's brand_id or an order's campaign_id.
    private static string WithKey(string apiObject, string name, string value) => $"{apiObject[..^1]},\"{name}\":\"{value}\"}}";

    [Fact]
    public async Task Get_shows_brands_campaigns_assignments_and_orders_in_the_api_shapes_with_their_parents()
    {
        await using var emu = await StartAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await emu.Http.DeleteAsync(Control)).StatusCode);
        Assert.Equal("""{"brands":[],"campaigns":[],"numbers":[],"orders":[]}""", await GetTextAsync(emu, Control));

        var desk = NumberAt(emu, 0);
        var added = await PostAsync(emu, Control, $$"""
            {"brands":[{"id":"{{BrandId}}","name":"Clinic","company_name":"Clinic LLC","created_at":"2024-01-02T03:04:05Z"}],
             "campaigns":[{"id":"{{CampaignId}}","name":"Clinic Alerts","sms_use_case":"ACCOUNT_NOTIFICATION","brand_id":"{{BrandId}}",
                           "created_at":"2024-01-03T00:00:00Z"}],
             "numbers":[{"id":"{{AssignmentId}}","campaign_id":"{{CampaignId}}","state":"completed",
                         "phone_number":{"id":"{{desk.Id}}","number":"{{desk.Number}}"},"created_at":"2024-01-04T00:00:00Z"}]}
            """);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        const string brand = """
            {"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","state":"completed","name":"Clinic","company_name":"Clinic LLC",
            "csp_self_registered":false,"created_at":"2024-01-02T03:04:05Z","updated_at":"2024-01-02T03:04:05Z"}
            """;
        var campaign = """
            {"id":"6c1f2a0e-1b2c-4d3e-8f90-0a1b2c3d4e5f","name":"Clinic Alerts","state":"active","sms_use_case":"ACCOUNT_NOTIFICATION",
            "sub_use_cases":[],"opt_in_keywords":"START","opt_out_keywords":"STOP","help_keywords":"HELP","number_pooling_required":false,
            "direct_lending":false,"embedded_link":false,"embedded_phone":false,"age_gated_content":false,"lead_generation":false,
            "created_at":"2024-01-03T00:00:00Z","updated_at":"2024-01-03T00:00:00Z"}
            """.ReplaceLineEndings("");
        var assignment = $$"""
            {"id":"aa11bb22-cc33-4d44-8e55-ff6677889900","state":"completed","campaign_id":"6c1f2a0e-1b2c-4d3e-8f90-0a1b2c3d4e5f",
            "phone_number":{"id":"{{desk.Id}}","name":"{{desk.Name}}","number":"{{desk.Number}}"},
            "created_at":"2024-01-04T00:00:00Z","updated_at":"2024-01-04T00:00:00Z"}
            """.ReplaceLineEndings("");
        var brandJson = brand.ReplaceLineEndings("");
        Assert.Equal($$"""{"brands":[{{brandJson}}],"campaigns":[{{WithKey(campaign, "brand_id", BrandId)}}],"numbers":[{{assignment}}]}""",
            await TextAsync(added));

        // The API serves what was added, in the same shapes.
        Assert.Equal(brandJson, await GetTextAsync(emu, $"{Root}/brands/{BrandId}"));
        Assert.Equal(campaign, await GetTextAsync(emu, $"{Root}/campaigns/{CampaignId}"));

        // An order through the API: the control endpoint shows the order with its campaign, and the assignment it made.
        var ordered = await PostAsync(emu, $"{Root}/campaigns/{CampaignId}/orders", $$"""{"phone_numbers":["{{NumberAt(emu, 4).Number}}"]}""");
        Assert.Equal(HttpStatusCode.OK, ordered.StatusCode);
        var orderId = (await TestEmulator.ReadJsonAsync(ordered)).GetProperty("id").GetString()!;
        var order = await GetTextAsync(emu, $"{Root}/orders/{orderId}");
        using var page = JsonDocument.Parse(await GetTextAsync(emu, $"{Root}/campaigns/{CampaignId}/numbers"));
        var listed = page.RootElement.GetProperty("data").EnumerateArray().Select(a => a.GetRawText()).ToList();
        Assert.Equal([listed[0], assignment], listed);
        Assert.Equal(
            $$"""{"brands":[{{brandJson}}],"campaigns":[{{WithKey(campaign, "brand_id", BrandId)}}],"numbers":[{{listed[0]}},{{assignment}}],""" +
            $$"""
            "orders":[{{WithKey(order, "campaign_id", CampaignId)}}]}
            """,
            await GetTextAsync(emu, Control));
    }

    [Fact]
    public async Task Post_gives_deterministic_ids_names_the_brand_and_campaign_by_name_and_answers_in_the_body_order()
    {
        const string body = """
            {"Campaigns":[{"Name":"Night Alerts","SmsUseCase":"ACCOUNT_NOTIFICATION","BrandName":"Acme Health"},
                          {"Name":"Day Alerts","SmsUseCase":"ACCOUNT_NOTIFICATION","BrandName":"Acme Health"}],
             "Numbers":[{"CampaignName":"Night Alerts","Number":"+15552000004"},
                        {"CampaignName":"Day Alerts","PhoneNumberId":"PHONE5","State":"pending"}]}
            """;
        await using var one = await StartAsync();
        await using var two = await StartAsync();
        var answers = new List<string>();
        foreach (var emu in new[] { one, two })
        {
            var response = await PostAsync(emu, Control, body.Replace("PHONE5", NumberAt(emu, 5).Id, StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add(await TextAsync(response));
        }
        Assert.Equal(answers[0], answers[1]);

        using var added = JsonDocument.Parse(answers[0]);
        Assert.Empty(added.RootElement.GetProperty("brands").EnumerateArray()); // both name a brand of the registry
        var campaigns = added.RootElement.GetProperty("campaigns").EnumerateArray().ToList();
        Assert.Equal(["Night Alerts", "Day Alerts"], campaigns.Select(c => c.GetProperty("name").GetString()));
        Assert.All(campaigns, c => Assert.Equal(RegistrySeedData.Brands()[0].Id, c.GetProperty("brand_id").GetString()));
        Assert.All(campaigns, c => Assert.True(Guid.TryParseExact(c.GetProperty("id").GetString(), "D", out _)));
        var numbers = added.RootElement.GetProperty("numbers").EnumerateArray().ToList();
        Assert.Equal(["+15552000004", "+15552000005"], numbers.Select(a => a.GetProperty("phone_number").GetProperty("number").GetString()));
        Assert.Equal(["completed", "pending"], numbers.Select(a => a.GetProperty("state").GetString()));

        // Listed first, as the newest, by the API; the number is held, so an order for it is refused.
        var night = campaigns[0].GetProperty("id").GetString()!;
        var (_, brandCampaigns) = await one.GetJsonAsync($"{Root}/brands/{RegistrySeedData.Brands()[0].Id}/campaigns");
        Assert.Equal("Night Alerts", brandCampaigns.GetProperty("data")[0].GetProperty("name").GetString());
        var (refused, error) = await one.SendJsonAsync(HttpMethod.Post, $"{Root}/campaigns/{SeededCampaignId("Support SMS")}/orders",
            """{"phone_numbers":["+15552000004"]}""");
        Assert.Equal((HttpStatusCode)422, refused.StatusCode);
        Assert.Equal("already_assigned", error.GetProperty("errors")[0].GetProperty("code").GetString());
        var (_, nightNumbers) = await one.GetJsonAsync($"{Root}/campaigns/{night}/numbers");
        Assert.Equal(numbers[0].GetRawText(), nightNumbers.GetProperty("data")[0].GetRawText());
    }

    [Theory]
    [InlineData("", "Send an object with brands, campaigns and/or numbers (assignments), each a list of records.")]
    [InlineData("""[{"name":"x"}]""", "Send an object with brands, campaigns and/or numbers (assignments), each a list of records.")]
    [InlineData("""{"orders":[]}""", "\"orders\" is not one of brands, campaigns, numbers.")]
    [InlineData("""{"campaigns":[42]}""", "campaigns item 1: expected an object, found number.")]
    [InlineData("""{"brands":[{"company_name":"Clinic LLC"}]}""", "brands item 1: no \"Name\" (or \"name\"): every brand needs its name.")]
    [InlineData("""{"brands":[{"id":"b-1","name":"Clinic"}]}""",
        "brands item 1: \"id\" 'b-1' is not a UUID such as 3970ca4f-e58f-4324-b09c-6b1dbb30383c.")]
    [InlineData("""{"campaigns":[{"id":"{sms}","name":"Copy","sms_use_case":"MARKETING"}]}""",
        "campaigns item 1: the id {sms} is already used by campaign 'Support SMS'.")]
    [InlineData("""{"campaigns":[{"name":"New","state":"approved"}]}""",
        "campaigns item 1: the state 'approved' is not one of pending, active, inactive.")]
    [InlineData("""{"numbers":[{"campaign_name":"Nope","number":"{n4}"}]}""",
        "numbers item 1: the campaign 'Nope' is not a campaign of the project.")]
    [InlineData("""{"numbers":[{"campaign_name":"Support SMS"}]}""",
        "numbers item 1: an assignment needs its \"Number\" (or \"phone_number\").")]
    [InlineData("""{"numbers":[{"campaign_name":"Support SMS","number":"+15559999999"}]}""",
        "numbers item 1: the number +15559999999 is not a number of the project: a campaign holds only the project's numbers.")]
    [InlineData("""{"numbers":[{"campaign_name":"Support SMS","phone_number":{"id":"0b5e7c3d-1111-4222-8333-444455556666"}}]}""",
        "numbers item 1: the phone number id 0b5e7c3d-1111-4222-8333-444455556666 is not a number of the project.")]
    [InlineData("""{"numbers":[{"campaign_name":"Support SMS","phone_number":{"id":"{id4}","number":"{n5}"}}]}""",
        "numbers item 1: the phone number id {id4} is the id of {n4}, not of {n5}.")]
    [InlineData("""{"numbers":[{"campaign_name":"Appointment Reminders","number":"{n0}"}]}""",
        "numbers item 1: the number {n0} is already used by assignment {a0} on campaign 'Support SMS'.")]
    [InlineData("""{"numbers":[{"campaign_name":"Support SMS","number":"{n4}"},{"campaign_name":"Support SMS","number":"{n4}"}]}""",
        "numbers item 1: the number {n4} is already used by numbers item 2.")]
    public async Task Post_refuses_with_400_naming_what_is_wrong_and_adds_nothing(string body, string message)
    {
        await using var emu = await StartAsync();
        var before = await GetTextAsync(emu, Control);
        string Fill(string text) => text
            .Replace("{sms}", SeededCampaignId("Support SMS"), StringComparison.Ordinal)
            .Replace("{n0}", NumberAt(emu, 0).Number, StringComparison.Ordinal)
            .Replace("{n4}", NumberAt(emu, 4).Number, StringComparison.Ordinal)
            .Replace("{n5}", NumberAt(emu, 5).Number, StringComparison.Ordinal)
            .Replace("{id4}", NumberAt(emu, 4).Id, StringComparison.Ordinal)
            .Replace("{a0}", emu.State.Registry.AssignmentOfNumber(NumberAt(emu, 0).Number)!.Id, StringComparison.Ordinal);
        var response = await PostAsync(emu, Control, Fill(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(Fill(message), (await TestEmulator.ReadJsonAsync(response)).GetProperty("error").GetString());
        Assert.Equal(before, await GetTextAsync(emu, Control));
    }

    [Fact]
    public async Task A_refused_post_adds_none_of_its_valid_records()
    {
        await using var emu = await StartAsync();
        var before = await GetTextAsync(emu, Control);
        var response = await PostAsync(emu, Control, """
            {"brands":[{"name":"Clinic"}],"campaigns":[{"name":"Clinic Alerts","brand_name":"Clinic"}],
             "numbers":[{"campaign_name":"Clinic Alerts","number":"+15559999999"}]}
            """);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await GetTextAsync(emu, Control));
    }

    [Fact]
    public async Task Delete_of_one_assignment_removes_it_whatever_its_state_and_404s_an_unknown_id()
    {
        await using var emu = await StartAsync();
        // Pending on an active campaign: the API refuses its removal (422), the control endpoint does not.
        emu.State.RegistryOrderDelayMs = 600_000;
        var sms = SeededCampaignId("Support SMS");
        await PostAsync(emu, $"{Root}/campaigns/{sms}/orders", $$"""{"phone_numbers":["{{NumberAt(emu, 6).Number}}"]}""");
        var pending = emu.State.Registry.AssignmentOfNumber(NumberAt(emu, 6).Number)!;
        Assert.Equal("pending", pending.State);
        Assert.Equal((HttpStatusCode)422, (await emu.Http.DeleteAsync($"{Root}/numbers/{pending.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await emu.Http.DeleteAsync($"{Control}/numbers/{pending.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await emu.Http.DeleteAsync($"{Control}/numbers/{pending.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await emu.Http.DeleteAsync($"{Root}/numbers/{pending.Id}")).StatusCode);
        using var registry = JsonDocument.Parse(await GetTextAsync(emu, Control));
        Assert.DoesNotContain(pending.Id, registry.RootElement.GetProperty("numbers").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Equal(3, registry.RootElement.GetProperty("numbers").GetArrayLength());
        // The API's request log holds only API requests: a change behind its back leaves no trace there.
        Assert.DoesNotContain(emu.State.Requests.Snapshot(), r => r.Path.StartsWith("/__emulator", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_empties_the_registry_and_reset_puts_the_seed_back()
    {
        await using var emu = await StartAsync();
        var seeded = await GetTextAsync(emu, Control);
        await PostAsync(emu, $"{Root}/campaigns/{SeededCampaignId("Support SMS")}/orders", $$"""{"phone_numbers":["{{NumberAt(emu, 7).Number}}"]}""");
        await PostAsync(emu, Control, """{"campaigns":[{"name":"Extra","brand_name":"Acme Retail"}]}""");
        Assert.NotEqual(seeded, await GetTextAsync(emu, Control));

        Assert.Equal(HttpStatusCode.NoContent, (await emu.Http.DeleteAsync(Control)).StatusCode);
        Assert.Equal("""{"brands":[],"campaigns":[],"numbers":[],"orders":[]}""", await GetTextAsync(emu, Control));
        var (_, brands) = await emu.GetJsonAsync($"{Root}/brands");
        Assert.Equal(0, brands.GetProperty("data").GetArrayLength());

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(emu, "__emulator/reset", "")).StatusCode);
        Assert.Equal(seeded, await GetTextAsync(emu, Control));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"True\"", true)]
    public async Task A_campaigns_flag_is_read_from_json_true_and_false_as_from_a_csv_cell(string flag, bool expected)
    {
        await using var emu = await StartAsync();
        var response = await PostAsync(emu, Control,
            $$"""{"campaigns":[{"name":"Pooled","sms_use_case":"MIXED","brand_name":"Acme Health","number_pooling_required":{{flag}}}]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var added = JsonDocument.Parse(await TextAsync(response));
        Assert.Equal(expected, added.RootElement.GetProperty("campaigns")[0].GetProperty("number_pooling_required").GetBoolean());
    }

    [Fact]
    public void A_snapshot_refuses_an_assignment_whose_phone_number_id_is_not_its_number()
    {
        const string json = """
            [{"Id":"3970ca4f-e58f-4324-b09c-6b1dbb30383c","Number":"+15551230001"},
             {"Id":"4970ca4f-e58f-4324-b09c-6b1dbb30383c","Number":"+15551230002"},
             {"CampaignName":"Support SMS","Number":"+15551230002","PhoneNumberId":"3970ca4f-e58f-4324-b09c-6b1dbb30383c"}]
            """;
        var error = Assert.Throws<SeedFileException>(() => SeedFile.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Equal("item 3 (line 3): the phone number id 3970ca4f-e58f-4324-b09c-6b1dbb30383c is the id of +15551230001, not of +15551230002.",
            error.Message);
    }
}
