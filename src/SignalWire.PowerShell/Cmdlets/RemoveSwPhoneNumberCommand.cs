using System;
using System.Management.Automation;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>Releases numbers from the project. The number is gone for good: ConfirmImpact is High.</summary>
[Cmdlet(VerbsCommon.Remove, "SwPhoneNumber", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveSwPhoneNumberCommand : SwSessionCmdlet
{
    // The piped PhoneNumber's set is the default: PowerShell binds the default set first, and by its Id alone the
    // confirmation and errors could not name the number.
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateUuid]
    [ArgumentCompleter(typeof(PhoneNumberCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    public PhoneNumber? InputObject { get; set; }

    protected override void ProcessRecord()
    {
        if (InputObject != null) Release(InputObject.Id, $"{InputObject.Number} ({InputObject.Id})", InputObject.Number ?? InputObject.Id);
        else foreach (var id in Id) Release(id, id, id);
    }

    private void Release(string id, string description, string target)
    {
        if (!ShouldProcess(description, "Release phone number from the project")) return;
        try
        {
            Await(Client.ReleasePhoneNumberAsync(id, this, Cancellation));
            WriteVerbose($"Released {description}.");
        }
        catch (SignalWireApiException e) when (e.ReleasableAt is DateTime releasable)
        {
            // Bought too recently: say plainly from when the release will work, then the API's own words.
            var record = ErrorRecords.FromApi(e, target);
            record.ErrorDetails = new ErrorDetails($"{description} cannot be released before {ErrorRecords.FormatUtc(releasable)}. {e.Message}")
            {
                RecommendedAction = $"Run Remove-SwPhoneNumber for it again after {ErrorRecords.FormatUtc(releasable)}, or ask SignalWire Support.",
            };
            WriteError(record);
        }
        catch (SignalWireApiException e)
        {
            WriteApiError(e, target);
        }
    }
}
