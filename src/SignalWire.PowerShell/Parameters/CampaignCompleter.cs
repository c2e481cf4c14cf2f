using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Parameters;

/// <summary>
/// Tab completion of a 10DLC campaign from the session's campaigns: -Campaign and Get-SwCampaign -Name complete to the
/// name (quoted when it needs it, its wildcard characters escaped, since both read a name as a pattern), Get-SwCampaign
/// -Id to the id; each is listed as its name, state and brand, with the id as tooltip. A name two campaigns share would
/// make -Campaign ambiguous, so there it completes to the id. The API lists campaigns per brand: one bounded listing per
/// session, the first page of the brands then the first page of each of their campaign lists, shared for a minute
/// (see <see cref="SessionListing{T}"/>); nothing when not connected, unreachable or slow. Get-SwCampaign -BrandId, when
/// given, keeps the offers to those brands' campaigns.
/// </summary>
public sealed class CampaignCompleter : IArgumentCompleter
{
    internal static readonly SessionListing<Campaign> Campaigns = new SessionListing<Campaign>(async client =>
    {
        var brands = await client.ListBrandsFirstPageAsync(null, CancellationToken.None).ConfigureAwait(false);
        // The brands' lists side by side; each keeps its brand's place, so the order is the API's, brand after brand.
        var lists = await Task.WhenAll(brands.Select(brand => client.ListCampaignsFirstPageAsync(brand, null, CancellationToken.None)))
            .ConfigureAwait(false);
        return lists.SelectMany(list => list).ToList();
    });

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Campaigns.Offer(fakeBoundParameters, listed => Complete(listed, parameterName, wordToComplete, BrandIds(fakeBoundParameters)));

    /// <summary>
    /// The campaigns (of <paramref name="brandIds"/> when given) matching what has been typed: by any part of the name,
    /// and for -Id also by the start of the id.
    /// </summary>
    internal static IEnumerable<CompletionResult> Complete(IReadOnlyList<Campaign> campaigns, string parameterName, string? wordToComplete,
        ICollection<string>? brandIds)
    {
        var byId = string.Equals(parameterName, nameof(Campaign.Id), StringComparison.OrdinalIgnoreCase);
        var isCampaign = string.Equals(parameterName, "Campaign", StringComparison.OrdinalIgnoreCase);
        var shared = new HashSet<string>(campaigns.GroupBy(c => c.Name ?? "", StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1).Select(g => g.Key), StringComparer.OrdinalIgnoreCase);
        // Get-SwCampaign -Name offers a shared name once: it lists every campaign of that name.
        var offered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var campaign in campaigns)
        {
            var name = campaign.Name ?? "";
            if (brandIds != null && !brandIds.Contains(campaign.BrandId ?? "", StringComparer.OrdinalIgnoreCase)) continue;
            // Get-SwCampaign -Name cannot give a campaign without a name (-Campaign gives it by its id).
            if ((!byId && !isCampaign && name.Length == 0) || !CompletionText.Matches(campaign.Id, name, byId, wordToComplete)) continue;
            var text = byId || name.Length == 0 || (isCampaign && shared.Contains(name))
                ? campaign.Id
                : CompletionText.Quoted(WildcardPattern.Escape(name), wordToComplete);
            if (!offered.Add(text)) continue;
            var details = string.Join(", ", new[] { campaign.State, campaign.BrandName }.Where(d => !string.IsNullOrEmpty(d)));
            var label = (name.Length == 0 ? campaign.Id : name) + (details.Length == 0 ? "" : $" ({details})");
            yield return new CompletionResult(text, label, CompletionResultType.ParameterValue, campaign.Id);
        }
    }

    // Get-SwCampaign -BrandId as typed so far on the line, when it is.
    private static ICollection<string>? BrandIds(IDictionary? fakeBoundParameters)
    {
        if (fakeBoundParameters == null || !fakeBoundParameters.Contains("BrandId")) return null;
        var ids = LanguagePrimitives.ConvertTo<string[]>(fakeBoundParameters["BrandId"]);
        return ids == null || ids.Length == 0 ? null : ids;
    }
}

/// <summary>
/// Tab completion of Get-SwPhoneNumber -Campaign: none (the numbers on no campaign) first, then the session's campaigns
/// as <see cref="CampaignCompleter"/> offers them; nothing when they could not be listed.
/// </summary>
public sealed class CampaignFilterCompleter : IArgumentCompleter
{
    internal const string None = "none";

    private static readonly CompletionResult none =
        new CompletionResult(None, None, CompletionResultType.ParameterValue, "The numbers on no campaign");

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CampaignCompleter.Campaigns.Offer(fakeBoundParameters, listed =>
        {
            var campaigns = CampaignCompleter.Complete(listed, parameterName, wordToComplete, null);
            var noneTyped = None.StartsWith(CompletionText.Word(wordToComplete), StringComparison.OrdinalIgnoreCase);
            return noneTyped ? new[] { none }.Concat(campaigns) : campaigns;
        });
}

/// <summary>
/// Tab completion of a 10DLC brand from the session's brands: Get-SwBrand -Name completes to the name (quoted when it
/// needs it, its wildcard characters escaped), an id parameter (Get-SwBrand -Id, Get-SwCampaign -BrandId) to the id;
/// each is listed as its name, with the id as tooltip. One bounded listing per session (the first page of the brands),
/// shared for a minute (see <see cref="SessionListing{T}"/>); nothing when not connected, unreachable or slow.
/// </summary>
public sealed class BrandCompleter : IArgumentCompleter
{
    internal static readonly SessionListing<Brand> Brands = new SessionListing<Brand>(client =>
        client.ListBrandsFirstPageAsync(null, CancellationToken.None));

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Brands.Offer(fakeBoundParameters, listed => Complete(listed, parameterName, wordToComplete));

    /// <summary>The brands matching what has been typed: by any part of the name, and for an id parameter also by the start of the id.</summary>
    internal static IEnumerable<CompletionResult> Complete(IEnumerable<Brand> brands, string parameterName, string? wordToComplete)
    {
        var byName = string.Equals(parameterName, nameof(Brand.Name), StringComparison.OrdinalIgnoreCase);
        // A name two brands share is offered once: Get-SwBrand -Name lists both.
        var offered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var brand in brands)
        {
            var name = brand.Name ?? "";
            if ((byName && name.Length == 0) || !CompletionText.Matches(brand.Id, name, !byName, wordToComplete)) continue;
            var text = byName ? CompletionText.Quoted(WildcardPattern.Escape(name), wordToComplete) : brand.Id;
            if (!offered.Add(text)) continue;
            yield return new CompletionResult(text, name.Length == 0 ? brand.Id : name, CompletionResultType.ParameterValue, brand.Id);
        }
    }
}
