using System.Management.Automation;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>Searches the numbers that can be bought. Pipe the results to New-SwPhoneNumber to buy them.</summary>
[Cmdlet(VerbsCommon.Find, "SwAvailablePhoneNumber", DefaultParameterSetName = AnyPatternSet)]
[OutputType(typeof(AvailablePhoneNumber))]
public sealed class FindSwAvailablePhoneNumberCommand : SwSessionCmdlet
{
    // The API takes only one of starts_with, contains and ends_with: one parameter set each.
    private const string AnyPatternSet = "AnyPattern";
    private const string StartsWithSet = "StartsWith";
    private const string ContainsSet = "Contains";
    private const string EndsWithSet = "EndsWith";

    [Parameter(Position = 0)]
    [ValidateDigits(3, 3)]
    public string? AreaCode { get; set; }

    [Parameter]
    [ValidateSet("local", "toll-free")]
    public string? NumberType { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = StartsWithSet)]
    [ValidateDigits(3, 7)]
    public string? StartsWith { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ContainsSet)]
    [ValidateDigits(3, 7)]
    public string? Contains { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = EndsWithSet)]
    [ValidateDigits(3, 7)]
    public string? EndsWith { get; set; }

    [Parameter]
    [ValidateRange(1, AvailableNumberQuery.MaximumResults)]
    public int MaxResults { get; set; }

    /// <summary>A two-letter region such as TX (local numbers only).</summary>
    [Parameter]
    [ValidatePattern("^[A-Za-z]{2}$")]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    [Parameter]
    public string? City { get; set; }

    protected override void ProcessRecord()
    {
        if (!string.IsNullOrEmpty(City) && string.IsNullOrEmpty(Region))
            ThrowTerminatingError(ErrorRecords.InvalidArgument("CityNeedsRegion",
                "-City needs -Region (the two-letter region the city is in, such as TX).", City));
        if (NumberType == "toll-free" && (!string.IsNullOrEmpty(Region) || !string.IsNullOrEmpty(City)))
            ThrowTerminatingError(ErrorRecords.InvalidArgument("RegionNeedsLocal",
                "-Region and -City apply to local numbers only, not to -NumberType toll-free.", NumberType));

        var query = new AvailableNumberQuery
        {
            AreaCode = AreaCode,
            NumberType = NumberType,
            StartsWith = StartsWith,
            Contains = Contains,
            EndsWith = EndsWith,
            MaxResults = MaxResults > 0 ? MaxResults : (int?)null,
            Region = Region?.ToUpperInvariant(),
            City = City,
        };
        try
        {
            var found = Await(Client.SearchAvailablePhoneNumbersAsync(query, this, Cancellation));
            // No match is an answer, not an error ("data" empty, null or absent): nothing is written.
            if (found.Count == 0) WriteVerbose("No available number matches the search.");
            WriteObject(found, enumerateCollection: true);
        }
        catch (SignalWireApiException e)
        {
            WriteApiError(e, null);
        }
    }
}
