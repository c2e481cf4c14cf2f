using System.Management.Automation;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

// The update fields as parameters, one per field of PhoneNumber marked [ApiField(Updatable = true)]: each has the
// API's name as an alias and completes its allowed values when it has them. A test holds this list to the field table,
// so a field added there and not here (or here with a wrong alias) fails the build's tests.
// They are set on the command line only. A piped row's columns of the same names (either spelling) are read by
// PhoneNumberInput.FieldCells, not bound by PowerShell: binding by property name made PowerShell look up every one of
// these names on every piped object, the largest cost per number of a bulk job, for values a piped PhoneNumber's own
// properties never supply anyway. Help still says they take pipeline input by property name, which is what users see.
public sealed partial class SetSwPhoneNumberCommand
{
    [Parameter]
    public string? Name { get; set; }

    [Parameter]
    [Alias("call_handler")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    public string? CallHandler { get; set; }

    [Parameter]
    [Alias("call_receive_mode")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    public string? CallReceiveMode { get; set; }

    [Parameter]
    [Alias("call_request_url")]
    public string? CallRequestUrl { get; set; }

    [Parameter]
    [Alias("call_request_method")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    public string? CallRequestMethod { get; set; }

    [Parameter]
    [Alias("call_fallback_url")]
    public string? CallFallbackUrl { get; set; }

    [Parameter]
    [Alias("call_fallback_method")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    public string? CallFallbackMethod { get; set; }

    [Parameter]
    [Alias("call_status_callback_url")]
    public string? CallStatusCallbackUrl { get; set; }

    [Parameter]
    [Alias("call_status_callback_method")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    public string? CallStatusCallbackMethod { get; set; }

    [Parameter]
    [Alias("call_laml_application_id")]
    [ResourceTarget("call_laml_application_id")]
    [ArgumentCompleter(typeof(ResourceCompleter))]
    public string? CallLamlApplicationId { get; set; }

    [Parameter]
    [Alias("call_dialogflow_agent_id")]
    [ResourceTarget("call_dialogflow_agent_id")]
    [ArgumentCompleter(typeof(ResourceCompleter))]
    public string? CallDialogflowAgentId { get; set; }

    [Parameter]
    [Alias("call_relay_topic")]
    public string? CallRelayTopic { get; set; }

    [Parameter]
    [Alias("call_relay_topic_status_callback_url")]
    public string? CallRelayTopicStatusCallbackUrl { get; set; }

    [Parameter]
    [Alias("call_relay_script_url")]
    public string? CallRelayScriptUrl { get; set; }

    [Parameter]
    [Alias("call_relay_application")]
    public string? CallRelayApplication { get; set; }

    [Parameter]
    [Alias("call_relay_connector_id")]
    public string? CallRelayConnectorId { get; set; }

    [Parameter]
    [Alias("call_sip_endpoint_id")]
    [ResourceTarget("call_sip_endpoint_id")]
    [ArgumentCompleter(typeof(ResourceCompleter))]
    public string? CallSipEndpointId { get; set; }

    [Parameter]
    [Alias("call_verto_resource")]
    public string? CallVertoResource { get; set; }

    [Parameter]
    [Alias("call_video_room_id")]
    public string? CallVideoRoomId { get; set; }

    [Parameter]
    [Alias("call_ai_agent_id")]
    [ResourceTarget("call_ai_agent_id")]
    [ArgumentCompleter(typeof(ResourceCompleter))]
    public string? CallAiAgentId { get; set; }

    [Parameter]
    [Alias("call_flow_id")]
    [ResourceTarget("call_flow_id")]
    [ArgumentCompleter(typeof(ResourceCompleter))]
    public string? CallFlowId { get; set; }

    [Parameter]
    [Alias("call_flow_version")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    public string? CallFlowVersion { get; set; }

    [Parameter]
    [Alias("message_handler")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    public string? MessageHandler { get; set; }

    [Parameter]
    [Alias("message_request_url")]
    public string? MessageRequestUrl { get; set; }

    [Parameter]
    [Alias("message_request_method")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    public string? MessageRequestMethod { get; set; }

    [Parameter]
    [Alias("message_fallback_url")]
    public string? MessageFallbackUrl { get; set; }

    [Parameter]
    [Alias("message_fallback_method")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    public string? MessageFallbackMethod { get; set; }

    [Parameter]
    [Alias("message_laml_application_id")]
    [ResourceTarget("message_laml_application_id")]
    [ArgumentCompleter(typeof(ResourceCompleter))]
    public string? MessageLamlApplicationId { get; set; }

    [Parameter]
    [Alias("message_relay_topic")]
    public string? MessageRelayTopic { get; set; }

    [Parameter]
    [Alias("message_relay_application")]
    public string? MessageRelayApplication { get; set; }

    [Parameter]
    [Alias("call_relay_context")]
    public string? CallRelayContext { get; set; }

    [Parameter]
    [Alias("call_relay_context_status_callback_url")]
    public string? CallRelayContextStatusCallbackUrl { get; set; }

    [Parameter]
    [Alias("message_relay_context")]
    public string? MessageRelayContext { get; set; }
}
