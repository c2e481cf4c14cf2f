using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SignalWire.PowerShell.Client;
using SignalWire.Tests.Shared;
using PhoneNumber = SignalWire.PowerShell.Models.PhoneNumber;

namespace SignalWire.PowerShell.Tests;

public class PhoneNumberJsonTests
{
    private static PhoneNumber ReadFixture() => PhoneNumberJson.ReadPhoneNumber(Fixtures.Bytes(Fixtures.PhoneNumber));

    private static JsonObject FixtureObject() => JsonNode.Parse(Fixtures.Text(Fixtures.PhoneNumber))!.AsObject();

    private static PhoneNumber Read(JsonNode node) => PhoneNumberJson.ReadPhoneNumber(Utf8.Bytes(node.ToJsonString()));

    private static SignalWireApiException ReadFails(string json) =>
        Assert.Throws<SignalWireApiException>(() => PhoneNumberJson.ReadPhoneNumber(Utf8.Bytes(json), 200));

    [Fact]
    public void Reads_the_captured_phone_number_field_for_field()
    {
        var p = ReadFixture();

        Assert.Equal("233dffc2-2ad3-455e-a597-0e332c39662a", p.Id);
        Assert.Equal("+1 (111) 222-3333", p.Name);
        Assert.Equal("+11112223333", p.Number);
        Assert.Equal(new[] { "voice", "fax", "sms", "mms" }, p.Capabilities);
        Assert.Equal("longcode", p.NumberType);
        Assert.Null(p.E911AddressId);
        Assert.Null(p.E911Status); // absent in the capture
        Assert.Equal(new DateTime(2025, 6, 3, 15, 51, 29, DateTimeKind.Utc), p.CreatedAt);
        Assert.Equal(new DateTime(2025, 6, 3, 18, 10, 36, DateTimeKind.Utc), p.UpdatedAt);
        Assert.Equal(new DateTime(2025, 7, 3, 15, 51, 29, DateTimeKind.Utc), p.NextBilledAt);
        Assert.Equal(DateTimeKind.Utc, p.CreatedAt!.Value.Kind);
        Assert.Equal(DateTimeKind.Utc, p.UpdatedAt!.Value.Kind);
        Assert.Equal(DateTimeKind.Utc, p.NextBilledAt!.Value.Kind);
        Assert.Equal("laml_webhooks", p.CallHandler);
        Assert.Null(p.CallingHandlerResourceId);
        Assert.Equal("voice", p.CallReceiveMode);
        Assert.Null(p.CallRequestUrl);
        Assert.Equal("POST", p.CallRequestMethod);
        Assert.Null(p.CallFallbackUrl);
        Assert.Equal("POST", p.CallFallbackMethod);
        Assert.Null(p.CallStatusCallbackUrl); // "" in the capture
        Assert.Equal("POST", p.CallStatusCallbackMethod);
        Assert.Null(p.CallLamlApplicationId);
        Assert.Null(p.CallDialogflowAgentId);
        Assert.Null(p.CallRelayContext); // ""
        Assert.Null(p.CallRelayContextStatusCallbackUrl); // ""
        Assert.Null(p.CallRelayTopic); // ""
        Assert.Null(p.CallRelayTopicStatusCallbackUrl); // ""
        Assert.Null(p.CallRelayApplication); // ""
        Assert.Null(p.CallRelayConnectorId);
        Assert.Null(p.CallSipEndpointId);
        Assert.Null(p.CallVertoResource); // ""
        Assert.Null(p.CallVideoRoomId); // ""
        Assert.Null(p.CallRelayScriptUrl); // ""
        Assert.Equal("laml_webhooks", p.MessageHandler);
        Assert.Null(p.MessagingHandlerResourceId);
        Assert.Equal("https://app.mysuma.org/api/v1/anon_proxy/relays/signalwire/webhooks", p.MessageRequestUrl);
        Assert.Equal("POST", p.MessageRequestMethod);
        Assert.Equal("https://app.mysuma.org/api/v1/anon_proxy/relays/signalwire/errors", p.MessageFallbackUrl);
        Assert.Equal("POST", p.MessageFallbackMethod);
        Assert.Null(p.MessageLamlApplicationId);
        Assert.Null(p.MessageRelayContext); // ""
        Assert.Null(p.MessageRelayTopic); // ""
        Assert.Null(p.MessageRelayApplication); // absent
        Assert.Equal("US", p.CountryCode);
        Assert.Equal("+11112223333", p.ToString());
    }

