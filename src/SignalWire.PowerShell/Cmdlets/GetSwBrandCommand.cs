using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>Lists the project's 10DLC brands (every page), by name with wildcards or by id.</summary>
[Cmdlet(VerbsCommon.Get, "SwBrand", DefaultParameterSetName = ListSet)]
[OutputType(typeof(Brand))]
public sealed class GetSwBrandCommand : SwSessionCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";

    [Parameter(Position = 0, ParameterSetName = ListSet)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(BrandCompleter))]
    public string[]? Name { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateUuid]
    [ArgumentCompleter(typeof(BrandCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        IReadOnlyList<Brand> brands;
        try
        {
            // Piped ids reuse the run's list: only the first record reads it.
            brands = Await(Registry.BrandsAsync());
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
                var brand = brands.FirstOrDefault(b => string.Equals(b.Id, id, StringComparison.OrdinalIgnoreCase));
                if (brand != null) WriteObject(brand);
                else WriteError(new ErrorRecord(new ItemNotFoundException($"No brand with the id {id} in this project."), "BrandNotFound",
                    ErrorCategory.ObjectNotFound, id));
            }
            return;
        }
        var names = NameFilter.Of(Name);
        WriteObject(brands.Where(b => names.Matches(b.Name)), enumerateCollection: true);
        foreach (var missing in names.Unmatched(brands.Select(b => b.Name)))
        {
            WriteError(new ErrorRecord(new ItemNotFoundException($"No brand named '{missing}' in this project."), "BrandNotFound",
                ErrorCategory.ObjectNotFound, missing));
        }
    }
}
