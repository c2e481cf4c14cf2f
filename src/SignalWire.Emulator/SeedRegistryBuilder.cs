using System.Text.Json;

namespace SignalWire.Emulator;

/// <summary>The records of the 10DLC registry, by kind, each in the order they were written.</summary>
internal sealed record RegistryRecords(List<SeedRecord> Brands, List<SeedRecord> Campaigns, List<SeedRecord> Assignments);

/// <summary>
/// Turns records of the 10DLC registry into brands, campaigns and number assignments, as the API's objects or the
/// module's (Get-SwCampaign, Get-SwCampaignNumber) carry them: for a snapshot (<see cref="Build"/>) or for what a test adds
/// to the running registry (<see cref="Add"/>). The first written is listed first. A campaign names its brand by id or by
/// name; a brand neither the records nor the registry hold is made up. An assignment names its campaign (by id or name)
/// and its number (the number, the phone number's id, or both, which must then be the same number).
/// </summary>
internal static class SeedRegistryBuilder
{
    private const ulong BrandSalt = 0xB2A4_5EED_0010_D1C0;
    private const ulong CampaignSalt = 0xCA4B_5EED_0010_D1C0;
    private const ulong AssignmentSalt = RegistryStore.AssignmentSalt ^ 0x5EED_F11E;

    private static readonly RegistrySeed Empty = new([], [], []);

    /// <summary>
    /// The registry a snapshot serves. Its brands and campaigns need their ids; without any, it gets the generated brands
    /// and campaigns, and since a snapshot's numbers are real ones they start on none of them.
    /// </summary>
    public static RegistrySeed Build(RegistryRecords records, IReadOnlyList<EmulatedNumber> numbers)
    {
        var start = records.Brands.Count == 0 && records.Campaigns.Count == 0
            ? new RegistrySeed(RegistrySeedData.Brands(), RegistrySeedData.Campaigns(), [])
            : Empty;
        // The store only indexes the numbers by number and id, which only assignments look up.
        var read = Read(records, start, new PhoneNumberStore(records.Assignments.Count == 0 ? [] : numbers), "snapshot", idsRequired: true);
        return new RegistrySeed([.. start.Brands, .. read.Brands], [.. start.Campaigns, .. read.Campaigns], read.Assignments);
    }

    /// <summary>
    /// What records add to a registry that holds <paramref name="existing"/>, all of it or nothing: ids may be left out
    /// (deterministic ones are given), and the campaigns, brands and numbers they name may be the registry's or the project's.
    /// </summary>
    public static RegistrySeed Add(RegistryRecords records, RegistrySeed existing, PhoneNumberStore numbers) =>
        Read(records, existing, numbers, "project", idsRequired: false);

