using SignalWire.Emulator;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;
using SignalWire.Tests.Shared;

namespace SignalWire.PowerShell.Tests;

/// <summary>The captured error bodies (tests/fixtures/error_*.json), read and turned into exceptions that say what failed.</summary>
public class ErrorBodyTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public void A_422_whose_detail_is_null_reads_as_its_title_and_is_marked_as_lacking_detail()
    {
        var read = ErrorBodyReader.Read(Fixtures.Bytes("error_422_detail_null.json"));
        Assert.Equal("Invalid Attribute", read.Message);
        Assert.True(read.LacksDetail);
        Assert.Null(read.Code); // "422" is the status again, not a code worth showing
        Assert.Null(read.HelpUrl);
    }

    [Fact]
    public void The_rest_validation_shape_reads_as_attribute_and_message_with_its_link_and_code()
    {
        var read = ErrorBodyReader.Read(Fixtures.Bytes("error_rest_validation.json"));
        Assert.Equal("to: The call is not routable", read.Message);
        Assert.Equal("https://developer.signalwire.com/rest/overview/error-codes/#not_routable", read.HelpUrl);
        Assert.Equal("not_routable", read.Code);
        Assert.False(read.LacksDetail);
    }

    [Fact]
    public void The_refused_release_reads_with_the_time_it_names_as_UTC()
    {
        var read = ErrorBodyReader.Read(Fixtures.Bytes(Fixtures.Error422));
        Assert.Equal(new DateTime(2025, 6, 18, 5, 49, 47, DateTimeKind.Utc), read.WaitUntilUtc);
        Assert.Equal(DateTimeKind.Utc, read.WaitUntilUtc!.Value.Kind);
        Assert.StartsWith("Number was purchased too recently to release.", read.Message);
    }

    [Theory]
    [InlineData("""{"errors":[{"detail":"Please wait until 2025-13-40 05:49:47 UTC to release","status":"422"}]}""")]
    [InlineData("""{"errors":[{"detail":"Please wait a while","status":"422"}]}""")]
    [InlineData("""{"error":"Not Found"}""")]
    public void No_time_is_made_up_when_the_message_names_none_or_an_impossible_one(string body)
    {
        Assert.Null(ErrorBodyReader.Read(Utf8.Bytes(body)).WaitUntilUtc);
    }

    [Fact]
    public void The_Compatibility_APIs_more_info_is_its_help_link()
    {
        var read = ErrorBodyReader.Read(Utf8.Bytes(
            """{"code":21452,"message":"Number not owned","more_info":"https://signalwire.com/docs/21452","status":422}"""));
        Assert.Equal(("Number not owned", "https://signalwire.com/docs/21452", "21452"), (read.Message, read.HelpUrl, read.Code));
    }

    // ---- through the client: the exception a caller catches -----------------------------------------------------

    private static async Task<SignalWireApiException> FailingUpdateAsync(string fixture)
    {
        await using var h = await Harness.StartAsync();
        h.AddFault(new FaultRule { Action = "status", Status = 422, Method = "PUT", Body = Fixtures.Text(fixture) });
        var update = new PhoneNumberUpdate().Set(PhoneNumberFields.Get("call_handler"), "relay_topic")
            .Set(PhoneNumberFields.Get("call_relay_topic"), "office");
        return await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.UpdatePhoneNumberAsync(h.FirstId, update, null, None));
    }

    [Fact]
    public async Task A_422_without_detail_still_says_the_status_the_title_the_request_and_the_fields_it_set()
    {
        var error = await FailingUpdateAsync("error_422_detail_null.json");
        Assert.Equal(SignalWireErrorKind.Validation, error.Kind);
        Assert.Equal("Invalid Attribute", error.ApiMessage);
        Assert.Matches(@"^PUT /api/relay/rest/phone_numbers/[0-9a-f-]{36} failed with 422 Unprocessable Entity: Invalid Attribute "
            + @"\(the API gave no detail; the request set call_handler, call_relay_topic\)$", error.Message);
    }

    [Fact]
    public async Task The_rest_shape_gives_the_attribute_the_message_and_a_help_link()
    {
        var error = await FailingUpdateAsync("error_rest_validation.json");
        Assert.Equal("to: The call is not routable", error.ApiMessage);
        Assert.EndsWith("failed with 422 Unprocessable Entity: to: The call is not routable", error.Message);
        Assert.Equal("https://developer.signalwire.com/rest/overview/error-codes/#not_routable", error.HelpUrl);
        Assert.Equal(error.HelpUrl, error.HelpLink);
        Assert.Equal("not_routable", error.ApiErrorCode);
        Assert.Null(error.ReleasableAt);
    }

    [Fact]
    public async Task A_refused_release_carries_the_time_from_which_it_will_work()
    {
        await using var h = await Harness.StartAsync();
        h.AddFault(new FaultRule { Action = "status", Status = 422, Method = "DELETE", Body = Fixtures.Text(Fixtures.Error422) });
        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.ReleasePhoneNumberAsync(h.FirstId, null, None));
        Assert.Equal(new DateTime(2025, 6, 18, 5, 49, 47, DateTimeKind.Utc), error.ReleasableAt);
        Assert.Null(error.HelpUrl);
        Assert.NotNull(h.State.Numbers.Get(h.FirstId));
    }

    [Fact]
    public async Task The_details_survive_retries()
    {
        await using var h = await Harness.StartAsync();
        h.AddFault(new FaultRule
        {
            Action = "status", Status = 503, Method = "GET",
            Body = """{"errors":[{"type":"unavailable","code":"query_processing_failed","message":"Try later","url":"https://signalwire.com/docs/"""
                + """apis/error-codes#query_processing_failed"}]}""",
        });
        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.GetPhoneNumberAsync(h.FirstId, null, None));
        Assert.Equal(3, error.Attempts);
        Assert.EndsWith("(after 3 attempts)", error.Message);
        Assert.Equal("query_processing_failed", error.ApiErrorCode);
        Assert.Equal("https://signalwire.com/docs/apis/error-codes#query_processing_failed", error.HelpUrl);
    }
}
