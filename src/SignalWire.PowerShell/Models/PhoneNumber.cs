using System;

namespace SignalWire.PowerShell.Models
{
    /// <summary>
    /// A phone number of the project, one property per field of the API object.
    /// Unset fields are null whether the API sent "" or null; enum-like fields are plain strings so that
    /// values the module has never seen stay readable.
    /// </summary>
    public sealed class PhoneNumber
    {
        public string Id { get; set; } = "";
        public string? Number { get; set; }
        public string? Name { get; set; }
        public string[] Capabilities { get; set; } = Array.Empty<string>();
        public string? NumberType { get; set; }
        public string? E911AddressId { get; set; }
        public string? E911Status { get; set; }
        public DateTime? CreatedAt { get; set; }
        public DateTime? UpdatedAt { get; set; }
        public DateTime? NextBilledAt { get; set; }
        public string? CallHandler { get; set; }
        public string? CallingHandlerResourceId { get; set; }
        public string? CallReceiveMode { get; set; }
        public string? CallRequestUrl { get; set; }
        public string? CallRequestMethod { get; set; }
        public string? CallFallbackUrl { get; set; }
        public string? CallFallbackMethod { get; set; }
        public string? CallStatusCallbackUrl { get; set; }
        public string? CallStatusCallbackMethod { get; set; }
        public string? CallLamlApplicationId { get; set; }
        public string? CallDialogflowAgentId { get; set; }
        public string? CallRelayTopic { get; set; }
        public string? CallRelayTopicStatusCallbackUrl { get; set; }
        public string? CallRelayScriptUrl { get; set; }
        public string? CallRelayContext { get; set; }
        public string? CallRelayContextStatusCallbackUrl { get; set; }
        public string? CallRelayApplication { get; set; }
        public string? CallRelayConnectorId { get; set; }
        public string? CallSipEndpointId { get; set; }
        public string? CallVertoResource { get; set; }
        public string? CallVideoRoomId { get; set; }
        public string? MessageHandler { get; set; }
        public string? MessagingHandlerResourceId { get; set; }
        public string? MessageRequestUrl { get; set; }
        public string? MessageRequestMethod { get; set; }
        public string? MessageFallbackUrl { get; set; }
        public string? MessageFallbackMethod { get; set; }
        public string? MessageLamlApplicationId { get; set; }
        public string? MessageRelayTopic { get; set; }
        public string? MessageRelayContext { get; set; }
        public string? MessageRelayApplication { get; set; }
        public string? CountryCode { get; set; }

        public override string ToString() => Number ?? Id;
    }
}
