using System.Text;
using System.Text.Json.Nodes;
using SignalWire.PowerShell.Client;
using SignalWire.Tests.Shared;

namespace SignalWire.PowerShell.Tests;

/// <summary>
/// The real captures, damaged in thousands of ways (fixed seed, so a failure reproduces): the readers either read them
/// or refuse them with an InvalidResponse <see cref="SignalWireApiException"/>, never with any other exception, and the
/// error reader never throws at all.
/// </summary>
public class JsonFuzzTests
{
    private const int Seed = 20250603;

    private static readonly string[] WrongValues =
    [
        "null", "\"\"", "0", "-1.5", "1e400", "12345678901234567890123", "true", "false", "[]", "[\"a\"]", "[null]", "[[1]]",
        "{}", "{\"a\":1}", "{\"voice\":true}", "\"\\u0000\"", "\"\\ud800\"", "\"not-a-date\"", "\"9999-12-31T23:59:59-01:00\"",
        "\"0001-01-01T00:00:00+01:00\"", "\"2025-02-30T10:00:00Z\"", "\"" + new string('x', 20_000) + "\"", "\"ünïcødé ☎\"",
        "\"<script>\"", Deep(100),
    ];

    private static string Deep(int depth) => new string('[', depth) + new string(']', depth);

    private sealed class Outcome
    {
        public int Cases;
        public int Read;
        public int Refused;
        public List<string> Failures { get; } = [];
    }

    private static void Check(byte[] body, string what, Outcome outcome)
    {
        outcome.Cases++;
        Try(() => PhoneNumberJson.ReadPhoneNumber(body, 200), "ReadPhoneNumber", body, what, outcome);
        Try(() => WholePage.Read(body, 200), "a whole page", body, what, outcome);
        Try(() => PhoneNumberJson.ReadAvailableNumbers(body, 200), "ReadAvailableNumbers", body, what, outcome);
        // A page read as its numbers are taken ends the same way as one read whole, and as the whole body parsed first.
        var reference = PageReadWhole(body);
        var whole = PageOutcome(() => WholePage.Read(body, 200).Numbers, () => WholePage.Read(body, 200).Next);
        string page;
        try
        {
            var opened = PhoneNumberJson.OpenPage(body, 200);
            page = PageOutcome(() => opened.NumbersAsRead.ToList(), () => opened.Next);
        }
        catch (SignalWireApiException e) when (e.Kind == SignalWireErrorKind.InvalidResponse)
        {
            page = "refused";
        }
        if (whole != reference || page != reference)
            outcome.Failures.Add($"pages, {what}: parsed first {reference}; read whole {whole}; read as taken {page} | {Preview(body)}");
        try
        {
            PhoneNumberJson.ReadErrorMessage(body);
        }
        catch (Exception e)
        {
            outcome.Failures.Add($"ReadErrorMessage, {what}: {e.GetType().Name}: {e.Message} | {Preview(body)}");
        }
    }

    // A page's numbers and next link, or "refused" for an InvalidResponse error (anything else escapes and fails the test).
    private static string PageOutcome(Func<IEnumerable<Models.PhoneNumber>> numbers, Func<Uri?> next)
    {
        try
        {
            return string.Join(",", numbers().Select(n => n.Id)) + " next " + next();
        }
        catch (SignalWireApiException e) when (e.Kind == SignalWireErrorKind.InvalidResponse)
        {
            return "refused";
        }
    }

