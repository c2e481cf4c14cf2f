using System.Reflection;
using System.Text;
using System.Text.Json;
using SignalWire.Emulator;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;
using SignalWire.Tests.Shared;
using PhoneNumber = SignalWire.PowerShell.Models.PhoneNumber;

namespace SignalWire.PowerShell.Tests;

/// <summary>The client against the emulator: what goes over the wire, and what comes back.</summary>
public class ClientWireTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static PhoneNumberField F(string apiName) => PhoneNumberFields.Get(apiName);

    /// <summary>Every field the emulator sent, as the client read it ("" and null as null).</summary>
    private static void AssertSame(SignalWire.Emulator.EmulatedNumber expected, PhoneNumber actual)
    {
        foreach (var key in SignalWire.Emulator.EmulatedNumber.ResponseKeys)
        {
            if (key == "capabilities")
            {
                Assert.Equal(expected.Capabilities, actual.Capabilities);
                continue;
            }
            var property = typeof(PhoneNumber).GetProperty(Naming.PropertyName(key))!;
            var value = property.GetValue(actual);
            var sent = expected[key];
            if (value is DateTime date)
            {
                Assert.Equal(sent, SignalWire.Emulator.EmulatedNumber.FormatDate(date));
                Assert.Equal(DateTimeKind.Utc, date.Kind);
            }
            else
            {
                Assert.True(Equals(string.IsNullOrEmpty(sent) ? null : sent, value), $"{key}: sent '{sent}', read '{value}'");
            }
        }
    }

    [Fact]
    public async Task Listing_follows_links_next_and_returns_every_number_once()
    {
        await using var h = await Harness.StartAsync(e => e.Numbers = 23);
        var query = new PhoneNumberQuery { PageSize = 10 };
        var read = new List<PhoneNumber>();
        var links = new List<Uri>();
        Uri? next = null;
        do
        {
            var page = await h.Client.ListPhoneNumbersAsync(query, next, null, None);
            read.AddRange(page.Numbers);
            next = page.Next;
            if (next != null) links.Add(next);
        }
        while (next != null && links.Count < 10);

        Assert.Equal(h.Ids, read.Select(n => n.Id)); // all 23, newest first, each once
        Assert.Equal(23, read.Select(n => n.Id).Distinct().Count());
        var numbers = h.State.Numbers.AllNewestFirst();
        for (var i = 0; i < numbers.Count; i++) AssertSame(numbers[i], read[i]);

        var log = h.Requests;
        Assert.Equal(3, log.Count);
        Assert.All(log, r =>
        {
            Assert.Equal("GET", r.Method);
            Assert.Equal(Harness.Api, r.Path);
            Assert.Null(r.Body);
            Assert.Equal(200, r.Status);
        });
        Assert.Equal("page_size=10", log[0].Query);
        // The next pages are fetched from the links exactly as the server gave them.
        Assert.Equal(links.Select(l => l.Query.TrimStart('?')), log.Skip(1).Select(r => r.Query));
        Assert.Equal(2, links.Count);
    }

    [Fact]
    public async Task Listing_sends_the_filters()
    {
        await using var h = await Harness.StartAsync();
        var page = await h.Client.ListPhoneNumbersAsync(new PhoneNumberQuery { Name = "Front Desk" }, null, null, None);
        var expected = h.State.Numbers.AllNewestFirst().Where(new NumberFilter("Front Desk", null).Matches).Select(n => n.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, page.Numbers.Select(n => n.Id));
        Assert.Null(page.Next);
        Assert.Equal("filter_name=Front%20Desk", Assert.Single(h.Requests).Query);

        h.State.Requests.Clear();
        await h.Client.ListPhoneNumbersAsync(new PhoneNumberQuery { Name = "a&b=c", Number = "+1555", PageSize = 1000 }, null, null, None);
        Assert.Equal("filter_name=a%26b%3Dc&filter_number=%2B1555&page_size=1000", Assert.Single(h.Requests).Query);
    }

    [Fact]
    public async Task Finding_by_E164_filters_on_the_server_and_keeps_exact_matches()
    {
        await using var h = await Harness.StartAsync();
        var target = h.State.Numbers.AllNewestFirst()[7];
        var found = await h.Client.FindPhoneNumbersAsync(target.Number, null, None);
        Assert.Equal(target.Id, Assert.Single(found).Id);
        Assert.Equal($"filter_number={target.Number.TrimStart('+')}&page_size=1000", Assert.Single(h.Requests).Query);

        Assert.Empty(await h.Client.FindPhoneNumbersAsync("+19999999999", null, None));
    }

    [Fact]
    public async Task Finding_stops_when_the_server_repeats_a_next_link()
    {
        await using var h = await Harness.StartAsync();
        var number = h.State.Numbers.AllNewestFirst()[0];
        var loop = new Uri(h.Emulator.ApiBaseUrl, "phone_numbers?page_number=1&page_token=PAloop").AbsoluteUri;
        h.AddFault(new FaultRule
        {
            Action = "malformed", // a 200 with this body: a server whose next link never moves on
            Path = "/phone_numbers",
            Body = $"{{\"links\":{{\"next\":\"{loop}\"}},\"data\":[{number.ToJson()}]}}",
        });
        var found = await h.Client.FindPhoneNumbersAsync(number.Number, null, None);
        Assert.All(found, n => Assert.Equal(number.Id, n.Id));
        Assert.Equal(2, h.Requests.Count); // the first page, then the link once; its repeat is not followed
        Assert.Equal("page_number=1&page_token=PAloop", h.Requests[1].Query);
    }

    [Fact]
    public async Task Get_sends_one_authenticated_GET_and_reads_every_field()
    {
        await using var h = await Harness.StartAsync();
        var id = h.Ids[3];
        var observer = new RecordingObserver();
        var number = await h.Client.GetPhoneNumberAsync(id, observer, None);

        AssertSame(h.State.Numbers.Get(id)!, number);
        var request = Assert.Single(h.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal($"{Harness.Api}/{id}", request.Path);
        Assert.Equal("", request.Query);
        Assert.Null(request.Body);
        Assert.Equal("Basic ****", request.Headers["Authorization"]);
        Assert.Contains("application/json", request.Headers["Accept"]);
        Assert.Equal(200, request.Status);

        var trace = Assert.Single(observer.Traces);
        Assert.Equal(("GET", 200, 1, true), (trace.Method, trace.Status, trace.Attempt, trace.SentCredentials));
        Assert.Equal(new Uri(h.Emulator.ApiBaseUrl, "phone_numbers/" + id), trace.Uri);
    }

    [Fact]
    public async Task Put_sends_exactly_the_changed_fields_and_reads_the_result()
    {
        await using var h = await Harness.StartAsync();
        var id = h.Ids[2];
        var before = h.State.Numbers.Get(id)!;
        var update = new PhoneNumberUpdate().Set(F("call_handler"), "relay_topic").Set(F("call_relay_topic"), "office");

        var updated = await h.Client.UpdatePhoneNumberAsync(id, update, null, None);

        var request = Assert.Single(h.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal($"{Harness.Api}/{id}", request.Path);
        Assert.Equal("""{"call_handler":"relay_topic","call_relay_topic":"office"}""", request.Body);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        Assert.Equal("Basic ****", request.Headers["Authorization"]);
        Assert.Equal(200, request.Status);

        Assert.Equal("relay_topic", updated.CallHandler);
        Assert.Equal("office", updated.CallRelayTopic);
        var after = h.State.Numbers.Get(id)!;
        AssertSame(after, updated);
        foreach (var key in SignalWire.Emulator.EmulatedNumber.ResponseKeys
            .Where(k => k is not ("capabilities" or "call_handler" or "call_relay_topic" or "updated_at")))
        {
            Assert.Equal(before[key], after[key]); // a partial update: nothing else moved
        }
    }

    [Fact]
    public async Task Put_can_clear_a_field()
    {
        await using var h = await Harness.StartAsync();
        var id = h.FirstId;
        await h.Client.UpdatePhoneNumberAsync(id, new PhoneNumberUpdate().Set(F("name"), "Temporary"), null, None);
        var cleared = await h.Client.UpdatePhoneNumberAsync(id, new PhoneNumberUpdate().Set(F("name"), null), null, None);
        Assert.Null(cleared.Name);
        Assert.Equal("""{"name":null}""", h.Requests[^1].Body);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("../phone_numbers")]
    [InlineData("233dffc2-2ad3-455e-a597-0e332c39662a/e911_address")]
    [InlineData("233dffc2-2ad3-455e-a597-0e332c39662a?x=1")]
    [InlineData("")]
    public async Task Ids_that_are_not_UUIDs_never_reach_the_wire(string id)
    {
        await using var h = await Harness.StartAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.GetPhoneNumberAsync(id, null, None));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            h.Client.UpdatePhoneNumberAsync(id, new PhoneNumberUpdate().Set(F("name"), "x"), null, None));
        Assert.Empty(h.Requests);
    }

    [Fact]
    public async Task An_empty_update_never_reaches_the_wire()
    {
        await using var h = await Harness.StartAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.UpdatePhoneNumberAsync(h.FirstId, new PhoneNumberUpdate(), null, None));
        Assert.Empty(h.Requests);
    }

    // ---- credentials ----------------------------------------------------------------------------------

    [Fact]
    public async Task The_token_appears_in_no_log_or_trace()
    {
        const string token = "PT0123456789abcdef0123456789abcdef";
        await using var h = await Harness.StartAsync(e => e.Token = token, token: token);
        var observer = new RecordingObserver();
        await h.Client.GetPhoneNumberAsync(h.FirstId, observer, None);

        using var http = new HttpClient();
        var log = await http.GetStringAsync(new Uri(h.Emulator.BaseUrl, "__emulator/requests"));
        using var document = JsonDocument.Parse(log);
        var entry = Assert.Single(document.RootElement.EnumerateArray().ToList());
        Assert.Equal("Basic ****", entry.GetProperty("headers").GetProperty("Authorization").GetString());
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(h.Options.ProjectId + ":" + token));
        Assert.DoesNotContain(token, log);
        Assert.DoesNotContain(basic, log);

        var trace = Assert.Single(observer.Traces);
        Assert.True(trace.SentCredentials);
        Assert.Contains("Authorization: Basic ********", trace.Describe());
        Assert.DoesNotContain(token, trace.Describe() + trace);
        Assert.DoesNotContain(basic, trace.Describe() + trace);
        Assert.DoesNotContain(token, h.Client.Options.ToString() ?? "");
    }

    [Theory]
    [InlineData("PTwrong", null)]
    [InlineData(null, "00000000-0000-4000-8000-000000000000")]
    [InlineData("", null)]
    public async Task Wrong_credentials_are_Unauthorized_and_not_retried(string? token, string? projectId)
    {
        await using var h = await Harness.StartAsync(token: token, projectId: projectId);
        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.GetPhoneNumberAsync(h.FirstId, null, None));
        Assert.Equal(SignalWireErrorKind.Unauthorized, error.Kind);
        Assert.Equal(401, error.StatusCode);
        Assert.Equal("Unauthorized", error.ApiMessage);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(401, Assert.Single(h.Requests).Status);

        h.State.Requests.Clear();
        error = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.ListPhoneNumbersAsync(new PhoneNumberQuery(), null, null, None));
        Assert.Equal(SignalWireErrorKind.Unauthorized, error.Kind);
        Assert.Single(h.Requests);
    }

    // ---- errors ----------------------------------------------------------------------------------

    [Fact]
    public async Task An_unknown_number_is_NotFound_with_the_APIs_message()
    {
        await using var h = await Harness.StartAsync();
        var id = "00000000-0000-4000-8000-000000000001";
        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.GetPhoneNumberAsync(id, null, None));
        Assert.Equal(SignalWireErrorKind.NotFound, error.Kind);
        Assert.Equal(404, error.StatusCode);
        Assert.Equal("Not Found", error.ApiMessage);
        Assert.Equal(1, error.Attempts);
        Assert.Equal("GET", error.RequestMethod);
        Assert.Equal($"{Harness.Api}/{id}", error.RequestPath);
        Assert.Contains("404", error.Message);
        Assert.Contains("Not Found", error.Message);

        error = await Assert.ThrowsAsync<SignalWireApiException>(() =>
            h.Client.UpdatePhoneNumberAsync(id, new PhoneNumberUpdate().Set(F("name"), "x"), null, None));
        Assert.Equal(SignalWireErrorKind.NotFound, error.Kind);
        Assert.Equal("PUT", error.RequestMethod);
        Assert.Equal(2, h.Requests.Count);
    }

    [Fact]
    public async Task A_refused_update_is_Validation_with_the_APIs_detail()
    {
        await using var h = await Harness.StartAsync();
        var id = h.FirstId;
        var before = h.State.Numbers.Get(id)!.ToJson();
        var error = await Assert.ThrowsAsync<SignalWireApiException>(() =>
            h.Client.UpdatePhoneNumberAsync(id, new PhoneNumberUpdate().Set(F("call_handler"), "bogus"), null, None));

        Assert.Equal(SignalWireErrorKind.Validation, error.Kind);
        Assert.Equal(422, error.StatusCode);
        Assert.Equal("call_handler 'bogus' is not valid. Allowed values: relay_context, relay_topic, relay_script, relay_application, "
            + "relay_connector, relay_sip_endpoint, relay_verto_endpoint, laml_webhooks, laml_application, dialogflow, video_room, ai_agent, "
            + "call_flow.", error.ApiMessage);
        Assert.Contains(error.ApiMessage!, error.Message);
        Assert.Equal(1, error.Attempts);
        Assert.Equal("""{"call_handler":"bogus"}""", Assert.Single(h.Requests).Body);
        Assert.Equal(before, h.State.Numbers.Get(id)!.ToJson());
    }

    [Fact]
    public async Task The_captured_422_body_becomes_the_error_message()
    {
        await using var h = await Harness.StartAsync();
        h.AddFault(new FaultRule { Action = "status", Status = 422, Body = Fixtures.Text(Fixtures.Error422) });
        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.GetPhoneNumberAsync(h.FirstId, null, None));
        Assert.Equal(SignalWireErrorKind.Validation, error.Kind);
        Assert.StartsWith("Number was purchased too recently to release.", error.ApiMessage);
    }

    [Theory]
    [InlineData(400, SignalWireErrorKind.BadRequest, "Bad Request")]
    [InlineData(403, SignalWireErrorKind.Forbidden, "Forbidden")]
    [InlineData(409, SignalWireErrorKind.UnexpectedStatus, "Conflict")]
    [InlineData(501, SignalWireErrorKind.ServerError, "Not Implemented")]
    public async Task Other_statuses_map_to_their_kind_and_are_not_retried(int status, SignalWireErrorKind kind, string message)
    {
        await using var h = await Harness.StartAsync();
        h.AddFault(new FaultRule { Action = "status", Status = status });
        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.GetPhoneNumberAsync(h.FirstId, null, None));
        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(message, error.ApiMessage);
        Assert.Equal(1, error.Attempts);
        Assert.Single(h.Requests);
    }

    [Fact]
    public async Task An_HTML_error_page_still_gives_status_and_words()
    {
        await using var h = await Harness.StartAsync(client: o => o.MaximumRetryCount = 0);
        h.AddFault(new FaultRule
        {
            Action = "status", Status = 502, ContentType = "text/html",
            Body = "<html><body><h1>502 Bad Gateway</h1><p>upstream down</p></body></html>",
        });
        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.GetPhoneNumberAsync(h.FirstId, null, None));
        Assert.Equal(SignalWireErrorKind.ServerError, error.Kind);
        Assert.Equal(502, error.StatusCode);
        Assert.Equal("502 Bad Gateway upstream down", error.ApiMessage);
    }

    [Fact]
    public async Task A_malformed_body_is_an_InvalidResponse()
    {
        await using var h = await Harness.StartAsync();
        h.AddFault(new FaultRule { Action = "malformed" });
        // A page's numbers are read as they are taken: the error comes at the latest when they all are.
        var error = await Assert.ThrowsAsync<SignalWireApiException>(async () =>
            _ = (await h.Client.ListPhoneNumbersAsync(new PhoneNumberQuery(), null, null, None)).Numbers);
        Assert.Equal(SignalWireErrorKind.InvalidResponse, error.Kind);
        Assert.Equal(200, error.StatusCode);

        error = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.GetPhoneNumberAsync(h.FirstId, null, None));
        Assert.Equal(SignalWireErrorKind.InvalidResponse, error.Kind);

        error = await Assert.ThrowsAsync<SignalWireApiException>(() =>
            h.Client.UpdatePhoneNumberAsync(h.FirstId, new PhoneNumberUpdate().Set(F("name"), "x"), null, None));
        Assert.Equal(SignalWireErrorKind.InvalidResponse, error.Kind);
        Assert.Equal(3, h.Requests.Count); // nothing retried
    }

    [Fact]
    public async Task A_body_that_is_well_formed_but_not_a_number_is_an_InvalidResponse()
    {
        await using var h = await Harness.StartAsync();
        h.AddFault(new FaultRule { Action = "malformed", Body = """{"links":{},"data":[{"name":"no id"}]}""" });
        var page = await h.Client.ListPhoneNumbersAsync(new PhoneNumberQuery(), null, null, None);
        var error = Assert.Throws<SignalWireApiException>(() => page.Numbers);
        Assert.Equal(SignalWireErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("id", error.Message);
    }
}
