using System;
using System.Collections.Generic;
using System.Management.Automation;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>
/// Lists the numbers assigned to 10DLC campaigns (one campaign's, or every campaign's): one listing per campaign, every
/// page, in one state when -State is given (the API's filter_state).
/// </summary>
[Cmdlet(VerbsCommon.Get, "SwCampaignNumber")]
[OutputType(typeof(CampaignNumber))]
public sealed class GetSwCampaignNumberCommand : CampaignCmdlet
{
    /// <summary>A campaign's name, id or the campaign itself; every campaign when left out.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(CampaignCompleter))]
    public object[]? Campaign { get; set; }

    [Parameter]
    [ValidateSet("pending", "completed", "failed")]
    public string? State { get; set; }

    private readonly HashSet<string> listed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    protected override void ProcessRecord()
    {
        if (Campaign == null)
        {
            IReadOnlyList<Campaign> all;
            try
            {
                all = AllCampaigns();
            }
            catch (SignalWireApiException e)
            {
                WriteApiError(e, null);
                return;
            }
            foreach (var campaign in all) List(campaign);
            return;
        }
        foreach (var value in Campaign)
        {
            if (TryResolve(value) is { } campaign) List(campaign);
        }
    }

    private void List(Campaign campaign)
    {
        if (!listed.Add(campaign.Id)) return; // a campaign named twice is listed once
        try
        {
            WriteObject(Await(Client.ListAllCampaignNumbersAsync(campaign, State, this, Cancellation)), enumerateCollection: true);
        }
        catch (SignalWireApiException e)
        {
            WriteApiError(e, campaign);
        }
    }
}
