using System.Text.Json;

namespace SignalWire.Emulator;

/// <summary>
/// Turns the records of any seed format that are Fabric resources (an id, a type and a display name, as the API's
/// resources and the module's objects of them carry) into the resources the emulator serves, oldest first: the file's
/// first resource is listed first. The object named after the type (ai_agent, call_flow...) is kept as written; a record
/// without one, such as a CSV row, gets the least the emulator needs: its inner id, the resource's own.
/// </summary>
internal static class SeedResourceBuilder
{
    private static readonly HashSet<string> BaseFields = new(StringComparer.Ordinal)
    {
        "id", "project_id", "display_name", "type", "created_at", "updated_at",
    };

    public static IReadOnlyList<FabricResource> Build(List<SeedRecord> records, List<string> warnings)
    {
        var ignored = new SortedSet<string>(StringComparer.Ordinal);
        var guessedDates = 0;
        var guessedObjects = 0;
        var byId = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var resources = new FabricResource[records.Count];

        for (var i = 0; i < records.Count; i++)
        {
            var (where, properties) = records[i];
            var ordinal = records.Count - 1 - i; // the first in the file is the newest, listed first

            var id = SeedValues.Uuid(records[i], "id", SeedValues.Required(records[i], "id", "resource"));
            SeedValues.Claim(byId, id, where, "the id");
            var type = SeedValues.Required(records[i], "type", "resource");
            var displayName = SeedValues.Required(records[i], "display_name", "resource");
            var projectId = properties.TryGetValue("project_id", out var project) ? SeedValues.Text(where, project) : null;

            var created = SeedValues.Date(records[i], "created_at");
            var updated = SeedValues.Date(records[i], "updated_at");
            if (created is null)
            {
                guessedDates++;
            }
            var createdAt = created ?? ResourceSeedData.FirstCreatedAt.AddDays(ordinal);

            var objectKey = SeedFile.Normalize(FabricTypes.ObjectKeyOf(type));
            var objectJson = properties.TryGetValue(objectKey, out var body) ? ObjectJson(where, body) : null;
            if (objectJson is null)
            {
                guessedObjects++;
                objectJson = LeastObject(type, id, displayName);
            }
            foreach (var (field, value) in properties)
            {
                var held = value.Text is { Length: > 0 } || value.Items is { Count: > 0 } || value.Json is not null;
                if (held && !BaseFields.Contains(field) && field != objectKey)
                {
                    ignored.Add(value.Name);
                }
            }
            resources[ordinal] = FabricResource.Create(ordinal, id, projectId, displayName, type, createdAt, updated ?? createdAt, objectJson);
        }

        if (ignored.Count > 0)
        {
            warnings.Add($"ignored resource properties this emulator does not serve: {string.Join(", ", ignored)}.");
        }
        if (guessedObjects > 0)
        {
            warnings.Add($"{guessedObjects} resource(s) without the object named after their type (such as ai_agent) were given one " +
                "holding only their own id.");
        }
        if (guessedDates > 0)
        {
            warnings.Add($"{guessedDates} resource(s) without a creation date were given made-up dates; the list order is the file's order.");
        }
        return resources;
    }

    /// <summary>A JSON object as read (JSON), or written in a text (a CSV cell); null when the record holds none.</summary>
    private static string? ObjectJson(string where, SeedValue value)
    {
        if (value.Json is { } json)
        {
            return json;
        }
        if (SeedValues.Text(where, value) is not { Length: > 0 } text)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return text;
            }
        }
        catch (JsonException)
        {
            // not JSON: refused below
        }
        throw new SeedFileException($"{where}: \"{value.Name}\" must be an object (JSON), not '{text}'.");
    }

    /// <summary>The least object of a type: its inner id (the resource's own, for want of another) and the display name.</summary>
    private static string LeastObject(string type, string id, string displayName) =>
        JsonSerializer.Serialize(new Dictionary<string, string>
        {
            [FabricTypes.InnerIdField(type)] = id,
            ["name"] = displayName,
        });
}
