using System;

namespace SignalWire.PowerShell.Models;

/// <summary>
/// A 10DLC brand of the project (GET /api/relay/rest/registry/beta/brands): the company that sends application-to-person
/// messages. Read only: registering a brand is a compliance form done once. The fields are the spec's Brand model, in
/// its order.
/// </summary>
[ApiResource("a brand")]
public sealed class Brand
{
    /// <summary>The states the spec gives a brand (BrandState).</summary>
    public static readonly string[] States = { "pending", "unverified", "completed" };

    [ApiField("id", Key = true)]
    public string Id { get; set; } = "";

    [ApiField("state")]
    public string? State { get; set; }

    // The SDKs' reference pages read display_name and entity_type: taken when name or legal_entity_type is not sent.
    [ApiField("name", OtherApiName = "display_name")]
    public string? Name { get; set; }

    [ApiField("company_name")]
    public string? CompanyName { get; set; }

    [ApiField("contact_email")]
    public string? ContactEmail { get; set; }

    [ApiField("contact_phone")]
    public string? ContactPhone { get; set; }

    [ApiField("ein_issuing_country")]
    public string? EinIssuingCountry { get; set; }

    [ApiField("legal_entity_type", OtherApiName = "entity_type")]
    public string? LegalEntityType { get; set; }

    [ApiField("ein")]
    public string? Ein { get; set; }

    [ApiField("company_address")]
    public string? CompanyAddress { get; set; }

    [ApiField("company_vertical")]
    public string? CompanyVertical { get; set; }

    [ApiField("company_website")]
    public string? CompanyWebsite { get; set; }

    [ApiField("csp_brand_reference")]
    public string? CspBrandReference { get; set; }

    [ApiField("csp_self_registered")]
    public bool? CspSelfRegistered { get; set; }

    [ApiField("status_callback_url")]
    public string? StatusCallbackUrl { get; set; }

    [ApiField("created_at")]
    public DateTime? CreatedAt { get; set; }

    [ApiField("updated_at")]
    public DateTime? UpdatedAt { get; set; }

    public override string ToString() => Name ?? Id;
}
