using System;
using System.Collections.Generic;
using System.Linq;
using SignalWire.PowerShell.Internal.Bulk;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Internal;

/// <summary>
/// What one input of Set-SwPhoneNumber asks of one number: the fields to set (of which only those that differ from the
/// number's state are sent) and its E911 address, which is not a field of the PUT but its own endpoint (POST or DELETE
/// /phone_numbers/{id}/e911_address), sent after the PUT when both change.
/// </summary>
internal sealed class PhoneNumberChange : BulkItem
{
    private readonly IReadOnlyCollection<PhoneNumberField> checkedFields;
    private PhoneNumberUpdate changes;
    private AddressChange address;

    /// <param name="checkedFields">Fields whose wanted value was checked already (the command line's).</param>
    /// <param name="emptyCells">Fields whose cells were empty: left as they are.</param>
    public PhoneNumberChange(string? id, string? number, PhoneNumber? current, PhoneNumberUpdate wanted,
        IReadOnlyCollection<PhoneNumberField> checkedFields, IReadOnlyList<PhoneNumberField> emptyCells, bool readFirst, string? assignAddress,
        bool removeAddress)
        : base(id, number, current, readFirst)
    {
        Wanted = changes = wanted;
        this.checkedFields = checkedFields;
        EmptyCells = emptyCells;
        AssignAddress = assignAddress;
        RemoveAddress = removeAddress;
    }

    private enum AddressChange
    {
        None,
        Assign,
        Remove,
    }

    public PhoneNumberUpdate Wanted { get; }
    public IReadOnlyList<PhoneNumberField> EmptyCells { get; }

    /// <summary>The E911 address to assign (a number already on it gets no request), or whether to remove the number's.</summary>
    public string? AssignAddress { get; }

    public bool RemoveAddress { get; }

    /// <summary>The address came from a row's or copy's cell, not the command line: a backup's address a number already holds.</summary>
    public bool AddressFromCell { get; set; }

    /// <summary>Which input this is (1 for the first piped object), for messages about a row's cells; null for the command line alone.</summary>
    public int? InputIndex { get; set; }

    /// <summary>How a message about the input's values names it: the number, and which input it was.</summary>
    public string Where => InputIndex == null ? Label : $"{Label} (row {InputIndex})";

    /// <summary>After <see cref="Judge"/>: the fields that differ from the number's state.</summary>
    public PhoneNumberUpdate Changes => changes;

    /// <summary>After <see cref="Judge"/>: nothing to send, the number is as asked.</summary>
    public bool IsUnchanged => changes.IsEmpty && address == AddressChange.None;

    /// <summary>
    /// Judges the input against the number's state as known now: what differs and what becomes of its address, or why
    /// nothing may be sent. Only what will be sent is checked, and only values not checked before (the command line's
    /// were, once): a cell equal to the number's value passes whatever it holds, and a handler that is not changing is
    /// not asked for its field again.
    /// </summary>
    public BulkRefusal? Judge()
    {
        var current = Current;
        if (current?.Number != null && Number != null && !string.Equals(current.Number, Number, StringComparison.Ordinal))
            return new BulkRefusal("IdNumberMismatch", RefusalKind.InvalidArgument,
                $"The input names the id {Id} and the number {Number}, but that id is {current.Number}: nothing was changed. " +
                "Give the Id or the Number alone, or correct the one that is wrong.");
        changes = current == null ? Wanted : Wanted.ExceptUnchanged(current);
        var removal = RemoveAddress && current != null ? E911Rules.RemovalRefusal(current, Label) : null;
        if (removal != null) return new BulkRefusal("E911RemovalNotAllowed", RefusalKind.InvalidOperation, removal);
        // A number already on the address gets no request for it, unless its assignment failed: assigning again is the
        // only way out the vendor leaves. A toll-free number cannot hold one, so a backup's address it holds is left alone.
        var holds = current != null && AssignAddress != null
            && string.Equals(current.E911AddressId, AssignAddress, StringComparison.OrdinalIgnoreCase);
        var onIt = holds && (E911Rules.AlreadyAssigned(current!, AssignAddress!)
            || (AddressFromCell && E911Rules.AssignmentRefusal(current!, Label) != null));
        var withoutOne = current != null && current.E911AddressId == null;
        address = AssignAddress != null ? (onIt ? AddressChange.None : AddressChange.Assign)
            : RemoveAddress && !withoutOne ? AddressChange.Remove : AddressChange.None;
        var refusal = address == AddressChange.Assign && current != null ? E911Rules.AssignmentRefusal(current, Label) : null;
        if (refusal != null)
            return new BulkRefusal("E911NotSupported", RefusalKind.InvalidOperation,
                refusal + " Nothing was changed for it: leave toll-free numbers out (Where-Object NumberType -ne 'toll-free').");
        if (IsUnchanged) return null;

        foreach (var change in changes.Changes)
        {
            if (checkedFields.Contains(change.Field)) continue;
            var problem = PhoneNumberUpdate.Check(change.Field, change.Value);
            if (problem != null)
                return new BulkRefusal("InvalidFieldValue", RefusalKind.InvalidArgument,
                    $"{Where}: -{change.Field.ParameterName}: {problem} Nothing was changed for this number.");
        }
        var missing = changes.MissingHandlerFields(current).FirstOrDefault();
        if (missing.Needed is { Returned: false })
            return new BulkRefusal("HandlerFieldMissing", RefusalKind.InvalidArgument,
                $"Setting -{missing.Handler.ParameterName} to '{missing.Value}' on {Where} needs -{missing.Needed.ParameterName} " +
                $"({missing.Needed.ApiName}). The API never returns {missing.Needed.ApiName}, so no backup or copy of a number can hold it: " +
                $"give -{missing.Needed.ParameterName} <id> (Get-SwResource lists the project's targets).");
        if (missing.Needed != null)
            return new BulkRefusal("HandlerFieldMissing", RefusalKind.InvalidArgument,
                $"Setting -{missing.Handler.ParameterName} to '{missing.Value}' on {Where} needs -{missing.Needed.ParameterName} " +
                $"({missing.Needed.ApiName}), which is neither given nor set on the number: add -{missing.Needed.ParameterName} <value>.");
        return null;
    }

