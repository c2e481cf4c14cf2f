using System;
using System.Management.Automation;
using System.Threading.Tasks;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

// The emergency address of a number: not a field of the update body but its own endpoint (POST or DELETE
// /phone_numbers/{id}/e911_address), sent after the PUT when both change, and rate-limited as any write.
public sealed partial class SetSwPhoneNumberCommand
{
    /// <summary>The E911 address to assign (its id, or an address object); a number already on it gets no request.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [E911AddressIdTransformation]
    [ValidateUuid(AllowEmpty = true)]
    [ArgumentCompleter(typeof(E911AddressCompleter))]
    public string? E911AddressId { get; set; }

    /// <summary>Removes the number's E911 address; allowed by the API only while its E911 status is active.</summary>
    [Parameter]
    public SwitchParameter RemoveE911Address { get; set; }

    private const string ActiveE911 = "active";

    /// <summary>The address an input asks for: the command line's, or a row's or restored copy's non-empty cell. An empty cell never removes one.</summary>
    private string? WantedAddress(bool takesCells)
    {
        if (commandLineParameters.Contains(nameof(E911AddressId)) || takesCells)
            return string.IsNullOrEmpty(E911AddressId) ? null : PhoneNumberText.ToId(E911AddressId!);
        return null;
    }

    /// <summary>What this input does to the number's address, judged against its current state; null when nothing.</summary>
    private static string? AddressAction(PendingUpdate item, PhoneNumber? current)
    {
        if (item.AssignAddress != null)
            return current != null && string.Equals(current.E911AddressId, item.AssignAddress, StringComparison.OrdinalIgnoreCase) ? null : "assign";
        if (item.RemoveAddress)
            return current != null && current.E911AddressId == null ? null : "remove";
        return null;
    }

    /// <summary>Why the address cannot be removed now (the API allows it only while active), or null.</summary>
    private static string? RemovalRefused(PendingUpdate item, PhoneNumber? current) =>
        item.RemoveAddress && current?.E911AddressId != null && !string.Equals(current.E911Status, ActiveE911, StringComparison.Ordinal)
            ? $"The E911 address of {item.Label} can be removed only while its E911 status is active; it is {(current.E911Status == null ? "unknown (none given)" : "'" + current.E911Status + "'")}. " +
              "Try again once the carrier has confirmed it (Get-SwPhoneNumber -Id " + current.Id + " shows E911Status)."
            : null;

    private static string DescribeAddress(string action, PendingUpdate item, PhoneNumber? current) => action == "assign"
        ? $"e911_address_id '{current?.E911AddressId}' → '{item.AssignAddress}' (assigned)"
        : $"e911_address_id '{current?.E911AddressId}' removed";

    /// <summary>Sends the address change (after the PUT, when there was one) and writes the number it returns.</summary>
    private void SendAddressChange(PendingUpdate item)
    {
        TrackWrite(item, () => item.AssignAddress != null
            ? Client.AssignE911AddressAsync(item.Id!, item.AssignAddress, this, item.Abort!.Token)
            : Client.RemoveE911AddressAsync(item.Id!, this, item.Abort!.Token));
    }

    /// <summary>True when what the input asked of the address is so on the number as read back.</summary>
    private static bool AddressInPlace(PendingUpdate item, PhoneNumber fresh)
    {
        if (item.AddressAction == "assign") return string.Equals(fresh.E911AddressId, item.AssignAddress, StringComparison.OrdinalIgnoreCase);
        if (item.AddressAction == "remove") return fresh.E911AddressId == null || fresh.E911Status == "pending_removal" || fresh.E911Status == "unregistered";
        return true;
    }
}

/// <summary>Lets -E911AddressId take an address object (Get-SwE911Address, New-SwE911Address) as well as its id.</summary>
public sealed class E911AddressIdTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value is E911Address address ? address.Id : inputData;
    }
}
