using System;
using System.Collections.Generic;
using System.Linq;

namespace SignalWire.PowerShell.Models
{
    /// <summary>How a field's value is checked before it is sent.</summary>
    public enum FieldKind
    {
        Text,
        Url,
        HttpMethod,
        Uuid,
        Choice,
    }

    /// <summary>One settable field of the update body: its API name, its parameter name and how to check it.</summary>
    public sealed class PhoneNumberField
    {
        internal PhoneNumberField(string apiName, string parameterName, FieldKind kind, Func<PhoneNumber, string?> readCurrent,
            IReadOnlyList<string>? allowedValues = null, string? replacement = null)
        {
            ApiName = apiName;
            ParameterName = parameterName;
            Kind = kind;
            ReadCurrent = readCurrent;
            AllowedValues = kind == FieldKind.HttpMethod ? PhoneNumberValues.HttpMethods : allowedValues ?? Array.Empty<string>();
            Replacement = replacement;
        }

        public string ApiName { get; }
        public string ParameterName { get; }
        public FieldKind Kind { get; }
        public IReadOnlyList<string> AllowedValues { get; }

        /// <summary>For a deprecated field, what to use instead; null when the field is current.</summary>
        public string? Replacement { get; }

        internal Func<PhoneNumber, string?> ReadCurrent { get; }

        public override string ToString() => ApiName;
    }

    /// <summary>The allowed values of the enum-like fields, as the API documents them.</summary>
    public static class PhoneNumberValues
    {
        public static readonly IReadOnlyList<string> CallHandlers = new[]
        {
            "relay_context", "relay_topic", "relay_script", "relay_application", "relay_connector", "relay_sip_endpoint",
            "relay_verto_endpoint", "laml_webhooks", "laml_application", "dialogflow", "video_room",
        };

        public static readonly IReadOnlyList<string> MessageHandlers = new[]
        {
            "relay_context", "relay_topic", "relay_application", "laml_webhooks", "laml_application",
        };

        public static readonly IReadOnlyList<string> CallReceiveModes = new[] { "voice", "fax" };
        public static readonly IReadOnlyList<string> HttpMethods = new[] { "GET", "POST" };
    }

    /// <summary>The update surface of a phone number: one entry per field of the seed's update body.</summary>
    public static class PhoneNumberFields
    {
        public static readonly IReadOnlyList<PhoneNumberField> All = new[]
        {
            new PhoneNumberField("name", "Name", FieldKind.Text, p => p.Name),
            new PhoneNumberField("call_handler", "CallHandler", FieldKind.Choice, p => p.CallHandler, PhoneNumberValues.CallHandlers),
            new PhoneNumberField("call_receive_mode", "CallReceiveMode", FieldKind.Choice, p => p.CallReceiveMode, PhoneNumberValues.CallReceiveModes),
            new PhoneNumberField("call_request_url", "CallRequestUrl", FieldKind.Url, p => p.CallRequestUrl),
            new PhoneNumberField("call_request_method", "CallRequestMethod", FieldKind.HttpMethod, p => p.CallRequestMethod),
            new PhoneNumberField("call_fallback_url", "CallFallbackUrl", FieldKind.Url, p => p.CallFallbackUrl),
            new PhoneNumberField("call_fallback_method", "CallFallbackMethod", FieldKind.HttpMethod, p => p.CallFallbackMethod),
            new PhoneNumberField("call_status_callback_url", "CallStatusCallbackUrl", FieldKind.Url, p => p.CallStatusCallbackUrl),
            new PhoneNumberField("call_status_callback_method", "CallStatusCallbackMethod", FieldKind.HttpMethod, p => p.CallStatusCallbackMethod),
            new PhoneNumberField("call_laml_application_id", "CallLamlApplicationId", FieldKind.Text, p => p.CallLamlApplicationId),
            new PhoneNumberField("call_dialogflow_agent_id", "CallDialogflowAgentId", FieldKind.Text, p => p.CallDialogflowAgentId),
            new PhoneNumberField("call_relay_topic", "CallRelayTopic", FieldKind.Text, p => p.CallRelayTopic),
            new PhoneNumberField("call_relay_topic_status_callback_url", "CallRelayTopicStatusCallbackUrl", FieldKind.Url, p => p.CallRelayTopicStatusCallbackUrl),
            new PhoneNumberField("call_relay_script_url", "CallRelayScriptUrl", FieldKind.Url, p => p.CallRelayScriptUrl),
            new PhoneNumberField("call_relay_application", "CallRelayApplication", FieldKind.Text, p => p.CallRelayApplication),
            new PhoneNumberField("call_relay_connector_id", "CallRelayConnectorId", FieldKind.Text, p => p.CallRelayConnectorId),
            new PhoneNumberField("call_sip_endpoint_id", "CallSipEndpointId", FieldKind.Text, p => p.CallSipEndpointId),
            new PhoneNumberField("call_verto_resource", "CallVertoResource", FieldKind.Text, p => p.CallVertoResource),
            new PhoneNumberField("call_video_room_id", "CallVideoRoomId", FieldKind.Uuid, p => p.CallVideoRoomId),
            new PhoneNumberField("message_handler", "MessageHandler", FieldKind.Choice, p => p.MessageHandler, PhoneNumberValues.MessageHandlers),
            new PhoneNumberField("message_request_url", "MessageRequestUrl", FieldKind.Url, p => p.MessageRequestUrl),
            new PhoneNumberField("message_request_method", "MessageRequestMethod", FieldKind.HttpMethod, p => p.MessageRequestMethod),
            new PhoneNumberField("message_fallback_url", "MessageFallbackUrl", FieldKind.Url, p => p.MessageFallbackUrl),
            new PhoneNumberField("message_fallback_method", "MessageFallbackMethod", FieldKind.HttpMethod, p => p.MessageFallbackMethod),
            new PhoneNumberField("message_laml_application_id", "MessageLamlApplicationId", FieldKind.Text, p => p.MessageLamlApplicationId),
            new PhoneNumberField("message_relay_topic", "MessageRelayTopic", FieldKind.Text, p => p.MessageRelayTopic),
            new PhoneNumberField("message_relay_application", "MessageRelayApplication", FieldKind.Text, p => p.MessageRelayApplication),
            new PhoneNumberField("call_relay_context", "CallRelayContext", FieldKind.Text, p => p.CallRelayContext,
                replacement: "CallRelayApplication or CallRelayTopic"),
            new PhoneNumberField("call_relay_context_status_callback_url", "CallRelayContextStatusCallbackUrl", FieldKind.Url,
                p => p.CallRelayContextStatusCallbackUrl, replacement: "CallRelayTopicStatusCallbackUrl"),
            new PhoneNumberField("message_relay_context", "MessageRelayContext", FieldKind.Text, p => p.MessageRelayContext,
                replacement: "MessageRelayApplication or MessageRelayTopic"),
        };

        private static readonly Dictionary<string, PhoneNumberField> byParameter =
            All.ToDictionary(f => f.ParameterName, StringComparer.OrdinalIgnoreCase);

        private static readonly Dictionary<string, PhoneNumberField> byApiName =
            All.ToDictionary(f => f.ApiName, StringComparer.OrdinalIgnoreCase);

        public static PhoneNumberField? FindByParameter(string parameterName) =>
            byParameter.TryGetValue(parameterName, out var field) ? field : null;

        public static PhoneNumberField? FindByApiName(string apiName) =>
            byApiName.TryGetValue(apiName, out var field) ? field : null;

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
}
