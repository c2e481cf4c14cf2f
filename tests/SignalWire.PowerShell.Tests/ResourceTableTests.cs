using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Tests;

/// <summary>
/// The one JSON design (ResourceJson) against every model of the module with a table ([ApiResource]), and against a
/// model shaped like the resources to come (a 10DLC campaign with a nested number and lists), so that adding a
/// resource is a model with attributes: every field of every table is read into its own property, whatever its type.
/// </summary>
public class ResourceTableTests
{
    public static TheoryData<string> Models()
    {
        var data = new TheoryData<string>();
        foreach (var type in typeof(ApiTable).Assembly.GetTypes().Where(t => t.GetCustomAttribute<ApiResourceAttribute>() != null))
            data.Add(type.FullName!);
        return data;
    }

    [Fact]
    public void The_module_reads_its_numbers_addresses_candidates_search_results_and_registry_objects_by_their_tables()
    {
        var models = typeof(ApiTable).Assembly.GetTypes().Where(t => t.GetCustomAttribute<ApiResourceAttribute>() != null).OrderBy(t => t.Name);
        Assert.Equal([typeof(AddressCandidate), typeof(AssignedPhoneNumber), typeof(AvailablePhoneNumber), typeof(Brand),
            typeof(Models.Campaign), typeof(CampaignNumber), typeof(CampaignOrder), typeof(E911Address), typeof(PhoneNumber)], models);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_field_of_the_table_is_read_into_its_own_property(string model)
    {
        var type = typeof(ApiTable).Assembly.GetType(model)!;
        var (body, expected) = BodyWithEveryField(ApiTable.Of(type));
        var read = Read(type, Encoding.UTF8.GetBytes(body.ToJsonString()));
        foreach (var (field, value) in expected) AssertRead(field, value, field.GetValue(read));
    }

    [Fact]
    public void A_model_shaped_like_the_next_resources_is_read_with_nested_objects_lists_numbers_and_flags()
    {
        var (body, expected) = BodyWithEveryField(ApiTable.Of<Campaign>());
        var campaign = ResourceJson<Campaign>.Read(Encoding.UTF8.GetBytes(body.ToJsonString()), 200);
        foreach (var (field, value) in expected) AssertRead(field, value, field.GetValue(campaign));
        Assert.Equal("number-id-0", campaign.PhoneNumber!.Id);
        Assert.Equal(2, campaign.Numbers.Count);
    }

    [Fact]
    public void A_list_page_of_the_next_resource_is_read_by_the_same_reader()
    {
        var body = """
            {"links":{"next":"/api/relay/rest/registry/beta/campaigns?page_number=1&page_token=PA1"},
             "data":[{"id":"c1","name":"Alerts","age_gated_content":"true","sub_use_cases":["2FA"],"phone_number":null,"numbers":null},
                     {"id":"c2","monthly_messages":"1200"}]}
            """;
        var space = new Uri("https://example.signalwire.com/");
        var page = new ListPage<Campaign>(ResourceJson<Campaign>.OpenPage(Encoding.UTF8.GetBytes(body), 200, space));
        Assert.Equal("https://example.signalwire.com/api/relay/rest/registry/beta/campaigns?page_number=1&page_token=PA1", page.Next!.AbsoluteUri);
        Assert.Equal(new[] { "c1", "c2" }, page.Items.Select(c => c.Id));
        Assert.True(page.Items[0].AgeGatedContent);
        Assert.Null(page.Items[1].AgeGatedContent);
        Assert.Null(page.Items[0].PhoneNumber);
        Assert.Empty(page.Items[0].Numbers);
        Assert.Equal(1200, page.Items[1].MonthlyMessages);
    }

    [Theory]
    [InlineData("""{"name":"x"}""", "a test campaign came without its \"id\"")]
    [InlineData("""{"id":"c1","phone_number":"+15551230000"}""", "an assigned number should be a JSON object")]
    [InlineData("""{"id":"c1","numbers":{}}""", "\"numbers\" should be a list")]
    [InlineData("""{"id":"c1","numbers":[{"number":"+15551230000"}]}""", "an assigned number came without its \"id\"")]
    [InlineData("""{"id":"c1","monthly_messages":1.5}""", "\"monthly_messages\" is not a whole number: 1.5")]
    [InlineData("""{"id":"c1","total_messages":true}""", "\"total_messages\" is not a whole number: true")]
    [InlineData("""{"id":"c1","age_gated_content":"maybe"}""", "\"age_gated_content\" should be true or false")]
    [InlineData("""{"id":"c1","sub_use_cases":"2FA"}""", "\"sub_use_cases\" should be a list")]
    [InlineData("""{"id":"c1"} {}""", "not JSON")]
    public void What_does_not_fit_a_field_of_the_next_resource_is_an_InvalidResponse(string body, string expected)
    {
        var error = Assert.Throws<SignalWireApiException>(() => ResourceJson<Campaign>.Read(Encoding.UTF8.GetBytes(body), 200));
        Assert.Equal(SignalWireErrorKind.InvalidResponse, error.Kind);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Read_leniently_a_value_that_does_not_fit_is_left_unset_and_the_rest_is_read()
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(
            """{"street_number":{"a":[1]},"street_name":"Riverside Drive","city":["x"],"state":"CA","zip_code":"91905","extra":{}}"""));
        reader.Read();
        var candidate = ResourceJson<AddressCandidate>.ReadLeniently(ref reader, null);
        Assert.Null(candidate.StreetNumber);
        Assert.Null(candidate.City);
        Assert.Equal("Riverside Drive", candidate.StreetName);
        Assert.Equal("91905", candidate.PostalCode); // from its other name
        Assert.False(reader.Read()); // the reader is past the object's end
    }

