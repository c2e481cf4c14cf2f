using System.Text.Json;

namespace SignalWire.Emulator;

/// <summary>
/// Turns the records of any seed format that belong to the 10DLC registry into the registry the emulator serves: brands
/// (a company name), campaigns (a use case or a brand id) and number assignments (a campaign id or name), as the API's
/// objects or the module's (Get-SwCampaign, Get-SwCampaignNumber) carry them. The file's first is listed first. A
/// snapshot without campaigns keeps the deterministic brands and campaigns; its assignments then name those.
/// </summary>
internal static class SeedRegistryBuilder
{
    public enum Kind
    {
        None,
        Brand,
        Campaign,
        Assignment,
    }

    /// <summary>What a record is, when it is part of the registry; a number or a resource is <see cref="Kind.None"/>.</summary>
    public static Kind KindOf(SeedRecord record)
    {
        bool Has(string field) => record.Properties.TryGetValue(field, out var value)
            && (value.Text is { Length: > 0 } || value.Json is not null || value.Items is not null);
        if (Has("campaign_id") || (Has("campaign_name") && (Has("number") || Has("phone_number"))))
        {
            return Kind.Assignment;
        }
        if (Has("number") || Has("type"))
        {
            return Kind.None;
        }
        if (Has("sms_use_case") || Has("brand_id"))
        {
            return Kind.Campaign;
        }
        return Has("company_name") ? Kind.Brand : Kind.None;
    }

