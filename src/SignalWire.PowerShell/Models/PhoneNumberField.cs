using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace SignalWire.PowerShell.Models;

/// <summary>One settable field of the update body: its API name, its parameter name and how to check it.</summary>
internal sealed class PhoneNumberField
{
    private readonly Func<PhoneNumber, string?> read;

    internal PhoneNumberField(PropertyInfo property, ApiFieldAttribute attribute)
    {
        ApiName = attribute.ApiName;
        ParameterName = property.Name;
        Kind = attribute.Kind;
        Replacement = attribute.Replacement;
        Returned = attribute.Returned;
        RequiredWithHandler = attribute.RequiredWithHandler;
        AllowedValues = Kind == FieldKind.HttpMethod ? PhoneNumberValues.HttpMethods
            : attribute.AllowedValues != null ? PhoneNumberValues.Named(attribute.AllowedValues)
            : Array.Empty<string>();
        read = (Func<PhoneNumber, string?>)property.GetGetMethod().CreateDelegate(typeof(Func<PhoneNumber, string?>));
    }

    public string ApiName { get; }
    public string ParameterName { get; }
    public FieldKind Kind { get; }
    public IReadOnlyList<string> AllowedValues { get; }

    /// <summary>For a deprecated field, what to use instead; null when the field is current.</summary>
    public string? Replacement { get; }

    /// <summary>False when the API does not return the field, so a number's current value of it is unknown, not empty.</summary>
    public bool Returned { get; }

    /// <summary>A field that is not returned but must accompany a switch to its handler.</summary>
    public bool RequiredWithHandler { get; }

    /// <summary>The number's current value of this field; meaningless when <see cref="Returned"/> is false.</summary>
    public string? ReadCurrent(PhoneNumber number) => read(number);

    public override string ToString() => ApiName;
}

/// <summary>The allowed values of the enum-like fields, as the API documents them.</summary>
internal static class PhoneNumberValues
{
    /// <summary>The call handlers the update takes.</summary>
    public static readonly IReadOnlyList<string> CallHandlers = new[]
    {
        "relay_context", "relay_topic", "relay_script", "relay_application", "relay_connector", "relay_sip_endpoint",
        "relay_verto_endpoint", "laml_webhooks", "laml_application", "dialogflow", "video_room", "ai_agent", "call_flow",
    };

    /// <summary>
    /// Call handlers a number may have that no vendor source lets the phone-number update set: only SignalWire's Fabric
    /// API sets them (ai_agent and call_flow are not among them: the SDKs set both by the update).
    /// </summary>
    public static readonly IReadOnlyList<string> FabricCallHandlers = new[]
    {
        "fabric_subscriber", "sip_gateway", "call_queue",
    };

    /// <summary>Which version of a call flow a number runs; the API's default when none is sent is current_deployed.</summary>
    public static readonly IReadOnlyList<string> CallFlowVersions = new[] { "working_copy", "current_deployed" };

    public static readonly IReadOnlyList<string> MessageHandlers = new[]
    {
        "relay_context", "relay_topic", "relay_application", "laml_webhooks", "laml_application",
    };

    public static readonly IReadOnlyList<string> CallReceiveModes = new[] { "voice", "fax" };
    public static readonly IReadOnlyList<string> HttpMethods = new[] { "GET", "POST" };

    internal static IReadOnlyList<string> Named(string name) =>
        (IReadOnlyList<string>)typeof(PhoneNumberValues).GetField(name, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
}

/// <summary>The update surface of a phone number, read from the <see cref="ApiFieldAttribute"/>s of <see cref="PhoneNumber"/>.</summary>
internal static class PhoneNumberFields
{
    /// <summary>Every field of the update body, in the order PhoneNumber declares them.</summary>
    public static readonly IReadOnlyList<PhoneNumberField> All = typeof(PhoneNumber).GetProperties()
        .OrderBy(p => p.MetadataToken)
        .Select(p => (Property: p, Attribute: p.GetCustomAttribute<ApiFieldAttribute>()))
        .Where(p => p.Attribute != null && p.Attribute.Updatable)
        .Select(p => new PhoneNumberField(p.Property, p.Attribute!))
        .ToList();

    private static readonly Dictionary<string, PhoneNumberField> byParameter =
        All.ToDictionary(f => f.ParameterName, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, PhoneNumberField> byApiName =
        All.ToDictionary(f => f.ApiName, StringComparer.OrdinalIgnoreCase);

    public static PhoneNumberField? FindByParameter(string parameterName) =>
        byParameter.TryGetValue(parameterName, out var field) ? field : null;

    public static PhoneNumberField? FindByApiName(string apiName) =>
        byApiName.TryGetValue(apiName, out var field) ? field : null;

    /// <summary>A field by its parameter name or its API name, ignoring case.</summary>
    public static PhoneNumberField? Find(string name) => FindByParameter(name) ?? FindByApiName(name);

    public static PhoneNumberField Get(string apiName) => byApiName[apiName];

    /// <summary>The field each call handler reads: switching to a handler without it leaves calls unanswered.</summary>
    public static readonly IReadOnlyDictionary<string, PhoneNumberField> CallHandlerNeeds = new Dictionary<string, PhoneNumberField>
    {
        ["laml_webhooks"] = Get("call_request_url"),
        ["laml_application"] = Get("call_laml_application_id"),
        ["dialogflow"] = Get("call_dialogflow_agent_id"),
        ["relay_script"] = Get("call_relay_script_url"),
        ["relay_topic"] = Get("call_relay_topic"),
        ["relay_context"] = Get("call_relay_context"),
        ["relay_application"] = Get("call_relay_application"),
        ["relay_connector"] = Get("call_relay_connector_id"),
        ["relay_sip_endpoint"] = Get("call_sip_endpoint_id"),
        ["relay_verto_endpoint"] = Get("call_verto_resource"),
        ["video_room"] = Get("call_video_room_id"),
        ["ai_agent"] = Get("call_ai_agent_id"),
        ["call_flow"] = Get("call_flow_id"),
    };

    /// <summary>The field each message handler reads.</summary>
    public static readonly IReadOnlyDictionary<string, PhoneNumberField> MessageHandlerNeeds = new Dictionary<string, PhoneNumberField>
    {
        ["laml_webhooks"] = Get("message_request_url"),
        ["laml_application"] = Get("message_laml_application_id"),
        ["relay_topic"] = Get("message_relay_topic"),
        ["relay_application"] = Get("message_relay_application"),
        ["relay_context"] = Get("message_relay_context"),
    };
}
