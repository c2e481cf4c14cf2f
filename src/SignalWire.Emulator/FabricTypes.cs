namespace SignalWire.Emulator;

/// <summary>
/// One type of Fabric resource: its <c>type</c> value, the path of its own list, the key of its object, and the
/// <c>type</c> its own list's links carry (null for none).
/// </summary>
public sealed record FabricType(string Type, string Collection, string ObjectKey, string? LinkType);

/// <summary>
/// The Fabric resource types (enum FabricResponseType, specs/signalwire-rest/fabric-api/_shared/enums.tsp), each with the
/// route of its own list (the @route of each type's main.tsp under fabric-api/) and the key of the object named after it
/// (fabric-api/resources/models/responses.tsp). A conference room is typed video_room in its own responses and keyed
/// conference_room; the generic union's swml_script for it is a slip of the spec, not a second type. The links of a type's
/// own list carry the type as each type's models/responses.tsp shows them: conference_room for the conference rooms, and
/// none for the SIP gateways and the subscribers.
/// </summary>
public static class FabricTypes
{
    public static readonly IReadOnlyList<FabricType> All =
    [
        new("ai_agent", "ai_agents", "ai_agent", "ai_agent"),
        new("call_flow", "call_flows", "call_flow", "call_flow"),
        new("cxml_application", "cxml_applications", "cxml_application", "cxml_application"),
        new("cxml_script", "cxml_scripts", "cxml_script", "cxml_script"),
        new("cxml_webhook", "cxml_webhooks", "cxml_webhook", "cxml_webhook"),
        new("dialogflow_agent", "dialogflow_agents", "dialogflow_agent", "dialogflow_agent"),
        new("freeswitch_connector", "freeswitch_connectors", "freeswitch_connector", "freeswitch_connector"),
        new("relay_application", "relay_applications", "relay_application", "relay_application"),
        new("sip_endpoint", "sip_endpoints", "sip_endpoint", "sip_endpoint"),
        new("sip_gateway", "sip_gateways", "sip_gateway", null),
        new("subscriber", "subscribers", "subscriber", null),
        new("swml_script", "swml_scripts", "swml_script", "swml_script"),
        new("swml_webhook", "swml_webhooks", "swml_webhook", "swml_webhook"),
        new("video_room", "conference_rooms", "conference_room", "conference_room"),
    ];

    private static readonly Dictionary<string, FabricType> ByTypeName = All.ToDictionary(t => t.Type, StringComparer.Ordinal);
    private static readonly Dictionary<string, FabricType> ByCollectionName = All.ToDictionary(t => t.Collection, StringComparer.Ordinal);

    /// <summary>The type with this <c>type</c> value, or null for one this emulator does not know.</summary>
    public static FabricType? OfType(string type) => ByTypeName.GetValueOrDefault(type);

    /// <summary>The type whose own list is /api/fabric/resources/<paramref name="collection"/>, or null.</summary>
    public static FabricType? OfCollection(string collection) => ByCollectionName.GetValueOrDefault(collection);

    /// <summary>The key of a resource's own object: the table's, or the type itself for a type this emulator does not know.</summary>
    public static string ObjectKeyOf(string type) => OfType(type)?.ObjectKey ?? type;

    /// <summary>
    /// The field of a type's object that holds its own id: ai_agent.agent_id (fabric-api/ai-agent/models/core.tsp), the
    /// id of every other object. It is not the resource's id; the spec never says how the two relate.
    /// </summary>
    public static string InnerIdField(string type) => type == "ai_agent" ? "agent_id" : "id";
}