    [Fact]
    public void The_writer_leaves_out_empty_optional_fields_and_refuses_an_empty_required_one()
    {
        var campaign = new Campaign { Id = "c1", Name = "Alerts", AgeGatedContent = null, MonthlyMessages = 5, EmbeddedLink = true };
        Assert.Equal("""{"name":"Alerts","monthly_messages":5,"embedded_link":true}""",
            Encoding.UTF8.GetString(ResourceJson<Campaign>.Write(campaign)));
        campaign.Name = "";
        Assert.Contains("A test campaign needs its Name", Assert.Throws<ArgumentException>(() => ResourceJson<Campaign>.Write(campaign)).Message);
    }

    // ---- a body with a value of its own in every field ----------------------------------------------------------------

    private static object Read(Type model, byte[] body) =>
        typeof(ResourceJson<>).MakeGenericType(model).GetMethod("Read", [typeof(byte[]), typeof(int?)])!.Invoke(null, [body, 200])!;

    // Each field gets a value of its own, so a reader that put one field's value in another property fails too.
    private static (JsonObject Body, List<(ApiField Field, object? Value)> Expected) BodyWithEveryField(ApiTable table)
    {
        var body = new JsonObject();
        var expected = new List<(ApiField, object?)>();
        var epoch = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < table.Fields.Count; i++)
        {
            var field = table.Fields[i];
            var type = field.ValueType;
            if (type == typeof(string))
            {
                body[field.ApiName] = $"{field.ApiName}-{i}";
                expected.Add((field, $"{field.ApiName}-{i}"));
            }
            else if (type == typeof(DateTime?))
            {
                var date = epoch.AddDays(i).AddSeconds(i);
                body[field.ApiName] = date.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
                expected.Add((field, date));
            }
            else if (type == typeof(bool) || type == typeof(bool?))
            {
                // Alternating, so a flag that is never read (false) fails on one of two fields at least.
                body[field.ApiName] = i % 2 == 0;
                expected.Add((field, i % 2 == 0));
            }
            else if (type == typeof(int?) || type == typeof(long?))
            {
                body[field.ApiName] = 1000 + i;
                expected.Add((field, type == typeof(int?) ? (object)(1000 + i) : (long)(1000 + i)));
            }
            else if (typeof(IEnumerable<string>).IsAssignableFrom(type))
            {
                body[field.ApiName] = new JsonArray("voice", "fax", $"{field.ApiName}-{i}");
                expected.Add((field, new[] { "voice", "fax", $"{field.ApiName}-{i}" }));
            }
            else if (type.GetCustomAttribute<ApiResourceAttribute>() != null)
            {
                body[field.ApiName] = new JsonObject { ["id"] = "number-id-0", ["number"] = $"+1555000{i:D4}" };
                expected.Add((field, null));
            }
            else if (type.IsGenericType && type.GetGenericArguments()[0].GetCustomAttribute<ApiResourceAttribute>() != null)
            {
                body[field.ApiName] = new JsonArray(new JsonObject { ["id"] = "n1" }, new JsonObject { ["id"] = "n2" });
                expected.Add((field, null));
            }
            else
            {
                Assert.Fail($"{table.Model.Name}.{field.ParameterName} is a {type.Name}, which neither ResourceJson nor this test reads yet.");
            }
        }
        return (body, expected);
    }

    private static void AssertRead(ApiField field, object? expected, object? read)
    {
        if (expected == null) Assert.NotNull(read); // a nested object or list: its own fields are checked by its own table
        else if (expected is string[] names) Assert.Equal(names, (IEnumerable<string>)read!);
        else Assert.True(Equals(expected, read), $"{field.ParameterName}: sent '{expected}', read '{read}'.");
    }

    // ---- a resource to come, as a model with attributes ---------------------------------------------------------------

    [ApiResource("an assigned number")]
    public sealed class AssignedNumber
    {
        [ApiField("id", Key = true)]
        public string Id { get; set; } = "";

        [ApiField("number")]
        public string? Number { get; set; }
    }

    [ApiResource("a test campaign")]
    public sealed class Campaign
    {
        [ApiField("id", Key = true)]
        public string Id { get; set; } = "";

        [ApiField("name", Updatable = true, Required = true)]
        public string? Name { get; set; }

        [ApiField("age_gated_content", Updatable = true)]
        public bool? AgeGatedContent { get; set; }

        [ApiField("monthly_messages", Updatable = true)]
        public int? MonthlyMessages { get; set; }

        [ApiField("total_messages")]
        public long? TotalMessages { get; set; }

        [ApiField("embedded_link", Updatable = true)]
        public bool EmbeddedLink { get; set; }

        [ApiField("created_at")]
        public DateTime? CreatedAt { get; set; }

        [ApiField("sub_use_cases")]
        public string[] SubUseCases { get; set; } = [];

        [ApiField("phone_number")]
        public AssignedNumber? PhoneNumber { get; set; }

        [ApiField("numbers")]
        public IReadOnlyList<AssignedNumber> Numbers { get; set; } = [];
    }
}
