using System;
using System.Collections.Generic;

namespace SignalWire.PowerShell.Models;

/// <summary>
/// A resource of the project's SignalWire Fabric (an AI agent, a call flow, a cXML application, a SIP endpoint...):
/// what a number's calls or messages can be routed to. Read from GET /api/fabric/resources; its type-named object
/// (ai_agent, call_flow, ...) is summed up by <see cref="ObjectId"/>.
/// </summary>
public sealed class FabricResource
{
    /// <summary>The resource's id (the Fabric API's top-level "id").</summary>
    public string Id { get; set; } = "";

    public string? ProjectId { get; set; }
    public string? DisplayName { get; set; }

    /// <summary>ai_agent, call_flow, cxml_application, sip_endpoint, relay_application... (kept as sent, even when new).</summary>
    public string? Type { get; set; }

    public DateTime? CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }

    /// <summary>The id inside the type-named object: ai_agent.agent_id, or the "id" of call_flow, cxml_application...</summary>
    public string? ObjectId { get; set; }

    /// <summary>
    /// The id a phone number's target field takes for this resource: the resource's own id for an AI agent and a call
    /// flow (the SDKs' "ID of the AI Agent Fabric resource", "Call Flow resource ID"), the object's id for the
    /// others (a cXML application's id is the application's own: the Fabric resource is made from it).
    /// </summary>
    public string TargetId => Type is "ai_agent" or "call_flow" || string.IsNullOrEmpty(ObjectId) ? Id : ObjectId!;

    /// <summary>True when <paramref name="id"/> names this resource in either form the vendor's sources show.</summary>
    public bool IsNamedBy(string id) =>
        string.Equals(Id, id, StringComparison.OrdinalIgnoreCase) || string.Equals(ObjectId, id, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => DisplayName ?? Id;
}

/// <summary>The Fabric resource types: the API's type name, and the path segment of its own list.</summary>
internal static class FabricResourceTypes
{
    /// <summary>FabricResponseType of the vendor's spec (fabric-api/_shared/enums.tsp), with each type's list path.</summary>
    public static readonly IReadOnlyDictionary<string, string> ListPaths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["ai_agent"] = "ai_agents",
        ["call_flow"] = "call_flows",
        ["cxml_application"] = "cxml_applications",
        ["cxml_script"] = "cxml_scripts",
        ["cxml_webhook"] = "cxml_webhooks",
        ["dialogflow_agent"] = "dialogflow_agents",
        ["freeswitch_connector"] = "freeswitch_connectors",
        ["relay_application"] = "relay_applications",
        ["sip_endpoint"] = "sip_endpoints",
        ["sip_gateway"] = "sip_gateways",
        ["subscriber"] = "subscribers",
        ["swml_script"] = "swml_scripts",
        ["swml_webhook"] = "swml_webhooks",
        ["video_room"] = "conference_rooms",
    };

    /// <summary>The object a resource of each type carries, where its name is not the type's (a video room's is conference_room).</summary>
    internal static string ObjectKey(string type) => type == "video_room" ? "conference_room" : type;

    /// <summary>
    /// The target fields whose resource must exist before a number is pointed at it: the vendor calls their ids Fabric
    /// resources' ("AI Agent Fabric resource", "Call Flow resource ID"). Not the others: a cXML application's Fabric
    /// resource is made by the binding itself (the SDK reference's set-cxml-application), a Dialogflow agent has none
    /// (the TypeScript SDK's phone-binding.md), and call_sip_endpoint_id names a Relay SIP endpoint (the REST spec).
    /// </summary>
    public static readonly IReadOnlyCollection<string> MustExist = new[] { "call_ai_agent_id", "call_flow_id" };

    /// <summary>Which type of resource each phone-number target field names (for completion and resource objects).</summary>
    public static readonly IReadOnlyDictionary<string, string> TargetFields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["call_ai_agent_id"] = "ai_agent",
        ["call_flow_id"] = "call_flow",
        ["call_laml_application_id"] = "cxml_application",
        ["message_laml_application_id"] = "cxml_application",
        ["call_sip_endpoint_id"] = "sip_endpoint",
        ["call_dialogflow_agent_id"] = "dialogflow_agent",
    };
}
