using System;
using System.Collections.Generic;
using System.Management.Automation;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>
/// Takes numbers off their 10DLC campaign (DELETE /numbers/{id} with the assignment's id): the number can no longer
/// send application-to-person messages, so ConfirmImpact is High. Piped assignments are removed as they are; numbers
/// are looked up in one listing of every campaign's assignments.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "SwCampaignNumber", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true,
    ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveSwCampaignNumberCommand : CampaignCmdlet
{
    private const string InputObjectSet = "InputObject";
    private const string NumberSet = "Number";

    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    public CampaignNumber[] InputObject { get; set; } = Array.Empty<CampaignNumber>();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = NumberSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PhoneNumber")]
    [E164Transformation]
    [ValidateE164]
    public string[] Number { get; set; } = Array.Empty<string>();

    private Dictionary<string, CampaignNumber>? assignments;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var assignment in InputObject) Remove(assignment);
            return;
        }
        foreach (var number in Number)
        {
            try
            {
                assignments ??= Await(CampaignDirectory.AssignmentsByNumberAsync(Client, AllCampaigns(), this, Cancellation));
            }
            catch (SignalWireApiException e)
            {
                WriteApiError(e, number);
                continue;
            }
            if (assignments.TryGetValue(number, out var assignment)) Remove(assignment);
            else WriteError(new ErrorRecord(new ItemNotFoundException($"{number} is on no 10DLC campaign of this project."), "NotOnCampaign",
                ErrorCategory.ObjectNotFound, number));
        }
    }

    private void Remove(CampaignNumber assignment)
    {
        var campaign = assignment.CampaignName != null ? $"'{assignment.CampaignName}'" : assignment.CampaignId;
        if (!ShouldProcess($"{assignment.Number} on campaign {campaign}", "Remove from 10DLC campaign")) return;
        try
        {
            Await(Client.DeleteCampaignNumberAsync(assignment.Id, this, Cancellation));
            WriteVerbose($"Removed {assignment.Number} from campaign {campaign} (assignment {assignment.Id}).");
        }
        catch (SignalWireApiException e)
        {
            WriteApiError(e, assignment);
        }
    }
}
