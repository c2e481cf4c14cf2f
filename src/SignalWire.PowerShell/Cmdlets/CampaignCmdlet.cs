using System.Management.Automation;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>
/// What the 10DLC campaign cmdlets share: -Campaign resolved against the project's campaigns, which are read once per
/// run (<see cref="SwSessionCmdlet.AllCampaigns"/>).
/// </summary>
public abstract class CampaignCmdlet : SwSessionCmdlet
{
    /// <summary>The campaign a -Campaign value names, or null once its error is written; a campaign object needs no listing.</summary>
    internal Campaign? TryResolve(object value)
    {
        try
        {
            return Await(Registry.ResolveAsync(value));
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
/// What the 10DLC cmdlets that write share: the change journal of every writing cmdlet (-JournalPath, or the
/// session's), and a campaign as they describe and journal it. The campaigns are read once per run
/// (<see cref="SwSessionCmdlet.AllCampaigns"/>).
/// </summary>
public abstract class CampaignWriteCmdlet : SwWriteCmdlet
{
    internal static string Describe(Campaign campaign) => CampaignCmdlet.Describe(campaign);

    /// <summary>A campaign's change, as the journal records it: the number's campaign_id before and after.</summary>
    internal static JournalChange[] CampaignChange(string? before, string? after) =>
        new[] { new JournalChange("campaign_id", before, true, after) };
}
