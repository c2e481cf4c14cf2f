using System;

namespace SignalWire.PowerShell.Models;

/// <summary>
/// A number's assignment to a 10DLC campaign (GET /api/relay/rest/registry/beta/campaigns/{id}/numbers, the spec's
/// AssignedNumber): its own id, which DELETE /numbers/{id} takes, its state, the campaign and the phone number. The
/// number is nested in the API's object; <see cref="Number"/> and <see cref="PhoneNumberId"/> bring it to the top, and
/// <see cref="CampaignName"/> is the module's, from the campaign it was listed for.
/// </summary>
[ApiResource("a number assignment")]
public sealed class CampaignNumber
{
    /// <summary>The states the spec gives an assignment (AssignmentState).</summary>
    public static readonly string[] States = { "pending", "completed", "failed" };

    [ApiField("id", Key = true)]
    public string Id { get; set; } = "";

    [ApiField("state")]
    public string? State { get; set; }

    [ApiField("campaign_id")]
    public string? CampaignId { get; set; }

    // The SDKs' reference pages read the number as "number" beside the assignment's id: taken when phone_number is not sent.
    [ApiField("phone_number", OtherApiName = "number")]
    public AssignedPhoneNumber? PhoneNumber { get; set; }

    [ApiField("created_at")]
    public DateTime? CreatedAt { get; set; }

    [ApiField("updated_at")]
    public DateTime? UpdatedAt { get; set; }

    /// <summary>The number in E.164 (phone_number.number).</summary>
    public string? Number => PhoneNumber?.Number;

    /// <summary>The phone number's id (phone_number.id), as Get-SwPhoneNumber lists it; not the assignment's.</summary>
    public string? PhoneNumberId => PhoneNumber?.Id;

    public string? CampaignName { get; set; }

    public override string ToString() => $"{Number} on {CampaignName ?? CampaignId}";
}

/// <summary>
/// The phone number of an assignment (the spec's AssignedPhoneNumber); sent as plain text, it is the number (the SDKs'
/// examples print phone_number as the number).
/// </summary>
[ApiResource("an assigned phone number", TextField = "number")]
public sealed class AssignedPhoneNumber
{
    [ApiField("id")]
    public string? Id { get; set; }

    [ApiField("name")]
    public string? Name { get; set; }

    [ApiField("number")]
    public string? Number { get; set; }

    [ApiField("status_callback_url")]
    public string? StatusCallbackUrl { get; set; }

    public override string ToString() => Number ?? "";
}
