using System.Net;
using System.Text;
using System.Text.Json;
using SignalWire.Tests.Shared;

namespace SignalWire.Emulator.Tests;

/// <summary>
/// The 10DLC campaign registry as specs/signalwire-rest/relay-rest/campaign-registry (main.tsp, models/) describes it:
/// paths under /api/relay/rest/registry/beta, the models' keys, create_order's 200 and its ValidationError, the 204 of
/// delete_number_assignment, and the states of orders and assignments.
/// </summary>
public sealed class RegistryApiTests
{
    private const string Root = "api/relay/rest/registry/beta";

    private static readonly string[] AssignmentKeys = ["id", "state", "campaign_id", "phone_number", "created_at", "updated_at"];

    private static Task<TestEmulator> StartAsync(int delayMs = 0) =>
        TestEmulator.StartAsync(o => { o.Numbers = 12; o.RegistryOrderDelayMs = delayMs; });

    private static string CampaignId(string name) => RegistrySeedData.Campaigns().Single(c => c.Name == name).Id;

    private static string Numbers(TestEmulator emu, params int[] oldestFirstIndexes)
    {
        var numbers = emu.State.Numbers.AllNewestFirst().Reverse().ToList();
        return JsonSerializer.Serialize(new { phone_numbers = oldestFirstIndexes.Select(i => numbers[i].Number) });
    }

    private static string NumberAt(TestEmulator emu, int oldestFirstIndex) =>
        emu.State.Numbers.AllNewestFirst().Reverse().ElementAt(oldestFirstIndex).Number;