    // The new brands, campaigns and assignments, each oldest first. "whose" names where campaigns and numbers must be.
    private static RegistrySeed Read(RegistryRecords records, RegistrySeed existing, PhoneNumberStore numbers, string whose,
        bool idsRequired)
    {
        var brandIds = existing.Brands.ToDictionary(b => b.Id, b => $"brand '{b.Name}'", StringComparer.OrdinalIgnoreCase);
        var campaignIds = existing.Campaigns.ToDictionary(c => c.Id, c => $"campaign '{c.Name}'", StringComparer.OrdinalIgnoreCase);
        var brands = new List<RegistryBrand>();
        var campaigns = new List<RegistryCampaign>();
        IEnumerable<RegistryBrand> AllBrands() => existing.Brands.Concat(brands);
        IEnumerable<RegistryCampaign> AllCampaigns() => existing.Campaigns.Concat(campaigns);

        string NewId(SeedRecord record, Dictionary<string, string> used, int index, ulong salt, string kind)
        {
            var id = SeedValues.Optional(record, "id") is { } given ? SeedValues.Uuid(record, "id", given)
                : idsRequired ? SeedValues.Required(record, "id", kind)
                : SeedData.UnusedDeterministicId(index, salt, used.ContainsKey);
            SeedValues.Claim(used, id, record.Where, "the id");
            return id;
        }

        foreach (var record in Enumerable.Reverse(records.Brands))
        {
            var created = SeedValues.Date(record, "created_at") ?? RegistrySeedData.FirstCreatedAt;
            brands.Add(new RegistryBrand
            {
                Id = NewId(record, brandIds, existing.Brands.Count + brands.Count, BrandSalt, "brand"),
                Name = SeedValues.Required(record, "name", "brand"),
                State = State(record, Registry.BrandStates, "completed"),
                CompanyName = SeedValues.Optional(record, "company_name"),
                CreatedAt = created,
                UpdatedAt = SeedValues.Date(record, "updated_at") ?? created,
            });
        }
        foreach (var record in Enumerable.Reverse(records.Campaigns))
        {
            var brandId = SeedValues.Optional(record, "brand_id");
            var brandName = SeedValues.Optional(record, "brand_name");
            var brand = brandId is not null
                ? AllBrands().FirstOrDefault(b => b.Id.Equals(brandId, StringComparison.OrdinalIgnoreCase))
                : AllBrands().FirstOrDefault(b => brandName is not null && b.Name.Equals(brandName, StringComparison.OrdinalIgnoreCase));
            if (brand is null)
            {
                // A campaign names its brand by id only in the module's objects: a brand the records do not hold is made up.
                var id = brandId ?? SeedData.UnusedDeterministicId(existing.Brands.Count + brands.Count, BrandSalt, brandIds.ContainsKey);
                SeedValues.Claim(brandIds, id, record.Where, "the brand id");
                brand = new RegistryBrand
                {
                    Id = id,
                    Name = brandName ?? "Seeded Brand",
                    CreatedAt = RegistrySeedData.FirstCreatedAt,
                    UpdatedAt = RegistrySeedData.FirstCreatedAt,
                };
                brands.Add(brand);
            }
            var index = existing.Campaigns.Count + campaigns.Count;
            var created = SeedValues.Date(record, "created_at") ?? RegistrySeedData.FirstCreatedAt.AddDays(5 + index);
            campaigns.Add(new RegistryCampaign
            {
                Id = NewId(record, campaignIds, index, CampaignSalt, "campaign"),
                BrandId = brand.Id,
                Name = SeedValues.Required(record, "name", "campaign"),
                State = State(record, Registry.CampaignStates, "active"),
                SmsUseCase = SeedValues.Optional(record, "sms_use_case"),
                Description = SeedValues.Optional(record, "description"),
                NumberPoolingRequired = bool.TryParse(SeedValues.Optional(record, "number_pooling_required"), out var pooling) && pooling,
                CreatedAt = created,
                UpdatedAt = SeedValues.Date(record, "updated_at") ?? created,
            });
        }

        var assignments = new List<RegistryAssignment>();
        if (records.Assignments.Count == 0)
        {
            return new RegistrySeed(brands, campaigns, assignments);
        }
        var assignmentIds = existing.Assignments.ToDictionary(a => a.Id, a => $"the assignment of {a.Number}", StringComparer.OrdinalIgnoreCase);
        var held = existing.Assignments.ToDictionary(a => a.Number,
            a => $"assignment {a.Id} on campaign '{existing.Campaigns.FirstOrDefault(c => c.Id == a.CampaignId)?.Name}'", StringComparer.Ordinal);
        foreach (var record in Enumerable.Reverse(records.Assignments))
        {
            var where = record.Where;
            var campaign = SeedValues.Optional(record, "campaign_id") is { } campaignId
                ? AllCampaigns().FirstOrDefault(c => c.Id.Equals(campaignId, StringComparison.OrdinalIgnoreCase))
                    ?? throw new SeedFileException($"{where}: the campaign {campaignId} is not a campaign of the {whose}.")
                : SeedValues.Optional(record, "campaign_name") is { } campaignName
                    ? AllCampaigns().FirstOrDefault(c => c.Name.Equals(campaignName, StringComparison.OrdinalIgnoreCase))
                        ?? throw new SeedFileException($"{where}: the campaign '{campaignName}' is not a campaign of the {whose}.")
                    : throw new SeedFileException($"{where}: an assignment needs its \"CampaignId\" (or \"campaign_id\").");
            var number = NumberOf(record, numbers, whose);
            SeedValues.Claim(held, number.Number, where, "the number");
            var index = existing.Assignments.Count + assignments.Count;
            var created = SeedValues.Date(record, "created_at") ?? RegistrySeedData.FirstCreatedAt.AddDays(20 + index);
            var id = SeedValues.Optional(record, "id") is { } given ? SeedValues.Uuid(record, "id", given)
                : SeedData.UnusedDeterministicId(index, AssignmentSalt, assignmentIds.ContainsKey);
            SeedValues.Claim(assignmentIds, id, where, "the id");
            assignments.Add(new RegistryAssignment
            {
                Id = id,
                State = State(record, Registry.AssignmentStates, "completed"),
                CampaignId = campaign.Id,
                PhoneNumberId = number.Id,
                PhoneNumberName = number.Name,
                Number = number.Number,
                CreatedAt = created,
                UpdatedAt = SeedValues.Date(record, "updated_at") ?? created,
            });
        }
        return new RegistrySeed(brands, campaigns, assignments);
    }

