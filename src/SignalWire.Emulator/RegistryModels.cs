using System.Text.Json;

namespace SignalWire.Emulator;

/// <summary>
/// A 10DLC brand (specs/signalwire-rest/relay-rest/campaign-registry/models/core.tsp, model Brand). Optional fields that
/// are unset are left out of the JSON, as the spec types none of them as nullable.
/// </summary>
public sealed record RegistryBrand
{
    /// <summary>Position in creation order; larger is newer. Lists are newest first.</summary>
    public long Ordinal { get; init; }

    public string Id { get; init; } = "";
    public string State { get; init; } = "completed";
    public string Name { get; init; } = "";
    public string? CompanyName { get; init; }
    public string? ContactEmail { get; init; }
    public string? ContactPhone { get; init; }
    public string? EinIssuingCountry { get; init; }
    public string? LegalEntityType { get; init; }
    public string? Ein { get; init; }
    public string? CompanyAddress { get; init; }
    public string? CompanyVertical { get; init; }
    public string? CompanyWebsite { get; init; }
    public bool CspSelfRegistered { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    /// <summary>The response object, keys in the order of the spec's Brand model.</summary>
    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("state", State);
        w.WriteString("name", Name);
        Registry.WriteSet(w, "company_name", CompanyName);
        Registry.WriteSet(w, "contact_email", ContactEmail);
        Registry.WriteSet(w, "contact_phone", ContactPhone);
        Registry.WriteSet(w, "ein_issuing_country", EinIssuingCountry);
        Registry.WriteSet(w, "legal_entity_type", LegalEntityType);
        Registry.WriteSet(w, "ein", Ein);
        Registry.WriteSet(w, "company_address", CompanyAddress);
        Registry.WriteSet(w, "company_vertical", CompanyVertical);
        Registry.WriteSet(w, "company_website", CompanyWebsite);
        w.WriteBoolean("csp_self_registered", CspSelfRegistered);
        w.WriteString("created_at", EmulatedNumber.FormatDate(CreatedAt));
        w.WriteString("updated_at", EmulatedNumber.FormatDate(UpdatedAt));
        w.WriteEndObject();
    }
}

/// <summary>
/// A 10DLC campaign (core.tsp, model Campaign). The API's object carries no brand id; the emulator keeps it to answer
/// a brand's campaign list.
/// </summary>
public sealed record RegistryCampaign
{
    public long Ordinal { get; init; }

    public string Id { get; init; } = "";
    public string BrandId { get; init; } = "";
    public string Name { get; init; } = "";
    public string State { get; init; } = "active";
    public string? SmsUseCase { get; init; }
    public IReadOnlyList<string> SubUseCases { get; init; } = [];
    public string? Description { get; init; }
    public string? Sample1 { get; init; }
    public string? Sample2 { get; init; }
    public string? MessageFlow { get; init; }
    public string? OptInMessage { get; init; }
    public string? OptOutMessage { get; init; }
    public string? HelpMessage { get; init; }
    public bool NumberPoolingRequired { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    public void WriteJson(Utf8JsonWriter w) => WriteJson(w, withBrandId: false);

    /// <summary>The response object; <paramref name="withBrandId"/> adds brand_id last, for the control endpoints.</summary>
    public void WriteJson(Utf8JsonWriter w, bool withBrandId)
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("name", Name);
        w.WriteString("state", State);
        Registry.WriteSet(w, "sms_use_case", SmsUseCase);
        w.WriteStartArray("sub_use_cases");
        foreach (var subUseCase in SubUseCases)
        {
            w.WriteStringValue(subUseCase);
        }
        w.WriteEndArray();
        Registry.WriteSet(w, "description", Description);
        Registry.WriteSet(w, "sample1", Sample1);
        Registry.WriteSet(w, "sample2", Sample2);
        Registry.WriteSet(w, "message_flow", MessageFlow);
        Registry.WriteSet(w, "opt_in_message", OptInMessage);
        Registry.WriteSet(w, "opt_out_message", OptOutMessage);
        Registry.WriteSet(w, "help_message", HelpMessage);
        // The spec's defaults (core.tsp: opt_in_keywords "START", opt_out_keywords "STOP", help_keywords "HELP").
        w.WriteString("opt_in_keywords", "START");
        w.WriteString("opt_out_keywords", "STOP");
        w.WriteString("help_keywords", "HELP");
        w.WriteBoolean("number_pooling_required", NumberPoolingRequired);
        w.WriteBoolean("direct_lending", false);
        w.WriteBoolean("embedded_link", false);
        w.WriteBoolean("embedded_phone", false);
        w.WriteBoolean("age_gated_content", false);
        w.WriteBoolean("lead_generation", false);
        w.WriteString("created_at", EmulatedNumber.FormatDate(CreatedAt));
        w.WriteString("updated_at", EmulatedNumber.FormatDate(UpdatedAt));
        if (withBrandId)
        {
            w.WriteString("brand_id", BrandId);
        }
        w.WriteEndObject();
    }
}

