using System.Buffers;
using System.Text.Json;

namespace SignalWire.Emulator;

/// <summary>
/// The deterministic starting set of Fabric resources: several of each common type, the same ids every run, each object
/// with the fields its type's model requires (fabric-api/*/models/core.tsp) filled from the spec's examples. The id inside
/// each object differs from the resource's id, so a test sees which of the two a client used.
/// </summary>
public static class ResourceSeedData
{
    /// <summary>created_at of the oldest seeded resource; each next one is a day newer, all before the first seeded number.</summary>
    public static readonly DateTime FirstCreatedAt = new(2023, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    private const ulong IdSalt = 0xFAB0_0000_0001_0000;
    private const ulong InnerIdSalt = 0x0A6E_0000_0002_0000;

    // Oldest first. "Booking Assistant" is both an AI agent and a call flow, as in the spec's own examples.
    private static readonly (string Type, string Name)[] Plan =
    [
        ("ai_agent", "Front Desk"),
        ("call_flow", "Main IVR"),
        ("cxml_application", "Reception App"),
        ("sip_endpoint", "Conference Room Phone"),
        ("relay_application", "Customer Service Bot"),
        ("ai_agent", "After-Hours Assistant"),
        ("call_flow", "Booking Assistant"),
        ("cxml_application", "Voicemail App"),
        ("sip_endpoint", "Reception Desk Phone"),
        ("relay_application", "Dispatch"),
        ("ai_agent", "Booking Assistant"),
        ("call_flow", "Holiday Routing"),
        ("cxml_application", "Conference Line"),
        ("sip_endpoint", "Warehouse Phone"),
        ("swml_webhook", "Inbound SWML"),
        ("swml_webhook", "Survey Webhook"),
        ("cxml_webhook", "Legacy Voice Webhook"),
        ("dialogflow_agent", "Order Status Bot"),
        ("subscriber", "Alex Rivera"),
        ("subscriber", "Sam Chen"),
        ("sip_gateway", "Office PBX"),
        ("ai_agent", "Support Triage"),
    ];

    /// <summary>How many resources <see cref="Create"/> seeds, without building them.</summary>
    public static int Count => Plan.Length;

    /// <summary>The seeded resources of the project <paramref name="projectId"/>, oldest first (ordinal = index).</summary>
    public static IReadOnlyList<FabricResource> Create(string projectId) =>
        Plan.Select((entry, i) => FabricResource.Create(i, IdOf(i), projectId, entry.Name, entry.Type,
            FirstCreatedAt.AddDays(i), FirstCreatedAt.AddDays(i).AddHours(3), ObjectOf(entry.Type, entry.Name, InnerIdOf(i), projectId)))
        .ToList();

    /// <summary>The id of the <paramref name="nth"/> seeded resource of <paramref name="type"/>, counting round (for the seeded numbers).</summary>
    public static string NthId(string type, int nth)
    {
        var indexes = Enumerable.Range(0, Plan.Length).Where(i => Plan[i].Type == type).ToList();
        return IdOf(indexes[nth % indexes.Count]);
    }

    private static string IdOf(int index) => SeedData.DeterministicId(index, IdSalt);

    private static string InnerIdOf(int index) => SeedData.DeterministicId(index, InnerIdSalt);

    private static string ObjectOf(string type, string name, string innerId, string projectId)
    {
        var slug = name.ToLowerInvariant().Replace(' ', '-');
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, EmulatorResponse.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString(FabricTypes.InnerIdField(type), innerId);
            switch (type)
            {
                case "ai_agent":
                    w.WriteString("name", name);
                    w.WriteStartObject("prompt");
                    w.WriteString("text", $"You are {name}, a helpful assistant.");
                    w.WriteEndObject();
                    break;
                case "call_flow":
                    w.WriteString("title", name);
                    w.WriteNumber("document_version", 1);
                    break;
                case "cxml_application":
                    w.WriteString("project_id", projectId);
                    w.WriteString("friendly_name", name);
                    foreach (var (url, method) in new[]
                    {
                        ("voice_url", "voice_method"), ("voice_fallback_url", "voice_fallback_method"),
                        ("status_callback", "status_callback_method"), ("sms_url", "sms_method"),
                        ("sms_fallback_url", "sms_fallback_method"), ("sms_status_callback", "sms_status_callback_method"),
                    })
                    {
                        if (url == "voice_url")
                        {
                            w.WriteString(url, $"https://example.com/{slug}/voice");
                        }
                        else
                        {
                            w.WriteNull(url);
                        }
                        w.WriteString(method, "POST");
                    }
                    break;
                case "sip_endpoint":
                    w.WriteString("username", slug);
                    w.WriteString("caller_id", name);
                    w.WriteString("send_as", slug);
                    WriteTexts(w, "ciphers", "AEAD_AES_256_GCM_8", "AES_256_CM_HMAC_SHA1_32");
                    WriteTexts(w, "codecs", "G722", "PCMA", "PCMU", "VP8");
                    w.WriteString("encryption", "default");
                    w.WriteString("call_handler", "default");
                    w.WriteNull("calling_handler_resource_id");
                    break;
                case "relay_application":
                    w.WriteString("name", name);
                    w.WriteString("topic", slug);
                    w.WriteNull("call_status_callback_url");
                    break;
                case "swml_webhook" or "cxml_webhook":
                    w.WriteString("name", name);
                    w.WriteString("used_for", "calling");
                    w.WriteString("primary_request_url", $"https://example.com/{slug}");
                    w.WriteString("primary_request_method", "POST");
                    w.WriteNull("fallback_request_url");
                    w.WriteString("fallback_request_method", "POST");
                    w.WriteNull("status_callback_url");
                    w.WriteString("status_callback_method", "POST");
                    break;
                case "dialogflow_agent":
                    w.WriteString("display_name", name);
                    break;
                case "subscriber":
                    var (first, last) = (name.Split(' ')[0], name.Split(' ')[1]);
                    w.WriteString("email", $"{first.ToLowerInvariant()}@example.com");
                    w.WriteString("first_name", first);
                    w.WriteString("last_name", last);
                    w.WriteString("display_name", name);
                    w.WriteString("job_title", "Agent");
                    w.WriteString("timezone", "America/New_York");
                    w.WriteString("country", "US");
                    w.WriteString("company_name", "Example Co");
                    break;
                case "sip_gateway":
                    w.WriteString("uri", $"sip:{slug}@pbx.example.com");
                    w.WriteString("name", name);
                    WriteTexts(w, "ciphers", "AEAD_AES_256_GCM_8");
                    WriteTexts(w, "codecs", "PCMU", "PCMA");
                    w.WriteString("encryption", "default");
                    break;
                default:
                    throw new InvalidOperationException($"No seed object for {type}.");
            }
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteTexts(Utf8JsonWriter w, string name, params string[] values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }
        w.WriteEndArray();
    }
}
