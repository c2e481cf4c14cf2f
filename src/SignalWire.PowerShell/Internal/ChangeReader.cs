using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Internal;

/// <summary>
/// Reads what each classified input of Set-SwPhoneNumber asks, together with what the command line says for all of them:
/// which number, which fields (the command line wins over a row's cells; an empty cell is left alone unless
/// -ClearEmptyFields), the E911 address, and whether the number is read first. What is a wish and what only names the
/// number: fields on the command line are always wishes; a piped PhoneNumber or a whole copy of one only names the number
/// when fields are on the command line, and is restored (its non-empty values are wishes) when none are; any other row's
/// field columns are wishes. Compare-SwPhoneNumber's consecutive differences of one number become one change. Refusals
/// and warnings go back to the cmdlet, which writes them.
/// </summary>
internal sealed class ChangeReader
{
    private readonly Action<string> warn;
    private readonly Action<ErrorRecord> refuse;
    private readonly HashSet<string> warnedColumns = new HashSet<string>(StringComparer.Ordinal);
    private readonly HashSet<PhoneNumberField> given;
    private PhoneNumberUpdate? gathered;
    private string? gatheredId;
    private string? gatheredNumber;

    /// <param name="fields">The field values of the command line, checked already.</param>
    public ChangeReader(IReadOnlyList<(PhoneNumberField Field, string? Value)> fields, Action<string> warn, Action<ErrorRecord> refuse)
    {
        Fields = fields;
        given = new HashSet<PhoneNumberField>(fields.Select(f => f.Field));
        this.warn = warn;
        this.refuse = refuse;
    }

    public IReadOnlyList<(PhoneNumberField Field, string? Value)> Fields { get; }

    /// <summary>-E911AddressId was given on the command line (not bound from a piped object).</summary>
    public bool AddressGiven { get; set; }

    public bool RemoveAddress { get; set; }
    public bool ClearEmptyFields { get; set; }
    public bool WhatIf { get; set; }

    /// <summary>-Force: a row with a column that binds to nothing but looks like a field is applied anyway, with a warning.</summary>
    public bool Force { get; set; }

    // How many objects have been piped so far, so that a message about a row's cells can say which row it was.
    private int inputs;

    /// <summary>Numbers whose difference was NotInReference: they want nothing, and one warning names them all.</summary>
    public List<string> NotInReference { get; } = new List<string>();

    /// <summary>
    /// The changes an input starts, in order: a number's differences are gathered into one, which starts once an input for
    /// another number comes; any other input is one change of its own. <paramref name="id"/>, <paramref name="number"/>
    /// and <paramref name="addressId"/> are the parameters as bound for this input (the command line's, or the input's).
    /// </summary>
    public IEnumerable<PhoneNumberChange> Read(PhoneNumberInput input, object? inputObject, string? id, string? number, string? addressId)
    {
        if (input.Kind != InputKind.None) inputs++;
        var continues = gathered != null && input.Kind == InputKind.Difference && input.Difference is { Kind: PhoneNumberDifferenceKind.Changed } d
            && d.Id != null && PhoneNumberText.ToId(d.Id) == gatheredId;
        var closed = continues ? null : End(addressId);
        if (closed != null) yield return closed;
        if (input.Kind == InputKind.Difference)
        {
            TakeDifference(input.Difference, inputObject);
            yield break;
        }
        var change = FromInput(input, inputObject, NonEmpty(id), NonEmpty(number), addressId);
        if (change != null) yield return change;
    }

    /// <summary>The gathered number's change, ready to start; null when none is being gathered.</summary>
    public PhoneNumberChange? End(string? addressId)
    {
        if (gathered == null) return null;
        var update = gathered;
        gathered = null;
        // The compare found these fields differ, so they are sent without a read; a read first only to check a handler
        // switch whose field is not in the update, for -WhatIf to show the values the number has now, or for an address
        // change asked on the command line (as for any input).
        var assignAddress = WantedAddress(addressId, takesCells: false);
        var readFirst = WhatIf || update.NeedsCurrentStateForHandlers() || assignAddress != null || RemoveAddress;
        return new PhoneNumberChange(gatheredId, gatheredNumber, null, update, given, Array.Empty<PhoneNumberField>(), readFirst, assignAddress,
            RemoveAddress);
    }

