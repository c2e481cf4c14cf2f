using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace SignalWire.Emulator.Tests;

public sealed class SeedFileTests
{
    // 40 generated numbers cover every call and message handler variant of the seed data.
    private static readonly IReadOnlyList<EmulatedNumber> Originals = SeedData.Create(40).ToList();

    private static IEnumerable<EmulatedNumber> NewestFirst => Originals.Reverse();

    /// <summary>The API's own JSON of the numbers, newest first as the list returns them.</summary>
    private static string ApiJson(IEnumerable<EmulatedNumber> numbers) =>
        "[\n" + string.Join(",\n", numbers.Select(n => n.ToJson())) + "\n]";

    /// <summary>"e911_address_id" → "E911AddressId", the module's property names.</summary>
    private static string Pascal(string snake) =>
        string.Concat(snake.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    /// <summary>What Get-SwPhoneNumber | ConvertTo-Json writes: PascalCase, "" as null, an extra E911Status.</summary>
    private static string ModuleJson(IEnumerable<EmulatedNumber> numbers)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var number in numbers)
            {
                writer.WriteStartObject();
                foreach (var key in EmulatedNumber.ResponseKeys)
                {
                    if (key == "capabilities")
                    {
                        writer.WriteStartArray("Capabilities");
                        number.Capabilities.ToList().ForEach(writer.WriteStringValue);
                        writer.WriteEndArray();
                    }
                    else
                    {
                        var value = number[key];
                        writer.WriteString(Pascal(key), string.IsNullOrEmpty(value) ? null : value);
                    }
                }
                writer.WriteNull("E911Status");
                writer.WriteNull("MessageRelayApplication");
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>What Export-Csv writes: every value quoted, nulls as empty cells, capabilities as "voice,fax,sms,mms".</summary>
    private static string ModuleCsv(IEnumerable<EmulatedNumber> numbers, Func<EmulatedNumber, string>? capabilities = null)
    {
        var lines = new List<string> { string.Join(",", EmulatedNumber.ResponseKeys.Select(k => $"\"{Pascal(k)}\"")) };
        foreach (var number in numbers)
        {
            lines.Add(string.Join(",", EmulatedNumber.ResponseKeys.Select(key =>
            {
                if (key == "capabilities")
                {
                    return $"\"{capabilities?.Invoke(number) ?? string.Join(",", number.Capabilities)}\"";
                }
                var value = number[key];
                if (key.EndsWith("_at", StringComparison.Ordinal))
                {
                    value = DateTime.Parse(value!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)
                        .ToString(CultureInfo.InvariantCulture);
                }
                return string.IsNullOrEmpty(value) ? "" : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            })));
        }
        return string.Join("\r\n", lines) + "\r\n";
    }

    private static SeedSnapshot Parse(string text) => SeedFile.Parse(Encoding.UTF8.GetBytes(text));

    private static void AssertSameNumbers(IEnumerable<EmulatedNumber> expected, SeedSnapshot snapshot)
    {
        Assert.Equal(expected.Select(n => n.ToJson()), snapshot.Numbers.Select(n => n.ToJson()));
        Assert.Equal(Enumerable.Range(0, snapshot.Numbers.Count).Select(i => (long)i), snapshot.Numbers.Select(n => n.Ordinal));
    }

    [Fact]
    public void The_apis_own_json_gives_back_every_field_of_every_number_in_the_same_order()
    {
        var snapshot = Parse(ApiJson(NewestFirst));
        AssertSameNumbers(Originals, snapshot);
        Assert.Empty(snapshot.Warnings);
    }

    [Fact]
    public void A_list_page_of_the_api_is_read_from_its_data()
    {
        var page = $$"""{"links":{"self":"/api/relay/rest/phone_numbers?page_size=50"},"data":{{ApiJson(NewestFirst)}}}""";
        AssertSameNumbers(Originals, Parse(page));
    }

    [Fact]
    public void The_modules_pascal_case_objects_give_back_every_field()
    {
        var snapshot = Parse(ModuleJson(NewestFirst));
        AssertSameNumbers(Originals, snapshot);
        Assert.Empty(snapshot.Warnings); // null E911Status is nothing lost
    }

    [Fact]
    public void One_object_is_one_number_as_ConvertTo_Json_writes_a_single_result()
    {
        var json = ModuleJson([Originals[7]]).Trim();
        var snapshot = Parse(json[1..^1]); // without the array brackets
        Assert.Equal(Originals[7].ToJson(), Assert.Single(snapshot.Numbers).ToJson());
    }

    [Fact]
    public void Export_Csv_gives_back_every_field()
    {
        var snapshot = Parse(ModuleCsv(NewestFirst));
        AssertSameNumbers(Originals, snapshot);
        Assert.Empty(snapshot.Warnings);
    }

    [Fact]
    public void A_csv_holding_a_type_name_instead_of_capabilities_gets_the_default_ones_and_says_so()
    {
        var snapshot = Parse(ModuleCsv(NewestFirst, _ => "System.String[]"));
        Assert.Equal(Originals.Count, snapshot.Numbers.Count);
        for (var i = 0; i < Originals.Count; i++)
        {
            var read = snapshot.Numbers[i];
            Assert.Equal(SeedFile.DefaultCapabilities, read.Capabilities);
            foreach (var key in EmulatedNumber.ResponseKeys.Where(k => k != "capabilities"))
            {
                Assert.Equal(Originals[i][key], read[key]);
            }
        }
        Assert.Contains("System.String[]", Assert.Single(snapshot.Warnings));
    }

    [Fact]
    public void Export_Csv_capabilities_joined_by_spaces_or_semicolons_and_a_type_line_are_read()
    {
        var csv = ModuleCsv(NewestFirst.Take(2), n => string.Join(n.Ordinal % 2 == 0 ? " " : ";", n.Capabilities));
        var snapshot = Parse("#TYPE SignalWire.PowerShell.Models.PhoneNumber\r\n" + csv);
        AssertSameNumbers(Originals.Skip(38), snapshot);
        Assert.Empty(snapshot.Warnings);
    }

    [Fact]
    public void A_quoted_csv_value_may_hold_commas_quotes_and_line_breaks()
    {
        var csv = "Id,Number,Name,CallHandler\n" +
                  "3970ca4f-e58f-4324-b09c-6b1dbb30383c,+15552000002,\"Sales, \"\"East\"\"\nfloor 2\",relay_topic\n" +
                  "2553e8a3-0502-483f-b59d-c6ec9c3cc0e4,+15552000001,,\n";
        var snapshot = Parse(csv);
        Assert.Equal(["+15552000001", "+15552000002"], snapshot.Numbers.Select(n => n.Number));
        Assert.Equal("Sales, \"East\"\nfloor 2", snapshot.Numbers[1].Name);
        Assert.Equal("relay_topic", snapshot.Numbers[1]["call_handler"]);
        Assert.Null(snapshot.Numbers[0].Name);
        Assert.Null(snapshot.Numbers[0]["call_handler"]);
    }

    [Fact]
    public void Export_Clixml_gives_back_every_field_including_a_shared_capabilities_list()
    {
        const string xml = """
            <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
              <Obj RefId="0">
                <TN RefId="0"><T>SignalWire.PowerShell.Models.PhoneNumber</T><T>System.Object</T></TN>
                <ToString>+15552000002</ToString>
                <Props>
                  <S N="Id">3970ca4f-e58f-4324-b09c-6b1dbb30383c</S>
                  <S N="Number">+15552000002</S>
                  <S N="Name">Sales_x000A_East</S>
                  <Obj N="Capabilities" RefId="1"><TN RefId="1"><T>System.String[]</T></TN><LST><S>voice</S><S>sms</S></LST></Obj>
                  <S N="NumberType">longcode</S>
                  <Nil N="E911Status" />
                  <DT N="CreatedAt">2024-01-01T09:14:00Z</DT>
                  <S N="CallHandler">relay_topic</S>
                  <S N="CallRelayTopic">office</S>
                </Props>
              </Obj>
              <Obj RefId="2">
                <TNRef RefId="0" />
                <Props>
                  <S N="Id">2553e8a3-0502-483f-b59d-c6ec9c3cc0e4</S>
                  <S N="Number">+15552000001</S>
                  <Nil N="Name" />
                  <Ref N="Capabilities" RefId="1" />
                  <DT N="CreatedAt">2024-01-01T09:07:00Z</DT>
                </Props>
              </Obj>
            </Objs>
            """;
        var snapshot = Parse(xml);
        var (older, newer) = (snapshot.Numbers[0], snapshot.Numbers[1]);
        Assert.Equal(("+15552000002", "Sales\nEast", "office", "2024-01-01T09:14:00Z"),
            (newer.Number, newer.Name, newer["call_relay_topic"], newer["created_at"]));
        Assert.Equal(["voice", "sms"], newer.Capabilities);
        Assert.Equal(["voice", "sms"], older.Capabilities);
        Assert.Null(older.Name);
    }

    [Fact]
    public void A_utf16_file_with_a_byte_order_mark_is_read_as_Windows_PowerShell_writes_it()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(ModuleJson(NewestFirst.Take(3)))).ToArray();
        AssertSameNumbers(Originals.Skip(37), SeedFile.Parse(bytes));
    }

    [Fact]
    public void Dates_as_Windows_PowerShell_writes_them_are_read_as_utc()
    {
        var json = """[{"Id":"3970ca4f-e58f-4324-b09c-6b1dbb30383c","Number":"+15552000002","CreatedAt":"\/Date(1704100440000)\/","UpdatedAt":"""
            + """{"value":"2024-01-01T12:14:00+02:00","DisplayHint":2}}]""";
        var number = Assert.Single(Parse(json).Numbers);
        Assert.Equal("2024-01-01T09:14:00Z", number["created_at"]);
        Assert.Equal("2024-01-01T10:14:00Z", number["updated_at"]);
    }

    [Fact]
    public void Missing_optional_fields_take_the_apis_unset_values_and_properties_the_emulator_lacks_are_named()
    {
        var json = """[{"Id":"3970ca4f-e58f-4324-b09c-6b1dbb30383c","Number":"+18885550100","Loyalty":"gold","E911Status":null}]""";
        var snapshot = Parse(json);
        var number = Assert.Single(snapshot.Numbers);
        Assert.Equal("toll-free", number["number_type"]);
        Assert.Equal("POST", number["call_request_method"]);
        Assert.Equal("", number["call_relay_topic"]);
        Assert.Equal(SeedFile.DefaultCapabilities, number.Capabilities);
        Assert.Contains(snapshot.Warnings,
            w => w.Contains("Loyalty", StringComparison.Ordinal) && !w.Contains("E911Status", StringComparison.Ordinal));
    }

    [Fact]
    public void A_numbers_E911_address_and_status_are_kept()
    {
        var json = """[{"Id":"3970ca4f-e58f-4324-b09c-6b1dbb30383c","Number":"+15552000002","E911AddressId":"6f1c2b9e-4d3a-4e5f-8a7b-"""
            + """9c0d1e2f3a4b","E911Status":"active"}]""";
        var snapshot = Parse(json);
        var number = Assert.Single(snapshot.Numbers);
        Assert.Equal(("6f1c2b9e-4d3a-4e5f-8a7b-9c0d1e2f3a4b", "active"), (number["e911_address_id"], number[EmulatedNumber.E911Status]));
        Assert.Contains("\"e911_address_id\":\"6f1c2b9e-4d3a-4e5f-8a7b-9c0d1e2f3a4b\",\"e911_status\":\"active\"", number.ToJson());
        Assert.DoesNotContain(snapshot.Warnings, w => w.Contains("ignored", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("  \n ", "the file is empty")]
    [InlineData("[\n  {\"Id\": \"3970ca4f-e58f-4324-b09c-6b1dbb30383c\",\n    \"Number\" \"+15552000002\"}\n]", "line 3: not valid JSON")]
    [InlineData("[{\"Id\":\"3970ca4f-e58f-4324-b09c-6b1dbb30383c\",\"Number\":\"+15552000002\"},\n\n {\"Number\":\"+15552000003\"}]",
        "item 2 (line 3): no \"Id\" (or \"id\")")]
    [InlineData("[{\"id\":\"42\",\"number\":\"+15552000002\"}]", "item 1 (line 1): \"id\" '42' is not a UUID")]
    [InlineData("[{\"Id\":\"3970ca4f-e58f-4324-b09c-6b1dbb30383c\",\"Number\":\"555-2000\"}]", "\"Number\" '555-2000' is not an E.164 number")]
    [InlineData("[{\"Id\":\"3970ca4f-e58f-4324-b09c-6b1dbb30383c\",\"Number\":\"\"}]", "\"Number\" is empty")]
    [InlineData("[{\"Id\":\"3970ca4f-e58f-4324-b09c-6b1dbb30383c\",\"Number\":\"+15552000002\"},\n"
        + "{\"Id\":\"3970CA4F-e58f-4324-b09c-6b1dbb30383c\",\"Number\":\"+15552000003\"}]",
        "item 2 (line 2): the id 3970CA4F-e58f-4324-b09c-6b1dbb30383c is already used by item 1 (line 1)")]
    [InlineData("[{\"Id\":\"3970ca4f-e58f-4324-b09c-6b1dbb30383c\",\"Number\":\"+15552000002\"},\n"
        + "{\"Id\":\"2553e8a3-0502-483f-b59d-c6ec9c3cc0e4\",\"Number\":\"+15552000002\"}]",
        "item 2 (line 2): the number +15552000002 is already used by item 1 (line 1)")]
    [InlineData("[{\"Id\":\"3970ca4f-e58f-4324-b09c-6b1dbb30383c\",\"Number\":\"+15552000002\",\"Name\":5}]",
        "\"Name\" must be a text, not a number")]
    [InlineData("[{\"Id\":\"3970ca4f-e58f-4324-b09c-6b1dbb30383c\",\"Number\":\"+15552000002\",\"CallHandler\":[\"a\"]}]",
        "\"CallHandler\" must be a text, not a list")]
    [InlineData("[{\"Id\":\"3970ca4f-e58f-4324-b09c-6b1dbb30383c\",\"Number\":\"+15552000002\",\"Capabilities\":[\"voice\",1]}]",
        "\"Capabilities\" must be a list of texts, but holds a number")]
    [InlineData("[{\"Id\":\"3970ca4f-e58f-4324-b09c-6b1dbb30383c\",\"Number\":\"+15552000002\",\"CreatedAt\":\"yesterday\"}]",
        "\"CreatedAt\" 'yesterday' is not a date")]
    [InlineData("[1, 2]", "item 1 (line 1): expected a phone number object, found a number")]
    [InlineData("\"numbers\"", "line 1: not a snapshot: a JSON file starts with [ or {")]
    [InlineData("Id,Number,Name\n3970ca4f-e58f-4324-b09c-6b1dbb30383c,+15552000002,Sales\n2553e8a3-0502-483f-b59d-c6ec9c3cc0e4,+15552000001\n",
        "line 3: 2 values, but the header names 3 columns")]
    [InlineData("Identifier,Phone\n1,2\n", "line 1: not a snapshot")]
    [InlineData("Id,Number,Name\n3970ca4f-e58f-4324-b09c-6b1dbb30383c,+15552000002,\"Sales\n", "line 2: a quoted value is not closed")]
    [InlineData("Id,Number,CreatedAt\n3970ca4f-e58f-4324-b09c-6b1dbb30383c,+15552000002,31.01.2024 09:00:00\n",
        "line 2: \"CreatedAt\" '31.01.2024 09:00:00' is not a date")]
    [InlineData("<html><body>Sign in</body></html>", "an XML snapshot must be Export-Clixml output")]
    [InlineData("<Objs xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">\n<Obj><Props><S N=\"Id\">x", "line 2: not valid XML")]
    public void A_snapshot_that_cannot_be_served_is_refused_with_its_place_and_reason(string content, string expected)
    {
        var error = Assert.Throws<SeedFileException>(() => Parse(content));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Bytes_that_are_not_text_are_refused()
    {
        var error = Assert.Throws<SeedFileException>(() => SeedFile.Parse([0x5B, 0xC3, 0x28, 0x5D]));
        Assert.Contains("neither UTF-8 nor UTF-16", error.Message);
    }

    [Fact]
    public void A_missing_file_is_refused_with_the_reason()
    {
        var error = Assert.Throws<SeedFileException>(() => SeedFile.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".json")));
        Assert.Contains("cannot read the file", error.Message);
    }

    [Fact]
    public void An_empty_array_is_a_project_without_numbers() => Assert.Empty(Parse("[]").Numbers);

    [Theory]
    [InlineData("CallRelayTopic", "call_relay_topic")]
    [InlineData("call_relay_topic", "call_relay_topic")]
    [InlineData("E911AddressId", "e911_address_id")]
    [InlineData("MessagingHandlerResourceId", "messaging_handler_resource_id")]
    [InlineData("callRelayTopic", "call_relay_topic")]
    public void Property_names_match_in_either_spelling(string name, string field) => Assert.Equal(field, SeedFile.Normalize(name));

    [Fact]
    public async Task A_seeded_emulator_lists_the_snapshot_in_its_order_and_a_reset_brings_it_back()
    {
        var snapshot = Parse(ModuleJson(NewestFirst.Take(5)));
        await using var emu = await TestEmulator.StartAsync(o => o.Seed = snapshot.Numbers);
        var (_, page) = await emu.GetJsonAsync(TestEmulator.Api);
        Assert.Equal(NewestFirst.Take(5).Select(n => n.Id), page.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("id").GetString()));

        var id = emu.FirstId();
        await emu.SendJsonAsync(HttpMethod.Put, $"{TestEmulator.Api}/{id}", """{"name":"changed"}""");
        await emu.Http.DeleteAsync($"{TestEmulator.Api}/{NewestFirst.ElementAt(1).Id}");
        var (bought, _) = await emu.SendJsonAsync(HttpMethod.Post, TestEmulator.Api, """{"number":"+15035550123"}""");
        Assert.Equal(HttpStatusCode.OK, bought.StatusCode);
        Assert.Equal("+15035550123", emu.State.Numbers.AllNewestFirst()[0].Number); // a purchase is the newest

        var (reset, body) = await emu.SendJsonAsync(HttpMethod.Post, "__emulator/reset", "");
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(5, body.GetProperty("numbers").GetInt32());
        Assert.Equal(NewestFirst.Take(5).Select(n => n.ToJson()), emu.State.Numbers.AllNewestFirst().Select(n => n.ToJson()));

        await emu.SendJsonAsync(HttpMethod.Post, "__emulator/reset", """{"numbers":3}""");
        Assert.Equal(SeedData.Create(3).Reverse().Select(n => n.ToJson()), emu.State.Numbers.AllNewestFirst().Select(n => n.ToJson()));
    }
}
