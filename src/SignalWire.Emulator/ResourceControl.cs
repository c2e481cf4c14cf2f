namespace SignalWire.Emulator;

/// <summary>
/// The body of POST /__emulator/resources: one resource or an array of them, in the API's JSON (or the module's
/// PascalCase), read as a snapshot's resources are. A test may leave out what it does not care about: the id (a
/// deterministic one is given), the dates and the object named after the type.
/// </summary>
internal static class ResourceControl
{
    private const ulong AddedIdSalt = 0xADD0_0000_0003_0000;

    /// <summary>The resources a body describes, or a <see cref="FormatException"/> naming what is wrong.</summary>
    /// <param name="resources">The project's resources, so the ids given are new ones.</param>
    public static IReadOnlyList<FabricResource> Read(string? body, ResourceStore resources)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new FormatException("Send a resource object (id, type, display_name...) or an array of them.");
        }
        try
        {
            var records = JsonSeedReader.Read(body);
            // A removal lowers the count, so the id at the count may be held: the first free one from there is given.
            var inBody = records.Select(r => r.Properties.TryGetValue("id", out var given) ? given.Text : null)
                .OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
            bool IsUsed(string id) => inBody.Contains(id) || resources.Get(id) is not null;
            var count = resources.Count;
            for (var i = 0; i < records.Count; i++)
            {
                var properties = records[i].Properties;
                if (!properties.TryGetValue("id", out var id) || string.IsNullOrEmpty(id.Text))
                {
                    var generated = SeedData.UnusedDeterministicId(count + i, AddedIdSalt, IsUsed);
                    inBody.Add(generated);
                    properties["id"] = new SeedValue("id", generated);
                }
                if (SeedFile.KindOf(records[i]) != SeedKind.Resource)
                {
                    throw new FormatException($"{records[i].Where}: a resource needs its type.");
                }
            }
            // Oldest first, as the store adds them: the body's first resource is listed first, as in a snapshot.
            return SeedResourceBuilder.Build(records, []);
        }
        catch (SeedFileException e)
        {
            throw new FormatException(e.Message, e);
        }
    }
}
