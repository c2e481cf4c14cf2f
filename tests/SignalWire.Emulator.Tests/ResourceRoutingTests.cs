using System.Net;
using System.Text.Json;
using SignalWire.Tests.Shared;

namespace SignalWire.Emulator.Tests;

/// <summary>
/// The phone-number update that points a number at an AI agent or a call flow, as the vendor's SDKs send it: the number
/// then routes to the resource the id designates (calling_handler_resource_id), the ids themselves are write-only, and an
/// id that designates nothing is refused without touching the number.
/// </summary>
public sealed class ResourceRoutingTests
{
    /// <summary>A number on laml_webhooks, the seed's most common handler.</summary>
    private static EmulatedNumber OnWebhooks(TestEmulator emu) => emu.State.Numbers.AllNewestFirst().First(n => n["call_handler"] == "laml_webhooks");

    private static FabricResource[] OfType(TestEmulator emu, string type) =>
        emu.State.Resources.AllNewestFirst().Where(r => r.Type == type).ToArray();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PutAsync(TestEmulator emu, string id, string body)
    {
        var (response, json) = await emu.SendJsonAsync(HttpMethod.Put, $"{TestEmulator.Api}/{id}", body);
        return (response.StatusCode, json);
    }

    private static void AssertRefused(HttpStatusCode status, JsonElement body, string field)
    {
        Assert.Equal((HttpStatusCode)422, status);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(VendorContract.SpaceErrorItemFields, Fixtures.KeysOf(error));
        Assert.StartsWith(field + " ", error.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_update_to_ai_agent_routes_the_number_to_the_agent_by_its_resource_id_or_its_agent_id(bool byAgentId)
    {
        await using var emu = await TestEmulator.StartAsync();
        var number = OnWebhooks(emu);
        var agent = OfType(emu, "ai_agent")[1];
        var given = byAgentId ? agent.InnerId! : agent.Id;
        Assert.NotEqual(agent.Id, agent.InnerId);

        var (status, body) = await PutAsync(emu, number.Id, $$"""{"call_handler":"ai_agent","call_ai_agent_id":"{{given}}"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ai_agent", body.GetProperty("call_handler").GetString());
        // The resource's id either way: what GET /api/fabric/resources/{id} takes.
        Assert.Equal(agent.Id, body.GetProperty("calling_handler_resource_id").GetString());
        // Write-only: the read model has no such field, in the update's answer or in a later read.
        Assert.False(body.TryGetProperty("call_ai_agent_id", out _));
        var (_, read) = await emu.GetJsonAsync($"{TestEmulator.Api}/{number.Id}");
        Assert.Equal(body.GetRawText(), read.GetRawText());
        Assert.Equal(EmulatedNumber.ResponseKeys, Fixtures.KeysOf(read));
        Assert.Equal(given, emu.State.Numbers.Get(number.Id)!["call_ai_agent_id"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("working_copy")]
    [InlineData("current_deployed")]
    public async Task An_update_to_call_flow_routes_the_number_to_the_flow_with_its_version(string? version)
    {
        await using var emu = await TestEmulator.StartAsync();
        var number = OnWebhooks(emu);
        var flow = OfType(emu, "call_flow")[0];
        var versionField = version is null ? "" : $$""","call_flow_version":"{{version}}" """;
        var (status, body) = await PutAsync(emu, number.Id, $$"""{"call_handler":"call_flow","call_flow_id":"{{flow.Id}}"{{versionField}}}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("call_flow", flow.Id),
            (body.GetProperty("call_handler").GetString(), body.GetProperty("calling_handler_resource_id").GetString()));
        Assert.False(body.TryGetProperty("call_flow_id", out _));
        Assert.False(body.TryGetProperty("call_flow_version", out _));
        Assert.Equal((flow.Id, version), (emu.State.Numbers.Get(number.Id)!["call_flow_id"], emu.State.Numbers.Get(number.Id)!["call_flow_version"]));
    }

    [Theory]
    [InlineData("call_ai_agent_id", "ai_agent", "00000000-0000-4000-8000-000000000000")]
    [InlineData("call_flow_id", "call_flow", "00000000-0000-4000-8000-000000000000")]
    [InlineData("call_ai_agent_id", "ai_agent", "call_flow")] // a call flow is not an AI agent
    [InlineData("call_flow_id", "call_flow", "ai_agent")]
    [InlineData("call_ai_agent_id", "ai_agent", "not-a-uuid")]
    public async Task An_update_naming_no_such_target_is_refused_with_422_and_leaves_the_number_as_it_was(string field, string handler, string target)
    {
        await using var emu = await TestEmulator.StartAsync();
        var number = OnWebhooks(emu);
        var id = OfType(emu, target).FirstOrDefault()?.Id ?? target;
        Clear(emu);
        var (status, body) = await PutAsync(emu, number.Id, $$"""{"call_handler":"{{handler}}","{{field}}":"{{id}}","name":"changed"}""");
        AssertRefused(status, body, field);
        Assert.Contains(id, body.GetProperty("errors")[0].GetProperty("detail").GetString());
        Assert.Equal(number.ToJson(), emu.State.Numbers.Get(number.Id)!.ToJson());
        Assert.Null(emu.State.Numbers.Get(number.Id)![field]);
        Assert.Equal(422, Assert.Single(emu.State.Requests.Snapshot()).Status);
    }

    [Fact]
    public async Task A_target_id_for_another_handler_is_checked_and_kept_but_does_not_route()
    {
        await using var emu = await TestEmulator.StartAsync();
        var number = OnWebhooks(emu);
        var agent = OfType(emu, "ai_agent")[0];
        var (status, body) = await PutAsync(emu, number.Id, $$"""{"call_ai_agent_id":"{{agent.Id}}"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("laml_webhooks", body.GetProperty("call_handler").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("calling_handler_resource_id").ValueKind);
        var (refused, error) = await PutAsync(emu, number.Id, """{"call_ai_agent_id":"00000000-0000-4000-8000-000000000000"}""");
        AssertRefused(refused, error, "call_ai_agent_id");
    }

    [Theory]
    [InlineData("ai_agent", "call_ai_agent_id")]
    [InlineData("call_flow", "call_flow_id")]
    public async Task Switching_to_a_resource_handler_without_its_target_is_refused(string handler, string field)
    {
        await using var emu = await TestEmulator.StartAsync();
        var number = OnWebhooks(emu);
        var (status, body) = await PutAsync(emu, number.Id, $$"""{"call_handler":"{{handler}}"}""");
        AssertRefused(status, body, field);
        Assert.Contains("required", body.GetProperty("errors")[0].GetProperty("detail").GetString());
        Assert.Equal(number.ToJson(), emu.State.Numbers.Get(number.Id)!.ToJson());
    }

    [Fact]
    public async Task A_number_already_on_an_agent_takes_other_changes_and_keeps_its_agent()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Numbers = 100);
        var number = emu.State.Numbers.AllNewestFirst().First(n => n["call_handler"] == "ai_agent");
        var agent = number["calling_handler_resource_id"];
        Assert.Equal("ai_agent", emu.State.Resources.Get(agent!)!.Type);
        var (status, body) = await PutAsync(emu, number.Id, """{"name":"Renamed","call_handler":"ai_agent"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("Renamed", agent), (body.GetProperty("name").GetString(), body.GetProperty("calling_handler_resource_id").GetString()));
    }

    [Fact]
    public async Task Moving_a_number_from_one_agent_to_another_and_off_agents_follows_the_handler()
    {
        await using var emu = await TestEmulator.StartAsync();
        var number = OnWebhooks(emu);
        var agents = OfType(emu, "ai_agent");
        await PutAsync(emu, number.Id, $$"""{"call_handler":"ai_agent","call_ai_agent_id":"{{agents[0].Id}}"}""");
        var (_, moved) = await PutAsync(emu, number.Id, $$"""{"call_ai_agent_id":"{{agents[2].InnerId}}"}""");
        Assert.Equal(agents[2].Id, moved.GetProperty("calling_handler_resource_id").GetString());

        var flow = OfType(emu, "call_flow")[2];
        var (_, toFlow) = await PutAsync(emu, number.Id, $$"""{"call_handler":"call_flow","call_flow_id":"{{flow.InnerId}}"}""");
        Assert.Equal(flow.Id, toFlow.GetProperty("calling_handler_resource_id").GetString());

        // Off a resource handler the number no longer routes to the flow (the emulator makes no webhook resource).
        var (_, off) = await PutAsync(emu, number.Id, """{"call_handler":"laml_webhooks","call_request_url":"https://example.com/voice"}""");
        Assert.Equal(JsonValueKind.Null, off.GetProperty("calling_handler_resource_id").ValueKind);
    }

    [Theory]
    [MemberData(nameof(FabricOnlyHandlers))]
    public async Task The_handlers_only_the_Fabric_API_sets_stay_refused_even_with_a_target(string handler)
    {
        await using var emu = await TestEmulator.StartAsync();
        var number = OnWebhooks(emu);
        var agent = OfType(emu, "ai_agent")[0];
        var (status, body) = await PutAsync(emu, number.Id, $$"""{"call_handler":"{{handler}}","call_ai_agent_id":"{{agent.Id}}"}""");
        AssertRefused(status, body, "call_handler");
        Assert.Equal(number.ToJson(), emu.State.Numbers.Get(number.Id)!.ToJson());
    }

    public static TheoryData<string> FabricOnlyHandlers() => new(VendorContract.FabricOnlyCallHandlers);

    [Fact]
    public async Task A_resource_added_through_the_control_endpoint_can_be_routed_to_at_once()
    {
        await using var emu = await TestEmulator.StartAsync();
        var (_, added) = await emu.SendJsonAsync(HttpMethod.Post, "__emulator/resources", """{"type":"ai_agent","display_name":"Fresh Agent"}""");
        var id = added[0].GetProperty("id").GetString()!;
        var (status, body) = await PutAsync(emu, OnWebhooks(emu).Id, $$"""{"call_handler":"ai_agent","call_ai_agent_id":"{{id}}"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, body.GetProperty("calling_handler_resource_id").GetString());

        await emu.Http.DeleteAsync($"__emulator/resources/{id}");
        var (gone, error) = await PutAsync(emu, OnWebhooks(emu).Id, $$"""{"call_handler":"ai_agent","call_ai_agent_id":"{{id}}"}""");
        AssertRefused(gone, error, "call_ai_agent_id");
    }

    private static void Clear(TestEmulator emu) => emu.State.Requests.Clear();
}
