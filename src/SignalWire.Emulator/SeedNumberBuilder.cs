namespace SignalWire.Emulator;

/// <summary>
/// Turns the records of any seed format into the numbers the emulator serves, oldest first (the file's first record is
/// the newest, listed first), checking what each number needs and guessing, with a warning, what a snapshot lacks.
/// </summary>
internal static class SeedNumberBuilder
{
    private static readonly HashSet<string> DateFields = new(StringComparer.Ordinal) { "created_at", "updated_at", "next_billed_at" };


    public static (IReadOnlyList<EmulatedNumber> Numbers, List<string> Warnings) Build(List<SeedRecord> records)
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

            var id = SeedValues.Uuid(records[i], "id", SeedValues.Required(records[i], "id", "number"));
            var number = SeedValues.Required(records[i], "number", "number");
            if (!PhoneNumberStore.IsE164(number))
            {
                throw new SeedFileException($"{where}: \"{properties["number"].Name}\" '{number}' is not an E.164 number such as +15551234567.");
            }
            SeedValues.Claim(byId, id, where, "the id");
            SeedValues.Claim(byNumber, number, where, "the number");

            IReadOnlyList<string> capabilities;
            if (properties.TryGetValue("capabilities", out var caps) && Capabilities(where, caps) is { } read)
            {
                capabilities = read;
            }
            else
            {
                capabilities = SeedFile.DefaultCapabilities;
                guessedCapabilities++;
            }

            var dates = new Dictionary<string, DateTime?>(StringComparer.Ordinal);
            foreach (var field in DateFields)
            {
                dates[field] = properties.TryGetValue(field, out var value) ? SeedValues.Date(where, value) : null;
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
                var text = SeedValues.Text(where, value);
                settings[field] = string.IsNullOrEmpty(text) ? EmulatedNumber.UnsetValue(field) : text;
            }
            if (dates["updated_at"] is { } updatedAt)
            {
                settings["updated_at"] = EmulatedNumber.FormatDate(updatedAt);
            }
            var name = settings.Remove("name", out var n) ? n : null;
            var numberType = settings.Remove("number_type", out var t) && t is not null
                ? t
                : PhoneNumberStore.NumberTypeOf(number);
            numbers[ordinal] = EmulatedNumber.Create(ordinal, id, number, name, capabilities, numberType, createdAt, nextBilledAt, settings);
        }

        if (ignored.Count > 0)
        {
            warnings.Add($"ignored properties this emulator does not serve: {string.Join(", ", ignored)}.");
        }
        if (guessedCapabilities > 0)
        {
            warnings.Add($"{guessedCapabilities} number(s) without capabilities in the snapshot (none, or only a type name such as " +
                $"\"System.String[]\") were given {string.Join(", ", SeedFile.DefaultCapabilities)}.");
        }
        if (guessedDates > 0)
        {
            warnings.Add($"{guessedDates} number(s) without a creation date were given made-up dates; the list order is the file's order.");
        }
        return (numbers, warnings);
    }

    /// <summary>A list; from a CSV cell, texts joined by spaces, commas or semicolons. Null when not recorded.</summary>
    private static IReadOnlyList<string>? Capabilities(string where, SeedValue value)
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
}
