using System.Text.Json;

namespace SignalWire.Emulator;

/// <summary>
/// One phone number of the project. Immutable: an update makes a new instance, so readers can
/// serialize a snapshot outside the store's lock. Every response field except
/// <c>capabilities</c> is kept as a string (dates preformatted) in the order of the real capture
/// (fixtures/get_phone_number.json).
/// </summary>
public sealed class EmulatedNumber
{
    /// <summary>The keys of a phone number response, exactly as in fixtures/get_phone_number.json.</summary>
    public static readonly IReadOnlyList<string> ResponseKeys =
    [
        "id", "name", "number", "capabilities", "number_type", "e911_address_id",
        "created_at", "updated_at", "next_billed_at",
        "call_handler", "calling_handler_resource_id", "call_receive_mode",
        "call_request_url", "call_request_method", "call_fallback_url", "call_fallback_method",
        "call_status_callback_url", "call_status_callback_method",
        "call_laml_application_id", "call_dialogflow_agent_id",
        "call_relay_context", "call_relay_context_status_callback_url",
        "call_relay_topic", "call_relay_topic_status_callback_url", "call_relay_application",
        "call_relay_connector_id", "call_sip_endpoint_id", "call_verto_resource",
        "call_video_room_id", "call_relay_script_url",
        "message_handler", "messaging_handler_resource_id",
        "message_request_url", "message_request_method",
        "message_fallback_url", "message_fallback_method", "message_laml_application_id",
        "message_relay_context", "message_relay_topic", "country_code",
    ];

    /// <summary>Accepted and stored on update, but not part of the response (the capture lacks it).</summary>
    public const string HiddenMessageRelayApplication = "message_relay_application";

    /// <summary>
    /// The update's fields that are stored but never returned: <see cref="HiddenMessageRelayApplication"/>, and those that
    /// point a number at an AI agent or a call flow (UpdatePhoneNumberRequest in the Python SDK's
    /// relay_rest_types_generated.py), as the read model holds only calling_handler_resource_id.
    /// </summary>
    public static readonly IReadOnlyList<string> WriteOnlyFields =
        [HiddenMessageRelayApplication, "call_ai_agent_id", "call_flow_id", "call_flow_version"];

    /// <summary>
    /// The spec's e911_status (phone-numbers/models/core.tsp), absent from the capture: written right after
    /// e911_address_id once the number has had an E911 address, and left out while it is null (never assigned).
    /// </summary>
    public const string E911Status = "e911_status";

    /// <summary>The fields a PUT may change (the contract's update body, deprecated ones included).</summary>
    public static readonly IReadOnlySet<string> UpdatableFields = new HashSet<string>(
    [
        "name", "call_handler", "call_receive_mode", "call_request_url", "call_request_method",
        "call_fallback_url", "call_fallback_method", "call_status_callback_url",
        "call_status_callback_method", "call_laml_application_id", "call_dialogflow_agent_id",
        "call_relay_topic", "call_relay_topic_status_callback_url", "call_relay_script_url",
        "call_relay_application", "call_relay_connector_id", "call_sip_endpoint_id",
        "call_verto_resource", "call_video_room_id", "message_handler", "message_request_url",
        "message_request_method", "message_fallback_url", "message_fallback_method",
        "message_laml_application_id", "message_relay_topic",
        "call_relay_context", "call_relay_context_status_callback_url", "message_relay_context",
        .. WriteOnlyFields,
    ], StringComparer.Ordinal);

    /// <summary>
    /// What an unset field looks like. The real capture mixes null and "" per field; this follows
    /// it field by field. Methods and the receive mode fall back to their documented defaults.
    /// </summary>
    public static string? UnsetValue(string field) => field switch
    {
        "call_status_callback_url" or "call_relay_context" or "call_relay_context_status_callback_url"
            or "call_relay_topic" or "call_relay_topic_status_callback_url" or "call_relay_application"
            or "call_verto_resource" or "call_video_room_id" or "call_relay_script_url"
            or "message_relay_context" or "message_relay_topic" or HiddenMessageRelayApplication => "",
        "call_request_method" or "call_fallback_method" or "call_status_callback_method"
            or "message_request_method" or "message_fallback_method" => "POST",
        "call_receive_mode" => "voice",
        _ => null,
    };

    private static readonly Dictionary<string, int> FieldIndex = BuildFieldIndex();
    private static readonly int CapabilitiesIndex = FieldIndex["capabilities"];
    private static readonly int E911AddressIdIndex = FieldIndex["e911_address_id"];