    // The page as the body parsed whole and then read gives it: the oracle for the reader that reads as it goes.
    private static string PageReadWhole(byte[] body)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != System.Text.Json.JsonValueKind.Object || !root.TryGetProperty("data", out var data)
                || data.ValueKind != System.Text.Json.JsonValueKind.Array) return "refused";
            var ids = data.EnumerateArray().Select(item => PhoneNumberJson.ReadPhoneNumber(Utf8.Bytes(item.GetRawText()), 200).Id).ToList();
            Uri? next = null;
            if (root.TryGetProperty("links", out var links) && links.ValueKind == System.Text.Json.JsonValueKind.Object
                && links.TryGetProperty("next", out var link) && link.ValueKind != System.Text.Json.JsonValueKind.Null)
            {
                if (link.ValueKind != System.Text.Json.JsonValueKind.String) return "refused";
                var text = link.GetString();
                if (!string.IsNullOrEmpty(text)) next = ApiJson.ParseLink(text!, null) ?? throw SignalWireApiException.InvalidResponse("link", 200);
            }
            return string.Join(",", ids) + " next " + next;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException || e is InvalidOperationException
            || (e is SignalWireApiException api && api.Kind == SignalWireErrorKind.InvalidResponse))
        {
            return "refused";
        }
    }

    private static void Try(Func<object> read, string reader, byte[] body, string what, Outcome outcome)
    {
        try
        {
            var result = read();
            if (result is Models.PhoneNumber number && number.Id.Length == 0)
            {
                outcome.Failures.Add($"{reader}, {what}: read a number without an id | {Preview(body)}");
            }
            if (result is IReadOnlyList<Models.AvailablePhoneNumber> found && found.Any(n => string.IsNullOrEmpty(n.Number)))
            {
                outcome.Failures.Add($"{reader}, {what}: read a search result without its number | {Preview(body)}");
            }
            outcome.Read++;
        }
        catch (SignalWireApiException e) when (e.Kind == SignalWireErrorKind.InvalidResponse && e.StatusCode == 200)
        {
            outcome.Refused++;
        }
        catch (Exception e)
        {
            outcome.Failures.Add($"{reader}, {what}: {e.GetType().Name}: {e.Message} | {Preview(body)}");
        }
    }

    private static string Preview(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        return text.Length > 160 ? text[..160] + "..." : text;
    }

    private static void AssertClean(Outcome outcome, int minimumCases)
    {
        Assert.True(outcome.Failures.Count == 0,
            $"{outcome.Failures.Count} of {outcome.Cases} cases failed, e.g.:\n" + string.Join("\n", outcome.Failures.Take(10)));
        Assert.True(outcome.Cases >= minimumCases, $"only {outcome.Cases} cases ran");
    }

    private static JsonObject Fixture() => JsonNode.Parse(Fixtures.Text(Fixtures.PhoneNumber))!.AsObject();

    private const string Marker = "__fuzz_value__";

    /// <summary>The JSON text with the marker replaced by raw JSON (raw text, as some values are beyond JsonNode).</summary>
    private static string Substitute(JsonNode json, string rawValue) =>
        json.ToJsonString().Replace("\"" + Marker + "\"", rawValue, StringComparison.Ordinal);

    /// <summary>A page holding the fixture and the given (possibly damaged) number, with a next link.</summary>
    private static string PageAround(string item) =>
        "{\"links\":{\"self\":\"https://example.signalwire.com/api/relay/rest/phone_numbers\","
        + "\"next\":\"https://example.signalwire.com/api/relay/rest/phone_numbers?page_number=1&page_token=PAx\"},\"data\":["
        + Fixtures.Text(Fixtures.PhoneNumber) + "," + item + "]}";

    private static IEnumerable<(string Name, byte[] Body)> Seeds()
    {
        yield return ("phone number", Fixtures.Bytes(Fixtures.PhoneNumber));
        yield return ("page", Utf8.Bytes(PageAround(Fixtures.Text(Fixtures.PhoneNumber))));
        yield return ("422", Fixtures.Bytes(Fixtures.Error422));
        yield return ("search", Fixtures.Bytes(Fixtures.Search));
    }

    [Fact]
    public void Truncation_at_every_length()
    {
        var outcome = new Outcome();
        foreach (var (name, body) in Seeds())
        {
            for (var length = 0; length < body.Length; length++)
            {
                Check(body[..length], $"{name} cut at {length}", outcome);
            }
        }
        AssertClean(outcome, 5_000);
        Assert.True(outcome.Refused > 5_000);
    }

    [Fact]
    public void Every_field_given_every_wrong_type()
    {
        var outcome = new Outcome();
        var keys = Fixture().Select(p => p.Key).Concat(["e911_status", "message_relay_application"]).ToList();
        foreach (var key in keys)
        {
            foreach (var value in WrongValues)
            {
                var json = Fixture();
                json[key] = Marker;
                var item = Substitute(json, value);
                Check(Utf8.Bytes(item), $"{key} = {value[..Math.Min(40, value.Length)]}", outcome);
                Check(Utf8.Bytes(PageAround(item)), $"page with {key} = {value[..Math.Min(40, value.Length)]}", outcome);
            }
        }
        AssertClean(outcome, 1_000);
        Assert.True(outcome.Read > 500 && outcome.Refused > 500, $"read {outcome.Read}, refused {outcome.Refused}");
    }

    private static JsonObject SearchFixture() => JsonNode.Parse(Fixtures.Text(Fixtures.Search))!.AsObject();

    [Fact]
    public void Every_search_result_field_given_every_wrong_type_or_missing()
    {
        var outcome = new Outcome();
        var searchRead = 0;
        var keys = SearchFixture()["data"]![0]!.AsObject().Select(p => p.Key).Concat(["number", "unknown_field"]).ToList();
        foreach (var key in keys)
        {
            foreach (var value in WrongValues)
            {
                var json = SearchFixture();
                json["data"]![1]![key] = Marker;
                var body = Utf8.Bytes(Substitute(json, value));
                Check(body, $"search result {key} = {value[..Math.Min(40, value.Length)]}", outcome);
                if (Reads(body)) searchRead++;
            }
            var without = SearchFixture();
            without["data"]![1]!.AsObject().Remove(key);
            Check(Utf8.Bytes(without.ToJsonString()), "search result without " + key, outcome);
        }
        foreach (var part in new[] { "links", "data", "item" })
        {
            foreach (var value in WrongValues)
            {
                var json = SearchFixture();
                if (part == "item") json["data"]![0] = Marker;
                else json[part] = Marker;
                Check(Utf8.Bytes(Substitute(json, value)), $"search {part} = {value[..Math.Min(40, value.Length)]}", outcome);
            }
        }
        AssertClean(outcome, 250);
        // Both outcomes happen: a wrong optional field's type is refused, an unknown field is ignored.
        Assert.True(searchRead > 20 && outcome.Refused > 100, $"search read {searchRead}, refused {outcome.Refused}");

        static bool Reads(byte[] body)
        {
            try
            {
                PhoneNumberJson.ReadAvailableNumbers(body, 200);
                return true;
            }
            catch (SignalWireApiException)
            {
                return false;
            }
        }
    }

    [Fact]
    public void Random_values_in_random_search_result_fields()
    {
        var random = new Random(Seed + 2);
        var outcome = new Outcome();
        var keys = SearchFixture()["data"]![0]!.AsObject().Select(p => p.Key).Append("number").ToList();
        for (var i = 0; i < 2_000; i++)
        {
            var json = SearchFixture();
            var item = json["data"]![random.Next(2)]!.AsObject();
            var changes = 1 + random.Next(4);
            for (var c = 0; c < changes; c++)
            {
                var key = random.Next(5) == 0 ? "x_" + random.Next(100) : keys[random.Next(keys.Count)];
                if (random.Next(6) == 0) item.Remove(key);
                else item[key] = RandomValue(random, 0);
            }
            Check(Utf8.Bytes(json.ToJsonString()), "random search #" + i, outcome);
        }
        AssertClean(outcome, 2_000);
    }

    [Fact]
    public void Every_field_missing_and_page_parts_damaged()
    {
        var outcome = new Outcome();
        foreach (var key in Fixture().Select(p => p.Key).ToList())
        {
            var json = Fixture();
            json.Remove(key);
            Check(Utf8.Bytes(json.ToJsonString()), "without " + key, outcome);
            Check(Utf8.Bytes(PageAround(json.ToJsonString())), "page item without " + key, outcome);
        }
        foreach (var part in new[] { "links", "data", "self", "next" })
        {
            foreach (var value in WrongValues)
            {
                var page = JsonNode.Parse(PageAround(Fixtures.Text(Fixtures.PhoneNumber)))!.AsObject();
                if (part is "links" or "data") page[part] = Marker;
                else page["links"]![part] = Marker;
                Check(Utf8.Bytes(Substitute(page, value)), $"page {part} = {value[..Math.Min(40, value.Length)]}", outcome);
            }
        }
        AssertClean(outcome, 150);
    }

    [Fact]
    public void Extra_fields_and_unknown_values_always_read()
    {
        var json = Fixture();
        foreach (var key in new[] { "call_handler", "message_handler", "call_receive_mode", "number_type", "e911_status",
            "call_request_method", "country_code" })
        {
            json[key] = "value_from_the_future";
        }
        json["capabilities"] = JsonNode.Parse("""["voice","rcs","hologram"]""");
        // Fields the module does not know, of every type (not deeper than the parser's limit of 64, which is not JSON it reads).
        var extras = string.Concat(WrongValues.Where(v => v != Deep(100)).Select((value, i) => $"\"future_field_{i}\":{value},"));
        var text = "{" + extras + json.ToJsonString()[1..];
        var number = PhoneNumberJson.ReadPhoneNumber(Utf8.Bytes(text));
        Assert.Equal("value_from_the_future", number.CallHandler);
        Assert.Equal("value_from_the_future", number.MessageHandler);
        Assert.Equal("value_from_the_future", number.CallReceiveMode);
        Assert.Equal("value_from_the_future", number.NumberType);
        Assert.Equal("value_from_the_future", number.E911Status);
        Assert.Equal(new[] { "voice", "rcs", "hologram" }, number.Capabilities);
        Assert.Equal("+11112223333", number.Number);

        var page = WholePage.Read(Utf8.Bytes("{\"future\":{\"x\":[1]},\"links\":{\"self\":\"https://x.signalwire.com/a\",\"last\":7,\"cursor\":{}},"
            + "\"data\":[" + text + "]}"));
        Assert.Single(page.Numbers);
        Assert.Null(page.Next);
    }

    [Fact]
    public void Random_byte_level_damage()
    {
        var random = new Random(Seed);
        var outcome = new Outcome();
        var seeds = Seeds().ToList();
        byte[][] invalidUtf8 = [[0xFF], [0xC3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]];
        const string Tokens = "{}[]\",:\\0123456789-+.eEtrufalsn \t\n";
        for (var i = 0; i < 6_000; i++)
        {
            var (name, original) = seeds[random.Next(seeds.Count)];
            var body = new List<byte>(original);
            var operations = 1 + random.Next(4);
            var what = new StringBuilder(name);
            for (var op = 0; op < operations && body.Count > 0; op++)
            {
                var at = random.Next(body.Count);
                switch (random.Next(6))
                {
                    case 0:
                        body[at] = (byte)random.Next(256);
                        what.Append($" set[{at}]");
                        break;
                    case 1:
                        body.Insert(at, (byte)Tokens[random.Next(Tokens.Length)]);
                        what.Append($" insert[{at}]");
                        break;
                    case 2:
                        var length = Math.Min(1 + random.Next(40), body.Count - at);
                        body.RemoveRange(at, length);
                        what.Append($" delete[{at}..+{length}]");
                        break;
                    case 3:
                        var span = Math.Min(1 + random.Next(80), body.Count - at);
                        body.InsertRange(random.Next(body.Count), body.GetRange(at, span));
                        what.Append($" duplicate[{at}..+{span}]");
                        break;
                    case 4:
                        body.InsertRange(at, invalidUtf8[random.Next(invalidUtf8.Length)]);
                        what.Append($" bad-utf8[{at}]");
                        break;
                    default:
                        var other = random.Next(body.Count);
                        (body[at], body[other]) = (body[other], body[at]);
                        what.Append($" swap[{at},{other}]");
                        break;
                }
            }
            Check(body.ToArray(), what.ToString(), outcome);
        }
        AssertClean(outcome, 6_000);
    }

    [Fact]
    public void Random_values_in_random_fields()
    {
        var random = new Random(Seed + 1);
        var outcome = new Outcome();
        var keys = Fixture().Select(p => p.Key).ToList();
        for (var i = 0; i < 2_000; i++)
        {
            var json = Fixture();
            var changes = 1 + random.Next(5);
            for (var c = 0; c < changes; c++)
            {
                var key = random.Next(5) == 0 ? "x_" + random.Next(100) : keys[random.Next(keys.Count)];
                if (random.Next(6) == 0) json.Remove(key);
                else json[key] = RandomValue(random, 0);
            }
            var item = json.ToJsonString();
            Check(Utf8.Bytes(item), "random fields #" + i, outcome);
            Check(Utf8.Bytes(PageAround(item)), "random page #" + i, outcome);
        }
        AssertClean(outcome, 4_000);
        Assert.True(outcome.Read > 100 && outcome.Refused > 100, $"read {outcome.Read}, refused {outcome.Refused}");
    }

    private static JsonNode? RandomValue(Random random, int depth)
    {
        switch (random.Next(depth > 3 ? 5 : 8))
        {
            case 0: return null;
            case 1: return JsonValue.Create(random.Next(2) == 0);
            case 2: return JsonValue.Create(random.NextDouble() * Math.Pow(10, random.Next(-5, 30)) * (random.Next(2) == 0 ? -1 : 1));
            case 3: return JsonValue.Create(RandomText(random));
            case 4: return JsonValue.Create(random.Next(2) == 0 ? "" : "2025-06-03T15:51:29Z");
            case 5:
                var array = new JsonArray();
                for (var i = random.Next(4); i > 0; i--) array.Add(RandomValue(random, depth + 1));
                return array;
            default:
                var obj = new JsonObject();
                for (var i = random.Next(4); i > 0; i--) obj["k" + random.Next(10)] = RandomValue(random, depth + 1);
                return obj;
        }
    }

    private static string RandomText(Random random)
    {
        var chars = new char[random.Next(12)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)random.Next(random.Next(4) == 0 ? 0x3000 : 0x80);
        }
        return new string(chars);
    }

    [Fact]
    public void Things_that_are_not_JSON_or_not_the_right_JSON()
    {
        var outcome = new Outcome();
        string[] bodies =
        [
            "", " ", "\r\n", "null", "true", "42", "\"text\"", "[]", "[{}]", "{}", "{\"data\":[]}",
            "<html><body>Bad Gateway</body></html>", "<?xml version=\"1.0\"?><error/>", "Internal Server Error",
            "{\"id\":\"x\"}{\"id\":\"y\"}", "{\"id\":\"x\",}", "{'id':'x'}", "{\"id\":\"x\" /* c */}", "\uFEFF" + Fixtures.Text(Fixtures.PhoneNumber),
            Deep(10_000), "{\"data\":" + Deep(200) + "}", new string('{', 5_000),
        ];
        foreach (var body in bodies)
        {
            Check(Utf8.Bytes(body), "literal " + body[..Math.Min(30, body.Length)], outcome);
        }
        Check([0x00, 0x01, 0x02], "binary", outcome);
        Check([0xEF, 0xBB, 0xBF], "bom only", outcome);
        Check(Encoding.Unicode.GetBytes(Fixtures.Text(Fixtures.PhoneNumber)), "utf-16", outcome);
        AssertClean(outcome, bodies.Length);
    }
}
