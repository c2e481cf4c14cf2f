using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>
/// Deletes E911 addresses; a deletion cannot be undone, so ConfirmImpact is High. An address still assigned to numbers
/// is not deleted: the error names the numbers, whose emergency calls would otherwise lose their registered location.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "SwE911Address", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true,
    ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveSwE911AddressCommand : E911AddressCmdlet
{
    // The piped address's set is the default: PowerShell binds the default set first, and by its Id alone the
    // confirmation and errors could not name the address.
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateUuid]
    [ArgumentCompleter(typeof(E911AddressCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    public E911Address? InputObject { get; set; }

    // The project's numbers, listed once per run (at the first deletion confirmed) and shared by every address of it.
    private IReadOnlyList<PhoneNumber>? numbers;

    protected override void ProcessRecord()
    {
        if (InputObject != null) Delete(InputObject.Id, $"'{InputObject.Label}' ({InputObject.Id})", InputObject.Label ?? InputObject.Id);
        else foreach (var id in Id) Delete(id, id, id);
    }

    private void Delete(string id, string description, string target)
    {
        if (!ShouldProcess($"E911 address {description}", "Delete E911 address")) return;
        try
        {
            // The spec does not say that the API refuses to delete an address in use (delete_address lists a bare 400),
            // so the numbers are checked first: a deletion must never leave a number's emergency calls without a location.
            var users = NumbersUsing(id, refresh: false);
            if (users.Count > 0)
            {
                WriteError(AddressErrorRecords.InUse(description, users, target));
                return;
            }
            Await(Client.DeleteE911AddressAsync(id, this, Cancellation));
            AddressesChanged();
            WriteVerbose($"Deleted E911 address {description}.");
        }
        catch (SignalWireApiException e)
        {
            // A number may have taken the address since the list was read: then say which.
            if (e.Kind == SignalWireErrorKind.BadRequest && TryNumbersUsing(id) is { Count: > 0 } users)
                WriteError(AddressErrorRecords.InUse(description, users, target));
            else
                WriteAddressError(e, target);
        }
    }

    private IReadOnlyList<PhoneNumber> NumbersUsing(string id, bool refresh)
    {
        if (numbers == null || refresh)
        {
            var query = new PhoneNumberQuery { PageSize = PhoneNumberQuery.MaximumPageSize };
            numbers = Await(Client.ListAllPhoneNumbersAsync(query, this, Cancellation));
        }
        return numbers.Where(n => string.Equals(n.E911AddressId, id, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    private IReadOnlyList<PhoneNumber>? TryNumbersUsing(string id)
    {
        try
        {
            return NumbersUsing(id, refresh: true);
        }
        catch (SignalWireApiException)
        {
            return null; // the original error is the one to report
        }
    }
}
