using System;
using System.Management.Automation;
using System.Threading.Tasks;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>
/// Lists the project's E911 addresses, following links.next to the last page and writing each page as it arrives,
/// or retrieves addresses by id.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SwE911Address", DefaultParameterSetName = ListSet)]
[OutputType(typeof(E911Address))]
public sealed class GetSwE911AddressCommand : E911AddressCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateUuid]
    [ArgumentCompleter(typeof(E911AddressCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Addresses whose label contains this text (the API's filter_label).</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ArgumentCompleter(typeof(E911AddressCompleter))]
    public string? Label { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == IdSet) WriteById();
        else WriteList();
    }

    private void WriteById() => WriteEach(Id, id => Client.GetE911AddressAsync(id, this, Cancellation), WriteAddressError);

    private void WriteList()
    {
        try
        {
            var query = new E911AddressQuery { Label = Label, PageSize = E911AddressQuery.MaximumPageSize };
            WritePages(Client.E911AddressPages(query, this, Cancellation),
                page => page.Addresses);
        }
        catch (SignalWireApiException e)
        {
            WriteAddressError(e, Label);
        }
    }
}