/// <summary>
/// A number's assignment to a campaign (core.tsp, models AssignedNumber and AssignedPhoneNumber): its own id (the one
/// DELETE /numbers/{id} takes), its state, the campaign, and the phone number nested under phone_number.
/// </summary>
public sealed record RegistryAssignment
{
    public long Ordinal { get; init; }

    public string Id { get; init; } = "";
    public string State { get; init; } = "pending";
    public string CampaignId { get; init; } = "";
    public string PhoneNumberId { get; init; } = "";
    public string? PhoneNumberName { get; init; }
    public string Number { get; init; } = "";
    public string? StatusCallbackUrl { get; init; }

    /// <summary>The order that created it (not in the API's object: the spec's assignment carries no order id).</summary>
    public string? OrderId { get; init; }

    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("state", State);
        w.WriteString("campaign_id", CampaignId);
        w.WriteStartObject("phone_number");
        w.WriteString("id", PhoneNumberId);
        Registry.WriteSet(w, "name", PhoneNumberName);
        w.WriteString("number", Number);
        Registry.WriteSet(w, "status_callback_url", StatusCallbackUrl);
        w.WriteEndObject();
        w.WriteString("created_at", EmulatedNumber.FormatDate(CreatedAt));
        w.WriteString("updated_at", EmulatedNumber.FormatDate(UpdatedAt));
        w.WriteEndObject();
    }
}

/// <summary>An assignment order (core.tsp, model Order): no campaign, numbers or assignments in the API's object.</summary>
public sealed record RegistryOrder
{
    public long Ordinal { get; init; }

    public string Id { get; init; } = "";
    public string CampaignId { get; init; } = "";
    public string State { get; init; } = "pending";
    public DateTime? ProcessedAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public string? StatusCallbackUrl { get; init; }

    public void WriteJson(Utf8JsonWriter w) => WriteJson(w, withCampaignId: false);

    /// <summary>The response object; <paramref name="withCampaignId"/> adds campaign_id last, for the control endpoints.</summary>
    public void WriteJson(Utf8JsonWriter w, bool withCampaignId)
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("state", State);
        if (ProcessedAt is { } processed)
        {
            w.WriteString("processed_at", EmulatedNumber.FormatDate(processed));
        }
        w.WriteString("created_at", EmulatedNumber.FormatDate(CreatedAt));
        w.WriteString("updated_at", EmulatedNumber.FormatDate(UpdatedAt));
        Registry.WriteSet(w, "status_callback_url", StatusCallbackUrl);
        if (withCampaignId)
        {
            w.WriteString("campaign_id", CampaignId);
        }
        w.WriteEndObject();
    }
}

/// <summary>The states a seed may give the registry's objects (core.tsp enums BrandState, CampaignState, AssignmentState).</summary>
public static class Registry
{
    public static readonly IReadOnlyList<string> BrandStates = ["pending", "unverified", "completed"];
    public static readonly IReadOnlyList<string> CampaignStates = ["pending", "active", "inactive"];
    public static readonly IReadOnlyList<string> AssignmentStates = ["pending", "completed", "failed"];

    /// <summary>
    /// Numbers a campaign may hold without number pooling: "The maximum is 49 numbers currently" (the vendor's guide,
    /// the-campaign-registry/index.mdx).
    /// </summary>
    public const int NumbersWithoutPooling = 49;

    internal static void WriteSet(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
