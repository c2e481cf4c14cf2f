using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;
using SignalWire.Tests.Shared;
using PhoneNumber = SignalWire.PowerShell.Models.PhoneNumber;

namespace SignalWire.PowerShell.Tests;

public class PhoneNumberUpdateTests
{
    private static PhoneNumberField F(string apiName) => PhoneNumberFields.Get(apiName);

    private static string Json(PhoneNumberUpdate update) => Encoding.UTF8.GetString(PhoneNumberJson.WriteUpdate(update));

    private static PhoneNumber Captured() => PhoneNumberJson.ReadPhoneNumber(Fixtures.Bytes(Fixtures.PhoneNumber));

    /// <summary>The update request of the vendor's spec, in its order (tests/Shared/VendorContract.cs), not the module's table.</summary>
    private static readonly string[] ContractUpdateFields = [.. SignalWire.Tests.Shared.VendorContract.UpdateFields.Select(f => f.Name)];

    // ---- the body ---------------------------------------------------------------------------------

    [Fact]
    public void Writes_exactly_the_fields_set_in_the_order_set()
    {
        var update = new PhoneNumberUpdate()
            .Set(F("call_handler"), "relay_topic")
            .Set(F("call_relay_topic"), "office");
        Assert.Equal("""{"call_handler":"relay_topic","call_relay_topic":"office"}""", Json(update));

        update = new PhoneNumberUpdate()
            .Set(F("message_request_url"), "https://example.com/sms")
            .Set(F("name"), "Front desk")
            .Set(F("call_request_method"), "GET");
        Assert.Equal("""{"message_request_url":"https://example.com/sms","name":"Front desk","call_request_method":"GET"}""", Json(update));
    }

    [Fact]
    public void An_empty_update_writes_an_empty_object_and_says_so()
    {
        var update = new PhoneNumberUpdate();
        Assert.True(update.IsEmpty);
        Assert.Equal("{}", Json(update));
    }

    [Fact]
    public void Null_clears_a_field_and_is_written_as_null()
    {
        var update = new PhoneNumberUpdate().Set(F("call_relay_topic"), null).Set(F("name"), "");
        Assert.Equal("""{"call_relay_topic":null,"name":""}""", Json(update));
    }

    [Fact]
    public void Setting_a_field_twice_keeps_one_entry_with_the_last_value()
    {
        var update = new PhoneNumberUpdate()
            .Set(F("name"), "first")
            .Set(F("call_handler"), "relay_topic")
            .Set(F("name"), "second");
        Assert.Equal(2, update.Changes.Count);
        Assert.Equal("second", update.ValueOf(F("name")));
        var body = JsonNode.Parse(Json(update))!.AsObject();
        Assert.Equal(new[] { "call_handler", "name" }.Order(), body.Select(p => p.Key).Order());
        Assert.Equal("second", (string?)body["name"]);
    }