    private PhoneNumberChange? FromInput(PhoneNumberInput input, object? inputObject, string? id, string? number, string? addressId)
    {
        PhoneNumber? current = null;
        switch (input.Kind)
        {
            case InputKind.Live:
                current = input.Live!;
                id = current.Id;
                number = current.Number;
                break;
            case InputKind.Text:
                var text = input.Text!.Trim();
                if (PhoneNumberText.IsId(text)) id = PhoneNumberText.ToId(text);
                else if (PhoneNumberText.IsE164(PhoneNumberText.ToE164(text))) number = PhoneNumberText.ToE164(text);
                else
                {
                    refuse(ErrorRecords.InvalidArgument("InvalidId",
                        $"'{text}' is neither a phone number id (a UUID) nor a number in E.164 form such as +15551234567.", text));
                    return null;
                }
                break;
        }

        var update = new PhoneNumberUpdate();
        foreach (var (field, value) in Fields) update.Set(field, value);
        var emptyCells = new List<PhoneNumberField>();
        var commandLineChanges = Fields.Count > 0 || AddressGiven || RemoveAddress;
        var takesCells = input.Kind == InputKind.Row || (input.Kind == InputKind.Copy && !commandLineChanges);
        if (takesCells)
        {
            foreach (var (field, value) in input.FieldCells())
            {
                if (given.Contains(field)) continue;   // the command line wins
                if (!string.IsNullOrEmpty(value)) update.Set(field, value);
                // A field the API never returns is empty in every copy: emptiness there says nothing, so it never clears.
                else if (ClearEmptyFields && field.Returned) update.Set(field, "");
                else emptyCells.Add(field);
            }
        }

        var misspelled = takesCells ? input.MisspelledColumns().ToList() : new List<(string Column, string LooksLike)>();
        var hint = misspelled.Count == 0 ? ""
            : " Columns that bind to nothing: " + string.Join(", ", misspelled.Select(m => $"'{m.Column}' (did you mean {m.LooksLike}?)")) + ".";

        var label = number ?? id ?? "";
        if (id == null && number == null)
        {
            refuse(ErrorRecords.InvalidArgument("NoTarget",
                "Which number? Give -Id or -Number, or pipe phone numbers, ids, or rows with an Id or Number column." + hint + SemicolonHint(input),
                inputObject));
            return null;
        }
        var assignAddress = WantedAddress(addressId, takesCells);
        if (update.IsEmpty && assignAddress == null && !RemoveAddress)
        {
            refuse(ErrorRecords.InvalidArgument("NoFieldToUpdate",
                $"Nothing to change on {label}: give at least one field to set, such as -CallHandler, -CallRelayTopic or -Name " +
                "(a piped phone number's own properties only say which number it is)." + hint, label));
            return null;
        }

        var where = $"{label} (row {inputs})";
        if (misspelled.Count > 0 && !Force)
        {
            // Applying the rest would send a row whose author meant more: a handler without the field it reads, say.
            var (column, looksLike) = misspelled[0];
            refuse(ErrorRecords.InvalidArgument("MisspelledColumn",
                $"{where}: the column '{column}' binds to no field; did you mean {looksLike}? Nothing was changed for this number, " +
                "so that the row is not applied in part. Rename the column (names must match exactly, without spaces), " +
                "or add -Force to apply the row's other columns and ignore it." +
                (misspelled.Count > 1 ? hint : ""), label));
            return null;
        }
        foreach (var (column, looksLike) in misspelled)
            if (warnedColumns.Add(column))
                warn($"The column '{column}' binds to no parameter and was ignored; did you mean {looksLike}? " +
                    "(column names must match exactly, without spaces)");

        // Read first (reads are not rate-limited) unless the state in hand is fresh: to send only what differs, to
        // check a handler switch safely, to see that an id and a number agree, and for -WhatIf to show old values.
        var cellsTaken = update.Changes.Count > Fields.Count;
        var readFirst = current == null
            && (input.Kind == InputKind.Copy || cellsTaken || update.NeedsCurrentStateForHandlers() || WhatIf || (id != null && number != null)
                || assignAddress != null || RemoveAddress);
        return new PhoneNumberChange(id, number, current, update, given, emptyCells, readFirst, assignAddress, RemoveAddress)
        {
            AddressFromCell = assignAddress != null && !AddressGiven,
            InputIndex = takesCells ? inputs : null,
        };
    }

