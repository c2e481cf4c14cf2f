using SignalWire.Emulator;
using SignalWire.PowerShell.Client;

namespace SignalWire.PowerShell.Tests;

/// <summary>Search, purchase and release against the emulator: the request on the wire and the retry rules of a POST.</summary>
public class ClientBuyAndReleaseTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Search_sends_the_filters_as_the_API_names_them_and_reads_the_results()
    {
        await using var h = await Harness.StartAsync();
        var query = new AvailableNumberQuery { AreaCode = "503", Contains = "715", MaxResults = 3, Region = "OR", City = "Portland" };
        var found = await h.Client.SearchAvailablePhoneNumbersAsync(query, null, None);

        Assert.InRange(found.Count, 1, 3);
        Assert.All(found, n => Assert.Matches(@"^\+1503\d{7}$", n.Number));
        var request = Assert.Single(h.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/api/relay/rest/phone_numbers/search", request.Path);
        Assert.Equal("areacode=503&contains=715&max_results=3&region=OR&city=Portland", request.Query);
    }

    [Fact]
    public async Task Purchase_posts_the_number_and_returns_the_new_phone_number()
    {
        await using var h = await Harness.StartAsync();
        var bought = await h.Client.PurchasePhoneNumberAsync("+15037154424", null, None);

        Assert.Equal("+15037154424", bought.Number);
        Assert.NotNull(h.State.Numbers.Get(bought.Id));
        var request = Assert.Single(h.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/relay/rest/phone_numbers", request.Path);
        Assert.Equal("""{"number":"+15037154424"}""", request.Body);
    }

    [Fact]
    public async Task A_purchase_is_not_repeated_after_a_server_error_it_may_have_acted_on()
    {
        await using var h = await Harness.StartAsync();
        h.AddFault(new FaultRule { Action = "status", Status = 503, Method = "POST", Times = 1 });

        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.PurchasePhoneNumberAsync("+15037154424", null, None));

        Assert.Equal(SignalWireErrorKind.ServerError, error.Kind);
        Assert.Single(h.Requests);
    }

    [Fact]
    public async Task A_purchase_is_not_repeated_after_a_dropped_connection()
    {
        await using var h = await Harness.StartAsync();
        h.AddFault(new FaultRule { Action = "drop", Method = "POST", When = "after", Times = 1 });

        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.PurchasePhoneNumberAsync("+15037154424", null, None));

        Assert.Equal(SignalWireErrorKind.NetworkError, error.Kind);
        Assert.Single(h.Requests);
        Assert.Equal(h.Options.Numbers + 1, h.State.Numbers.Count); // the server did buy it: a retry would have bought twice
    }

    [Fact]
    public async Task A_purchase_is_repeated_after_a_429()
    {
        await using var h = await Harness.StartAsync();
        h.AddFault(new FaultRule { Action = "status", Status = 429, RetryAfter = "0", Method = "POST", Times = 1 });

        var bought = await h.Client.PurchasePhoneNumberAsync("+15037154424", null, None);

        Assert.Equal("+15037154424", bought.Number);
        Assert.Equal(new[] { 429, 200 }, h.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task Release_deletes_the_number_and_a_refusal_carries_the_API_detail()
    {
        await using var h = await Harness.StartAsync();
        var id = h.FirstId;
        await h.Client.ReleasePhoneNumberAsync(id, null, None);
        Assert.Null(h.State.Numbers.Get(id));
        Assert.Equal(("DELETE", $"/api/relay/rest/phone_numbers/{id}", 204), (h.Requests[0].Method, h.Requests[0].Path, h.Requests[0].Status));

        var refused = h.Ids[0];
        var detail = "Number was purchased too recently to release.";
        h.AddFault(new FaultRule
        {
            Action = "status", Status = 422, Id = refused, Method = "DELETE",
            Body = $$"""{"errors":[{"detail":"{{detail}}","status":"422","title":"Invalid Attribute","code":"422"}]}""",
            ContentType = "application/json",
        });
        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.ReleasePhoneNumberAsync(refused, null, None));
        Assert.Equal(SignalWireErrorKind.Validation, error.Kind);
        Assert.Equal(detail, error.ApiMessage);
        Assert.NotNull(h.State.Numbers.Get(refused));
    }
}