    /// <summary>
    /// Every text field of the capture lands in exactly one property, the one named like it: a value put in one key
    /// shows up in that property and nowhere else. Catches a key wired to the wrong property.
    /// </summary>
    [Fact]
    public void Every_text_key_of_the_capture_maps_to_its_own_property()
    {
        var textKeys = FixtureObject()
            .Where(p => p.Key is not ("capabilities" or "created_at" or "updated_at" or "next_billed_at"))
            .Select(p => p.Key)
            // absent from the capture
            .Concat(new[] { "e911_status", "message_relay_application", "call_ai_agent_id", "call_flow_id", "call_flow_version" })
            .ToList();
        var stringProperties = typeof(PhoneNumber).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(string)).ToList();
        Assert.Equal(stringProperties.Count, textKeys.Count); // every string property has a key, and none is left over

        foreach (var key in textKeys)
        {
            var json = FixtureObject();
            var probe = key == "id" ? "11111111-2222-4333-8444-555555555555" : "probe-" + key;
            json[key] = probe;
            var read = Read(json);
            var holding = stringProperties.Where(p => (string?)p.GetValue(read) == probe).Select(p => p.Name).ToList();
            Assert.Equal(new[] { Naming.PropertyName(key) }, holding);
        }
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("null")]
    public void Empty_text_and_null_both_read_as_unset(string unset)
    {
        var json = FixtureObject();
        foreach (var key in new[] { "name", "number", "call_handler", "call_request_method", "message_request_url", "country_code",
            "e911_address_id" })
        {
            json[key] = JsonNode.Parse(unset);
        }
        var p = Read(json);
        Assert.Null(p.Name);
        Assert.Null(p.Number);
        Assert.Null(p.CallHandler);
        Assert.Null(p.CallRequestMethod);
        Assert.Null(p.MessageRequestUrl);
        Assert.Null(p.CountryCode);
        Assert.Null(p.E911AddressId);
    }

    [Theory]
    [InlineData("2025-06-03T15:51:29Z", "2025-06-03T15:51:29")]
    [InlineData("2025-06-03T17:51:29+02:00", "2025-06-03T15:51:29")]
    [InlineData("2025-06-03T10:51:29.250-05:00", "2025-06-03T15:51:29.250")]
    [InlineData("2025-06-03T15:51:29", "2025-06-03T15:51:29")] // no zone: the API speaks UTC
    public void Dates_are_read_as_UTC(string sent, string expectedUtc)
    {
        var json = FixtureObject();
        json["created_at"] = sent;
        var created = Read(json).CreatedAt!.Value;
        Assert.Equal(DateTimeKind.Utc, created.Kind);
        Assert.Equal(DateTime.SpecifyKind(DateTime.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc), created);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("null")]
    public void Unset_dates_read_as_null(string unset)
    {
        var json = FixtureObject();
        json["next_billed_at"] = JsonNode.Parse(unset);
        Assert.Null(Read(json).NextBilledAt);
    }

    [Fact]
    public void A_date_that_is_not_a_date_is_an_invalid_response()
    {
        var json = FixtureObject();
        json["updated_at"] = "yesterday-ish";
        var error = ReadFails(json.ToJsonString());
        Assert.Equal(SignalWireErrorKind.InvalidResponse, error.Kind);
        Assert.Equal(200, error.StatusCode);
        Assert.Contains("updated_at", error.Message);
    }

    [Fact]
    public void Capabilities_in_the_published_spec_shape_read_as_the_true_flags()
    {
        var json = FixtureObject();
        json["capabilities"] = JsonNode.Parse("""{"voice":true,"sms":false,"mms":true,"fax":false}""");
        Assert.Equal(new[] { "voice", "mms" }, Read(json).Capabilities);
    }

    [Fact]
    public void Null_or_missing_capabilities_read_as_none()
    {
        var json = FixtureObject();
        json["capabilities"] = null;
        Assert.Empty(Read(json).Capabilities);
        json.Remove("capabilities");
        Assert.Empty(Read(json).Capabilities);
    }

    [Fact]
    public void Unknown_fields_and_unknown_values_read_fine()
    {
        var json = FixtureObject();
        json["call_handler"] = "ai_agent";
        json["number_type"] = "mobile";
        json["e911_status"] = "some_new_status";
        json["capabilities"] = JsonNode.Parse("""["voice","rcs"]""");
        json["brand_new_field"] = JsonNode.Parse("""{"nested":[1,2,{"x":null}]}""");
        json["another_one"] = JsonNode.Parse("[]");
        var p = Read(json);
        Assert.Equal("ai_agent", p.CallHandler);
        Assert.Equal("mobile", p.NumberType);
        Assert.Equal("some_new_status", p.E911Status);
        Assert.Equal(new[] { "voice", "rcs" }, p.Capabilities);
        Assert.Equal("233dffc2-2ad3-455e-a597-0e332c39662a", p.Id);
    }

    [Theory]
    [InlineData("""{"name":"x"}""")]
    [InlineData("""{"id":""}""")]
    [InlineData("""{"id":null}""")]
    [InlineData("[]")]
    [InlineData("\"233dffc2-2ad3-455e-a597-0e332c39662a\"")]
    [InlineData("""{"id":{"value":"x"}}""")]
    [InlineData("""{"id":"x","name":["a"]}""")]
    [InlineData("""{"id":"x","capabilities":"voice"}""")]
    [InlineData("""{"id":"x","capabilities":["voice",1]}""")]
    [InlineData("{\"id\":\"x\"")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("")]
    public void Unreadable_phone_numbers_are_invalid_responses(string json)
    {
        var error = ReadFails(json);
        Assert.Equal(SignalWireErrorKind.InvalidResponse, error.Kind);
        Assert.StartsWith("The API sent a response the module cannot read", error.Message);
    }

    // ---- pages --------------------------------------------------------------------------------

    private static string Page(string links, int copies = 2)
    {
        var item = Fixtures.Text(Fixtures.PhoneNumber);
        return $"{{\"links\":{links},\"data\":[{string.Join(",", Enumerable.Repeat(item, copies))}]}}";
    }

    [Fact]
    public void A_page_reads_its_numbers_and_next_link()
    {
        var next = "https://example.signalwire.com/api/relay/rest/phone_numbers?page_number=1&page_size=2&page_token=PA123";
        var page = WholePage.Read(Utf8.Bytes(
            Page($"{{\"self\":\"https://example.signalwire.com/api/relay/rest/phone_numbers\",\"next\":\"{next}\"}}")));
        Assert.Equal(2, page.Numbers.Count);
        Assert.All(page.Numbers, n => Assert.Equal("+11112223333", n.Number));
        Assert.Equal(new Uri(next), page.Next);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"next":null}""")]
    [InlineData("""{"next":""}""")]
    [InlineData("""{"self":"https://x.signalwire.com/a","first":"https://x.signalwire.com/a"}""")]
    [InlineData("null")]
    public void A_page_without_a_next_link_is_the_last(string links)
    {
        var page = WholePage.Read(Utf8.Bytes(Page(links)));
        Assert.Null(page.Next);
        Assert.Equal(2, page.Numbers.Count);
    }

    [Fact]
    public void A_page_without_links_is_the_last_and_an_empty_page_is_fine()
    {
        var page = WholePage.Read(Utf8.Bytes("""{"data":[]}"""));
        Assert.Empty(page.Numbers);
        Assert.Null(page.Next);
    }

    [Theory]
    [InlineData("""{"links":{}}""")]
    [InlineData("""{"links":{},"data":{}}""")]
    [InlineData("""{"links":{},"data":null}""")]
    [InlineData("""{"links":{},"data":[1]}""")]
    [InlineData("""{"links":{},"data":[{"name":"no id"}]}""")]
    [InlineData("""{"links":{"next":"ftp://example.com/x"},"data":[]}""")]
    [InlineData("""{"links":{"next":"not a url"},"data":[]}""")]
    [InlineData("[]")]
    [InlineData("not json")]
    public void Unreadable_pages_are_invalid_responses(string json)
    {
        var error = Assert.Throws<SignalWireApiException>(() => WholePage.Read(Utf8.Bytes(json), 200));
        Assert.Equal(SignalWireErrorKind.InvalidResponse, error.Kind);
        Assert.Equal(200, error.StatusCode);
    }

    [Fact]
    public void Reads_the_captured_search_results_in_the_live_shape()
    {
        var found = PhoneNumberJson.ReadAvailableNumbers(Fixtures.Bytes(Fixtures.Search));
        Assert.Equal(2, found.Count);
        var first = found[0];
        Assert.Equal("+15037154424", first.Number);
        Assert.Equal("(503) 715-4424", first.NationalNumberFormatted);
        Assert.Equal("+1 503-715-4424", first.InternationalNumberFormatted);
        Assert.Equal("PORTLAND", first.RateCenter);
        Assert.Equal("OR", first.Region);
        Assert.Equal("US", first.CountryCode);
        Assert.Equal(new[] { "voice", "fax", "sms", "mms" }, first.Capabilities);
        Assert.Equal("+15037154425", found[1].Number);
    }

    [Fact]
    public void Reads_search_results_in_the_published_spec_shape()
    {
        var body = Utf8.Bytes("""{"links":{},"data":[{"number":"+15551230000","rate_center":"AUSTIN","region":"TX","capabilities":"""
            + """{"voice":true,"sms":true,"mms":false,"fax":false},"extra":1}]}""");
        var found = Assert.Single(PhoneNumberJson.ReadAvailableNumbers(body));
        Assert.Equal("+15551230000", found.Number);
        Assert.Equal(new[] { "voice", "sms" }, found.Capabilities);
        Assert.Null(found.NationalNumberFormatted);
    }

    [Theory]
    [InlineData("""{"data":[{"region":"OR"}]}""")]
    [InlineData("""{"data":{}}""")]
    [InlineData("""{"data":"none"}""")]
    [InlineData("""{"data":[5]}""")]
    [InlineData("""[]""")]
    [InlineData("""<html>busy</html>""")]
    public void Unreadable_search_results_are_InvalidResponse(string body)
    {
        var error = Assert.Throws<SignalWireApiException>(() => PhoneNumberJson.ReadAvailableNumbers(Utf8.Bytes(body)));
        Assert.Equal(SignalWireErrorKind.InvalidResponse, error.Kind);
    }

    [Theory]
    [InlineData("""{"data":[{"e164":"\ud800"}]}""")]
    [InlineData("""{"data":[{"e164":"+15551230000","region":"\udc00x"}]}""")]
    [InlineData("""{"data":[{"e164":"+15551230000","capabilities":["voice","\ud800"]}]}""")]
    public void Search_results_with_a_lone_surrogate_are_InvalidResponse(string body)
    {
        var error = Assert.Throws<SignalWireApiException>(() => PhoneNumberJson.ReadAvailableNumbers(Utf8.Bytes(body), 200));
        Assert.Equal(SignalWireErrorKind.InvalidResponse, error.Kind);
        Assert.Equal(200, error.StatusCode);
        Assert.Contains("cannot be decoded", error.Message);
    }

    [Fact]
    public void Search_results_with_invalid_UTF8_are_InvalidResponse()
    {
        var body = Encoding.UTF8.GetBytes("""{"data":[{"e164":"+1555123000X"}]}""");
        body[Array.IndexOf(body, (byte)'X')] = 0xFF;
        var error = Assert.Throws<SignalWireApiException>(() => PhoneNumberJson.ReadAvailableNumbers(body, 200));
        Assert.Equal(SignalWireErrorKind.InvalidResponse, error.Kind);
        Assert.Equal(200, error.StatusCode);
    }

    [Fact]
    public void The_purchase_body_is_exactly_the_number()
    {
        Assert.Equal("""{"number":"+15551230000"}""", Encoding.UTF8.GetString(PhoneNumberJson.WritePurchase("+15551230000")));
    }

    // ---- error bodies ---------------------------------------------------------------------------

    [Fact]
    public void The_captured_422_reads_as_its_detail()
    {
        Assert.Equal(
            "Number was purchased too recently to release. Please wait until 2025-06-18 05:49:47 UTC to release this number, "
            + "or contact Support for assistance.",
            PhoneNumberJson.ReadErrorMessage(Fixtures.Bytes(Fixtures.Error422)));
    }

    [Theory]
    [InlineData("""{"error":"Not Found"}""", "Not Found")]
    [InlineData("""{"error":"Unauthorized"}""", "Unauthorized")]
    // /api/fabric and /api/rest: {"errors":[{type,code,message,attribute,url}]}
    [InlineData("""{"errors":[{"type":"validation_error","code":"invalid_parameter","message":"must be a """
        + """valid URL","attribute":"call_request_url","url":"https://developer.signalwire.com/rest/overview/error-codes#invalid_parameter"}]}""",
        "call_request_url: must be a valid URL")]
    [InlineData("""{"errors":[{"type":"validation_error","code":"missing","message":"is required","attribute":"name","url":"https://x"},"""
        + """{"type":"validation_error","code":"bad","message":"is not allowed","attribute":"call_handler","url":"https://y"}]}""",
        "name: is required; call_handler: is not allowed")]
    [InlineData("""{"errors":[{"type":"not_found","code":"not_found","message":"Resource not found","url":"https://x"}]}""", "Resource not found")]
    // /api/laml (Twilio-compatible): flat {code,message,more_info,status}
    [InlineData("""{"code":20404,"message":"The requested resource /2010-04-01/Accounts/AC/IncomingPhoneNumbers/PN.json was not """
        + """found","more_info":"https://www.twilio.com/docs/errors/20404","status":404}""",
        "The requested resource /2010-04-01/Accounts/AC/IncomingPhoneNumbers/PN.json was not found")]
    // Space API variants: several details, a title only
    [InlineData("""{"errors":[{"detail":"a is bad","status":"422","title":"Invalid Attribute","code":"422"},"""
        + """{"detail":"b is bad","status":"422","title":"Invalid Attribute","code":"422"}]}""",
        "a is bad; b is bad")]
    [InlineData("""{"errors":[{"status":"422","title":"Invalid Attribute","code":"422"}]}""", "Invalid Attribute")]
    [InlineData("""{"errors":["plain words"]}""", "plain words")]
    public void Error_messages_are_read_from_every_shape_the_API_uses(string body, string expected)
    {
        Assert.Equal(expected, PhoneNumberJson.ReadErrorMessage(Utf8.Bytes(body)));
    }

    [Fact]
    public void An_HTML_error_page_reads_as_its_words()
    {
        var html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        Assert.Equal("502 Bad Gateway 502 Bad Gateway nginx", PhoneNumberJson.ReadErrorMessage(Utf8.Bytes(html)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n ")]
    [InlineData("<html><body></body></html>")]
    public void An_empty_error_body_has_no_message(string body)
    {
        Assert.Null(PhoneNumberJson.ReadErrorMessage(Utf8.Bytes(body)));
    }

    [Fact]
    public void An_unrecognised_error_body_is_reported_as_its_text_and_long_text_is_cut()
    {
        Assert.Equal("""{"oops":42}""", PhoneNumberJson.ReadErrorMessage(Utf8.Bytes("""{"oops":42}""")));
        Assert.Equal("[1,2]", PhoneNumberJson.ReadErrorMessage(Utf8.Bytes("[1,2]")));
        var message = PhoneNumberJson.ReadErrorMessage(Utf8.Bytes(new string('x', 5000)))!;
        Assert.Equal(new string('x', 300) + "...", message);
    }

    [Fact]
    public void Error_message_fields_that_are_not_text_are_passed_over()
    {
        Assert.Equal("fallback", PhoneNumberJson.ReadErrorMessage(Utf8.Bytes("""{"errors":[{"detail":7}],"error":"fallback"}""")));
        Assert.Equal("text", PhoneNumberJson.ReadErrorMessage(Utf8.Bytes("""{"error":{"x":1},"message":"text"}""")));
        Assert.Equal("""{"error":""}""", PhoneNumberJson.ReadErrorMessage(Utf8.Bytes("""{"error":""}""")));
    }
}
