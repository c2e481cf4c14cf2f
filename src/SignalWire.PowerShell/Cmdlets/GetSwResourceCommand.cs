using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>
/// Lists the project's Fabric resources (AI agents, call flows, cXML applications, SIP endpoints...), the targets a
/// number's calls and messages can be routed to, every page and streamed; or gets resources by id.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SwResource", DefaultParameterSetName = ListSet)]
[OutputType(typeof(FabricResource))]
public sealed class GetSwResourceCommand : SwSessionCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateUuid]
    [ArgumentCompleter(typeof(ResourceCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Only resources of this type, from that type's own list (ai_agent, call_flow, cxml_application...).</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ArgumentCompleter(typeof(ResourceTypeCompleter))]
    public string? Type { get; set; }

    /// <summary>
    /// Resources whose display name matches: wildcards match the whole name, plain text is contained in it. A UUID also
    /// finds the resource it names in either form (Id or ObjectId), so an id given by position finds its resource.
    /// </summary>
    [Parameter(Position = 0, ParameterSetName = ListSet)]
    [SupportsWildcards]
    public string? Name { get; set; }

    private ListFilter? nameFilter;
    private string? nameAsId;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (Type != null && !FabricResourceTypes.ListPaths.ContainsKey(Type))
            ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidResourceType",
                $"-Type: '{Type}' is not a Fabric resource type. Allowed: {string.Join(", ", FabricResourceTypes.ListPaths.Keys)}.", Type));
        if (Type != null) Type = FabricResourceTypes.ListPaths.Keys.First(k => k.Equals(Type, StringComparison.OrdinalIgnoreCase));
        if (Name != null && Guid.TryParse(Name, out _)) nameAsId = Name;
        // The same -Name rule as Get-SwPhoneNumber's: contained in, any case; with wildcards, the whole name.
        if (Name != null) nameFilter = ListFilter.ForName(Name);
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == IdSet) WriteById();
        else WriteList();
    }

    private void WriteById() => WriteEach(Id, id => Client.GetResourceAsync(id, this, Cancellation), WriteResourceError);

    private void WriteList()
    {
        try
        {
            // A type's own list holds only that type; the type filter also guards a list that mixes them.
            WritePages(Client.ResourcePages(Type, this, Cancellation), page => page.Resources, resource =>
                (Type == null || string.Equals(resource.Type, Type, StringComparison.OrdinalIgnoreCase))
                && (nameFilter == null || NameMatches(resource)));
        }
        catch (SignalWireApiException e)
        {
            WriteResourceError(e, (object?)Name ?? Type);
        }
    }

    private bool NameMatches(FabricResource resource) =>
        nameFilter!.Matches(resource.DisplayName) || (nameAsId != null && resource.IsNamedBy(nameAsId));

    private void WriteResourceError(SignalWireApiException error, object? target)
    {
        if (error.Kind == SignalWireErrorKind.NotFound)
        {
            WriteError(new ErrorRecord(error, "ResourceNotFound", ErrorCategory.ObjectNotFound, target)
            {
                ErrorDetails = new ErrorDetails($"No Fabric resource {target} in this project: {error.Message}")
                {
                    RecommendedAction = "Get-SwResource lists the project's resources.",
                },
            });
            return;
        }
        WriteApiError(error, target);
    }
}
