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
    string Name, string? Text, IReadOnlyList<string>? Items = null, string? Problem = null, bool FromCsv = false, string? Json = null);

/// <summary>What every builder reads from a value: a text, or a date.</summary>
internal static partial class SeedValues
{
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

