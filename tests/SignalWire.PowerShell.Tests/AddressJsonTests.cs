using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Tests;

/// <summary>Reading and writing E911 address JSON, against bodies shaped like the examples of the vendor's spec (relay-rest/addresses).</summary>
public class AddressJsonTests
{
    // The spec's Address model with its @example values (addresses/models/core.tsp).
    private const string SpecAddress = """
        {"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","label":"My Address","country":"US","first_name":"Emmett","last_name":"Brown",
         "street_number":"1640","street_name":"Riverside Drive","address_type":"Apartment","address_number":"42","city":"Alexandria",
         "state":"CA","postal_code":"91905","zip_code":"91905","emergency_enabled":false,"validated":false,"validated_at":null}
        """;

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Reads_every_field_of_the_spec_example()
    {
        var a = AddressJson.ReadAddress(Bytes(SpecAddress));
        Assert.Equal("3fa85f64-5717-4562-b3fc-2c963f66afa6", a.Id);
        Assert.Equal("My Address", a.Label);
        Assert.Equal("US", a.Country);
        Assert.Equal("Emmett", a.FirstName);
        Assert.Equal("Brown", a.LastName);
        Assert.Equal("1640", a.StreetNumber);
        Assert.Equal("Riverside Drive", a.StreetName);
        Assert.Equal("Apartment", a.AddressType);
        Assert.Equal("42", a.AddressNumber);
        Assert.Equal("Alexandria", a.City);
        Assert.Equal("CA", a.State);
        Assert.Equal("91905", a.PostalCode);
        Assert.Equal("91905", a.ZipCode);
        Assert.False(a.EmergencyEnabled);
        Assert.False(a.Validated);
        Assert.Null(a.ValidatedAt);
        Assert.Equal("1640 Riverside Drive Apartment 42, Alexandria, CA 91905", a.StreetAddress);
        Assert.Equal("My Address: 1640 Riverside Drive Apartment 42, Alexandria, CA 91905", a.ToString());
    }

    [Fact]
    public void Reads_a_validated_address_its_date_as_UTC_and_ignores_fields_it_does_not_know()
    {
        var json = JsonNode.Parse(SpecAddress)!.AsObject();
        json["emergency_enabled"] = true;
        json["validated"] = true;
        json["validated_at"] = "2026-03-01T10:20:30-05:00";
        json["address_type"] = null;
        json["address_number"] = "";
        json["a_field_from_the_future"] = new JsonObject { ["x"] = 1 };
        var a = AddressJson.ReadAddress(Bytes(json.ToJsonString()));
        Assert.True(a.EmergencyEnabled);
        Assert.True(a.Validated);
        Assert.Equal(new DateTime(2026, 3, 1, 15, 20, 30, DateTimeKind.Utc), a.ValidatedAt);
        Assert.Equal(DateTimeKind.Utc, a.ValidatedAt!.Value.Kind);
        Assert.Null(a.AddressType);
        Assert.Null(a.AddressNumber); // "" and null both mean unset
    }

