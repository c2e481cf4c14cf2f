using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace SignalWire.Emulator;

/// <summary>The numbers read from a snapshot, oldest first (ordinal = index), and what was guessed or ignored.</summary>
public sealed record SeedSnapshot(IReadOnlyList<EmulatedNumber> Numbers, IReadOnlyList<string> Warnings);

/// <summary>A snapshot the emulator cannot serve: the message names the line or item and the reason.</summary>
public sealed class SeedFileException(string message) : Exception(message);

/// <summary>
/// Reads a snapshot of a real project's numbers so the emulator serves exactly them: the module's
/// objects (<c>Get-SwPhoneNumber | ConvertTo-Json</c>, <c>Export-Csv</c>, <c>Export-Clixml</c>, PascalCase
/// properties) or the API's own JSON (snake_case; an array, one number, or a list page <c>{"data":[...]}</c>).
/// The file's order is the list's order: the first number is listed first, as Get-SwPhoneNumber wrote it.
/// Property names are matched without regard to case or underscores, so both spellings meet in one code path.
/// </summary>
public static partial class SeedFile
{
    /// <summary>Capabilities given to a number whose snapshot does not hold them (e.g. a CSV cell "System.String[]").</summary>
    public static readonly IReadOnlyList<string> DefaultCapabilities = ["voice", "fax", "sms", "mms"];

    private static readonly HashSet<string> DateFields = new(StringComparer.Ordinal) { "created_at", "updated_at", "next_billed_at" };

