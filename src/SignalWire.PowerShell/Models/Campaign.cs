using System;

namespace SignalWire.PowerShell.Models;

/// <summary>
/// A 10DLC campaign (GET /api/relay/rest/registry/beta/brands/{id}/campaigns, /campaigns/{id}): what a brand sends and
/// to whom, and the numbers it may send from. Read only, like the brand. The fields are the spec's Campaign model, in
/// its order; the API's object names no brand, so <see cref="BrandId"/> and <see cref="BrandName"/> are the module's,
/// from the brand whose list it came in.
/// </summary>
[ApiResource("a campaign")]
public sealed class Campaign
{
    /// <summary>The states the spec gives a campaign (CampaignState): only an active one takes numbers.</summary>
    public static readonly string[] States = { "pending", "active", "inactive" };

    [ApiField("id", Key = true)]
    public string Id { get; set; } = "";

    [ApiField("name")]
    public string? Name { get; set; }

    [ApiField("state")]
    public string? State { get; set; }

    // The SDKs' reference pages read "usecase": taken when sms_use_case is not sent.
    [ApiField("sms_use_case", OtherApiName = "usecase")]
    public string? SmsUseCase { get; set; }

    [ApiField("sub_use_cases")]
    public string[] SubUseCases { get; set; } = Array.Empty<string>();

    [ApiField("campaign_verify_token")]
    public string? CampaignVerifyToken { get; set; }

    [ApiField("description")]
    public string? Description { get; set; }

    [ApiField("sample1")]
    public string? Sample1 { get; set; }

    [ApiField("sample2")]
    public string? Sample2 { get; set; }

    [ApiField("sample3")]
    public string? Sample3 { get; set; }

    [ApiField("sample4")]
    public string? Sample4 { get; set; }

    [ApiField("sample5")]
    public string? Sample5 { get; set; }

    [ApiField("dynamic_templates")]
    public string? DynamicTemplates { get; set; }

    [ApiField("message_flow")]
    public string? MessageFlow { get; set; }

    [ApiField("opt_in_message")]
    public string? OptInMessage { get; set; }

    [ApiField("opt_out_message")]
    public string? OptOutMessage { get; set; }

    [ApiField("help_message")]
    public string? HelpMessage { get; set; }

    [ApiField("opt_in_keywords")]
    public string? OptInKeywords { get; set; }

    [ApiField("opt_out_keywords")]
    public string? OptOutKeywords { get; set; }

    [ApiField("help_keywords")]
    public string? HelpKeywords { get; set; }

    [ApiField("number_pooling_required")]
    public bool? NumberPoolingRequired { get; set; }

    [ApiField("number_pooling_per_campaign")]
    public string? NumberPoolingPerCampaign { get; set; }

    [ApiField("direct_lending")]
    public bool? DirectLending { get; set; }

    [ApiField("embedded_link")]
    public bool? EmbeddedLink { get; set; }

    [ApiField("embedded_phone")]
    public bool? EmbeddedPhone { get; set; }

    [ApiField("age_gated_content")]
    public bool? AgeGatedContent { get; set; }

    [ApiField("lead_generation")]
    public bool? LeadGeneration { get; set; }

    [ApiField("csp_campaign_reference")]
    public string? CspCampaignReference { get; set; }

    [ApiField("status_callback_url")]
    public string? StatusCallbackUrl { get; set; }

    [ApiField("created_at")]
    public DateTime? CreatedAt { get; set; }

    [ApiField("updated_at")]
    public DateTime? UpdatedAt { get; set; }

    /// <summary>The brand the campaign belongs to (not in the API's object: the brand whose list it came in).</summary>
    public string? BrandId { get; set; }

    public string? BrandName { get; set; }

    public override string ToString() => Name ?? Id;
}