    [Fact]
    public void Either_postal_code_or_its_alias_zip_code_fills_both()
    {
        var json = JsonNode.Parse(SpecAddress)!.AsObject();
        json.Remove("postal_code");
        json["zip_code"] = "10001";
        var a = AddressJson.ReadAddress(Bytes(json.ToJsonString()));
        Assert.Equal("10001", a.PostalCode);
        Assert.Equal("10001", a.ZipCode);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("[1]", "JSON object")]
    [InlineData("""{"label":"x"}""", "\"id\"")]
    [InlineData("""{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","label":{"a":1}}""", "\"label\" should be text")]
    [InlineData("""{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","validated":5}""", "\"validated\" should be true or false")]
    [InlineData("""{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","validated_at":"soon"}""", "not a date")]
    public void Anything_unreadable_is_an_InvalidResponse(string body, string expected)
    {
        var error = Assert.Throws<SignalWireApiException>(() => AddressJson.ReadAddress(Bytes(body), 200));
        Assert.Equal(SignalWireErrorKind.InvalidResponse, error.Kind);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Reads_a_list_page_and_its_next_link_as_written()
    {
        var page = AddressJson.ReadPage(Bytes($$"""
            {"links":{"self":"/api/relay/rest/addresses?page_number=0&page_size=50","first":"/api/relay/rest/addresses?page_number=0&page_size=50",
                      "next":"/api/relay/rest/addresses?page_number=1&page_size=50&page_token=PA6581c1fa"},
             "data":[{{SpecAddress}},{{SpecAddress}}]}
            """));
        Assert.Equal(2, page.Addresses.Count);
        Assert.Equal("/api/relay/rest/addresses?page_number=1&page_size=50&page_token=PA6581c1fa", page.Next!.OriginalString);

        var last = AddressJson.ReadPage(Bytes("""{"links":{"self":"https://example.signalwire.com/api/relay/rest/addresses"},"data":[]}"""));
        Assert.Empty(last.Addresses);
        Assert.Null(last.Next);
        Assert.Throws<SignalWireApiException>(() => AddressJson.ReadPage(Bytes("""{"links":{"next":5},"data":[]}""")));
        Assert.Throws<SignalWireApiException>(() => AddressJson.ReadPage(Bytes("""{"links":{}}""")));
    }

    private static readonly Uri Space = new("https://example.signalwire.com/");

    private static byte[] PageLinkingTo(string link) =>
        Bytes("{\"links\":{\"next\":" + JsonSerializer.Serialize(link) + "},\"data\":[]}");

    [Theory]
    [InlineData("/api/relay/rest/addresses?page_number=1&page_token=PA1",
        "https://example.signalwire.com/api/relay/rest/addresses?page_number=1&page_token=PA1")]
    [InlineData("https://example.signalwire.com/api/relay/rest/addresses?page_number=1",
        "https://example.signalwire.com/api/relay/rest/addresses?page_number=1")]
    [InlineData("http://127.0.0.1:5000/api/relay/rest/addresses?page_number=1", "http://127.0.0.1:5000/api/relay/rest/addresses?page_number=1")]
    public void Next_links_resolve_as_paths_on_the_space_or_absolute_URLs(string link, string expected)
    {
        Assert.Equal(expected, AddressJson.ReadPage(PageLinkingTo(link), 200, Space).Next!.AbsoluteUri);
    }

    [Theory]
    [InlineData("ftp://example.signalwire.com/addresses")]
    [InlineData("file:///etc/passwd")]
    [InlineData("//evil.example/api/relay/rest/addresses")]
    [InlineData("addresses?page_number=2")]
    public void A_next_link_that_is_neither_an_http_URL_nor_a_path_on_the_space_is_an_InvalidResponse(string link)
    {
        var error = Assert.Throws<SignalWireApiException>(() => AddressJson.ReadPage(PageLinkingTo(link), 200, Space));
        Assert.Equal(SignalWireErrorKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public void Reads_the_candidates_of_an_AddressValidationError()
    {
        var body = Bytes("""
            {"errors":[{"detail":"Address could not be validated","status":"422","title":"Invalid Attribute","code":"422"}],
             "candidates":[{"street_number":"1640","street_name":"Riverside Drive","city":"Alexandria","state":"CA","postal_code":"91905"},
                           {"street_number":null,"street_name":"Riverside Dr","city":"Alexandria","state":"CA","postal_code":"91906"}]}
            """);
        var candidates = AddressJson.ReadCandidates(body)!;
        Assert.Equal(2, candidates.Count);
        Assert.Equal("1640", candidates[0].StreetNumber);
        Assert.Equal("Riverside Drive", candidates[0].StreetName);
        Assert.Equal("Alexandria", candidates[0].City);
        Assert.Equal("CA", candidates[0].State);
        Assert.Equal("91905", candidates[0].PostalCode);
        Assert.Null(candidates[1].StreetNumber); // the spec's candidate fields are nullable
        Assert.Equal("1640 Riverside Drive, Alexandria, CA 91905", candidates[0].ToString());
    }

    [Theory]
    [InlineData("""{"errors":[{"detail":"Label can't be blank","status":"422","title":"Invalid Attribute","code":"422"}]}""")]
    [InlineData("""{"error":"Bad Request"}""")]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("")]
    [InlineData("""{"candidates":"none"}""")]
    public void A_body_without_a_candidates_array_has_none(string body)
    {
        Assert.Null(AddressJson.ReadCandidates(Bytes(body)));
    }

    private static E911Address Sample() => new()
    {
        Label = "Headquarters", Country = "US", FirstName = "Emmett", LastName = "Brown", StreetNumber = "1640",
        StreetName = "Riverside Drive", City = "Alexandria", State = "CA", PostalCode = "91905", EmergencyEnabled = true,
    };

    [Fact]
    public void Writes_the_whole_address_in_the_spec_order_leaving_out_what_is_unset()
    {
        Assert.Equal(
            """{"label":"Headquarters","country":"US","first_name":"Emmett","last_name":"Brown","street_number":"1640","street_name":"Riverside """
            + """Drive","city":"Alexandria","state":"CA","postal_code":"91905","emergency_enabled":true}""",
            Encoding.UTF8.GetString(AddressJson.WriteAddress(Sample(), null)));

        var withUnit = Sample();
        withUnit.AddressType = "Suite";
        withUnit.AddressNumber = "300";
        withUnit.EmergencyEnabled = false;
        withUnit.Label = "Büro & Co \"Nord\"";
        Assert.Equal(
            """{"label":"Büro & Co """
            + """\"Nord\"","country":"US","first_name":"Emmett","last_name":"Brown","street_number":"1640","street_name":"Riverside """
            + """Drive","address_type":"Suite","address_number":"300","city":"Alexandria","state":"CA","postal_code":"91905","emergency_enabled":"""
            + """false,"auto_correct_address":false}""",
            Encoding.UTF8.GetString(AddressJson.WriteAddress(withUnit, false)));
    }

    [Theory]
    [InlineData(nameof(E911Address.Label))]
    [InlineData(nameof(E911Address.Country))]
    [InlineData(nameof(E911Address.StreetName))]
    [InlineData(nameof(E911Address.PostalCode))]
    public void An_address_without_a_required_field_is_not_written(string property)
    {
        var address = Sample();
        typeof(E911Address).GetProperty(property)!.SetValue(address, "");
        var error = Assert.Throws<ArgumentException>(() => AddressJson.WriteAddress(address, null));
        Assert.Contains(property, error.Message);
    }

    [Fact]
    public void Writes_the_assignment_body()
    {
        Assert.Equal("""{"e911_address_id":"3fa85f64-5717-4562-b3fc-2c963f66afa6"}""",
            Encoding.UTF8.GetString(AddressJson.WriteAssignment("3fa85f64-5717-4562-b3fc-2c963f66afa6")));
    }
}
