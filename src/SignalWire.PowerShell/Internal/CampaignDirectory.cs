using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Internal;

/// <summary>A -Campaign value that names no campaign, or more than one: its error id and category.</summary>
internal sealed class CampaignLookupException : Exception
{
    public CampaignLookupException(string message, string errorId, ErrorCategory category) : base(message)
    {
        ErrorId = errorId;
        Category = category;
    }

    public string ErrorId { get; }

    public ErrorCategory Category { get; }

    public ErrorRecord ToErrorRecord(object? target) => new ErrorRecord(this, ErrorId, Category, target);
}

/// <summary>
/// What the campaign cmdlets share: the project's brands and campaigns (every brand's, every page: the API lists
/// campaigns only per brand), each list read at the first need and kept for the run of one command, so piped input
/// never lists them again; a -Campaign value (a name, an id or a campaign) resolved against them; and the assignments
/// of many campaigns read as one listing per campaign, never one request per number.
/// </summary>
internal sealed class CampaignDirectory
{
    private readonly SignalWireClient client;
    private readonly IRequestObserver observer;
    private readonly CancellationToken cancellationToken;
    private IReadOnlyList<Brand>? brands;
    // A brand's campaigns by (brand id, the API's filter_name); a failed listing is not kept, so the next need asks again.
    private readonly Dictionary<(string Brand, string? NameContains), IReadOnlyList<Campaign>> campaigns =
        new Dictionary<(string, string?), IReadOnlyList<Campaign>>();

    public CampaignDirectory(SignalWireClient client, IRequestObserver observer, CancellationToken cancellationToken)
    {
        this.client = client;
        this.observer = observer;
        this.cancellationToken = cancellationToken;
    }

    /// <summary>Every brand of the project.</summary>
    public async Task<IReadOnlyList<Brand>> BrandsAsync() =>
        brands ??= await client.ListAllBrandsAsync(observer, cancellationToken).ConfigureAwait(false);

    /// <summary>Every campaign of every brand, each with its brand's id and name.</summary>
    public Task<IReadOnlyList<Campaign>> AllAsync() => CampaignsAsync(null, null);

    /// <summary>
    /// The campaigns of the brands given (all brands when null) whose name contains <paramref name="nameContains"/>
    /// (the API's filter_name; every campaign when null), each with its brand's id and name.
    /// </summary>
    public async Task<IReadOnlyList<Campaign>> CampaignsAsync(ICollection<string>? brandIds, string? nameContains)
    {
        var found = new List<Campaign>();
        foreach (var brand in await BrandsAsync().ConfigureAwait(false))
        {
            if (brandIds != null && !brandIds.Contains(brand.Id, StringComparer.OrdinalIgnoreCase)) continue;
            if (!campaigns.TryGetValue((brand.Id, nameContains), out var listed))
            {
                listed = await client.ListAllCampaignsAsync(brand, nameContains, observer, cancellationToken).ConfigureAwait(false);
                campaigns[(brand.Id, nameContains)] = listed;
            }
            found.AddRange(listed);
        }
        return found;
    }

    /// <summary>The campaign a -Campaign value names: a campaign as given, else found by id or name among them all.</summary>
    public async Task<Campaign> ResolveAsync(object value)
    {
        if (Unwrap(value) is Campaign campaign) return campaign;
        return Resolve(await AllAsync().ConfigureAwait(false), value);
    }

    /// <summary>
    /// A campaign by its id, or by its name (the whole name, ignoring case; with wildcards, the one campaign it matches).
    /// A name two campaigns share, or a pattern that matches several, is refused rather than guessed.
    /// </summary>
    public static Campaign Resolve(IReadOnlyList<Campaign> campaigns, object value)
    {
        var unwrapped = Unwrap(value);
        if (unwrapped is Campaign given)
            return campaigns.FirstOrDefault(c => SameId(c.Id, given.Id)) ?? given;
        var text = unwrapped?.ToString()?.Trim() ?? "";
        if (text.Length == 0)
            throw new CampaignLookupException("-Campaign is empty: give a campaign's name, its id or the campaign itself.", "CampaignNotFound",
                ErrorCategory.InvalidArgument);
        if (PhoneNumberText.IsId(text))
        {
            return campaigns.FirstOrDefault(c => SameId(c.Id, text))
                ?? throw new CampaignLookupException($"No campaign with the id {text} in this project.", "CampaignNotFound",
                    ErrorCategory.ObjectNotFound);
        }
        var pattern = new WildcardPattern(text, WildcardOptions.IgnoreCase);
        var matches = campaigns.Where(c => pattern.IsMatch(c.Name ?? "")).ToList();
        if (matches.Count == 1) return matches[0];
        if (matches.Count == 0)
        {
            var names = campaigns.Count == 0 ? "the project has none" : "its campaigns: " + string.Join(", ", campaigns.Select(c => $"'{c.Name}'"));
            throw new CampaignLookupException($"No campaign named '{text}' in this project ({names}).", "CampaignNotFound",
                ErrorCategory.ObjectNotFound);
        }
        throw new CampaignLookupException(
            $"'{text}' names {matches.Count} campaigns ({string.Join(", ", matches.Select(c => $"'{c.Name}' {c.Id}"))}): give the campaign's id.",
            "CampaignAmbiguous", ErrorCategory.InvalidArgument);
    }

    /// <summary>The assignments of every campaign given, by number (E.164): one listing per campaign.</summary>
    public static async Task<Dictionary<string, CampaignNumber>> AssignmentsByNumberAsync(SignalWireClient client, IEnumerable<Campaign> campaigns,
        IRequestObserver observer, CancellationToken cancellationToken)
    {
        var byNumber = new Dictionary<string, CampaignNumber>(StringComparer.Ordinal);
        foreach (var campaign in campaigns)
        {
            foreach (var assignment in await client.ListAllCampaignNumbersAsync(campaign, null, observer, cancellationToken).ConfigureAwait(false))
            {
                // Listed newest first: a number listed twice (an old failed assignment, a new one) is its newest.
                if (assignment.Number != null && !byNumber.ContainsKey(assignment.Number)) byNumber[assignment.Number] = assignment;
            }
        }
        return byNumber;
    }

    /// <summary>
    /// The numbers Get-SwPhoneNumber -Campaign keeps: "none", those no campaign holds in any state (a failed assignment
    /// is retried by the registry, so its number stays on the campaign); otherwise those of the one campaign named.
    /// "none" reads the assignments of every campaign, a campaign only its own: one listing per campaign.
    /// </summary>
    public async Task<Func<string, bool>> NumberFilterAsync(object value)
    {
        if (Unwrap(value) is string text && string.Equals(text.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            var all = await AllAsync().ConfigureAwait(false);
            var held = await AssignmentsByNumberAsync(client, all, observer, cancellationToken).ConfigureAwait(false);
            return number => !held.ContainsKey(number);
        }
        var campaign = await ResolveAsync(value).ConfigureAwait(false);
        var on = await AssignmentsByNumberAsync(client, new[] { campaign }, observer, cancellationToken).ConfigureAwait(false);
        return number => on.ContainsKey(number);
    }

    public static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    private static bool SameId(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
