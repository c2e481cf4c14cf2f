using System.Text;
using System.Text.Json;

namespace SignalWire.Emulator;

/// <summary>
/// Reads a JSON snapshot into records: ConvertTo-Json of the module's objects (PascalCase) or the API's own JSON
/// (snake_case); an array, one object, or a list page <c>{"data":[...]}</c>. Both spellings meet in one reader because
/// <see cref="SeedFile.Normalize"/> makes their names the same.
/// </summary>
internal static class JsonSeedReader
{
    public static List<SeedRecord> Read(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            var reason = e.Message;
            var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            reason = cut > 0 ? reason[..cut] : reason;
            throw new SeedFileException($"line {(e.LineNumber ?? 0) + 1}: not valid JSON: {reason}");
        }
        using (document)
        {
            var root = document.RootElement;
            var lines = new LineCounter(bytes);
            var starts = ItemStarts(bytes);
            IEnumerable<JsonElement> items;
            if (root.ValueKind == JsonValueKind.Array)
            {
                items = root.EnumerateArray();
            }
            else if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                items = data.EnumerateArray(); // a list page of the API
            }
            else
            {
                items = [root]; // one number or resource, as ConvertTo-Json writes a single object
            }
            var records = new List<SeedRecord>();
            var index = 0;
            foreach (var item in items)
            {
                var where = starts.Count > index ? $"item {index + 1} (line {lines.LineOf(starts[index])})" : $"item {index + 1}";
                index++;
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new SeedFileException($"{where}: expected a phone number object, found {Describe(item.ValueKind)}.");
                }
                var properties = new Dictionary<string, SeedValue>(StringComparer.Ordinal);
                foreach (var property in item.EnumerateObject())
                {
                    properties[SeedFile.Normalize(property.Name)] = FromJson(property.Name, property.Value);
                }
                records.Add(new SeedRecord(where, properties));
            }
            return records;
        }
    }

    private static SeedValue FromJson(string name, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return new SeedValue(name, null);
            case JsonValueKind.String:
                return new SeedValue(name, value.GetString());
            case JsonValueKind.True:
            case JsonValueKind.False:
                // A flag (a campaign's number_pooling_required), read as a CSV cell would give it.
                return new SeedValue(name, value.GetBoolean() ? "true" : "false");
            case JsonValueKind.Array:
                var items = new List<string>();
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return new SeedValue(name, null, Problem: $"must be a list of texts, but holds {Describe(item.ValueKind)}");
                    }
                    items.Add(item.GetString()!);
                }
                return new SeedValue(name, null, items);
            case JsonValueKind.Object:
                // A DateTime that carried PowerShell notes (Windows PowerShell 5.1): {"value":"...","DisplayHint":2,...}.
                foreach (var property in value.EnumerateObject())
                {
                    if (property.NameEquals("value") || property.NameEquals("Value"))
                    {
                        return FromJson(name, property.Value);
                    }
                }
                return new SeedValue(name, null, Problem: "must be a text, not an object", Json: value.GetRawText());
            default:
                return new SeedValue(name, null, Problem: $"must be a text, not {Describe(value.ValueKind)}");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a text",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        _ => "null",
    };

    /// <summary>Byte offsets where each number starts (root array items, or the items of "data"), for line numbers.</summary>
    private static List<long> ItemStarts(byte[] bytes)
    {
        var starts = new List<long>();
        var reader = new Utf8JsonReader(bytes);
        if (!reader.Read())
        {
            return starts;
        }
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            var isPage = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isData = reader.ValueTextEquals("data");
                reader.Read();
                if (isData && reader.TokenType == JsonTokenType.StartArray)
                {
                    isPage = true;
                    break;
                }
                reader.Skip();
            }
            if (!isPage)
            {
                starts.Add(0);
                return starts;
            }
        }
        else if (reader.TokenType != JsonTokenType.StartArray)
        {
            return starts;
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            starts.Add(reader.TokenStartIndex);
            reader.Skip();
        }
        return starts;
    }

    private sealed class LineCounter(byte[] bytes)
    {
        private long _offset;
        private int _line = 1;

        /// <summary>The 1-based line of an offset; offsets must come in increasing order.</summary>
        public int LineOf(long offset)
        {
            for (; _offset < offset && _offset < bytes.Length; _offset++)
            {
                if (bytes[_offset] == (byte)'\n')
                {
                    _line++;
                }
            }
            return _line;
        }
    }
}