    [Fact]
    public async Task Brands_list_get_and_their_campaigns_have_the_spec_shapes()
    {
        await using var emu = await StartAsync();
        var (response, page) = await emu.GetJsonAsync($"{Root}/brands");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["links", "data"], Fixtures.KeysOf(page));
        var brands = page.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["Acme Retail", "Acme Health"], brands.Select(b => b.GetProperty("name").GetString()));
        var health = brands[1].GetProperty("id").GetString()!;

        var (one, brand) = await emu.GetJsonAsync($"{Root}/brands/{health}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal("completed", brand.GetProperty("state").GetString());

        var (_, campaigns) = await emu.GetJsonAsync($"{Root}/brands/{health}/campaigns");
        var names = campaigns.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Support Escalations", "Appointment Reminders", "Support SMS"], names);
        Assert.All(campaigns.GetProperty("data").EnumerateArray(), c => Assert.False(c.TryGetProperty("brand_id", out _)));

        var (_, filtered) = await emu.GetJsonAsync($"{Root}/brands/{health}/campaigns?filter_name=support&filter_state=active");
        Assert.Equal("Support SMS", Assert.Single(filtered.GetProperty("data").EnumerateArray().ToList()).GetProperty("name").GetString());

        var (missing, _) = await emu.GetJsonAsync($"{Root}/brands/{Guid.NewGuid()}/campaigns");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var (notUuid, _) = await emu.GetJsonAsync($"{Root}/campaigns/support-sms");
        Assert.Equal(HttpStatusCode.NotFound, notUuid.StatusCode);
    }

    [Fact]
    public async Task Lists_page_through_links_next()
    {
        await using var emu = await StartAsync();
        var health = RegistrySeedData.Brands()[0].Id;
        var (_, first) = await emu.GetJsonAsync($"{Root}/brands/{health}/campaigns?page_size=2");
        Assert.Equal(2, first.GetProperty("data").GetArrayLength());
        var next = first.GetProperty("links").GetProperty("next").GetString()!;
        Assert.StartsWith("/api/relay/rest/registry/beta/brands/", next, StringComparison.Ordinal);
        var (_, second) = await emu.GetJsonAsync(next.TrimStart('/'));
        Assert.Equal("Support SMS", Assert.Single(second.GetProperty("data").EnumerateArray().ToList()).GetProperty("name").GetString());
        Assert.False(second.GetProperty("links").TryGetProperty("next", out _));
    }

    [Fact]
    public async Task Seeded_assignments_nest_the_phone_number_and_filter_by_state()
    {
        await using var emu = await StartAsync();
        var (_, page) = await emu.GetJsonAsync($"{Root}/campaigns/{CampaignId("Support SMS")}/numbers");
        var assignments = page.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(2, assignments.Count);
        Assert.All(assignments, a => Assert.Equal(AssignmentKeys, Fixtures.KeysOf(a)));
        Assert.Equal([NumberAt(emu, 1), NumberAt(emu, 0)], assignments.Select(a => a.GetProperty("phone_number").GetProperty("number").GetString()));
        var (_, pending) = await emu.GetJsonAsync($"{Root}/campaigns/{CampaignId("Support SMS")}/numbers?filter_state=pending");
        Assert.Empty(pending.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task An_order_answers_200_pending_then_is_processed_and_its_assignments_completed()
    {
        await using var emu = await StartAsync(delayMs: 600_000);
        var campaign = CampaignId("Support SMS");
        var body = """{"phone_numbers":["%1","%2"],"status_callback_url":"https://example.com/handle_callback"}"""
            .Replace("%1", NumberAt(emu, 3)).Replace("%2", NumberAt(emu, 4));
        var (response, order) = await emu.SendJsonAsync(HttpMethod.Post, $"{Root}/campaigns/{campaign}/orders", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["id", "state", "created_at", "updated_at", "status_callback_url"], Fixtures.KeysOf(order));
        Assert.Equal("pending", order.GetProperty("state").GetString());
        var orderId = order.GetProperty("id").GetString()!;

        var (_, pending) = await emu.GetJsonAsync($"{Root}/campaigns/{campaign}/numbers?filter_state=pending");
        Assert.Equal(2, pending.GetProperty("data").GetArrayLength());

        emu.State.RegistryOrderDelayMs = 0;
        var (_, again) = await emu.SendJsonAsync(HttpMethod.Post, $"{Root}/campaigns/{campaign}/orders", Numbers(emu, 5));
        var (_, processed) = await emu.GetJsonAsync($"{Root}/orders/{again.GetProperty("id").GetString()}");
        Assert.Equal("processed", processed.GetProperty("state").GetString());
        Assert.True(processed.TryGetProperty("processed_at", out _));
        var (_, stillPending) = await emu.GetJsonAsync($"{Root}/orders/{orderId}");
        Assert.Equal("pending", stillPending.GetProperty("state").GetString());

        var (_, orders) = await emu.GetJsonAsync($"{Root}/campaigns/{campaign}/orders?filter_state=processed");
        Assert.Single(orders.GetProperty("data").EnumerateArray().ToList());
        var (_, completed) = await emu.GetJsonAsync($"{Root}/campaigns/{campaign}/numbers?filter_state=completed");
        Assert.Equal(3, completed.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task A_toll_free_number_fails_its_assignment()
    {
        await using var emu = await StartAsync();
        var campaign = CampaignId("Appointment Reminders");
        var tollFree = NumberAt(emu, 9); // the seed's tenth number is toll-free
        Assert.StartsWith("+1888", tollFree, StringComparison.Ordinal);
        await emu.SendJsonAsync(HttpMethod.Post, $"{Root}/campaigns/{campaign}/orders", $$"""{"phone_numbers":["{{tollFree}}"]}""");
        var (_, failed) = await emu.GetJsonAsync($"{Root}/campaigns/{campaign}/numbers?filter_state=failed");
        Assert.Equal(tollFree, Assert.Single(failed.GetProperty("data").EnumerateArray().ToList())
            .GetProperty("phone_number").GetProperty("number").GetString());
    }

    [Fact]
    public async Task An_order_with_a_number_on_another_campaign_is_refused_whole_with_the_vendor_error_shape()
    {
        await using var emu = await StartAsync();
        var campaign = CampaignId("Appointment Reminders");
        var held = NumberAt(emu, 0); // seeded on Support SMS
        var (response, body) = await emu.SendJsonAsync(HttpMethod.Post, $"{Root}/campaigns/{campaign}/orders",
            $$"""{"phone_numbers":["{{held}}","{{NumberAt(emu, 5)}}","+15550000000","555-1234"]}""");
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var errors = body.GetProperty("errors").EnumerateArray().ToList();
        Assert.All(errors, e => Assert.Equal(["detail", "status", "title", "code"], Fixtures.KeysOf(e)));
        Assert.Equal(["not_e164", "already_assigned", "not_available_for_assignment"], errors.Select(e => e.GetProperty("code").GetString()));
        Assert.StartsWith(held, errors[1].GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (_, numbers) = await emu.GetJsonAsync($"{Root}/campaigns/{campaign}/numbers");
        Assert.Single(numbers.GetProperty("data").EnumerateArray().ToList()); // only the seeded one: nothing was assigned
    }

    [Theory]
    [InlineData("Support Escalations", "campaign_not_active")]
    [InlineData("Spring Promotions", "campaign_inactive")]
    public async Task A_campaign_that_is_not_active_takes_no_numbers(string name, string code)
    {
        await using var emu = await StartAsync();
        var (response, body) = await emu.SendJsonAsync(HttpMethod.Post, $"{Root}/campaigns/{CampaignId(name)}/orders", Numbers(emu, 5));
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Equal(code, Assert.Single(body.GetProperty("errors").EnumerateArray().ToList()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Delete_takes_the_assignment_id_and_answers_204()
    {
        await using var emu = await StartAsync();
        var campaign = CampaignId("Support SMS");
        var (_, page) = await emu.GetJsonAsync($"{Root}/campaigns/{campaign}/numbers");
        var assignment = page.GetProperty("data")[0];
        var phoneNumberId = assignment.GetProperty("phone_number").GetProperty("id").GetString();
        var byPhoneNumberId = await emu.Http.DeleteAsync($"{Root}/numbers/{phoneNumberId}");
        Assert.Equal(HttpStatusCode.NotFound, byPhoneNumberId.StatusCode);
        var deleted = await emu.Http.DeleteAsync($"{Root}/numbers/{assignment.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsByteArrayAsync());
        var (_, after) = await emu.GetJsonAsync($"{Root}/campaigns/{campaign}/numbers");
        Assert.Single(after.GetProperty("data").EnumerateArray().ToList());
    }

    [Fact]
    public async Task A_pending_assignment_on_an_active_campaign_cannot_be_removed()
    {
        await using var emu = await StartAsync(delayMs: 600_000);
        var campaign = CampaignId("Support SMS");
        await emu.SendJsonAsync(HttpMethod.Post, $"{Root}/campaigns/{campaign}/orders", Numbers(emu, 6));
        var (_, pending) = await emu.GetJsonAsync($"{Root}/campaigns/{campaign}/numbers?filter_state=pending");
        var id = pending.GetProperty("data")[0].GetProperty("id").GetString();
        var response = await emu.Http.DeleteAsync($"{Root}/numbers/{id}");
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var body = await TestEmulator.ReadJsonAsync(response);
        Assert.Equal("number_assignment_cannot_be_removed", body.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_order_delay_is_an_option_the_config_endpoint_changes_and_reset_reseeds_the_registry()
    {
        await using var emu = await StartAsync();
        var (response, config) = await emu.SendJsonAsync(HttpMethod.Post, "__emulator/config", """{"registry_order_delay_ms":1234}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1234, config.GetProperty("registry_order_delay_ms").GetInt32());
        await emu.SendJsonAsync(HttpMethod.Post, $"{Root}/campaigns/{CampaignId("Support SMS")}/orders", Numbers(emu, 7));
        Assert.Equal(4, emu.State.Registry.Contents().Assignments.Count);
        await emu.SendJsonAsync(HttpMethod.Post, "__emulator/reset", "{}");
        Assert.Equal(3, emu.State.Registry.Contents().Assignments.Count);
    }

    [Fact]
    public void A_seed_holds_campaigns_and_assignments_as_the_module_writes_them()
    {
        const string json = """
            [
              {"Id":"3970ca4f-e58f-4324-b09c-6b1dbb30383c","Number":"+15551230001","Name":"Desk","Capabilities":["voice","sms"]},
              {"Id":"4970ca4f-e58f-4324-b09c-6b1dbb30383c","Number":"+15551230002","Name":"Line","Capabilities":["voice","sms"]},
              {"Id":"6c1f2a0e-1b2c-4d3e-8f90-0a1b2c3d4e5f","Name":"Clinic Alerts","State":"active","SmsUseCase":"ACCOUNT_NOTIFICATION",
               "BrandId":"3fa85f64-5717-4562-b3fc-2c963f66afa6","BrandName":"Clinic"},
              {"Number":"+15551230002","CampaignName":"Clinic Alerts","State":"completed"}
            ]
            """;
        var snapshot = SeedFile.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Equal(2, snapshot.Numbers.Count);
        var registry = snapshot.Registry!;
        Assert.Equal("Clinic", Assert.Single(registry.Brands).Name);
        Assert.Equal("3fa85f64-5717-4562-b3fc-2c963f66afa6", Assert.Single(registry.Campaigns).BrandId);
        var assignment = Assert.Single(registry.Assignments);
        Assert.Equal(("+15551230002", "4970ca4f-e58f-4324-b09c-6b1dbb30383c", "6c1f2a0e-1b2c-4d3e-8f90-0a1b2c3d4e5f"),
            (assignment.Number, assignment.PhoneNumberId, assignment.CampaignId));
    }

    [Fact]
    public void A_seed_in_the_api_shape_names_the_nested_number_and_refuses_one_not_in_the_snapshot()
    {
        var campaign = RegistrySeedData.Campaigns()[0].Id;
        var good = $$$"""
            [{"id":"3970ca4f-e58f-4324-b09c-6b1dbb30383c","number":"+15551230001"},
             {"id":"aa11bb22-cc33-4d44-8e55-ff6677889900","state":"pending","campaign_id":"{{{campaign}}}",
              "phone_number":{"id":"3970ca4f-e58f-4324-b09c-6b1dbb30383c","number":"+15551230001"}}]
            """;
        var snapshot = SeedFile.Parse(Encoding.UTF8.GetBytes(good));
        Assert.Equal(4, snapshot.Registry!.Campaigns.Count); // no campaigns in the file: the generated ones
        Assert.Equal(("aa11bb22-cc33-4d44-8e55-ff6677889900", "pending"),
            (Assert.Single(snapshot.Registry.Assignments).Id, snapshot.Registry.Assignments[0].State));

        var error = Assert.Throws<SeedFileException>(() => SeedFile.Parse(Encoding.UTF8.GetBytes(good.Replace(
            "\"number\":\"+15551230001\"}}", "\"number\":\"+15559999999\"}}", StringComparison.Ordinal))));
        Assert.Contains("+15559999999 is not a number of the snapshot", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_without_campaigns_starts_with_no_number_on_a_campaign()
    {
        var snapshot = SeedFile.Parse(Encoding.UTF8.GetBytes("""[{"id":"3970ca4f-e58f-4324-b09c-6b1dbb30383c","number":"+15551230001"}]"""));
        Assert.Empty(snapshot.Registry!.Assignments);
    }
}
