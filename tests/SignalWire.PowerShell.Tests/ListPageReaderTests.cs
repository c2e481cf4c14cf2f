using System.Text.Json;
using System.Text.Json.Nodes;
using SignalWire.PowerShell.Client;
using SignalWire.Tests.Shared;

namespace SignalWire.PowerShell.Tests;

/// <summary>
/// A list page read as it is taken: with the links first (as the API sends them) the next link is known at once and
/// each number is read only when asked for; with the data first every number is read while looking for the links. Either
/// way the outcome is the one reading the whole body up front gives.
/// </summary>
public class ListPageReaderTests
{
    private static readonly Uri Space = new("https://example.signalwire.com/");
    private const string Next = "/api/relay/rest/phone_numbers?page_number=1&page_size=3&page_token=PA42";

    // The captured number with the id changed: "n1", "n2", ... so the order shows.
    private static string Number(int i)
    {
        var number = JsonNode.Parse(Fixtures.Text(Fixtures.PhoneNumber))!.AsObject();
        number["id"] = $"00000000-0000-4000-8000-{i:D12}";
        return number.ToJsonString();
    }

    private static string Items(params string[] items) => "[" + string.Join(",", items) + "]";

    // Reads each item as the module does, counting how many were read.
    private sealed class CountingReader
    {
        public int Read;

        public Models.PhoneNumber ReadItem(ref Utf8JsonReader reader, int? status)
        {
            Read++;
            return PhoneNumberJson.ReadPhoneNumber(ref reader, status);
        }
    }

    private static ListPageReader<Models.PhoneNumber> Open(string json, CountingReader counter) =>
        ListPageReader<Models.PhoneNumber>.Open(Utf8.Bytes(json), 200, Space, counter.ReadItem);

    [Fact]
    public void With_the_links_first_the_next_link_is_known_before_any_number_is_read()
    {
        var counter = new CountingReader();
        var page = Open($$"""{"links":{"self":"/x","next":"{{Next}}"},"data":{{Items(Number(1), Number(2), Number(3))}}}""", counter);
        Assert.Equal(new Uri(Space, Next), page.Next);
        Assert.Equal(0, counter.Read);

        using var numbers = page.GetEnumerator();
        Assert.True(numbers.MoveNext());
        Assert.Equal("00000000-0000-4000-8000-000000000001", numbers.Current.Id);
        Assert.Equal(1, counter.Read);
        Assert.True(numbers.MoveNext());
        Assert.True(numbers.MoveNext());
        Assert.False(numbers.MoveNext());
        Assert.Equal(3, counter.Read);
    }

    [Fact]
    public void With_the_data_first_every_number_is_read_on_the_way_to_the_links()
    {
        var counter = new CountingReader();
        var page = Open($$$"""{"data":{{{Items(Number(1), Number(2))}}},"meta":{"total":2},"links":{"next":"{{{Next}}}"}}""", counter);
        Assert.Equal(2, counter.Read);
        Assert.Equal(new Uri(Space, Next), page.Next);
        Assert.Equal(["00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"], page.Select(n => n.Id));
        Assert.Equal(2, counter.Read);
    }

    [Fact]
    public void Numbers_taken_once_are_kept_so_the_page_can_be_enumerated_again()
    {
        var counter = new CountingReader();
        var page = Open($$"""{"links":{},"data":{{Items(Number(1), Number(2))}}}""", counter);
        Assert.Equal(2, page.Count());
        Assert.Equal(2, page.ReadAll().Count);
        Assert.Equal(2, counter.Read);
        Assert.Null(page.Next);
    }

    [Fact]
    public void A_number_it_cannot_read_is_an_error_where_it_stands_after_the_numbers_before_it_and_again_for_anyone_reading_on()
    {
        var counter = new CountingReader();
        var page = Open($$"""{"links":{},"data":{{Items(Number(1), Number(2), """{"name":"no id"}""", Number(4))}}}""", counter);
        var taken = new List<string>();
        var error = Assert.Throws<SignalWireApiException>(() => { foreach (var number in page) taken.Add(number.Id); });
        Assert.Equal(SignalWireErrorKind.InvalidResponse, error.Kind);
        Assert.Equal(200, error.StatusCode);
        Assert.Equal(2, taken.Count);
        // Never a shorter page without a word: whoever reads on meets the same error.
        Assert.Throws<SignalWireApiException>(() => page.ReadAll());
        Assert.Throws<SignalWireApiException>(() => page.Count());
    }

    [Theory]
    [InlineData("""{"links":{},"data":[NUMBERS]} trailing""", "after the page")]
    [InlineData("""{"links":{},"data":[NUMBERS],"links":5,"meta":{"total":""", "a body cut short")]
    [InlineData("""{"links":{},"data":[NUMBERS],"extra":[1,2,}""", "broken JSON after the numbers")]
    public void Broken_JSON_after_the_numbers_is_an_error_once_the_reader_gets_there(string shape, string what)
    {
        var counter = new CountingReader();
        var page = Open(shape.Replace("NUMBERS", Number(1) + "," + Number(2)), counter);
        var error = Assert.Throws<SignalWireApiException>(() => page.ReadAll());
        Assert.True(error.Kind == SignalWireErrorKind.InvalidResponse, what);
        Assert.Equal(2, counter.Read);
    }

    [Theory]
    [InlineData("""{"links":{"next":5},"data":[]}""", "links.next should be text")]
    [InlineData("""{"data":[],"links":{"next":["x"]}}""", "links.next should be text")]
    [InlineData("""{"links":{"next":"ftp://example.com/x"},"data":[]}""", "neither an absolute")]
    [InlineData("""{"links":{}}""", "without its \"data\" array")]
    [InlineData("""{"links":{},"data":{}}""", "without its \"data\" array")]
    [InlineData("""[]""", "should be a JSON object, not an array")]
    [InlineData("""  """, "not JSON")]
    [InlineData("", "empty")]
    public void An_envelope_it_cannot_read_is_refused_when_the_page_is_opened(string json, string says)
    {
        var error = Assert.Throws<SignalWireApiException>(() => Open(json, new CountingReader()));
        Assert.Equal(SignalWireErrorKind.InvalidResponse, error.Kind);
        Assert.Contains(says, error.Message);
    }

    [Fact]
    public void The_client_page_reads_its_numbers_as_they_are_taken_and_all_of_them_when_asked_for_the_list()
    {
        var body = Utf8.Bytes($$"""{"links":{"next":"{{Next}}"},"data":{{Items(Number(1), """{"id":""}""")}}}""");
        var page = PhoneNumberJson.OpenPage(body, 200, Space);
        Assert.Equal(new Uri(Space, Next), page.Next);
        Assert.Equal("00000000-0000-4000-8000-000000000001", page.NumbersAsRead.First().Id);
        Assert.Throws<SignalWireApiException>(() => page.Numbers);
        // Reading the whole page up front refuses it before any number is handed out.
        Assert.Throws<SignalWireApiException>(() => WholePage.Read(body, 200, Space));
    }
}
