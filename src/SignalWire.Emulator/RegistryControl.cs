using System.Text.Json;

namespace SignalWire.Emulator;

/// <summary>
/// The 10DLC registry's control endpoints: what it holds (GET /__emulator/registry) and what a test adds to it (POST). The
/// body and the answer are one object of lists, {"brands", "campaigns", "numbers" (the assignments), "orders"}, each item
/// as the API writes it, newest first; a campaign also carries its brand_id and an order its campaign_id, which the API's
/// objects leave out. The items of a body are read as <see cref="SeedRegistryBuilder"/> reads a snapshot's.
/// </summary>
internal static class RegistryControl
{
    private static readonly string[] Lists = ["brands", "campaigns", "numbers"];

    /// <summary>Adds what the body describes, all of it or nothing (a <see cref="FormatException"/> naming what is wrong).</summary>
    /// <returns>What was added, each list oldest first.</returns>
    public static RegistrySeed Add(string? body, EmulatorState state)
    {
        var records = Read(body);
        lock (state.Registry.Gate)
        {
            var contents = state.Registry.Contents();
            try
            {
                var added = SeedRegistryBuilder.Add(records, new RegistrySeed(contents.Brands, contents.Campaigns, contents.Assignments),
                    state.Numbers);
                state.Registry.Add(added);
                return added;
            }
            catch (SeedFileException e)
            {
                throw new FormatException(e.Message, e);
            }
        }
    }

    /// <summary>The registry's lists as one object, each newest first; no "orders" when <paramref name="orders"/> is null.</summary>
    public static EmulatorResponse Answer(IReadOnlyList<RegistryBrand> brands, IReadOnlyList<RegistryCampaign> campaigns,
        IReadOnlyList<RegistryAssignment> assignments, IReadOnlyList<RegistryOrder>? orders) => EmulatorResponse.Json(200, w =>
    {
        w.WriteStartObject();
        WriteList(w, "brands", brands, b => b.WriteJson(w));
        WriteList(w, "campaigns", campaigns, c => c.WriteJson(w, withBrandId: true));
        WriteList(w, "numbers", assignments, a => a.WriteJson(w));
        if (orders is not null)
        {
            WriteList(w, "orders", orders, o => o.WriteJson(w, withCampaignId: true));
        }
        w.WriteEndObject();
    });

    private static void WriteList<T>(Utf8JsonWriter w, string name, IReadOnlyList<T> oldestFirst, Action<T> write)
    {
        w.WriteStartArray(name);
        foreach (var item in oldestFirst.Reverse())
        {
            write(item);
        }
        w.WriteEndArray();
    }

    // {"brands": [...], "campaigns": [...], "numbers": [...]}, any of them, each a list of records or one record.
    private static RegistryRecords Read(string? body)
    {
        if (JsonBody.ParseObject(body) is not { } root)
        {
            throw new FormatException("Send an object with brands, campaigns and/or numbers (assignments), each a list of records.");
        }
        var records = new RegistryRecords([], [], []);
        foreach (var property in root.EnumerateObject())
        {
            var name = SeedFile.Normalize(property.Name);
            var list = name switch
            {
                "brands" => records.Brands,
                "campaigns" => records.Campaigns,
                "numbers" => records.Assignments,
                _ => throw new FormatException($"\"{property.Name}\" is not one of {string.Join(", ", Lists)}."),
            };
            var items = property.Value.ValueKind == JsonValueKind.Array ? [.. property.Value.EnumerateArray()] : new[] { property.Value };
            for (var i = 0; i < items.Length; i++)
            {
                var where = $"{name} item {i + 1}";
                if (items[i].ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException($"{where}: expected an object, found {items[i].ValueKind.ToString().ToLowerInvariant()}.");
                }
                list.Add(JsonSeedReader.Read(items[i].GetRawText())[0] with { Where = where });
            }
        }
        return records;
    }
}
