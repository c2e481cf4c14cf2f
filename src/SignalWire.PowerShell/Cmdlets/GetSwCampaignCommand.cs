using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>
/// Lists the project's 10DLC campaigns: the API lists them per brand, so every brand's campaigns are read, every page,
/// and each campaign carries its brand's id and name.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SwCampaign", DefaultParameterSetName = ListSet)]
[OutputType(typeof(Campaign))]
public sealed class GetSwCampaignCommand : SwSessionCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";

    [Parameter(Position = 0, ParameterSetName = ListSet)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CampaignCompleter))]
    public string[]? Name { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateUuid]
    [ArgumentCompleter(typeof(CampaignCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Only the campaigns of these brands (only their campaign lists are read).</summary>
    [Parameter]
    [ValidateUuid]
    [ArgumentCompleter(typeof(BrandCompleter))]
    public string[]? BrandId { get; set; }

    protected override void ProcessRecord()
    {
        IReadOnlyList<Campaign> campaigns;
        try
        {
            // A single plain name is sent as the API's filter_name (a substring), which only narrows the lists read; its
            // escaped wildcard characters (a completed name) are the name's own.
            var serverFilter = Name is { Length: 1 } && !WildcardPattern.ContainsWildcardCharacters(Name[0])
                ? WildcardPattern.Unescape(Name[0])
                : null;
            // Piped ids reuse the run's lists: only the first record reads them.
            campaigns = Await(Registry.CampaignsAsync(BrandId, serverFilter));
        }
        catch (SignalWireApiException e)
        {
            WriteApiError(e, null);
            return;
        }
        if (ParameterSetName == IdSet)
        {
            foreach (var id in Id)
            {
                var campaign = campaigns.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));
                if (campaign != null) WriteObject(campaign);
                else WriteError(new ErrorRecord(new ItemNotFoundException($"No campaign with the id {id} in this project{OfBrands()}."),
                    "CampaignNotFound", ErrorCategory.ObjectNotFound, id));
            }
            return;
        }
        var names = NameFilter.Of(Name);
        WriteObject(campaigns.Where(c => names.Matches(c.Name)), enumerateCollection: true);
        foreach (var missing in names.Unmatched(campaigns.Select(c => c.Name)))
        {
            WriteError(new ErrorRecord(new ItemNotFoundException($"No campaign named '{missing}' in this project{OfBrands()}."),
                "CampaignNotFound", ErrorCategory.ObjectNotFound, missing));
        }
    }

    private string OfBrands() => BrandId == null ? "" : $" among the campaigns of brand {string.Join(", ", BrandId)}";
}
