using SignalWire.Emulator;
using SignalWire.PowerShell.Client;

namespace SignalWire.PowerShell.Tests;

/// <summary>Search replies in both shapes the vendor shows, through the client against the emulator.</summary>
public class SearchReplyTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task The_spec_shape_reads_with_city_and_lata_and_capabilities_from_flags()
    {
        await using var h = await Harness.StartAsync(e => e.SearchShape = SearchShapes.Spec);
        var found = await h.Client.SearchAvailablePhoneNumbersAsync(new AvailableNumberQuery { AreaCode = "503", MaxResults = 3 }, null, None);
        Assert.Equal(3, found.Count);
        Assert.All(found, n =>
        {
            Assert.Matches(@"^\+1503\d{7}$", n.Number);
            Assert.Equal(("OR", "Portland", "PORTLAND", "672"), (n.Region, n.City, n.RateCenter, n.Lata));
            Assert.Equal(new[] { "voice", "sms", "mms", "fax" }, n.Capabilities);
            Assert.Null(n.NationalNumberFormatted); // the spec shape has none
        });
    }

    [Theory]
    [InlineData(SearchShapes.Live)]
    [InlineData(SearchShapes.Spec)]
    public async Task Nothing_found_is_an_empty_list_in_either_shape(string shape)
    {
        await using var h = await Harness.StartAsync(e => e.SearchShape = shape);
        var found = await h.Client.SearchAvailablePhoneNumbersAsync(new AvailableNumberQuery { AreaCode = "212", EndsWith = "1234567" }, null, None);
        Assert.Empty(found);
        Assert.Equal(200, Assert.Single(h.Requests).Status);
    }

    [Fact]
    public async Task A_reply_whose_data_is_null_found_nothing()
    {
        await using var h = await Harness.StartAsync();
        h.AddFault(new FaultRule { Action = "malformed", Path = "/search", Body = """{"links":{},"data":null}""" });
        Assert.Empty(await h.Client.SearchAvailablePhoneNumbersAsync(new AvailableNumberQuery(), null, None));
    }
}