    /// <summary>
    /// A row whose one column holds the whole header (Id;Number;Name) came from a CSV read with the wrong delimiter.
    /// </summary>
    private static string SemicolonHint(PhoneNumberInput input)
    {
        if (input.Kind != InputKind.Row) return "";
        var columns = input.Source!.Properties.Select(p => p.Name).Take(2).ToList();
        return columns.Count == 1 && columns[0].Contains(";")
            ? $" The row's only column is '{columns[0]}': the CSV looks semicolon-delimited; read it with Import-Csv -Delimiter ';'."
            : "";
    }

    /// <summary>
    /// The address an input asks for: the command line's, or a row's or restored copy's non-empty cell. An empty cell
    /// never removes one.
    /// </summary>
    private string? WantedAddress(string? addressId, bool takesCells) =>
        (AddressGiven || takesCells) && !string.IsNullOrEmpty(addressId) ? PhoneNumberText.ToId(addressId!) : null;

    // Differences from Compare-SwPhoneNumber: each Changed one is a field's wanted value, and the consecutive differences
    // of one number become one change (one request). A NotInProject difference cannot be applied (buying a number is
    // New-SwPhoneNumber's job): it is an error. A NotInReference one wants nothing: one warning names them all.
    private void TakeDifference(PhoneNumberDifference? difference, object? inputObject)
    {
        var field = difference?.Kind == PhoneNumberDifferenceKind.Changed
            ? PhoneNumberFields.Find(difference.ApiName ?? difference.Property ?? "") : null;
        if (difference == null || (difference.Kind == PhoneNumberDifferenceKind.Changed && field == null))
        {
            refuse(ErrorRecords.InvalidArgument("InvalidDifference",
                "A difference that names no field of a phone number (Property or ApiName) or no kind (Changed, NotInProject, " +
                "NotInReference): pipe the differences Compare-SwPhoneNumber writes, as they are.", inputObject));
            return;
        }
        var id = difference.Id == null ? null : PhoneNumberText.ToId(difference.Id);
        var label = difference.Number ?? id ?? "";
        switch (difference.Kind)
        {
            case PhoneNumberDifferenceKind.NotInProject:
                refuse(new ErrorRecord(new ItemNotFoundException(
                        $"{label} is in the reference but not in this project, so nothing was changed for it: Set-SwPhoneNumber changes " +
                        "the project's numbers. Buy it (Find-SwAvailablePhoneNumber, New-SwPhoneNumber), or take it out of the reference."),
                    "NotInProject", ErrorCategory.ObjectNotFound, label));
                return;
            case PhoneNumberDifferenceKind.NotInReference:
                NotInReference.Add(label);
                return;
        }
        if (!PhoneNumberText.IsId(id))
        {
            refuse(ErrorRecords.InvalidArgument("InvalidId",
                $"The difference for {label} has the Id '{difference.Id}', which is not a phone number id (a UUID): nothing was changed " +
                "for it.", label));
            return;
        }
        if (gathered == null)
        {
            gathered = new PhoneNumberUpdate();
            foreach (var (wanted, value) in Fields) gathered.Set(wanted, value);
            gatheredId = id;
            gatheredNumber = difference.Number;
        }
        // The command line wins, as over a row's cells.
        if (!given.Contains(field!)) gathered.Set(field!, difference.Desired);
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
