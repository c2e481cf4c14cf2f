using SignalWire.Emulator;
using SignalWire.PowerShell.Client;
using SignalWire.Tests.Shared;

namespace SignalWire.PowerShell.Tests;

/// <summary>
/// links.next in every form SignalWire's sources show: a path from the root of the space (the Paging page), an absolute
/// URL on the space, repeated, empty, null or absent. Credentials go only to the space itself, whatever a link says.
/// </summary>
public class PagingLinkTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly Uri Space = new("https://example.signalwire.com/");

    private static string Page(string next) =>
        $$"""{"links":{"self":"/api/relay/rest/phone_numbers","first":"/api/relay/rest/phone_numbers","next":{{next}}},"data":[]}""";

    [Theory]
    [InlineData("\"/api/relay/rest/phone_numbers?page_number=1&page_size=2&page_token=PA2b3c\"")]
    [InlineData("\"https://example.signalwire.com/api/relay/rest/phone_numbers?page_number=1&page_size=2&page_token=PA2b3c\"")]
    public void A_relative_next_link_resolves_against_the_space_like_its_absolute_form(string next)
    {
        var page = WholePage.Read(Utf8.Bytes(Page(next)), 200, Space);
        Assert.Equal(new Uri(VendorContract.AbsoluteNextLink), page.Next);
        Assert.True(page.Next!.IsAbsoluteUri);
    }

    [Fact]
    public void Without_a_space_a_relative_next_link_stays_relative()
    {
        var page = WholePage.Read(Utf8.Bytes(Page("\"" + VendorContract.RelativeNextLink + "\"")));
        Assert.False(page.Next!.IsAbsoluteUri);
        Assert.Equal(VendorContract.RelativeNextLink, page.Next.OriginalString);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    public void A_null_or_empty_next_link_ends_the_list(string next)
    {
        Assert.Null(WholePage.Read(Utf8.Bytes(Page(next)), 200, Space).Next);
    }

    [Theory]
    [InlineData("\"//evil.example.com/api/relay/rest/phone_numbers\"")] // another host, written as a path
    [InlineData("\"phone_numbers?page_number=1\"")]                       // not from the root
    [InlineData("\"/api/relay/rest/phone numbers\"")]
    [InlineData("\"ftp://example.signalwire.com/x\"")]
    [InlineData("7")]
    public void A_next_link_that_is_neither_a_path_on_the_space_nor_an_http_URL_is_an_InvalidResponse(string next)
    {
        var error = Assert.Throws<SignalWireApiException>(() => WholePage.Read(Utf8.Bytes(Page(next)), 200, Space));
        Assert.Equal(SignalWireErrorKind.InvalidResponse, error.Kind);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_page_is_fetched_from_the_link_in_either_form_with_credentials(bool absoluteLinks)
    {
        await using var h = await Harness.StartAsync(e => { e.Numbers = 23; e.AbsoluteLinks = absoluteLinks; });
        var pages = h.Client.Pages(new PhoneNumberQuery { PageSize = 4 }, null, None);
        var read = new List<string>();
        var links = new List<Uri>();
        while (pages.HasMore)
        {
            var page = await pages.NextAsync();
            read.AddRange(page.Numbers.Select(n => n.Id));
            if (page.Next != null) links.Add(page.Next);
        }

        Assert.Equal(h.Ids, read);
        Assert.Equal(5, links.Count);
        Assert.All(links, link => Assert.Equal(h.Emulator.BaseUrl.GetLeftPart(UriPartial.Authority), link.GetLeftPart(UriPartial.Authority)));
        var log = h.Requests;
        Assert.Equal(6, log.Count);
        Assert.All(log, r => Assert.Equal(("GET", Harness.Api, 200, "Basic ****"), (r.Method, r.Path, r.Status, r.Headers["Authorization"])));
        Assert.Equal(links.Select(l => l.Query.TrimStart('?')), log.Skip(1).Select(r => r.Query));
    }

    [Fact]
    public async Task A_number_lookup_follows_a_relative_next_link()
    {
        await using var h = await Harness.StartAsync();
        var target = h.State.Numbers.AllNewestFirst()[3];
        var digits = target.Number.TrimStart('+');
        // A first page with nothing on it whose next link is a path on the space: the match is on the page it leads to.
        var next = $"/api/relay/rest/phone_numbers?page_number=0&page_size=1000&filter_number={digits}";
        h.AddFault(new FaultRule { Action = "malformed", Path = "/phone_numbers", Times = 1, Body = Page("\"" + next + "\"") });

        var found = await h.Client.FindPhoneNumbersAsync(target.Number, null, None);

        Assert.Equal(target.Id, Assert.Single(found).Id);
        var log = h.Requests;
        Assert.Equal(2, log.Count);
        Assert.Equal($"filter_number={digits}&page_size=1000", log[0].Query);
        Assert.Equal($"page_number=0&page_size=1000&filter_number={digits}", log[1].Query);
        Assert.Equal("Basic ****", log[1].Headers["Authorization"]);
    }

    [Fact]
    public async Task An_absolute_next_link_to_another_host_gets_no_credentials()
    {
        await using var h = await Harness.StartAsync();
        // Same emulator, other origin: "localhost" is not the space's host "127.0.0.1".
        var elsewhere = $"http://localhost:{h.Emulator.Port}/api/relay/rest/phone_numbers?page_number=0&page_size=5";
        h.AddFault(new FaultRule { Action = "malformed", Path = "/phone_numbers", Times = 1, Body = Page("\"" + elsewhere + "\"") });
        var observer = new RecordingObserver();

        var pages = h.Client.Pages(new PhoneNumberQuery(), observer, None);
        await pages.NextAsync();
        var error = await Assert.ThrowsAsync<SignalWireApiException>(pages.NextAsync);

        Assert.Equal(SignalWireErrorKind.Unauthorized, error.Kind);
        var log = h.Requests;
        Assert.Equal("Basic ****", log[0].Headers["Authorization"]);
        Assert.False(log[1].Headers.ContainsKey("Authorization"));
        Assert.Equal("localhost", log[1].Headers["Host"].Split(':')[0]);
        Assert.Equal(new[] { true, false }, observer.Traces.Select(t => t.SentCredentials));
    }

    [Fact]
    public async Task The_access_check_reads_neither_links_nor_numbers()
    {
        await using var h = await Harness.StartAsync();
        h.AddFault(new FaultRule
        {
            Action = "malformed", Path = "/phone_numbers", Body = """{"links":{"next":"ftp://nowhere/x"},"data":[{"odd":true}]}""",
        });
        await h.Client.CheckAccessAsync(null, None); // the same answer would fail a list: links.next is unreadable
        await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.ListPhoneNumbersAsync(new PhoneNumberQuery(), null, null, None));
        Assert.Equal("page_size=1", h.Requests[0].Query);

        h.State.Faults.Clear();
        h.AddFault(new FaultRule { Action = "malformed", Path = "/phone_numbers", Body = """<html>a login page</html>""" });
        var notAnApi = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.CheckAccessAsync(null, None));
        Assert.Equal(SignalWireErrorKind.InvalidResponse, notAnApi.Kind);
    }

    [Fact]
    public async Task The_access_check_passes_on_a_project_with_relative_links()
    {
        await using var h = await Harness.StartAsync(e => e.Numbers = 2);
        await h.Client.CheckAccessAsync(null, None);
        var request = Assert.Single(h.Requests);
        Assert.Equal(("page_size=1", 200), (request.Query, request.Status));

        using var wrong = Harness.NewClient(h.Emulator, h.Options, token: "PTwrong");
        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => wrong.CheckAccessAsync(null, None));
        Assert.Equal(SignalWireErrorKind.Unauthorized, error.Kind);
    }
}
