using System;
using System.Collections.Generic;
using System.Linq;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Client;

/// <summary>What undoing a number's journaled changes asks of it, before its current state is known.</summary>
internal sealed class NumberUndo
{
    public NumberUndo(string id, string? number)
    {
        Id = id;
        Number = number;
    }

    public string Id { get; }
    public string? Number { get; }

    /// <summary>Per field (API name): the value before the first applied change, and the value the last one left.</summary>
    public Dictionary<string, (string? Before, string? Left)> Fields { get; } = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);

    /// <summary>Fields the journal could not undo: the API never returns them, so their value before is unknown.</summary>
    public List<string> Unknown { get; } = new List<string>();

    /// <summary>The E911 address before the first applied assignment or removal, and the one the last left; null when none.</summary>
    public (string? Before, string? Left)? Address { get; set; }
}

/// <summary>The outcome of judging one number's undo against its current state.</summary>
internal sealed class UndoDecision
{
    public PhoneNumberUpdate Update { get; } = new PhoneNumberUpdate();

    /// <summary>Assign this address (its id), remove the number's (""), or leave it (null).</summary>
    public string? Address { get; set; }

    /// <summary>Fields someone changed since the journal's last write: left as they are.</summary>
    public List<(string Field, string? Now, string? JournalLeft)> ChangedSince { get; } = new List<(string, string?, string?)>();
}

/// <summary>A kind of write undo does not put back: its journal actions, what they are, and how to reverse them instead.</summary>
internal sealed class NotUndoneKind
{
    public NotUndoneKind(string what, string instead, params string[] actions)
    {
        What = what;
        Instead = instead;
        Actions = actions;
    }

    /// <summary>"purchases or releases".</summary>
    public string What { get; }

    /// <summary>What to use instead of undo: "buy or release numbers with ...".</summary>
    public string Instead { get; }

    public IReadOnlyList<string> Actions { get; }
}

/// <summary>
/// Undo from a change journal: only writes marked applied count, each number's fields go back to their value before the
/// first of them, and a field whose current value is no longer the one the journal left (a colleague changed it since)
/// is left alone, as a careful admin would.
/// </summary>
internal static class UndoPlan
{
    public const string AddressField = "e911_address_id";

    /// <summary>
    /// The writes undo does not put back, by kind: a purchase or release (a number bought or gone), and a number put on
    /// or taken off a 10DLC campaign (an order to the registry, not a field of the number).
    /// </summary>
    public static readonly IReadOnlyList<NotUndoneKind> NotUndone = new[]
    {
        new NotUndoneKind("purchases or releases", "buy or release numbers with New-SwPhoneNumber and Remove-SwPhoneNumber",
            "purchase", "release"),
        new NotUndoneKind("10DLC campaign assignments or removals",
            "put numbers on or off a campaign with Add-SwCampaignNumber and Remove-SwCampaignNumber", "campaign_order", "campaign_remove"),
    };

    /// <summary>Whether a journal action is one of <see cref="NotUndone"/>.</summary>
    public static bool CannotUndo(string action) => NotUndone.Any(kind => kind.Actions.Contains(action));

    /// <summary>The numbers to undo, in the order their first applied change was made.</summary>
    public static List<NumberUndo> FromJournal(IEnumerable<JournalRecord> records, DateTime? after)
    {
        var byNumber = new Dictionary<string, NumberUndo>(StringComparer.OrdinalIgnoreCase);
        var order = new List<NumberUndo>();
        foreach (var record in records
                     .Where(r => r.Outcome == JournalOutcome.Applied && r.Id != null && !CannotUndo(r.Action)
                                 && (after == null || r.Time > after.Value))
                     .OrderBy(r => r.Time))
        {
            if (!byNumber.TryGetValue(record.Id!, out var undo))
            {
                byNumber[record.Id!] = undo = new NumberUndo(record.Id!, record.Number);
                order.Add(undo);
            }
            foreach (var change in record.Changes)
            {
                if (change.Field == AddressField)
                {
                    undo.Address = (undo.Address?.Before ?? change.Old, change.New);
                    continue;
                }
                if (!change.OldKnown)
                {
                    if (!undo.Unknown.Contains(change.Field)) undo.Unknown.Add(change.Field);
                    continue;
                }
                var left = record.Returned != null && record.Returned.TryGetValue(change.Field, out var returned) ? returned : change.New;
                undo.Fields[change.Field] = undo.Fields.TryGetValue(change.Field, out var seen) ? (seen.Before, left) : (change.Old, left);
            }
        }
        return order;
    }

    /// <summary>What to send to undo <paramref name="undo"/> on a number now in the <paramref name="current"/> state.</summary>
    public static UndoDecision Decide(NumberUndo undo, PhoneNumber current)
    {
        var decision = new UndoDecision();
        foreach (var pair in undo.Fields)
        {
            var field = PhoneNumberFields.FindByApiName(pair.Key);
            if (field == null || !field.Returned) continue;
            var now = Unset(field.ReadCurrent(current));
            if (!string.Equals(now, Unset(pair.Value.Left), StringComparison.Ordinal))
            {
                decision.ChangedSince.Add((pair.Key, now, pair.Value.Left));
                continue;
            }
            if (!string.Equals(now, Unset(pair.Value.Before), StringComparison.Ordinal)) decision.Update.Set(field, pair.Value.Before ?? "");
        }
        if (undo.Address is { } address)
        {
            var now = Unset(current.E911AddressId);
            if (!string.Equals(now, Unset(address.Left), StringComparison.OrdinalIgnoreCase))
                decision.ChangedSince.Add((AddressField, now, address.Left));
            else if (!string.Equals(now, Unset(address.Before), StringComparison.OrdinalIgnoreCase))
                decision.Address = Unset(address.Before) ?? "";
        }
        return decision;
    }

    private static string? Unset(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
