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

    /// <summary>Whether a record is a Fabric resource rather than a number: a type and no number.</summary>
    public static bool IsResource(SeedRecord record) =>
        record.Properties.TryGetValue("type", out var type) && !string.IsNullOrEmpty(type.Text)
        && !(record.Properties.TryGetValue("number", out var number) && !string.IsNullOrEmpty(number.Text));

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

            string Required(string field, string pascal)
            {
                if (!properties.TryGetValue(field, out var value))
                {
                    throw new SeedFileException($"{where}: no \"{pascal}\" (or \"{field}\"): every resource needs its {field}.");
                }
                return SeedValues.Text(where, value) is { Length: > 0 } text
                    ? text
                    : throw new SeedFileException($"{where}: \"{value.Name}\" is empty: every resource needs its {field}.");
            }

            var id = Required("id", "Id");
            if (!Guid.TryParseExact(id, "D", out _))
            {
                throw new SeedFileException(
                    $"{where}: \"{properties["id"].Name}\" '{id}' is not a UUID such as 993ed018-9e79-4e50-b97b-984bd5534095.");
            }
            if (byId.TryGetValue(id, out var other))
            {
                throw new SeedFileException($"{where}: the id {id} is already used by {other}.");
            }
            byId[id] = where;
            var type = Required("type", "Type");
            var displayName = Required("display_name", "DisplayName");
            var projectId = properties.TryGetValue("project_id", out var project) ? SeedValues.Text(where, project) : null;

            var created = properties.TryGetValue("created_at", out var c) ? SeedValues.Date(where, c) : null;
            var updated = properties.TryGetValue("updated_at", out var u) ? SeedValues.Date(where, u) : null;
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
