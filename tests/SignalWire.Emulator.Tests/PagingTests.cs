using System.Net;
using System.Text.Json;

namespace SignalWire.Emulator.Tests;

public sealed class PagingTests
{
    /// <summary>Follows links.next as given until it is absent; returns every page.</summary>
    private static async Task<List<JsonElement>> WalkAsync(TestEmulator emu, string firstUrl)
    {
        var pages = new List<JsonElement>();
        var seen = new HashSet<string>();
        string? next = firstUrl;
        while (next is not null)
        {
            Assert.True(seen.Add(next), "links.next repeated: " + next);
            var (response, page) = await emu.GetJsonAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add(page);
            next = page.GetProperty("links").TryGetProperty("next", out var n) ? n.GetString() : null;
            Assert.True(pages.Count < 10_000);
        }
        return pages;
    }

    private static List<string> Ids(IEnumerable<JsonElement> pages) =>
        pages.SelectMany(p => p.GetProperty("data").EnumerateArray()).Select(n => n.GetProperty("id").GetString()!).ToList();

    [Theory]
    [InlineData(1, "")]
    [InlineData(7, "")]
    [InlineData(50, "")]
    [InlineData(1000, "")]
    [InlineData(3, "&filter_name=sales")]
    [InlineData(4, "&filter_number=55520001")]
    [InlineData(10, "&filter_name=Support&filter_number=555")]
    [InlineData(5, "&filter_name=no-such-name")]
    public async Task Walking_links_next_visits_every_matching_number_exactly_once_newest_first(int pageSize, string filters)
    {
        await using var emu = await TestEmulator.StartAsync(o => { o.Numbers = 230; o.AbsoluteLinks = true; });
        var pages = await WalkAsync(emu, $"{TestEmulator.Api}?page_size={pageSize}{filters}");
        var name = filters.Contains("filter_name=") ? filters.Split("filter_name=")[1].Split('&')[0] : null;
        var number = filters.Contains("filter_number=") ? filters.Split("filter_number=")[1].Split('&')[0] : null;
        var filter = new NumberFilter(name, number);
        var expected = emu.State.Numbers.AllNewestFirst().Where(filter.Matches).Select(n => n.Id).ToList();
        Assert.Equal(expected, Ids(pages));
        Assert.Equal(Math.Max(1, (expected.Count + pageSize - 1) / pageSize), pages.Count);

        for (var i = 0; i < pages.Count; i++)
        {
            var links = pages[i].GetProperty("links");
            Assert.StartsWith(emu.Emulator.BaseUrl.ToString(), links.GetProperty("self").GetString());
            Assert.StartsWith(emu.Emulator.BaseUrl.ToString(), links.GetProperty("first").GetString());
            Assert.Contains("page_number=0", links.GetProperty("first").GetString());
            Assert.Equal(i < pages.Count - 1, links.TryGetProperty("next", out _));
            Assert.Equal(i > 0, links.TryGetProperty("prev", out _));
            Assert.True(pages[i].GetProperty("data").GetArrayLength() <= pageSize);
        }
    }

