using System.Globalization;
using System.Text.RegularExpressions;

namespace SignalWire.Emulator;

/// <summary>One object of a snapshot as a reader found it: its location for messages and its properties, keyed by normalized name.</summary>
internal sealed record SeedRecord(string Where, Dictionary<string, SeedValue> Properties);

/// <summary>
/// A property value as read: null, text or a list of texts; <c>Name</c> is the spelling in the file. <c>Json</c> holds an
/// object's own JSON where a reader met one (a resource's object named after its type).
/// </summary>
internal sealed record SeedValue(
    string Name, string? Text, IReadOnlyList<string>? Items = null, string? Problem = null, string? Json = null);

/// <summary>What every builder reads from a record: a text, a required text, a UUID, a date; and what may be used once.</summary>
internal static partial class SeedValues
{
    /// <summary>A field every record of its <paramref name="kind"/> ("number", "resource", "campaign"...) needs.</summary>
    public static string Required(SeedRecord record, string field, string kind)
    {
        if (!record.Properties.TryGetValue(field, out var value))
        {
            throw new SeedFileException($"{record.Where}: no \"{Pascal(field)}\" (or \"{field}\"): every {kind} needs its {field}.");
        }
        return Text(record.Where, value) is { Length: > 0 } text
            ? text
            : throw new SeedFileException($"{record.Where}: \"{value.Name}\" is empty: every {kind} needs its {field}.");
    }

    /// <summary>A plain text the record holds, or null: absent, empty, a list or an object are all left for the caller's default.</summary>
    public static string? Optional(SeedRecord record, string field) =>
        record.Properties.TryGetValue(field, out var value) && value.Json is null && value.Items is null && value.Problem is null
            && value.Text is { Length: > 0 } text ? text : null;

    /// <summary><paramref name="id"/>, read from <paramref name="field"/>, when it is a UUID.</summary>
    public static string Uuid(SeedRecord record, string field, string id) => Guid.TryParseExact(id, "D", out _)
        ? id
        : throw new SeedFileException(
            $"{record.Where}: \"{record.Properties[field].Name}\" '{id}' is not a UUID such as 3970ca4f-e58f-4324-b09c-6b1dbb30383c.");

    /// <summary>Notes that <paramref name="where"/> uses <paramref name="key"/> (an id, a number), which another may not.</summary>
    /// <param name="what">How the message names the key: "the id", "the number".</param>
    public static void Claim(Dictionary<string, string> used, string key, string where, string what)
    {
        if (used.TryGetValue(key, out var other))
        {
            throw new SeedFileException($"{where}: {what} {key} is already used by {other}.");
        }
        used[key] = where;
    }

    public static DateTime? Date(SeedRecord record, string field) =>
        record.Properties.TryGetValue(field, out var value) ? Date(record.Where, value) : null;

    // "display_name" is "DisplayName" in the module's objects.
    private static string Pascal(string field) =>
        string.Concat(field.Split('_').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));

    public static string? Text(string where, SeedValue value)
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

    /// <summary>
    /// ISO 8601 (ConvertTo-Json, the API), /Date(ms)/ (Windows PowerShell 5.1) or M/d/yyyy H:mm:ss (Export-Csv, invariant
    /// culture); UTC when no offset.
    /// </summary>
    public static DateTime? Date(string where, SeedValue value)
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

