using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace SignalWire.PowerShell.Models;

/// <summary>
/// A phone number of the project, one property per field of the API object. Unset fields are null whether the API
/// sent "" or null; enum-like fields are plain strings so that values the module has never seen stay readable.
/// The <see cref="ApiFieldAttribute"/>s are the one table of the API's fields: reading, writing and Set-SwPhoneNumber's
/// checks all derive from them.
/// </summary>
[ApiResource("a phone number", Values = typeof(PhoneNumberValues))]
public sealed class PhoneNumber
{
    [ApiField("id", Key = true)]
    public string Id { get; set; } = "";

    [ApiField("number")]
    public string? Number { get; set; }

    [ApiField("name", Updatable = true)]
    public string? Name { get; set; }

    [ApiField("capabilities")]
    public PhoneNumberCapabilities Capabilities { get; set; } = PhoneNumberCapabilities.None;

    [ApiField("number_type")]
    public string? NumberType { get; set; }

    [ApiField("e911_address_id")]
    public string? E911AddressId { get; set; }

    [ApiField("e911_status")]
    public string? E911Status { get; set; }

    [ApiField("created_at")]
    public DateTime? CreatedAt { get; set; }

    [ApiField("updated_at")]
    public DateTime? UpdatedAt { get; set; }

    [ApiField("next_billed_at")]
    public DateTime? NextBilledAt { get; set; }

    [ApiField("calling_handler_resource_id")]
    public string? CallingHandlerResourceId { get; set; }

    [ApiField("messaging_handler_resource_id")]
    public string? MessagingHandlerResourceId { get; set; }

    [ApiField("country_code")]
    public string? CountryCode { get; set; }

    [ApiField("call_handler", Updatable = true, Kind = FieldKind.Choice, AllowedValues = nameof(PhoneNumberValues.CallHandlers))]
    public string? CallHandler { get; set; }

    [ApiField("call_receive_mode", Updatable = true, Kind = FieldKind.Choice, AllowedValues = nameof(PhoneNumberValues.CallReceiveModes))]
    public string? CallReceiveMode { get; set; }

    [ApiField("call_request_url", Updatable = true, Kind = FieldKind.Url)]
    public string? CallRequestUrl { get; set; }

    [ApiField("call_request_method", Updatable = true, Kind = FieldKind.HttpMethod)]
    public string? CallRequestMethod { get; set; }

    [ApiField("call_fallback_url", Updatable = true, Kind = FieldKind.Url)]
    public string? CallFallbackUrl { get; set; }

    [ApiField("call_fallback_method", Updatable = true, Kind = FieldKind.HttpMethod)]
    public string? CallFallbackMethod { get; set; }

    [ApiField("call_status_callback_url", Updatable = true, Kind = FieldKind.Url)]
    public string? CallStatusCallbackUrl { get; set; }

    [ApiField("call_status_callback_method", Updatable = true, Kind = FieldKind.HttpMethod)]
    public string? CallStatusCallbackMethod { get; set; }

    [ApiField("call_laml_application_id", Updatable = true)]
    public string? CallLamlApplicationId { get; set; }

    [ApiField("call_dialogflow_agent_id", Updatable = true)]
    public string? CallDialogflowAgentId { get; set; }

    [ApiField("call_relay_topic", Updatable = true)]
    public string? CallRelayTopic { get; set; }

    [ApiField("call_relay_topic_status_callback_url", Updatable = true, Kind = FieldKind.Url)]
    public string? CallRelayTopicStatusCallbackUrl { get; set; }

    [ApiField("call_relay_script_url", Updatable = true, Kind = FieldKind.Url)]
    public string? CallRelayScriptUrl { get; set; }

    [ApiField("call_relay_application", Updatable = true)]
    public string? CallRelayApplication { get; set; }

    [ApiField("call_relay_connector_id", Updatable = true)]
    public string? CallRelayConnectorId { get; set; }

    [ApiField("call_sip_endpoint_id", Updatable = true)]
    public string? CallSipEndpointId { get; set; }

    [ApiField("call_verto_resource", Updatable = true)]
    public string? CallVertoResource { get; set; }

    [ApiField("call_video_room_id", Updatable = true, Kind = FieldKind.Uuid)]
    public string? CallVideoRoomId { get; set; }

    // The AI-agent and call-flow targets: in SignalWire's Python SDK (UpdatePhoneNumberRequest, set_ai_agent,
    // set_call_flow) and TypeScript SDK (phone-binding.md), and in the REST spec's SIP endpoint and domain application
    // requests; the REST spec's phone-number request leaves them out. A read never returns them.
    [ApiField("call_ai_agent_id", Updatable = true, Kind = FieldKind.Uuid, Returned = false, RequiredWithHandler = true)]
    public string? CallAiAgentId { get; set; }

    [ApiField("call_flow_id", Updatable = true, Kind = FieldKind.Uuid, Returned = false, RequiredWithHandler = true)]
    public string? CallFlowId { get; set; }

    [ApiField("call_flow_version", Updatable = true, Kind = FieldKind.Choice, AllowedValues = nameof(PhoneNumberValues.CallFlowVersions),
        Returned = false)]
    public string? CallFlowVersion { get; set; }

    [ApiField("message_handler", Updatable = true, Kind = FieldKind.Choice, AllowedValues = nameof(PhoneNumberValues.MessageHandlers))]
    public string? MessageHandler { get; set; }

    [ApiField("message_request_url", Updatable = true, Kind = FieldKind.Url)]
    public string? MessageRequestUrl { get; set; }

    [ApiField("message_request_method", Updatable = true, Kind = FieldKind.HttpMethod)]
    public string? MessageRequestMethod { get; set; }

    [ApiField("message_fallback_url", Updatable = true, Kind = FieldKind.Url)]
    public string? MessageFallbackUrl { get; set; }

    [ApiField("message_fallback_method", Updatable = true, Kind = FieldKind.HttpMethod)]
    public string? MessageFallbackMethod { get; set; }

    [ApiField("message_laml_application_id", Updatable = true)]
    public string? MessageLamlApplicationId { get; set; }

    [ApiField("message_relay_topic", Updatable = true)]
    public string? MessageRelayTopic { get; set; }

    [ApiField("message_relay_application", Updatable = true, Returned = false)]
    public string? MessageRelayApplication { get; set; }

    [ApiField("call_relay_context", Updatable = true, Replacement = "CallRelayApplication or CallRelayTopic")]
    public string? CallRelayContext { get; set; }

    [ApiField("call_relay_context_status_callback_url", Updatable = true, Kind = FieldKind.Url, Replacement = "CallRelayTopicStatusCallbackUrl")]
    public string? CallRelayContextStatusCallbackUrl { get; set; }

    [ApiField("message_relay_context", Updatable = true, Replacement = "MessageRelayApplication or MessageRelayTopic")]
    public string? MessageRelayContext { get; set; }

    public override string ToString() => Number ?? Id;
}

/// <summary>
/// What a number can do (voice, sms, mms, fax). A list that reads as "voice,sms" when made text, so Export-Csv writes
/// the capabilities rather than the type's name.
/// </summary>
public sealed class PhoneNumberCapabilities : ReadOnlyCollection<string>
{
    public static readonly PhoneNumberCapabilities None = new PhoneNumberCapabilities(Array.Empty<string>());

    public PhoneNumberCapabilities(IList<string> capabilities) : base(capabilities)
    {
    }

    public override string ToString() => string.Join(",", this);
}
