using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Tests;

public class TargetCheckTests
{
    private const string AgentId = "11111111-1111-4111-8111-111111111111";
    private const string AgentInnerId = "22222222-2222-4222-8222-222222222222";
    private const string FlowId = "33333333-3333-4333-8333-333333333333";
    private const string MissingId = "44444444-4444-4444-8444-444444444444";

    private static readonly FabricResource[] resources =
    [
        new FabricResource { Id = AgentId, ObjectId = AgentInnerId, Type = "ai_agent", DisplayName = "Front Desk" },
        new FabricResource { Id = FlowId, ObjectId = "55555555-5555-4555-8555-555555555555", Type = "call_flow", DisplayName = "Main IVR" },
    ];

    private readonly List<string> gets = [];
    private readonly List<string> lists = [];
    private readonly List<string> warnings = [];

    private TargetCheck Check(Func<string, FabricResource?>? get = null) => new(
        get ?? (id => { gets.Add(id); return resources.FirstOrDefault(r => r.Id == id); }),
        type => { lists.Add(type); return resources.Where(r => r.Type == type).ToList(); },
        warnings.Add);

    private static PhoneNumberUpdate Agent(string id) =>
        new PhoneNumberUpdate().Set(PhoneNumberFields.Get("call_handler"), "ai_agent").Set(PhoneNumberFields.Get("call_ai_agent_id"), id);

    [Fact]
    public void Each_distinct_id_is_looked_up_once_and_the_type_listed_once_for_ids_the_get_does_not_know()
    {
        var check = Check();
        for (var i = 0; i < 50; i++)
        {
            Assert.Null(check.Check(Agent(AgentId), "+15550000001"));
            Assert.Null(check.Check(Agent(AgentInnerId), "+15550000002"));
            Assert.NotNull(check.Check(Agent(MissingId), "+15550000003"));
        }
        Assert.Equal([AgentId, AgentInnerId, MissingId], gets);
        Assert.Equal(["ai_agent"], lists);
        Assert.Equal(3, check.Lookups);
    }

    [Fact]
    public void A_missing_target_or_one_of_another_type_is_refused_naming_the_parameter_the_id_and_the_type()
    {
        var check = Check();
        var missing = check.Check(Agent(MissingId), "+15550000003 (row 4)")!;
        Assert.Equal("TargetNotFound", missing.ErrorId);
        Assert.StartsWith($"+15550000003 (row 4): -CallAiAgentId (call_ai_agent_id) names {MissingId}, but the project has no ai_agent",
            missing.Message);

        var other = check.Check(Agent(FlowId), "+15550000004")!;
        Assert.Equal("TargetNotFound", other.ErrorId);
        Assert.Contains("which is a resource of type call_flow ('Main IVR'), not ai_agent", other.Message);
    }

    [Fact]
    public void Fields_that_name_no_resource_and_cleared_targets_are_not_looked_up()
    {
        var check = Check();
        var update = new PhoneNumberUpdate().Set(PhoneNumberFields.Get("call_relay_topic"), "office")
            .Set(PhoneNumberFields.Get("call_laml_application_id"), "");
        Assert.Null(check.Check(update, "+15550000001"));
        Assert.Empty(gets);
    }

    [Theory]
    [InlineData("call_handler", "laml_application", "call_laml_application_id")]
    [InlineData("message_handler", "laml_application", "message_laml_application_id")]
    [InlineData("call_handler", "dialogflow", "call_dialogflow_agent_id")]
    [InlineData("call_handler", "relay_sip_endpoint", "call_sip_endpoint_id")]
    public void Targets_the_vendor_names_no_Fabric_resource_for_are_sent_unchecked(string handlerField, string handler, string field)
    {
        var check = Check();
        var update = new PhoneNumberUpdate().Set(PhoneNumberFields.Get(handlerField), handler).Set(PhoneNumberFields.Get(field), MissingId);
        Assert.Null(check.Check(update, "+15550000001"));
        Assert.Empty(gets);
        Assert.Empty(lists);
    }

    [Fact]
    public void A_lookup_that_fails_warns_once_and_lets_the_update_go()
    {
        var check = Check(_ => throw new SignalWireApiException(SignalWireErrorKind.Forbidden, "403: the token lacks a scope", 403));
        Assert.Null(check.Check(Agent(AgentId), "+15550000001"));
        Assert.Null(check.Check(Agent(AgentId), "+15550000002"));
        Assert.Single(warnings);
        Assert.Contains(AgentId, warnings[0]);
    }
}
