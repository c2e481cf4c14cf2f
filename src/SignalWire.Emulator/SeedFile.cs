using System.Text;

namespace SignalWire.Emulator;

/// <summary>The numbers read from a snapshot, oldest first (ordinal = index), and what was guessed or ignored.</summary>
public sealed record SeedSnapshot(IReadOnlyList<EmulatedNumber> Numbers, IReadOnlyList<string> Warnings)
{
    /// <summary>The Fabric resources of the snapshot, oldest first; none when it holds only numbers.</summary>
    public IReadOnlyList<FabricResource> Resources { get; init; } = [];

    /// <summary>
    /// The 10DLC registry of the snapshot (brands, campaigns, assignments); without campaigns in it, the generated brands
    /// and campaigns, holding none of its numbers.
    /// </summary>
    public required RegistrySeed Registry { get; init; }
}

/// <summary>What a record of a snapshot is (<see cref="SeedFile.KindOf"/>).</summary>
internal enum SeedKind
{
    Number,
    Resource,
    Brand,
    Campaign,
    Assignment,
}

/// <summary>A snapshot the emulator cannot serve: the message names the line or item and the reason.</summary>
public sealed class SeedFileException(string message) : Exception(message);

/// <summary>
/// Reads a snapshot of a real project's numbers, and of its Fabric resources when it holds them, so the emulator serves
/// exactly them: the module's objects (<c>Get-SwPhoneNumber | ConvertTo-Json</c>, <c>Export-Csv</c>, <c>Export-Clixml</c>,
/// PascalCase properties) or the API's own JSON (snake_case; an array, one object, or a list page <c>{"data":[...]}</c>).
/// One reader per format (<see cref="JsonSeedReader"/>, <see cref="CsvSeedReader"/>, <see cref="ClixmlSeedReader"/>)
/// turns the file into records; a record with a type and no number is a resource, any other a number. The file's order is
/// the list's order: the first is listed first, as Get-SwPhoneNumber wrote it. Property names are matched without regard
/// to case or underscores, so both spellings meet in one code path. Several files (numbers in one, resources in another,
/// as a CSV file holds one kind) read as one snapshot. Records of the 10DLC registry (brands, campaigns, assignments of
/// numbers to campaigns, see <see cref="SeedRegistryBuilder"/>) may come in the same files.
/// </summary>
public static class SeedFile
{
    /// <summary>Capabilities given to a number whose snapshot does not hold them (e.g. a CSV cell "System.String[]").</summary>
    public static readonly IReadOnlyList<string> DefaultCapabilities = ["voice", "fax", "sms", "mms"];

    /// <summary>Reads <paramref name="path"/>; throws <see cref="SeedFileException"/> when it cannot be served.</summary>
    public static SeedSnapshot Load(string path) => Load([path]);

    /// <summary>
    /// Reads several files as one snapshot, in order (the first file's first object is listed first); a message about one
    /// of several files starts with its path.
    /// </summary>
    public static SeedSnapshot Load(IReadOnlyList<string> paths)
    {
        var records = new List<SeedRecord>();
        foreach (var path in paths)
        {
            try
            {
                var read = Read(ReadBytes(path));
                records.AddRange(paths.Count == 1 ? read : read.Select(r => r with { Where = $"{path}: {r.Where}" }));
            }
            catch (SeedFileException e) when (paths.Count > 1)
            {
                throw new SeedFileException($"{path}: {e.Message}");
            }
        }
        return Build(records);
    }

    /// <summary>Reads a snapshot's bytes (UTF-8, or UTF-16 with a byte order mark as Windows PowerShell 5.1's '>' writes).</summary>
    public static SeedSnapshot Parse(byte[] bytes) => Build(Read(bytes));

    private static byte[] ReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SeedFileException($"cannot read the file: {e.Message}");
        }
    }

    private static List<SeedRecord> Read(byte[] bytes)
    {
        var text = Decode(bytes);
        var start = text.AsSpan().TrimStart();
        if (start.IsEmpty)
        {
            throw new SeedFileException("the file is empty (a snapshot of a project without numbers is [] ).");
        }
        return start[0] switch
        {
            '[' or '{' => JsonSeedReader.Read(text),
            '<' => ClixmlSeedReader.Read(text),
            _ => CsvSeedReader.Read(text),
        };
    }

    private static SeedSnapshot Build(List<SeedRecord> records)
    {
        var kinds = records.ToLookup(KindOf); // each group keeps the file's order
        var (numbers, warnings) = SeedNumberBuilder.Build([.. kinds[SeedKind.Number]]);
        var resources = SeedResourceBuilder.Build([.. kinds[SeedKind.Resource]], warnings);
        var registry = SeedRegistryBuilder.Build(
            new RegistryRecords([.. kinds[SeedKind.Brand]], [.. kinds[SeedKind.Campaign]], [.. kinds[SeedKind.Assignment]]), numbers);
        return new SeedSnapshot(numbers, warnings) { Resources = resources, Registry = registry };
    }

    /// <summary>
    /// What a record is, from the fields it holds: an assignment names a campaign (by id, or by name beside a number); a
    /// resource has a type and no number; a number has a number; a campaign has a use case or a brand id; a brand has a
    /// company name. Anything else is read as a number, which then says what it lacks.
    /// </summary>
    internal static SeedKind KindOf(SeedRecord record)
    {
        bool Has(string field) => record.Properties.TryGetValue(field, out var value)
            && (value.Text is { Length: > 0 } || value.Json is not null || value.Items is not null);
        if (Has("campaign_id") || (Has("campaign_name") && (Has("number") || Has("phone_number"))))
        {
            return SeedKind.Assignment;
        }
        if (Has("number"))
        {
            return SeedKind.Number;
        }
        if (Has("type"))
        {
            return SeedKind.Resource;
        }
        if (Has("sms_use_case") || Has("brand_id"))
        {
            return SeedKind.Campaign;
        }
        return Has("company_name") ? SeedKind.Brand : SeedKind.Number;
    }

    private static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(
            new MemoryStream(bytes), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
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
}
