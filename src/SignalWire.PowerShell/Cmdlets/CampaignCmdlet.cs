using System.Collections.Generic;
using System.Management.Automation;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>What the 10DLC campaign cmdlets share: the project's campaigns, read once per run, and -Campaign resolved against them.</summary>
public abstract class CampaignCmdlet : SwSessionCmdlet
{
    private IReadOnlyList<Campaign>? campaigns;

    /// <summary>Every campaign of every brand, listed at the first need and kept for the run.</summary>
    internal IReadOnlyList<Campaign> AllCampaigns() =>
        campaigns ??= Await(CampaignDirectory.ListCampaignsAsync(Client, null, null, this, Cancellation));

    /// <summary>The campaign a -Campaign value names, or null once its error is written; a campaign object needs no listing.</summary>
    internal Campaign? TryResolve(object value)
    {
        if (CampaignDirectory.Unwrap(value) is Campaign campaign) return campaign;
        try
        {
            return CampaignDirectory.Resolve(AllCampaigns(), value);
        }
        catch (CampaignLookupException e)
        {
            WriteError(e.ToErrorRecord(value));
        }
        catch (SignalWireApiException e)
        {
            WriteApiError(e, value);
        }
        return null;
    }

    /// <summary>"'Support SMS' (6c1f2a0e-...)".</summary>
    internal static string Describe(Campaign campaign) => $"'{campaign.Name}' ({campaign.Id})";
}

/// <summary>
/// What the 10DLC cmdlets that write share: the campaigns, read once per run, and the change journal of every writing
/// cmdlet (-JournalPath, or the session's).
/// </summary>
public abstract class CampaignWriteCmdlet : SwWriteCmdlet
{
    private IReadOnlyList<Campaign>? campaigns;

    /// <summary>Every campaign of every brand, listed at the first need and kept for the run.</summary>
    internal IReadOnlyList<Campaign> AllCampaigns() =>
        campaigns ??= Await(CampaignDirectory.ListCampaignsAsync(Client, null, null, this, Cancellation));

    internal static string Describe(Campaign campaign) => CampaignCmdlet.Describe(campaign);

    /// <summary>A campaign's change, as the journal records it: the number's campaign_id before and after.</summary>
    internal static JournalChange[] CampaignChange(string? before, string? after) =>
        new[] { new JournalChange("campaign_id", before, true, after) };
}