    /// <summary>
    /// The number an assignment names: "number" (the module's Number) or phone_number's number, and the phone number's
    /// id ("phone_number_id", the module's PhoneNumberId, or phone_number's id); with both, they must be the same number.
    /// </summary>
    private static EmulatedNumber NumberOf(SeedRecord record, PhoneNumberStore numbers, string whose)
    {
        var nested = Nested(record, "phone_number");
        var e164 = SeedValues.Optional(record, "number") ?? nested.GetValueOrDefault("number")
            ?? (nested.Count == 0 ? SeedValues.Optional(record, "phone_number") : null);
        var id = SeedValues.Optional(record, "phone_number_id") ?? nested.GetValueOrDefault("id");
        var where = record.Where;
        var byItsId = id is null ? null : numbers.Get(id);
        if (id is not null && byItsId is null)
        {
            throw new SeedFileException($"{where}: the phone number id {id} is not a number of the {whose}.");
        }
        if (e164 is null)
        {
            return byItsId ?? throw new SeedFileException($"{where}: an assignment needs its \"Number\" (or \"phone_number\").");
        }
        if (numbers.GetByNumber(e164) is not { } number)
        {
            throw new SeedFileException($"{where}: the number {e164} is not a number of the {whose}: a campaign holds only the project's numbers.");
        }
        if (byItsId is not null && !byItsId.Id.Equals(number.Id, StringComparison.OrdinalIgnoreCase))
        {
            throw new SeedFileException($"{where}: the phone number id {id} is the id of {byItsId.Number}, not of {e164}.");
        }
        return number;
    }

    /// <summary>The texts of an object a record holds (the API's phone_number), by normalized name; empty when it holds none.</summary>
    private static Dictionary<string, string> Nested(SeedRecord record, string field)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (record.Properties.TryGetValue(field, out var value) && value.Json is { } json)
        {
            using var document = JsonDocument.Parse(json);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 } text)
                {
                    texts[SeedFile.Normalize(property.Name)] = text;
                }
            }
        }
        return texts;
    }

    private static string State(SeedRecord record, IReadOnlyList<string> allowed, string fallback)
    {
        var state = SeedValues.Optional(record, "state");
        if (state is null)
        {
            return fallback;
        }
        return allowed.FirstOrDefault(s => s.Equals(state, StringComparison.OrdinalIgnoreCase))
            ?? throw new SeedFileException($"{record.Where}: the state '{state}' is not one of {string.Join(", ", allowed)}.");
    }
}