    [Theory]
    [InlineData(1, "")]
    [InlineData(7, "&filter_name=e")]
    [InlineData(50, "")]
    public async Task Relative_links_by_default_walk_every_matching_number_exactly_once(int pageSize, string filters)
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Numbers = 120);
        var pages = await WalkAsync(emu, $"{TestEmulator.Api}?page_size={pageSize}{filters}");
        var name = filters.Contains("filter_name=") ? filters.Split("filter_name=")[1] : null;
        var expected = emu.State.Numbers.AllNewestFirst().Where(new NumberFilter(name, null).Matches).Select(n => n.Id).ToList();
        Assert.Equal(expected, Ids(pages));
        Assert.All(pages, page => Assert.All(page.GetProperty("links").EnumerateObject(),
            link => Assert.StartsWith("/api/relay/rest/phone_numbers?page_number=", link.Value.GetString())));
    }

    [Fact]
    public async Task The_link_form_can_be_switched_through_the_control_endpoint()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Numbers = 5);
        async Task<string> NextAsync() =>
            (await emu.GetJsonAsync($"{TestEmulator.Api}?page_size=2")).Json.GetProperty("links").GetProperty("next").GetString()!;
        Assert.StartsWith("/api/relay/rest/phone_numbers?", await NextAsync());
        using var control = new HttpClient { BaseAddress = emu.Emulator.BaseUrl };
        var answer = await control.PostAsync("__emulator/config",
            new StringContent("""{"links":"absolute"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal("absolute", (await TestEmulator.ReadJsonAsync(answer)).GetProperty("links").GetString());
        Assert.StartsWith(emu.Emulator.BaseUrl + "api/relay/rest/phone_numbers?", await NextAsync());
        await control.PostAsync("__emulator/config", new StringContent("""{"links":"relative"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.StartsWith("/api/relay/rest/phone_numbers?", await NextAsync());
        var refused = await control.PostAsync("__emulator/config",
            new StringContent("""{"links":"sideways"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task Prev_and_self_links_lead_back_to_the_same_pages()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Numbers = 60);
        var pages = await WalkAsync(emu, $"{TestEmulator.Api}?page_size=7&filter_name=e");
        Assert.True(pages.Count > 3);
        for (var i = 1; i < pages.Count; i++)
        {
            var (_, previous) = await emu.GetJsonAsync(pages[i].GetProperty("links").GetProperty("prev").GetString()!);
            Assert.Equal(Ids([pages[i - 1]]), Ids([previous]));
            var (_, self) = await emu.GetJsonAsync(pages[i].GetProperty("links").GetProperty("self").GetString()!);
            Assert.Equal(Ids([pages[i]]), Ids([self]));
        }
    }

    [Fact]
    public async Task A_number_bought_during_a_walk_does_not_shift_the_later_pages()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Numbers = 30);
        var expected = emu.State.Numbers.AllNewestFirst().Select(n => n.Id).ToList();
        var (_, first) = await emu.GetJsonAsync($"{TestEmulator.Api}?page_size=10");
        await emu.SendJsonAsync(HttpMethod.Post, TestEmulator.Api, """{"number":"+12125550100"}""");
        var rest = await WalkAsync(emu, first.GetProperty("links").GetProperty("next").GetString()!);
        Assert.Equal(expected, Ids([first, .. rest]));
    }

    [Fact]
    public async Task Default_page_size_is_50()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Numbers = 120);
        var (_, page) = await emu.GetJsonAsync(TestEmulator.Api);
        Assert.Equal(50, page.GetProperty("data").GetArrayLength());
        Assert.Contains("page_size=50", page.GetProperty("links").GetProperty("next").GetString());
    }

    [Theory]
    [InlineData("?page_size=0")]
    [InlineData("?page_size=1001")]
    [InlineData("?page_size=abc")]
    [InlineData("?page_number=-1")]
    [InlineData("?page_number=1")]
    [InlineData("?page_number=1&page_token=bogus")]
    public async Task Bad_paging_parameters_get_400_the_only_4xx_the_list_declares(string query)
    {
        await using var emu = await TestEmulator.StartAsync();
        var (response, error) = await emu.GetJsonAsync(TestEmulator.Api + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"Bad Request"}""", error.GetRawText());
    }

    [Fact]
    public async Task A_page_token_only_works_with_its_own_filter_and_page_number()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Numbers = 30);
        var (_, first) = await emu.GetJsonAsync($"{TestEmulator.Api}?page_size=5&filter_name=e");
        var next = first.GetProperty("links").GetProperty("next").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await emu.Http.GetAsync(next)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await emu.Http.GetAsync(next.Replace("filter_name=e", "filter_name=a"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await emu.Http.GetAsync(next.Replace("page_number=1", "page_number=2"))).StatusCode);
    }

    [Fact]
    public async Task Absolute_links_use_the_scheme_host_and_port_of_the_request()
    {
        await using var emu = await TestEmulator.StartAsync(o => { o.Numbers = 10; o.AbsoluteLinks = true; });
        var url = $"http://localhost:{emu.Emulator.Port}/{TestEmulator.Api}?page_size=3";
        var (_, page) = await emu.GetJsonAsync(url);
        Assert.StartsWith($"http://localhost:{emu.Emulator.Port}/api/relay/rest/phone_numbers?",
            page.GetProperty("links").GetProperty("next").GetString());
    }

    [Fact]
    public async Task Listing_100000_numbers_in_pages_of_1000_returns_each_number_once()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Numbers = 100_000);
        var count = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? next = $"{TestEmulator.Api}?page_size=1000";
        while (next is not null)
        {
            var (_, page) = await emu.GetJsonAsync(next);
            foreach (var number in page.GetProperty("data").EnumerateArray())
            {
                count++;
                var id = number.GetProperty("id").GetString()!;
                Assert.True(seen.Add(id), $"{id} listed twice");
            }
            next = page.GetProperty("links").TryGetProperty("next", out var n) ? n.GetString() : null;
        }
        Assert.Equal(100_000, count);
        Assert.Equal(100_000, seen.Count);
    }
}
