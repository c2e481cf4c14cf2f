using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Internal;

/// <summary>
/// Error records of the E911 address cmdlets: AddressNotFound, AddressValidationFailed and AddressInUse; every other
/// failure is classified as for phone numbers (<see cref="ErrorRecords"/>).
/// </summary>
internal static class AddressErrorRecords
{
    public static ErrorRecord FromApi(SignalWireApiException error, object? target)
    {
        if (error is AddressValidationException refused)
        {
            var hint = refused.Candidates.Length > 0
                ? "Pipe one of the exception's Candidates into New-SwE911Address or Set-SwE911Address with the rest of the address: " +
                  "$err.Exception.Candidates[0] | New-SwE911Address -Label ... -Country US -FirstName ... -LastName ... -EmergencyEnabled"
                : "Check the street number and name, city, state and postal code; the carrier had no address to suggest.";
            return ErrorRecords.FromApi(error, "AddressValidationFailed", ErrorCategory.InvalidArgument, target, hint);
        }
        if (error.Kind == SignalWireErrorKind.NotFound)
            return ErrorRecords.FromApi(error, "AddressNotFound", ErrorCategory.ObjectNotFound, target,
                "Check the id: Get-SwE911Address lists the project's E911 addresses.");
        return ErrorRecords.FromApi(error, target);
    }

    /// <summary>An address still assigned to numbers, naming them: deleting it would leave them without a working E911 registration.</summary>
    public static ErrorRecord InUse(string description, IReadOnlyList<PhoneNumber> numbers, object? target)
    {
        var listed = string.Join(", ", numbers.Select(n => $"{n.Number ?? n.Id} ({n.E911Status ?? "no status"})"));
        var message = $"E911 address {description} is assigned to {numbers.Count} phone number{(numbers.Count == 1 ? "" : "s")}: {listed}. " +
                      "Remove it from those numbers first (the API allows that once their e911_status is active), " +
                      "wait for the carrier to confirm, then delete it.";
        return new ErrorRecord(new InvalidOperationException(message), "AddressInUse", ErrorCategory.InvalidOperation, target)
        {
            ErrorDetails = new ErrorDetails(message)
            {
                RecommendedAction = "Assign another address to those numbers, or remove theirs (Set-SwPhoneNumber -RemoveE911Address), " +
                    "and wait for the carrier to confirm.",
            },
        };
    }
}