    /// <summary>The snapshot's registry, or null when it holds none of it.</summary>
    public static RegistrySeed? Build(List<SeedRecord> records, IReadOnlyList<EmulatedNumber> numbers)
    {
        if (records.Count == 0)
        {
            return null;
        }
        var brandRecords = records.Where(r => KindOf(r) == Kind.Brand).ToList();
        var campaignRecords = records.Where(r => KindOf(r) == Kind.Campaign).ToList();
        var assignmentRecords = records.Where(r => KindOf(r) == Kind.Assignment).ToList();

        var brands = new List<RegistryBrand>();
        var campaigns = new List<RegistryCampaign>();
        if (brandRecords.Count == 0 && campaignRecords.Count == 0)
        {
            brands.AddRange(RegistrySeedData.Brands());
            campaigns.AddRange(RegistrySeedData.Campaigns());
        }
        else
        {
            foreach (var record in Enumerable.Reverse(brandRecords))
            {
                brands.Add(new RegistryBrand
                {
                    Id = Id(record, "brand"),
                    Name = Required(record, "name", "brand"),
                    State = State(record, Registry.BrandStates, "completed"),
                    CompanyName = Optional(record, "company_name"),
                    CreatedAt = Date(record, "created_at") ?? RegistrySeedData.FirstCreatedAt,
                    UpdatedAt = Date(record, "updated_at") ?? RegistrySeedData.FirstCreatedAt,
                });
            }
            foreach (var record in Enumerable.Reverse(campaignRecords))
            {
                var brandId = Optional(record, "brand_id");
                if (brandId is null || brands.All(b => !b.Id.Equals(brandId, StringComparison.OrdinalIgnoreCase)))
                {
                    // A campaign names its brand by id only in the module's objects; a brand the file does not hold is made up.
                    var id = brandId ?? SeedData.DeterministicId(brands.Count, 0xB2A4_5EED_0010_D1C0);
                    brandId = id;
                    brands.Add(new RegistryBrand
                    {
                        Id = id,
                        Name = Optional(record, "brand_name") ?? "Seeded Brand",
                        CreatedAt = RegistrySeedData.FirstCreatedAt,
                        UpdatedAt = RegistrySeedData.FirstCreatedAt,
                    });
                }
                var created = Date(record, "created_at") ?? RegistrySeedData.FirstCreatedAt.AddDays(5 + campaigns.Count);
                campaigns.Add(new RegistryCampaign
                {
                    Id = Id(record, "campaign"),
                    BrandId = brandId,
                    Name = Required(record, "name", "campaign"),
                    State = State(record, Registry.CampaignStates, "active"),
                    SmsUseCase = Optional(record, "sms_use_case"),
                    Description = Optional(record, "description"),
                    NumberPoolingRequired = bool.TryParse(Optional(record, "number_pooling_required"), out var pooling) && pooling,
                    CreatedAt = created,
                    UpdatedAt = Date(record, "updated_at") ?? created,
                });
            }
            Unique(campaigns.Select(c => c.Id), "campaign");
        }

        var byNumber = numbers.ToDictionary(n => n.Number, StringComparer.Ordinal);
        var assignments = new List<RegistryAssignment>();
        var held = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in Enumerable.Reverse(assignmentRecords))
        {
            var where = record.Where;
            var campaign = Optional(record, "campaign_id") is { } campaignId
                ? campaigns.Find(c => c.Id.Equals(campaignId, StringComparison.OrdinalIgnoreCase))
                    ?? throw new SeedFileException($"{where}: the campaign {campaignId} is not a campaign of the snapshot.")
                : Optional(record, "campaign_name") is { } campaignName
                    ? campaigns.Find(c => c.Name.Equals(campaignName, StringComparison.OrdinalIgnoreCase))
                        ?? throw new SeedFileException($"{where}: the campaign '{campaignName}' is not a campaign of the snapshot.")
                    : throw new SeedFileException($"{where}: an assignment needs its \"CampaignId\" (or \"campaign_id\").");
            var e164 = NumberOf(record) ?? throw new SeedFileException($"{where}: an assignment needs its \"Number\" (or \"phone_number\").");
            if (!byNumber.TryGetValue(e164, out var number))
            {
                throw new SeedFileException(
                    $"{where}: the number {e164} is not a number of the snapshot: a campaign holds only the project's numbers.");
            }
            if (held.TryGetValue(e164, out var other))
            {
                throw new SeedFileException($"{where}: the number {e164} is already on a campaign at {other}.");
            }
            held[e164] = where;
            var created = Date(record, "created_at") ?? RegistrySeedData.FirstCreatedAt.AddDays(20 + assignments.Count);
            assignments.Add(new RegistryAssignment
            {
                Id = Optional(record, "id") is { } id ? Uuid(record, id)
                    : SeedData.DeterministicId(assignments.Count, RegistryStore.AssignmentSalt ^ 0x5EED_F11E),
                State = State(record, Registry.AssignmentStates, "completed"),
                CampaignId = campaign.Id,
                PhoneNumberId = number.Id,
                PhoneNumberName = number.Name,
                Number = number.Number,
                CreatedAt = created,
                UpdatedAt = Date(record, "updated_at") ?? created,
            });
        }
        Unique(assignments.Select(a => a.Id), "assignment");
        return new RegistrySeed(brands, campaigns, assignments);
    }

    private static string? NumberOf(SeedRecord record)
    {
        if (Optional(record, "number") is { } number)
        {
            return number;
        }
        if (record.Properties.TryGetValue("phone_number", out var value))
        {
            if (value.Json is { } json)
            {
                using var document = JsonDocument.Parse(json);
                return document.RootElement.TryGetProperty("number", out var inner) && inner.ValueKind == JsonValueKind.String
                    ? inner.GetString() : null;
            }
            return value.Text;
        }
        return null;
    }

    private static string? Optional(SeedRecord record, string field) =>
        record.Properties.TryGetValue(field, out var value) && value.Json is null && value.Items is null && value.Problem is null
            && value.Text is { Length: > 0 } text ? text : null;

    private static string Required(SeedRecord record, string field, string kind) =>
        Optional(record, field) ?? throw new SeedFileException($"{record.Where}: every {kind} needs its {field}.");

    private static string Id(SeedRecord record, string kind) => Uuid(record, Required(record, "id", kind));

    private static string Uuid(SeedRecord record, string id) => Guid.TryParseExact(id, "D", out _)
        ? id : throw new SeedFileException($"{record.Where}: the id '{id}' is not a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6.");

    private static string State(SeedRecord record, IReadOnlyList<string> allowed, string fallback)
    {
        var state = Optional(record, "state");
        if (state is null)
        {
            return fallback;
        }
        return allowed.FirstOrDefault(s => s.Equals(state, StringComparison.OrdinalIgnoreCase))
            ?? throw new SeedFileException($"{record.Where}: the state '{state}' is not one of {string.Join(", ", allowed)}.");
    }

    private static DateTime? Date(SeedRecord record, string field) =>
        record.Properties.TryGetValue(field, out var value) ? SeedValues.Date(record.Where, value) : null;

    private static void Unique(IEnumerable<string> ids, string kind)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in ids.Where(id => !seen.Add(id)))
        {
            throw new SeedFileException($"the {kind} id {id} is used twice.");
        }
    }
}