    [Fact]
    public void Text_round_trips_whatever_characters_it_holds()
    {
        var name = "Büro \"Nord\" + <Empfang> & 'Café' ☎ \\ \n";
        var update = new PhoneNumberUpdate().Set(F("name"), name);
        using var document = JsonDocument.Parse(PhoneNumberJson.WriteUpdate(update));
        Assert.Equal(name, document.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public void Every_contract_update_field_can_be_written_under_its_API_name()
    {
        Assert.Equal(ContractUpdateFields.Order(), PhoneNumberFields.All.Select(f => f.ApiName).Order());
        var update = new PhoneNumberUpdate();
        foreach (var name in ContractUpdateFields)
        {
            update.Set(F(name), "v");
        }
        var body = JsonNode.Parse(Json(update))!.AsObject();
        Assert.Equal(ContractUpdateFields, body.Select(p => p.Key));
    }

    [Fact]
    public void Each_field_reads_its_current_value_from_the_matching_property()
    {
        foreach (var field in PhoneNumberFields.All)
        {
            var json = JsonNode.Parse(Fixtures.Text(Fixtures.PhoneNumber))!.AsObject();
            json[field.ApiName] = "current-" + field.ApiName;
            var number = PhoneNumberJson.ReadPhoneNumber(Encoding.UTF8.GetBytes(json.ToJsonString()));
            Assert.Equal("current-" + field.ApiName, field.ReadCurrent(number));
        }
    }

    [Fact]
    public void Fields_are_found_by_parameter_and_API_name_ignoring_case()
    {
        Assert.Same(F("call_relay_topic"), PhoneNumberFields.FindByParameter("callrelaytopic"));
        Assert.Same(F("call_relay_topic"), PhoneNumberFields.FindByApiName("CALL_RELAY_TOPIC"));
        Assert.Null(PhoneNumberFields.FindByParameter("NoSuchThing"));
        Assert.Null(PhoneNumberFields.FindByApiName("id"));
        Assert.Equal("CallRelayApplication or CallRelayTopic", F("call_relay_context").Replacement);
        Assert.Equal("CallRelayTopicStatusCallbackUrl", F("call_relay_context_status_callback_url").Replacement);
        Assert.Equal("MessageRelayApplication or MessageRelayTopic", F("message_relay_context").Replacement);
        Assert.Equal(3, PhoneNumberFields.All.Count(f => f.Replacement != null));
    }

    // ---- ExceptUnchanged --------------------------------------------------------------------------

    [Fact]
    public void ExceptUnchanged_drops_what_the_number_already_has()
    {
        var current = Captured();
        var update = new PhoneNumberUpdate()
            .Set(F("call_handler"), "laml_webhooks")          // same
            .Set(F("name"), "New name")                        // differs
            .Set(F("call_relay_topic"), "")                    // "" on the number: same
            .Set(F("call_request_url"), null)                  // null on the number: same
            .Set(F("call_status_callback_url"), null)          // "" on the number vs null: same
            .Set(F("call_relay_context"), null)                // "" vs null: same
            .Set(F("message_request_method"), "post")          // normalised to POST: same
            .Set(F("call_request_method"), "get")              // GET vs POST: differs
            .Set(F("message_fallback_url"), null)              // set on the number, cleared here: differs
            .Set(F("message_request_url"), "https://app.mysuma.org/api/v1/anon_proxy/relays/signalwire/webhooks"); // same

        var changed = update.ExceptUnchanged(current);

        Assert.Equal("""{"name":"New name","call_request_method":"GET","message_fallback_url":null}""", Json(changed));
        Assert.Equal(10, update.Changes.Count); // the original is left alone
    }

    [Fact]
    public void ExceptUnchanged_compares_exactly()
    {
        var current = Captured();
        var changed = new PhoneNumberUpdate().Set(F("name"), "+1 (111) 222-3333 ").Set(F("call_verto_resource"), "x")
            .ExceptUnchanged(current);
        Assert.Equal(2, changed.Changes.Count);
        Assert.Empty(new PhoneNumberUpdate().Set(F("name"), "+1 (111) 222-3333").ExceptUnchanged(current).Changes);
    }

    // ---- handler rules ------------------------------------------------------------------------------

    public static TheoryData<string, string> CallHandlers()
    {
        var data = new TheoryData<string, string>();
        foreach (var (handler, field) in PhoneNumberFields.CallHandlerNeeds)
        {
            data.Add(handler, field.ApiName);
        }
        return data;
    }

    public static TheoryData<string, string> MessageHandlers()
    {
        var data = new TheoryData<string, string>();
        foreach (var (handler, field) in PhoneNumberFields.MessageHandlerNeeds)
        {
            data.Add(handler, field.ApiName);
        }
        return data;
    }

    [Fact]
    public void The_handler_tables_are_the_contracts()
    {
        var call = new Dictionary<string, string>
        {
            ["laml_webhooks"] = "call_request_url", ["laml_application"] = "call_laml_application_id",
            ["dialogflow"] = "call_dialogflow_agent_id", ["relay_script"] = "call_relay_script_url",
            ["relay_topic"] = "call_relay_topic", ["relay_context"] = "call_relay_context",
            ["relay_application"] = "call_relay_application", ["relay_connector"] = "call_relay_connector_id",
            ["relay_sip_endpoint"] = "call_sip_endpoint_id", ["relay_verto_endpoint"] = "call_verto_resource",
            ["video_room"] = "call_video_room_id", ["ai_agent"] = "call_ai_agent_id", ["call_flow"] = "call_flow_id",
        };
        var message = new Dictionary<string, string>
        {
            ["laml_webhooks"] = "message_request_url", ["laml_application"] = "message_laml_application_id",
            ["relay_topic"] = "message_relay_topic", ["relay_application"] = "message_relay_application",
            ["relay_context"] = "message_relay_context",
        };
        Assert.Equal(call.OrderBy(p => p.Key),
            PhoneNumberFields.CallHandlerNeeds.Select(p => KeyValuePair.Create(p.Key, p.Value.ApiName)).OrderBy(p => p.Key));
        Assert.Equal(message.OrderBy(p => p.Key),
            PhoneNumberFields.MessageHandlerNeeds.Select(p => KeyValuePair.Create(p.Key, p.Value.ApiName)).OrderBy(p => p.Key));
        Assert.Equal(call.Keys.Order(), PhoneNumberValues.CallHandlers.Order());
        Assert.Equal(message.Keys.Order(), PhoneNumberValues.MessageHandlers.Order());
    }

    [Theory]
    [MemberData(nameof(CallHandlers))]
    [MemberData(nameof(MessageHandlers))]
    public void A_handler_without_its_field_is_reported(string handler, string neededField)
    {
        var handlerField = F(neededField.StartsWith("call_", StringComparison.Ordinal) ? "call_handler" : "message_handler");
        var needed = F(neededField);
        var update = new PhoneNumberUpdate().Set(handlerField, handler.ToUpperInvariant()); // spelling is normalised

        // Without the current state, the field counts as missing.
        var missing = Assert.Single(update.MissingHandlerFields(null));
        Assert.Same(handlerField, missing.Handler);
        Assert.Equal(handler, missing.Value);
        Assert.Same(needed, missing.Needed);
        Assert.True(update.NeedsCurrentStateForHandlers());

        // A number without the field: still missing, unless the API never returns the field (then its value is unknown)
        // and the switch need not carry it.
        var without = new PhoneNumber { Id = "x" };
        if (needed.Returned || needed.RequiredWithHandler) Assert.Single(update.MissingHandlerFields(without));
        else Assert.Empty(update.MissingHandlerFields(without));

        // A number that has it: fine. A field never returned that the switch must carry is had only by a number already
        // on that handler.
        var with = new PhoneNumber { Id = "x" };
        SetCurrent(with, needed, "already-set");
        if (needed.RequiredWithHandler)
        {
            Assert.Single(update.MissingHandlerFields(with));
            SetCurrent(with, handlerField, handler);
        }
        Assert.Empty(update.MissingHandlerFields(with));

        // The update brings it: fine, with or without the current state.
        var complete = new PhoneNumberUpdate().Set(handlerField, handler).Set(needed, "brought-along");
        Assert.Empty(complete.MissingHandlerFields(null));
        Assert.Empty(complete.MissingHandlerFields(without));
        Assert.False(complete.NeedsCurrentStateForHandlers());

        // The update clears it while the number has it (or may have it): missing.
        var clearing = new PhoneNumberUpdate().Set(handlerField, handler).Set(needed, "");
        Assert.Single(clearing.MissingHandlerFields(with));
        clearing = new PhoneNumberUpdate().Set(handlerField, handler).Set(needed, null);
        Assert.Single(clearing.MissingHandlerFields(with));
    }

    private static void SetCurrent(PhoneNumber number, PhoneNumberField field, string value)
    {
        var property = typeof(PhoneNumber).GetProperty(field.ParameterName)!;
        property.SetValue(number, value);
        Assert.Equal(value, field.ReadCurrent(number));
    }

    [Theory]
    [InlineData("ai_agent", "call_ai_agent_id")]
    [InlineData("call_flow", "call_flow_id")]
    public void A_switch_to_an_AI_agent_or_a_call_flow_must_carry_its_id(string handler, string idField)
    {
        var onTopic = new PhoneNumber { Id = "x", CallHandler = "relay_topic", CallRelayTopic = "office" };
        var missing = Assert.Single(new PhoneNumberUpdate().Set(F("call_handler"), handler).MissingHandlerFields(onTopic));
        Assert.Equal(idField, missing.Needed.ApiName);
        Assert.Empty(new PhoneNumberUpdate().Set(F("call_handler"), handler).Set(F(idField), "0e6c4f2a-5b1d-4c3e-9f7a-8d2b1c0a9e8f")
            .MissingHandlerFields(onTopic));
        // A version alone is no target.
        Assert.Single(new PhoneNumberUpdate().Set(F("call_handler"), handler).Set(F("call_flow_version"), "working_copy")
            .MissingHandlerFields(onTopic));
        // Already on that handler: the id the API does not return stays as it is, so nothing is missing.
        var already = new PhoneNumber { Id = "x", CallHandler = handler };
        Assert.Empty(new PhoneNumberUpdate().Set(F("call_handler"), handler).MissingHandlerFields(already));
    }

    [Fact]
    public void Sends_the_SDKs_AI_agent_and_call_flow_bodies()
    {
        var agent = new PhoneNumberUpdate().Set(F("call_handler"), "AI_Agent").Set(F("call_ai_agent_id"), "0e6c4f2a-5b1d-4c3e-9f7a-8d2b1c0a9e8f");
        Assert.Equal("""{"call_handler":"ai_agent","call_ai_agent_id":"0e6c4f2a-5b1d-4c3e-9f7a-8d2b1c0a9e8f"}""", Json(agent));
        var flow = new PhoneNumberUpdate().Set(F("call_handler"), "call_flow").Set(F("call_flow_id"), "5d1e7a9c-3b2f-4e6d-8a1c-0f9e8d7c6b5a")
            .Set(F("call_flow_version"), "Working_Copy");
        Assert.Equal("""{"call_handler":"call_flow","call_flow_id":"5d1e7a9c-3b2f-4e6d-8a1c-0f9e8d7c6b5a","call_flow_version":"working_copy"}""",
            Json(flow));
    }

    [Fact]
    public void Moving_calls_off_an_AI_agent_names_what_a_backup_cannot_bring_back()
    {
        var onAgent = new PhoneNumber { Id = "x", CallHandler = "ai_agent", CallingHandlerResourceId = "6f0c2b8e-1d4a-4e5b-9c3d-2a1b0f9e8d7c" };
        var gap = Assert.Single(new PhoneNumberUpdate().Set(F("call_handler"), "relay_topic").Set(F("call_relay_topic"), "office")
            .BackupGaps(onAgent)).ToString();
        Assert.Contains("call_ai_agent_id", gap);
        Assert.Contains("6f0c2b8e-1d4a-4e5b-9c3d-2a1b0f9e8d7c", gap);
        Assert.Contains("'ai_agent'", gap);
        // Staying on the handler, or leaving one whose target a read returns, loses nothing.
        Assert.Empty(new PhoneNumberUpdate().Set(F("call_handler"), "ai_agent").BackupGaps(onAgent));
        Assert.Empty(new PhoneNumberUpdate().Set(F("name"), "x").BackupGaps(onAgent));
        var onTopic = new PhoneNumber { Id = "x", CallHandler = "relay_topic", CallRelayTopic = "office" };
        Assert.Empty(new PhoneNumberUpdate().Set(F("call_handler"), "laml_webhooks").BackupGaps(onTopic));
    }

    [Fact]
    public void A_switch_to_a_relay_application_without_its_name_says_no_backup_holds_it()
    {
        var onWebhooks = new PhoneNumber { Id = "x", MessageHandler = "laml_webhooks", MessageRequestUrl = "https://example.com/sms" };
        var gap = Assert.Single(new PhoneNumberUpdate().Set(F("message_handler"), "relay_application").BackupGaps(onWebhooks)).ToString();
        Assert.Contains("message_relay_application", gap);
        Assert.Empty(new PhoneNumberUpdate().Set(F("message_handler"), "relay_application").Set(F("message_relay_application"), "bot")
            .BackupGaps(onWebhooks));
        // And moving messages off a relay application: the application's name cannot come back from a backup either.
        var onApplication = new PhoneNumber { Id = "x", MessageHandler = "relay_application" };
        Assert.Contains("message_relay_application", Assert.Single(new PhoneNumberUpdate().Set(F("message_handler"), "relay_topic")
            .Set(F("message_relay_topic"), "t").BackupGaps(onApplication)).ToString());
    }

    [Fact]
    public void Handler_rules_against_the_captured_number()
    {
        var current = Captured(); // laml_webhooks for messages with message_request_url set; nothing relay set
        Assert.Empty(new PhoneNumberUpdate().Set(F("message_handler"), "laml_webhooks").MissingHandlerFields(current));
        var missing = new PhoneNumberUpdate()
            .Set(F("call_handler"), "relay_topic")
            .Set(F("message_handler"), "laml_application")
            .MissingHandlerFields(current)
            .Select(m => (m.Handler.ApiName, m.Value, m.Needed.ApiName))
            .ToList();
        Assert.Equal(
            new[] { ("call_handler", "relay_topic", "call_relay_topic"), ("message_handler", "laml_application", "message_laml_application_id") },
            missing);
        // laml_webhooks for calls needs call_request_url, which the capture has as null.
        Assert.Single(new PhoneNumberUpdate().Set(F("call_handler"), "laml_webhooks").MissingHandlerFields(current));
    }

    [Theory]
    [InlineData("call_queue")]  // read-only handlers set through the Fabric API: no rule to apply
    [InlineData("fabric_subscriber")]
    [InlineData(null)]
    [InlineData("")]
    public void Handlers_without_a_rule_need_nothing(string? handler)
    {
        var update = new PhoneNumberUpdate().Set(F("call_handler"), handler);
        Assert.Empty(update.MissingHandlerFields(null));
        Assert.False(update.NeedsCurrentStateForHandlers());
    }

    [Fact]
    public void Fields_without_a_handler_switch_need_nothing()
    {
        var update = new PhoneNumberUpdate().Set(F("call_relay_topic"), "").Set(F("name"), "x");
        Assert.Empty(update.MissingHandlerFields(null));
    }

    // ---- Check and normalisation ------------------------------------------------------------------

    [Theory]
    [InlineData("call_handler", "relay_topic")]
    [InlineData("call_handler", "Relay_Topic")]
    [InlineData("call_handler", "VIDEO_ROOM")]
    [InlineData("message_handler", "relay_application")]
    [InlineData("call_receive_mode", "fax")]
    [InlineData("call_receive_mode", "Voice")]
    [InlineData("call_request_method", "GET")]
    [InlineData("call_fallback_method", "post")]
    [InlineData("call_status_callback_method", "Get")]
    [InlineData("message_request_method", "pOsT")]
    [InlineData("message_fallback_method", "get")]
    [InlineData("call_request_url", "https://example.com/voice?x=1")]
    [InlineData("call_fallback_url", "http://example.com/fallback")]
    [InlineData("call_relay_script_url", "https://example.com/swml.json")]
    [InlineData("message_request_url", "https://example.com:8443/sms")]
    [InlineData("call_video_room_id", "233dffc2-2ad3-455e-a597-0e332c39662a")]
    [InlineData("call_video_room_id", "233DFFC2-2AD3-455E-A597-0E332C39662A")]
    [InlineData("name", "anything at all: %$#")]
    [InlineData("call_relay_topic", "office")]
    [InlineData("call_handler", "")]
    [InlineData("call_request_url", "")]
    [InlineData("call_video_room_id", null)]
    public void Allowed_values_pass(string field, string? value)
    {
        Assert.Null(PhoneNumberUpdate.Check(F(field), value));
    }

    [Theory]
    [InlineData("call_handler", "bogus")]
    [InlineData("call_handler", "call_queue")]         // readable but not settable through this API
    [InlineData("call_handler", "sip_gateway")]
    [InlineData("call_flow_version", "latest")]
    [InlineData("call_ai_agent_id", "front-desk")]
    [InlineData("call_flow_id", "not-a-uuid")]
    [InlineData("call_handler", "relay_topic ")]
    [InlineData("message_handler", "relay_script")]    // a call handler only
    [InlineData("message_handler", "dialogflow")]
    [InlineData("call_receive_mode", "sms")]
    [InlineData("call_request_method", "PUT")]
    [InlineData("message_fallback_method", "DELETE")]
    [InlineData("call_status_callback_method", "GETS")]
    [InlineData("call_request_url", "example.com/voice")]
    [InlineData("call_request_url", "/voice")]
    [InlineData("call_fallback_url", "ftp://example.com/x")]
    [InlineData("message_request_url", "mailto:me@example.com")]
    [InlineData("call_relay_topic_status_callback_url", "not a url")]
    [InlineData("call_video_room_id", "not-a-uuid")]
    [InlineData("call_video_room_id", "233dffc22ad3455ea5970e332c39662a")]
    [InlineData("call_video_room_id", "{233dffc2-2ad3-455e-a597-0e332c39662a}")]
    public void Disallowed_values_are_refused_with_a_reason(string field, string value)
    {
        var reason = PhoneNumberUpdate.Check(F(field), value);
        Assert.NotNull(reason);
        Assert.Contains(value, reason);
        Assert.Contains(field, reason);
        Assert.Contains(F(field).ParameterName, reason);
    }

    [Fact]
    public void A_refused_choice_lists_the_allowed_values()
    {
        var reason = PhoneNumberUpdate.Check(F("call_receive_mode"), "sms")!;
        Assert.Contains("voice, fax", reason);
        Assert.Contains("GET, POST", PhoneNumberUpdate.Check(F("call_request_method"), "PATCH")!);
    }

    [Theory]
    [InlineData("call_request_method", "get", "GET")]
    [InlineData("message_fallback_method", "Post", "POST")]
    [InlineData("call_handler", "Relay_Topic", "relay_topic")]
    [InlineData("message_handler", "LAML_WEBHOOKS", "laml_webhooks")]
    [InlineData("call_receive_mode", "FAX", "fax")]
    [InlineData("call_handler", "Something_New", "Something_New")] // unknown: left as given (Check refuses it)
    [InlineData("name", "MiXeD", "MiXeD")]                          // text: never touched
    [InlineData("call_relay_topic", "Office", "Office")]
    [InlineData("call_request_url", "https://EXAMPLE.com/X", "https://EXAMPLE.com/X")]
    public void Values_are_normalised_to_the_API_spelling(string field, string given, string sent)
    {
        var update = new PhoneNumberUpdate().Set(F(field), given);
        Assert.Equal(sent, update.ValueOf(F(field)));
        Assert.Equal($"{{\"{field}\":\"{sent}\"}}", Json(update));
    }

    [Fact]
    public void Every_method_field_allows_exactly_GET_and_POST()
    {
        var methods = PhoneNumberFields.All.Where(f => f.ApiName.EndsWith("_method", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, methods.Count);
        Assert.All(methods, f =>
        {
            Assert.Equal(FieldKind.HttpMethod, f.Kind);
            Assert.Equal(new[] { "GET", "POST" }, f.AllowedValues);
        });
        Assert.All(PhoneNumberFields.All.Where(f => f.ApiName.EndsWith("_url", StringComparison.Ordinal)), f => Assert.Equal(FieldKind.Url, f.Kind));
    }
}