    /// <summary>The writes the judged change needs, in order: the PUT of what differs, then the address.</summary>
    public IReadOnlyList<PhoneNumberWrite> WritesToSend()
    {
        var number = Current?.Number ?? Number;
        var writes = new List<PhoneNumberWrite>();
        if (!changes.IsEmpty) writes.Add(PhoneNumberWrite.Update(Id!, number, Current, changes));
        if (address == AddressChange.Assign) writes.Add(PhoneNumberWrite.AssignAddress(Id!, number, Current, AssignAddress!));
        if (address == AddressChange.Remove) writes.Add(PhoneNumberWrite.RemoveAddress(Id!, number, Current));
        return writes;
    }

    /// <summary>What -WhatIf and -Confirm show: each field from its current value to the new one, then the address.</summary>
    public string Describe()
    {
        var current = Current;
        var parts = new List<string>();
        if (!changes.IsEmpty)
            parts.Add(string.Join(", ", changes.Changes.Select(c =>
                current == null ? $"{c.Field.ApiName} → '{c.Value}'"
                : !c.Field.Returned ? $"{c.Field.ApiName} (current value unknown: the API does not return it) → '{c.Value}'"
                : $"{c.Field.ApiName} '{c.Field.ReadCurrent(current)}' → '{c.Value}'")) + LeftAlone());
        if (address == AddressChange.Assign) parts.Add($"e911_address_id '{current?.E911AddressId}' → '{AssignAddress}' (assigned)");
        if (address == AddressChange.Remove) parts.Add($"e911_address_id '{current?.E911AddressId}' removed");
        parts.AddRange(BackupGaps().Select(gap => "WARNING: " + gap));
        return string.Join("; ", parts);
    }

    /// <summary>
    /// After <see cref="Judge"/>: what the change does that a backup cannot undo or could not have done exactly (a handler
    /// moved off a target the API never returns, or switched to one without it), one gap per field; empty when the
    /// number's state is not known.
    /// </summary>
    public IReadOnlyList<BackupGap> BackupGaps() => Current == null ? Array.Empty<BackupGap>() : changes.BackupGaps(Current).ToList();

    /// <summary>The number's non-empty values that the input's empty cells leave in place, for -WhatIf.</summary>
    public string LeftAlone()
    {
        var current = Current;
        if (current == null) return "";
        var leftAlone = EmptyCells.Where(f => f.Returned && !string.IsNullOrEmpty(f.ReadCurrent(current))).ToList();
        return leftAlone.Count == 0 ? ""
            : "; left as they are (empty in the input; -ClearEmptyFields would clear them): "
              + string.Join(", ", leftAlone.Select(f => $"{f.ApiName} '{f.ReadCurrent(current)}'"));
    }
}