    private static Dictionary<string, int> BuildFieldIndex()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ResponseKeys.Count; i++)
        {
            index[ResponseKeys[i]] = i;
        }
        // Stored beyond the response's keys: e911_status is written beside e911_address_id, the others never.
        foreach (var field in WriteOnlyFields.Append(E911Status))
        {
            index[field] = index.Count;
        }
        return index;
    }

    private readonly string?[] _values;

    // The response object, written once when the number is made (a number never changes after that): a page of 1,000
    // then costs a copy, not 40,000 escaped writes, so what a bench times is the client and the latency it asked for.
    private readonly byte[] _json;

    private EmulatedNumber(long ordinal, string?[] values, IReadOnlyList<string> capabilities)
    {
        Ordinal = ordinal;
        _values = values;
        Capabilities = capabilities;
        _json = Serialize();
    }

    /// <summary>Creates a number with every optional field unset.</summary>
    public static EmulatedNumber Create(
        long ordinal, string id, string number, string? name, IReadOnlyList<string> capabilities,
        string numberType, DateTime createdAt, DateTime nextBilledAt,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new string?[FieldIndex.Count];
        foreach (var (field, i) in FieldIndex)
        {
            values[i] = UnsetValue(field);
        }
        values[FieldIndex["id"]] = id;
        values[FieldIndex["number"]] = number;
        values[FieldIndex["name"]] = name;
        values[FieldIndex["number_type"]] = numberType;
        values[FieldIndex["created_at"]] = FormatDate(createdAt);
        values[FieldIndex["updated_at"]] = FormatDate(createdAt);
        values[FieldIndex["next_billed_at"]] = FormatDate(nextBilledAt);
        values[FieldIndex["country_code"]] = "US";
        if (settings is not null)
        {
            foreach (var (field, value) in settings)
            {
                values[FieldIndex[field]] = value;
            }
        }
        return new EmulatedNumber(ordinal, values, capabilities);
    }

    /// <summary>Position in creation order; larger is newer. The list is sorted by it.</summary>
    public long Ordinal { get; }

    public IReadOnlyList<string> Capabilities { get; }

    public string Id => _values[0]!;

    public string Number => _values[FieldIndex["number"]]!;

    public string? Name => _values[FieldIndex["name"]];

    /// <summary>The value of any string field (response keys, e911_status and the write-only fields).</summary>
    public string? this[string field] => _values[FieldIndex[field]];

    public static bool IsField(string field) => FieldIndex.ContainsKey(field);

    /// <summary>A copy with the given fields changed (null or "" mean unset) and updated_at set.</summary>
    public EmulatedNumber With(IReadOnlyDictionary<string, string?> changes, DateTime updatedAt)
    {
        var values = (string?[])_values.Clone();
        foreach (var (field, value) in changes)
        {
            values[FieldIndex[field]] = string.IsNullOrEmpty(value) ? UnsetValue(field) : value;
        }
        values[FieldIndex["updated_at"]] = FormatDate(updatedAt);
        return new EmulatedNumber(Ordinal, values, Capabilities);
    }

    // The keys escaped once: a page of 1,000 numbers writes 40,000 of them, and escaping each name as it is written
    // took most of the 25 to 35 ms the emulator spent on such a page, time a bench would have charged to the client.
    private static readonly JsonEncodedText[] EncodedKeys =
        ResponseKeys.Select(key => JsonEncodedText.Encode(key, EmulatorResponse.WriterOptions.Encoder)).ToArray();

    private static readonly JsonEncodedText EncodedE911Status = JsonEncodedText.Encode(E911Status, EmulatorResponse.WriterOptions.Encoder);

    /// <summary>Writes the response object, keys in the order of the real capture.</summary>
    public void WriteJson(Utf8JsonWriter writer) => writer.WriteRawValue(_json, skipInputValidation: true);

    private byte[] Serialize()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, EmulatorResponse.WriterOptions))
        {
            WriteFields(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        for (var i = 0; i < EncodedKeys.Length; i++)
        {
            if (i == CapabilitiesIndex)
            {
                writer.WriteStartArray(EncodedKeys[i]);
                foreach (var capability in Capabilities)
                {
                    writer.WriteStringValue(capability);
                }
                writer.WriteEndArray();
            }
            else if (_values[i] is { } value)
            {
                writer.WriteString(EncodedKeys[i], value);
            }
            else
            {
                writer.WriteNull(EncodedKeys[i]);
            }
            if (i == E911AddressIdIndex && _values[FieldIndex[E911Status]] is { } e911Status)
            {
                writer.WriteString(EncodedE911Status, e911Status);
            }
        }
        writer.WriteEndObject();
    }

    public string ToJson() => System.Text.Encoding.UTF8.GetString(_json);

    public static string FormatDate(DateTime utc) =>
        utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"+15551234567" → "+1 (555) 123-4567", the way the capture names a new number.</summary>
    public static string FormatNanp(string e164) =>
        e164.Length == 12 && e164.StartsWith("+1", StringComparison.Ordinal)
            ? $"+1 ({e164[2..5]}) {e164[5..8]}-{e164[8..]}"
            : e164;
}