    /// <summary>Reads <paramref name="path"/>; throws <see cref="SeedFileException"/> when it cannot be served.</summary>
    public static SeedSnapshot Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SeedFileException($"cannot read the file: {e.Message}");
        }
        return Parse(bytes);
    }

    /// <summary>Reads a snapshot's bytes (UTF-8, or UTF-16 with a byte order mark as Windows PowerShell 5.1's '>' writes).</summary>
    public static SeedSnapshot Parse(byte[] bytes)
    {
        var text = Decode(bytes);
        var start = text.AsSpan().TrimStart();
        if (start.IsEmpty)
        {
            throw new SeedFileException("the file is empty (a snapshot of a project without numbers is [] ).");
        }
        var records = start[0] switch
        {
            '[' or '{' => ReadJson(text),
            '<' => ReadClixml(text),
            _ => ReadCsv(text),
        };
        return Build(records);
    }

    /// <summary>One number as read: its location for messages and its properties, keyed by normalized name.</summary>
    private sealed record Record(string Where, Dictionary<string, Value> Properties);

    /// <summary>A property value as read: null, text or a list of texts; <c>Name</c> is the spelling in the file.</summary>
    private sealed record Value(string Name, string? Text, IReadOnlyList<string>? Items = null, string? Problem = null, bool FromCsv = false);

    private static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        try
        {
            return reader.ReadToEnd();
        }
        catch (DecoderFallbackException)
        {
            throw new SeedFileException("the file is neither UTF-8 nor UTF-16 with a byte order mark.");
        }
    }

    /// <summary>"CallRelayTopic", "call_relay_topic" and "callRelayTopic" all become "call_relay_topic".</summary>
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
                {
                    builder.Append('_');
                }
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    // ---- JSON: ConvertTo-Json of the module's objects, or the API's own responses ----

    private static List<Record> ReadJson(string text)
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
                items = [root]; // one number, as ConvertTo-Json writes a single object
            }
            var records = new List<Record>();
            var index = 0;
            foreach (var item in items)
            {
                var where = starts.Count > index ? $"item {index + 1} (line {lines.LineOf(starts[index])})" : $"item {index + 1}";
                index++;
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new SeedFileException($"{where}: expected a phone number object, found {Describe(item.ValueKind)}.");
                }
                var properties = new Dictionary<string, Value>(StringComparer.Ordinal);
                foreach (var property in item.EnumerateObject())
                {
                    properties[Normalize(property.Name)] = FromJson(property.Name, property.Value);
                }
                records.Add(new Record(where, properties));
            }
            return records;
        }
    }

    private static Value FromJson(string name, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return new Value(name, null);
            case JsonValueKind.String:
                return new Value(name, value.GetString());
            case JsonValueKind.Array:
                var items = new List<string>();
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return new Value(name, null, Problem: $"must be a list of texts, but holds {Describe(item.ValueKind)}");
                    }
                    items.Add(item.GetString()!);
                }
                return new Value(name, null, items);
            case JsonValueKind.Object:
                // A DateTime that carried PowerShell notes (Windows PowerShell 5.1): {"value":"...","DisplayHint":2,...}.
                foreach (var property in value.EnumerateObject())
                {
                    if (property.NameEquals("value") || property.NameEquals("Value"))
                    {
                        return FromJson(name, property.Value);
                    }
                }
                return new Value(name, null, Problem: "must be a text, not an object");
            default:
                return new Value(name, null, Problem: $"must be a text, not {Describe(value.ValueKind)}");
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

    // ---- CSV: Export-Csv of the module's objects (headers are the property names) ----

    private static List<Record> ReadCsv(string text)
    {
        var rows = CsvRows(text);
        var i = 0;
        if (rows.Count > 0 && rows[0].Fields is [var first, ..] && first.StartsWith("#TYPE", StringComparison.Ordinal))
        {
            i++; // Windows PowerShell 5.1 writes "#TYPE SignalWire.PowerShell.Models.PhoneNumber" first
        }
        if (i >= rows.Count)
        {
            throw new SeedFileException("the CSV file has no header line.");
        }
        var header = rows[i];
        var names = header.Fields.Select(h => h.Trim()).ToList();
        var keys = names.Select(Normalize).ToList();
        if (!keys.Contains("id") || !keys.Contains("number"))
        {
            throw new SeedFileException(
                $"line {header.Line}: not a snapshot: a JSON file starts with [ or {{, a CSV file with a header line naming at least Id and Number " +
                "(Get-SwPhoneNumber | ConvertTo-Json -Depth 5, or Get-SwPhoneNumber | Export-Csv).");
        }
        var records = new List<Record>();
        foreach (var row in rows.Skip(i + 1))
        {
            if (row.Fields is [""])
            {
                continue; // a blank line
            }
            if (row.Fields.Count != names.Count)
            {
                throw new SeedFileException($"line {row.Line}: {row.Fields.Count} values, but the header names {names.Count} columns.");
            }
            var properties = new Dictionary<string, Value>(StringComparer.Ordinal);
            for (var c = 0; c < names.Count; c++)
            {
                var cell = row.Fields[c];
                properties[keys[c]] = new Value(names[c], cell.Length == 0 ? null : cell, FromCsv: true);
            }
            records.Add(new Record($"line {row.Line}", properties));
        }
        return records;
    }

    private sealed record CsvRow(int Line, List<string> Fields);

    /// <summary>RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static List<CsvRow> CsvRows(string text)
    {
        var rows = new List<CsvRow>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowLine = 1;
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }
                    field.Append(c);
                }
                i++;
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    rows.Add(new CsvRow(rowLine, fields));
                    fields = [];
                    line++;
                    rowLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
            i++;
        }
        if (quoted)
        {
            throw new SeedFileException($"line {rowLine}: a quoted value is not closed before the end of the file.");
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add(new CsvRow(rowLine, fields));
        }
        return rows;
    }

    // ---- Clixml: Export-Clixml of the module's objects ----

    private static readonly XNamespace Ps = "http://schemas.microsoft.com/powershell/2004/04";

    private static List<Record> ReadClixml(string text)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(text, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new SeedFileException($"line {e.LineNumber}: not valid XML: {e.Message}");
        }
        if (document.Root is not { } root || root.Name != Ps + "Objs")
        {
            throw new SeedFileException("line 1: an XML snapshot must be Export-Clixml output (<Objs> of PowerShell).");
        }
        var lists = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var records = new List<Record>();
        var index = 0;
        foreach (var obj in root.Elements())
        {
            index++;
            var where = $"item {index} (line {((IXmlLineInfo)obj).LineNumber})";
            var props = obj.Element(Ps + "Props");
            if (obj.Name != Ps + "Obj" || props is null)
            {
                throw new SeedFileException($"{where}: expected a phone number object with properties, found <{obj.Name.LocalName}>.");
            }
            var properties = new Dictionary<string, Value>(StringComparer.Ordinal);
            foreach (var property in props.Elements())
            {
                var name = (string?)property.Attribute("N");
                if (name is null)
                {
                    continue;
                }
                name = DecodeClixml(name);
                properties[Normalize(name)] = property.Name.LocalName switch
                {
                    "Nil" => new Value(name, null),
                    "S" or "DT" or "G" => new Value(name, DecodeClixml(property.Value)),
                    "Obj" => ClixmlList(name, property, lists),
                    "Ref" when (string?)property.Attribute("RefId") is { } id && lists.TryGetValue(id, out var shared) =>
                        new Value(name, null, shared),
                    var other => new Value(name, null, Problem: $"must be a text, not <{other}>"),
                };
            }
            records.Add(new Record(where, properties));
        }
        return records;
    }

    private static Value ClixmlList(string name, XElement obj, Dictionary<string, IReadOnlyList<string>> lists)
    {
        if (obj.Element(Ps + "LST") is not { } list)
        {
            return new Value(name, null, Problem: "must be a text or a list of texts, not an object");
        }
        var items = new List<string>();
        foreach (var item in list.Elements())
        {
            if (item.Name != Ps + "S")
            {
                return new Value(name, null, Problem: $"must be a list of texts, but holds <{item.Name.LocalName}>");
            }
            items.Add(DecodeClixml(item.Value));
        }
        if ((string?)obj.Attribute("RefId") is { } refId)
        {
            lists[refId] = items; // a later <Ref RefId="..."/> reuses it
        }
        return new Value(name, null, items);
    }

    /// <summary>Clixml escapes some characters as _xHHHH_.</summary>
    private static string DecodeClixml(string value) =>
        value.Contains("_x", StringComparison.Ordinal)
            ? ClixmlEscape().Replace(value, m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString())
            : value;

    [GeneratedRegex("_x([0-9A-Fa-f]{4})_")]
    private static partial Regex ClixmlEscape();

    // ---- From records to numbers ----

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    private static SeedSnapshot Build(List<Record> records)
    {
        var warnings = new List<string>();
        var ignored = new SortedSet<string>(StringComparer.Ordinal);
        var guessedCapabilities = 0;
        var guessedDates = 0;
        var byId = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var byNumber = new Dictionary<string, string>(StringComparer.Ordinal);
        var numbers = new EmulatedNumber[records.Count];

        for (var i = 0; i < records.Count; i++)
        {
            var (where, properties) = records[i];
            var ordinal = records.Count - 1 - i; // the first in the file is the newest, listed first

            string Required(string field, string pascal)
            {
                if (!properties.TryGetValue(field, out var value))
                {
                    throw new SeedFileException($"{where}: no \"{pascal}\" (or \"{field}\"): every number needs its {field}.");
                }
                return Text(where, value) is { Length: > 0 } text
                    ? text
                    : throw new SeedFileException($"{where}: \"{value.Name}\" is empty: every number needs its {field}.");
            }

            var id = Required("id", "Id");
            if (!Guid.TryParseExact(id, "D", out _))
            {
                throw new SeedFileException($"{where}: \"{properties["id"].Name}\" '{id}' is not a UUID such as 3970ca4f-e58f-4324-b09c-6b1dbb30383c.");
            }
            var number = Required("number", "Number");
            if (!E164().IsMatch(number))
            {
                throw new SeedFileException($"{where}: \"{properties["number"].Name}\" '{number}' is not an E.164 number such as +15551234567.");
            }
            if (byId.TryGetValue(id, out var other))
            {
                throw new SeedFileException($"{where}: the id {id} is already used by {other}.");
            }
            if (byNumber.TryGetValue(number, out other))
            {
                throw new SeedFileException($"{where}: the number {number} is already used by {other}.");
            }
            byId[id] = where;
            byNumber[number] = where;

            IReadOnlyList<string> capabilities;
            if (properties.TryGetValue("capabilities", out var caps) && Capabilities(where, caps) is { } read)
            {
                capabilities = read;
            }
            else
            {
                capabilities = DefaultCapabilities;
                guessedCapabilities++;
            }

            var dates = new Dictionary<string, DateTime?>(StringComparer.Ordinal);
            foreach (var field in DateFields)
            {
                dates[field] = properties.TryGetValue(field, out var value) ? Date(where, value) : null;
            }
            if (dates["created_at"] is null)
            {
                guessedDates++;
            }
            var createdAt = dates["created_at"] ?? SeedData.FirstCreatedAt.AddMinutes(ordinal);
            var nextBilledAt = dates["next_billed_at"] ?? createdAt.AddMonths(1);

            var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (field, value) in properties)
            {
                if (field is "id" or "number" or "capabilities" || DateFields.Contains(field))
                {
                    continue;
                }
                if (!EmulatedNumber.IsField(field))
                {
                    if (value.Text is { Length: > 0 } || value.Items is { Count: > 0 })
                    {
                        ignored.Add(value.Name); // e.g. a field this emulator does not serve
                    }
                    continue;
                }
                var text = Text(where, value);
                settings[field] = string.IsNullOrEmpty(text) ? EmulatedNumber.UnsetValue(field) : text;
            }
            if (dates["updated_at"] is { } updatedAt)
            {
                settings["updated_at"] = EmulatedNumber.FormatDate(updatedAt);
            }
            var name = settings.Remove("name", out var n) ? n : null;
            var numberType = settings.Remove("number_type", out var t) && t is not null
                ? t
                : number.Length == 12 && number.StartsWith("+1", StringComparison.Ordinal) && PhoneNumberStore.TollFreeAreaCodes.Contains(number[2..5])
                    ? "toll-free" : "longcode";
            numbers[ordinal] = EmulatedNumber.Create(ordinal, id, number, name, capabilities, numberType, createdAt, nextBilledAt, settings);
        }

        if (ignored.Count > 0)
        {
            warnings.Add($"ignored properties this emulator does not serve: {string.Join(", ", ignored)}.");
        }
        if (guessedCapabilities > 0)
        {
            warnings.Add($"{guessedCapabilities} number(s) without capabilities in the snapshot (none, or only a type name such as " +
                $"\"System.String[]\") were given {string.Join(", ", DefaultCapabilities)}.");
        }
        if (guessedDates > 0)
        {
            warnings.Add($"{guessedDates} number(s) without a creation date were given made-up dates; the list order is the file's order.");
        }
        return new SeedSnapshot(numbers, warnings);
    }

    private static string? Text(string where, Value value)
    {
        if (value.Problem is { } problem)
        {
            throw new SeedFileException($"{where}: \"{value.Name}\" {problem}.");
        }
        if (value.Items is not null)
        {
            throw new SeedFileException($"{where}: \"{value.Name}\" must be a text, not a list.");
        }
        return value.Text;
    }

    /// <summary>A list; from a CSV cell, texts joined by spaces, commas or semicolons. Null when not recorded.</summary>
    private static IReadOnlyList<string>? Capabilities(string where, Value value)
    {
        if (value.Problem is { } problem)
        {
            throw new SeedFileException($"{where}: \"{value.Name}\" {problem}.");
        }
        if (value.Items is { } items)
        {
            return items;
        }
        if (value.Text is null || value.Text.EndsWith("[]", StringComparison.Ordinal))
        {
            return null; // "System.String[]": a type's name (Export-Csv of a plain array), not its items
        }
        return value.Text.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>ISO 8601 (ConvertTo-Json, the API), /Date(ms)/ (Windows PowerShell 5.1) or M/d/yyyy H:mm:ss (Export-Csv, invariant culture); UTC when no offset.</summary>
    private static DateTime? Date(string where, Value value)
    {
        var text = Text(where, value);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var match = MicrosoftDate().Match(text);
        if (match.Success)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)).UtcDateTime;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date.UtcDateTime;
        }
        throw new SeedFileException(
            $"{where}: \"{value.Name}\" '{text}' is not a date: write ISO 8601 (2024-01-01T09:00:00Z, as ConvertTo-Json does) " +
            "or M/d/yyyy H:mm:ss (Export-Csv in the invariant or en-US culture).");
    }

    [GeneratedRegex(@"^/Date\((-?[0-9]+)([+-][0-9]{4})?\)/$")]
    private static partial Regex MicrosoftDate();
}
