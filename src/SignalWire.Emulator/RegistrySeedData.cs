namespace SignalWire.Emulator;

/// <summary>
/// The deterministic starting registry: two brands, four campaigns in every campaign state, and the first three seeded
/// numbers already on campaigns, the same ids every run. Field values follow the spec's examples (campaign-registry/models).
/// </summary>
public static class RegistrySeedData
{
    public static readonly DateTime FirstCreatedAt = new(2023, 10, 2, 9, 0, 0, DateTimeKind.Utc);

    private const ulong BrandSalt = 0xB2A4_0000_0010_D1C0;
    private const ulong CampaignSalt = 0xCA4B_0000_0010_D1C0;

    // Oldest first: brand index, name, state, use case.
    private static readonly (int Brand, string Name, string State, string UseCase)[] CampaignPlan =
    [
        (0, "Support SMS", "active", "CUSTOMER_CARE"),
        (0, "Appointment Reminders", "active", "ACCOUNT_NOTIFICATION"),
        (0, "Support Escalations", "pending", "CUSTOMER_CARE"),
        (1, "Spring Promotions", "inactive", "MARKETING"),
    ];

    // Which seeded numbers (by index, oldest first) start on which campaign (by index), and in which state.
    private static readonly (int Number, int Campaign, string State)[] AssignmentPlan =
    [
        (0, 0, "completed"),
        (1, 0, "completed"),
        (2, 1, "completed"),
    ];

    public static IReadOnlyList<RegistryBrand> Brands() =>
    [
        new RegistryBrand
        {
            Id = SeedData.DeterministicId(0, BrandSalt), State = "completed", Name = "Acme Health", CompanyName = "Acme Health LLC",
            ContactEmail = "brand_info@example.com", ContactPhone = "+18995551212", EinIssuingCountry = "United States",
            LegalEntityType = "PRIVATE_PROFIT", Ein = "12-3456789", CompanyAddress = "123 Brand St, Hill Valley CA, 91905",
            CompanyVertical = "HEALTHCARE", CompanyWebsite = "www.example.com",
            CreatedAt = FirstCreatedAt, UpdatedAt = FirstCreatedAt.AddDays(1),
        },
        new RegistryBrand
        {
            Id = SeedData.DeterministicId(1, BrandSalt), State = "unverified", Name = "Acme Retail", CompanyName = "Acme Retail Inc",
            ContactEmail = "retail@example.com", ContactPhone = "+18995551213", EinIssuingCountry = "United States",
            LegalEntityType = "PUBLIC_PROFIT", Ein = "98-7654321", CompanyAddress = "9 Market St, Hill Valley CA, 91905",
            CompanyVertical = "RETAIL", CompanyWebsite = "www.example.org",
            CreatedAt = FirstCreatedAt.AddDays(2), UpdatedAt = FirstCreatedAt.AddDays(3),
        },
    ];

    public static IReadOnlyList<RegistryCampaign> Campaigns()
    {
        var brands = Brands();
        return CampaignPlan.Select((plan, i) => new RegistryCampaign
        {
            Id = SeedData.DeterministicId(i, CampaignSalt),
            BrandId = brands[plan.Brand].Id,
            Name = plan.Name,
            State = plan.State,
            SmsUseCase = plan.UseCase,
            Description = $"{plan.Name}: messages to customers who have opted in on our website or by text.",
            Sample1 = "Your ticket 1234 was updated. Reply STOP to opt out.",
            Sample2 = "Your appointment is tomorrow at 9am. Reply HELP for help.",
            MessageFlow = "Customers opt in on the website's contact form, which states the terms and how to opt out.",
            OptInMessage = "Thanks for subscribing. Reply STOP to cancel at any time.",
            OptOutMessage = "You have successfully been opted out. Reply START to opt back in at any time.",
            HelpMessage = "For help, contact support@example.com.",
            CreatedAt = FirstCreatedAt.AddDays(5 + i),
            UpdatedAt = FirstCreatedAt.AddDays(6 + i),
        }).ToList();
    }

    /// <summary>The seeded assignments of the numbers that exist among <paramref name="numbersOldestFirst"/>.</summary>
    public static IReadOnlyList<RegistryAssignment> Assignments(IReadOnlyList<EmulatedNumber> numbersOldestFirst)
    {
        var campaigns = Campaigns();
        return AssignmentPlan.Where(plan => plan.Number < numbersOldestFirst.Count).Select((plan, i) =>
        {
            var number = numbersOldestFirst[plan.Number];
            var created = FirstCreatedAt.AddDays(20 + i);
            return new RegistryAssignment
            {
                Id = SeedData.DeterministicId(i, RegistryStore.AssignmentSalt ^ 0x5EED),
                State = plan.State,
                CampaignId = campaigns[plan.Campaign].Id,
                PhoneNumberId = number.Id,
                PhoneNumberName = number.Name,
                Number = number.Number,
                CreatedAt = created,
                UpdatedAt = created.AddHours(2),
            };
        }).ToList();
    }
}
