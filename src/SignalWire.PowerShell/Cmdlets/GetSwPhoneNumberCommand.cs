using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>
/// Lists the project's numbers, following links.next to the last page and writing each page as it arrives, or
/// retrieves numbers by id.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SwPhoneNumber", DefaultParameterSetName = ListSet, SupportsPaging = true)]
[OutputType(typeof(PhoneNumber))]
public sealed class GetSwPhoneNumberCommand : SwSessionCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";
    private const string ResourceSet = "Resource";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateUuid]
    [ArgumentCompleter(typeof(PhoneNumberCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>
    /// Numbers whose name contains this text (the API's filter_name), or with wildcards, whose whole name matches the
    /// pattern (the server is sent its longest plain part).
    /// </summary>
    [Parameter(ParameterSetName = ListSet)]
    [SupportsWildcards]
    public string? Name { get; set; }

    /// <summary>
    /// That number alone, in any form every cmdlet reads; with wildcards, the numbers the pattern matches. The API's
    /// filter_number matches any part of the number, so it only narrows the listing.
    /// </summary>
    [Parameter(ParameterSetName = ListSet)]
    [SupportsWildcards]
    [E164Transformation]
    [ValidateE164(AllowWildcards = true)]
    [ArgumentCompleter(typeof(PhoneNumberCompleter))]
    public string? Number { get; set; }

    /// <summary>
    /// "none": the numbers no 10DLC campaign holds (they cannot send application-to-person messages); a campaign's name,
    /// id or the campaign itself: the numbers on it. Read from one listing of each campaign's assignments.
    /// </summary>
    [Parameter(ParameterSetName = ListSet)]
    [ArgumentCompleter(typeof(CampaignFilterCompleter))]
    public object? Campaign { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, PhoneNumberQuery.MaximumPageSize)]
    public int PageSize { get; set; }

    /// <summary>
    /// Only numbers in these E911 states; "none" is a number without an E911 address. The API has no such filter
    /// (ListPhoneNumbersQuery: filter_name and filter_number only), so every page is read and filtered here.
    /// </summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet("none", "pending", "active", "failed", "pending_removal", "unregistered")]
    public string[]? E911Status { get; set; }

    /// <summary>
    /// The numbers whose calls or messages these Fabric resources handle (calling_handler_resource_id,
    /// messaging_handler_resource_id), from one listing of the numbers however many resources are piped.
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = ResourceSet, ValueFromPipeline = true)]
    public FabricResource[] Resource { get; set; } = Array.Empty<FabricResource>();

    /// <summary>
    /// Adds CallingHandlerName and MessagingHandlerName to each number: the display names of the Fabric resources its
    /// handler ids point to, from one listing of the resources (not one request per number).
    /// </summary>
    [Parameter]
    public SwitchParameter IncludeHandlerName { get; set; }

    private readonly HashSet<string> handlerIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, string?>? handlerNames;

    protected override void ProcessRecord()
    {
        if (IncludeHandlerName && handlerNames == null) handlerNames = ReadHandlerNames();
        if (ParameterSetName == IdSet) WriteById();
        else if (ParameterSetName == ResourceSet)
            foreach (var resource in Resource) handlerIds.Add(resource.Id);
        else WriteList();
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName == ResourceSet && handlerIds.Count > 0) WriteList();
        base.EndProcessing();
    }

    private Dictionary<string, string?>? ReadHandlerNames()
    {
        try
        {
            return Await(Client.ListAllResourcesAsync(null, this, Cancellation))
                .GroupBy(r => r.Id, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().DisplayName, StringComparer.OrdinalIgnoreCase);
        }
        catch (SignalWireApiException e)
        {
            WriteApiError(e, null);
            return new Dictionary<string, string?>();
        }
    }

    private new void WriteObject(object number)
    {
        if (handlerNames == null || number is not PhoneNumber phoneNumber)
        {
            base.WriteObject(number);
            return;
        }
        var named = new PSObject(phoneNumber);
        named.Properties.Add(new PSNoteProperty("CallingHandlerName", NameOf(phoneNumber.CallingHandlerResourceId)));
        named.Properties.Add(new PSNoteProperty("MessagingHandlerName", NameOf(phoneNumber.MessagingHandlerResourceId)));
        base.WriteObject(named);
    }

    private string? NameOf(string? resourceId) =>
        resourceId != null && handlerNames!.TryGetValue(resourceId, out var name) ? name : null;

    private void WriteById()
    {
        // Not WriteEach: each number goes through this cmdlet's WriteObject, which adds its handler names when asked.
        foreach (var id in Id)
        {
            try
            {
                WriteObject(Await(Client.GetPhoneNumberAsync(id, this, Cancellation)));
            }
            catch (SignalWireApiException e)
            {
                WriteApiError(e, id);
            }
        }
    }

    private void WriteList()
    {
        var skip = PagingParameters.Skip;
        var first = PagingParameters.First;
        // How far into the list this call reads: -Skip plus -First, without overflowing when -First is absent.
        var limit = first > ulong.MaxValue - skip ? ulong.MaxValue : skip + first;
        numberFilter = string.IsNullOrEmpty(Number) ? null : ListFilter.ForNumber(Number!);
        nameFilter = string.IsNullOrEmpty(Name) ? null : ListFilter.ForName(Name!);
        if (Campaign != null && !ReadCampaignFilter()) return;
        var filtered = campaignFilter != null || E911Status != null || numberFilter != null || nameFilter != null || handlerIds.Count > 0;
        var query = new PhoneNumberQuery
        {
            Name = nameFilter?.ServerFilter,
            Number = numberFilter?.ServerFilter,
            // The largest page by default: fewer round trips. With -First, no more than is wanted (unless filtered here).
            PageSize = PageSize > 0 ? PageSize
                : filtered ? PhoneNumberQuery.MaximumPageSize
                : (int)Math.Max(1, Math.Min((ulong)PhoneNumberQuery.MaximumPageSize, limit)),
        };

        ulong seen = 0;
        var pages = 0;
        var reachedEnd = false;
        var walk = Client.Pages(query, this, Cancellation);
        Task<PhoneNumberPage>? pending = walk.NextAsync();
        try
        {
            while (pending != null)
            {
                var page = Await(pending);
                pages++;
                pending = null;
                // Without -First or a filter matched here nothing needs the page's count first: its numbers go down the
                // pipeline as they are read, so the first updates leave before a large page has been read to its end.
                var asRead = limit == ulong.MaxValue && !filtered;
                var numbers = asRead ? null : filtered ? page.Numbers.Where(Wanted).ToList() : page.Numbers;
                // Where this page ends in the list, when its numbers were counted first.
                var pageEnd = numbers == null ? (ulong?)null : seen + (ulong)numbers.Count;
                // Fetch the next page while this one goes down the pipeline.
                if (walk.HasMore && (pageEnd == null || pageEnd < limit)) pending = walk.NextAsync();
                else if (walk.RepeatedLink != null)
                    WriteWarning($"The API sent the same next link twice ({walk.RepeatedLink.PathAndQuery}); stopped paging there.");
                foreach (var number in numbers ?? page.NumbersAsRead)
                {
                    if (seen >= limit) break;
                    if (seen++ >= skip) WriteObject(number);
                }
                // The count is exact only when the last page was read to its end.
                if (!walk.HasMore && walk.RepeatedLink == null && (pageEnd == null || seen == pageEnd)) reachedEnd = true;
                WriteProgress(new ProgressRecord(1, "Get-SwPhoneNumber", $"{seen} numbers from {pages} pages"));
            }
        }
        catch (SignalWireApiException e)
        {
            failed = true;
            WriteApiError(e, Number ?? Name);
        }
        finally
        {
            WriteProgress(new ProgressRecord(1, "Get-SwPhoneNumber", "Done") { RecordType = ProgressRecordType.Completed });
        }
        // A number asked for by itself is looked up, as -Id is: its absence is an error (wildcards find what they find).
        if (numberFilter?.Exact != null && !exactSeen && !failed && reachedEnd)
            WriteError(new ErrorRecord(new ItemNotFoundException($"No phone number {numberFilter.Exact} in this project{NarrowedBy()}."),
                "PhoneNumberNotFound", ErrorCategory.ObjectNotFound, numberFilter.Exact));
        if (PagingParameters.IncludeTotalCount)
            WriteObject(PagingParameters.NewTotalCount(seen, reachedEnd ? 1.0 : 0.0));
    }

    private ListFilter? numberFilter;
    private ListFilter? nameFilter;
    private bool exactSeen;
    private bool failed;

    /// <summary>Whether a listed number passes -Number, -Name and -E911Status.</summary>
    private bool Wanted(PhoneNumber number)
    {
        if (numberFilter != null && !numberFilter.Matches(number.Number)) return false;
        if (nameFilter != null && !nameFilter.Matches(number.Name)) return false;
        if (handlerIds.Count > 0 && !IsHandledBy(number.CallingHandlerResourceId) && !IsHandledBy(number.MessagingHandlerResourceId)) return false;
        if (numberFilter?.Exact != null) exactSeen = true;
        if (campaignFilter != null && !campaignFilter(number.Number ?? "")) return false;
        return E911Status == null || HasE911Status(number);
    }

    private Func<string, bool>? campaignFilter;

    // -Campaign: which numbers a campaign holds, read before the numbers; a campaign it cannot find is one error, no listing.
    private bool ReadCampaignFilter()
    {
        try
        {
            campaignFilter = Await(Registry.NumberFilterAsync(Campaign!));
            return true;
        }
        catch (CampaignLookupException e)
        {
            WriteError(e.ToErrorRecord(Campaign));
        }
        catch (SignalWireApiException e)
        {
            WriteApiError(e, Campaign);
        }
        return false;
    }

    private bool IsHandledBy(string? resourceId) => resourceId != null && handlerIds.Contains(resourceId);

    /// <summary>" whose name contains 'x'" when -Name was given too: the number may be in the project under another name.</summary>
    private string NarrowedBy() =>
        nameFilter == null ? ""
            : WildcardPattern.ContainsWildcardCharacters(Name) ? $" whose name matches '{Name}'"
            : $" whose name contains '{Name}'";

    /// <summary>"none": no E911 address on the number (never assigned, or its removal confirmed).</summary>
    private bool HasE911Status(PhoneNumber number) =>
        E911Status!.Any(wanted => string.Equals(wanted, "none", StringComparison.OrdinalIgnoreCase)
            ? string.IsNullOrEmpty(number.E911AddressId)
            : string.Equals(number.E911Status, wanted, StringComparison.OrdinalIgnoreCase));
}
