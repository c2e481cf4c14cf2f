using System;
using System.Collections.Generic;
using System.Management.Automation;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

// Differences from Compare-SwPhoneNumber as input: each Changed one is a field's wanted value, and the consecutive
// differences of one number become one update (one request). A NotInProject difference cannot be applied (buying a
// number is New-SwPhoneNumber's job): it is an error. A NotInReference one wants nothing: one warning names them all.
public sealed partial class SetSwPhoneNumberCommand
{
    private PhoneNumberUpdate? gathered;
    private string? gatheredId;
    private string? gatheredNumber;
    private readonly List<string> notInReference = new List<string>();

    /// <summary>True for a difference of the number whose differences are being gathered.</summary>
    private bool ContinuesDifferences(PhoneNumberInput input)
    {
        if (gathered == null || input.Kind != InputKind.Difference) return false;
        var difference = input.Difference;
        return difference?.Kind == PhoneNumberDifferenceKind.Changed && difference.Id != null && PhoneNumberText.ToId(difference.Id) == gatheredId;
    }

    /// <summary>Adds a Changed difference to its number's update (started when it is the number's first); reports the others.</summary>
    private void TakeDifference(PhoneNumberInput input)
    {
        var difference = input.Difference;
        var field = difference?.Kind == PhoneNumberDifferenceKind.Changed ? PhoneNumberFields.Find(difference.ApiName ?? difference.Property ?? "") : null;
        if (difference == null || (difference.Kind == PhoneNumberDifferenceKind.Changed && field == null))
        {
            Fail(null, ErrorRecords.InvalidArgument("InvalidDifference",
                "A difference that names no field of a phone number (Property or ApiName) or no kind (Changed, NotInProject, NotInReference): pipe the " +
                "differences Compare-SwPhoneNumber writes, as they are.", InputObject));
            return;
        }
        var id = difference.Id == null ? null : PhoneNumberText.ToId(difference.Id);
        var label = difference.Number ?? id ?? "";
        switch (difference.Kind)
        {
            case PhoneNumberDifferenceKind.NotInProject:
                Fail(null, new ErrorRecord(new ItemNotFoundException(
                        $"{label} is in the reference but not in this project, so nothing was changed for it: Set-SwPhoneNumber changes the project's " +
                        "numbers. Buy it (Find-SwAvailablePhoneNumber, New-SwPhoneNumber), or take it out of the reference."),
                    "NotInProject", ErrorCategory.ObjectNotFound, label));
                return;
            case PhoneNumberDifferenceKind.NotInReference:
                notInReference.Add(label);
                return;
        }
        if (!PhoneNumberText.IsId(id))
        {
            Fail(null, ErrorRecords.InvalidArgument("InvalidId",
                $"The difference for {label} has the Id '{difference.Id}', which is not a phone number id (a UUID): nothing was changed for it.", label));
            return;
        }
        if (gathered == null)
        {
            gathered = new PhoneNumberUpdate();
            foreach (var (wanted, value) in commandLineFields) gathered.Set(wanted, value);
            gatheredId = id;
            gatheredNumber = difference.Number;
        }
        // The command line wins, as over a row's cells.
        if (!commandLineParameters.Contains(field!.ParameterName)) gathered.Set(field, difference.Desired);
    }

    /// <summary>The gathered number's update, ready to start; null when none is being gathered.</summary>
    private PendingUpdate? CloseDifferences()
    {
        if (gathered == null) return null;
        var update = gathered;
        gathered = null;
        // The compare found these fields differ, so they are sent without a read; a read first only to check a handler
        // switch whose field is not in the update, for -WhatIf to show the values the number has now, or for an address
        // change asked on the command line (as for any input).
        var assignAddress = WantedAddress(takesCells: false);
        var readFirst = whatIf || update.NeedsCurrentStateForHandlers() || assignAddress != null || RemoveE911Address;
        return new PendingUpdate(InputKind.Difference, gatheredId, gatheredNumber, null, update, Array.Empty<PhoneNumberField>(), readFirst)
        {
            AssignAddress = assignAddress,
            RemoveAddress = RemoveE911Address,
        };
    }

    private void EndDifferences()
    {
        // After the last input fewer than -ThrottleLimit requests are in flight, so the last number's update can start.
        var last = CloseDifferences();
        if (last != null) Enqueue(last);
        if (notInReference.Count > 0)
            WriteWarning($"{notInReference.Count} numbers are not in the reference and were left as they are: {Some(notInReference)}.");
    }
}
