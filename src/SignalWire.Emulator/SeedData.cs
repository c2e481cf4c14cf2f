namespace SignalWire.Emulator;

/// <summary>
/// The deterministic starting set of numbers: the same count always gives the same ids, numbers,
/// names, dates and handlers, so tests and benchmarks can rely on them.
/// </summary>
public static class SeedData
{
    /// <summary>created_at of the oldest seeded number; each next one is 7 minutes newer.</summary>
    public static readonly DateTime FirstCreatedAt = new(2024, 1, 1, 9, 0, 0, DateTimeKind.Utc);

    private static readonly DateTime BillingAfter = new(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] AllCapabilities = ["voice", "fax", "sms", "mms"];
    private static readonly string[] VoiceSms = ["voice", "sms"];
    private static readonly string[] VoiceOnly = ["voice"];

    /// <summary>
    /// The call handlers of the read model (PhoneNumberCallHandler) that the REST spec's update enum
    /// (PhoneNumberCallHandlerRequest) leaves out, in specs/signalwire-rest/relay-rest/phone-numbers/models/core.tsp. The
    /// SDKs' update sets ai_agent and call_flow all the same; the other three are set through the Fabric API.
    /// </summary>
    public static readonly IReadOnlyList<string> ResourceCallHandlers = ["ai_agent", "call_flow", "fabric_subscriber", "sip_gateway", "call_queue"];

    private static readonly string[] NameStems =
        ["Main Line", "Support", "Sales", "Billing", "Marketing", "Front Desk", "Warehouse", "On-Call"];

    /// <summary>The seeded numbers, oldest first (ordinal = index).</summary>
    public static IEnumerable<EmulatedNumber> Create(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return CreateOne(i);
        }
    }

    /// <summary>A uuid (version 4 layout) derived from an index, so ids are stable across runs.</summary>
    public static string DeterministicId(long index, ulong salt = 0x5157_A11E_0000_0001)
    {
        var high = SplitMix(unchecked((ulong)index * 2 + salt));
        var low = SplitMix(unchecked((ulong)index * 2 + 1 + salt));
        high = (high & 0xFFFF_FFFF_FFFF_0FFFUL) | 0x0000_0000_0000_4000UL; // version 4
        low = (low & 0x3FFF_FFFF_FFFF_FFFFUL) | 0x8000_0000_0000_0000UL;   // RFC 4122 variant
        var hex = high.ToString("x16") + low.ToString("x16");
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    /// <summary>The first <see cref="DeterministicId"/> from <paramref name="index"/> on that <paramref name="isUsed"/> does not hold.</summary>
    public static string UnusedDeterministicId(long index, ulong salt, Func<string, bool> isUsed)
    {
        var id = DeterministicId(index, salt);
        while (isUsed(id))
        {
            id = DeterministicId(++index, salt);
        }
        return id;
    }

    private static ulong SplitMix(ulong x)
    {
        unchecked
        {
            x += 0x9E37_79B9_7F4A_7C15UL;
            x = (x ^ (x >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D0_49BB_1331_11EBUL;
            return x ^ (x >> 31);
        }
    }

    private static EmulatedNumber CreateOne(int i)
    {
        var tollFree = i % 10 == 9;
        var number = (tollFree ? "+1888" : "+1555") + (2_000_000 + i).ToString("D7");
        var name = (i % 5) switch
        {
            4 => EmulatedNumber.FormatNanp(number), // like a freshly bought number
            _ => $"{NameStems[i % NameStems.Length]} {i + 1:D5}",
        };
        var createdAt = FirstCreatedAt.AddMinutes(7.0 * i);
        var nextBilledAt = createdAt;
        while (nextBilledAt <= BillingAfter)
        {
            nextBilledAt = nextBilledAt.AddMonths(1);
        }
        var capabilities = tollFree ? VoiceSms : (i % 7 == 3 ? VoiceOnly : AllCapabilities);
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["updated_at"] = EmulatedNumber.FormatDate(createdAt.AddHours(1 + i % 48)),
        };
        AddCallHandler(settings, i);
        AddMessageHandler(settings, i, capabilities);
        return EmulatedNumber.Create(i, DeterministicId(i), number, name, capabilities,
            PhoneNumberStore.NumberTypeOf(number), createdAt, nextBilledAt, settings);
    }

    // Mostly LaML webhooks, like most real projects; the rest spread over other handlers.
    private static void AddCallHandler(Dictionary<string, string?> s, int i)
    {
        switch (i % 20)
        {
            case 12 or 13:
                s["call_handler"] = "relay_topic";
                s["call_relay_topic"] = i % 2 == 0 ? "office" : "support";
                s["call_relay_topic_status_callback_url"] = $"https://hooks.example.com/topic-status/{i}";
                break;
            case 14:
                s["call_handler"] = "relay_script";
                s["call_relay_script_url"] = $"https://swml.example.com/scripts/{i}.yaml";
                break;
            case 15:
                s["call_handler"] = "laml_application";
                s["call_laml_application_id"] = DeterministicId(i, 0xA991);
                break;
            case 16:
                s["call_handler"] = "relay_application";
                s["call_relay_application"] = "reception";
                break;
            case 17:
                s["call_handler"] = "relay_sip_endpoint";
                s["call_sip_endpoint_id"] = DeterministicId(i, 0x5119);
                break;
            case 18:
                s["call_handler"] = "laml_webhooks";
                s["call_receive_mode"] = "fax";
                s["call_request_url"] = $"https://fax.example.com/inbound/{i}";
                break;
            case 19:
                // One of each in turn (every 20th number), so 100 numbers hold all five, each pointing at a seeded resource
                // of its kind (call_queue, which has no Fabric resource type, at an id of its own).
                var handler = ResourceCallHandlers[i / 20 % ResourceCallHandlers.Count];
                s["call_handler"] = handler;
                s["calling_handler_resource_id"] = handler switch
                {
                    "ai_agent" or "call_flow" or "sip_gateway" => ResourceSeedData.NthId(handler, i / 100),
                    "fabric_subscriber" => ResourceSeedData.NthId("subscriber", i / 100),
                    _ => DeterministicId(i, 0xA1A6),
                };
                break;
            default:
                s["call_handler"] = "laml_webhooks";
                s["call_request_url"] = $"https://voice.example.com/inbound/{i}";
                s["call_request_method"] = i % 4 == 1 ? "GET" : "POST";
                if (i % 3 == 0)
                {
                    s["call_fallback_url"] = $"https://voice.example.com/fallback/{i}";
                    s["call_status_callback_url"] = $"https://voice.example.com/status/{i}";
                }
                break;
        }
    }

    private static void AddMessageHandler(Dictionary<string, string?> s, int i, string[] capabilities)
    {
        if (!capabilities.Contains("sms"))
        {
            return; // message_handler stays null, like a voice-only number
        }
        if (i % 11 == 5)
        {
            s["message_handler"] = "relay_topic";
            s["message_relay_topic"] = "sms-office";
            return;
        }
        s["message_handler"] = "laml_webhooks";
        s["message_request_url"] = $"https://sms.example.com/inbound/{i}";
        if (i % 2 == 0)
        {
            s["message_fallback_url"] = $"https://sms.example.com/errors/{i}";
        }
    }
}
