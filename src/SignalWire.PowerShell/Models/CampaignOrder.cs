using System;

namespace SignalWire.PowerShell.Models;

/// <summary>
/// An order assigning numbers to a 10DLC campaign (POST /api/relay/rest/registry/beta/campaigns/{id}/orders, GET
/// /orders/{id}; the spec's Order). The API's object carries neither the campaign nor the numbers:
/// <see cref="CampaignId"/>, <see cref="CampaignName"/> and <see cref="PhoneNumbers"/> are the module's, from the order
/// it sent.
/// </summary>
[ApiResource("an assignment order")]
public sealed class CampaignOrder
{
    /// <summary>The states the spec gives an order (OrderState).</summary>
    public static readonly string[] States = { "pending", "processing", "processed", "failed" };

    [ApiField("id", Key = true)]
    public string Id { get; set; } = "";

    // The SDKs' examples and reference pages read an order's state as "status": taken when "state" is not sent.
    [ApiField("state", OtherApiName = "status")]
    public string? State { get; set; }

    [ApiField("processed_at")]
    public DateTime? ProcessedAt { get; set; }

    [ApiField("created_at")]
    public DateTime? CreatedAt { get; set; }

    [ApiField("updated_at")]
    public DateTime? UpdatedAt { get; set; }

    [ApiField("status_callback_url")]
    public string? StatusCallbackUrl { get; set; }

    public string? CampaignId { get; set; }

    public string? CampaignName { get; set; }

    /// <summary>The numbers the order asked for, in E.164.</summary>
    public string[] PhoneNumbers { get; set; } = Array.Empty<string>();

    public override string ToString() => Id;
}
