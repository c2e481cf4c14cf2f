using System;
using System.Collections.Generic;
using System.Linq;

namespace SignalWire.PowerShell.Models;

/// <summary>One field to change and the value it should get (null clears it).</summary>
internal sealed class FieldChange
{
    public FieldChange(PhoneNumberField field, string? value)
    {
        Field = field;
        Value = value;
    }

    public PhoneNumberField Field { get; }
    public string? Value { get; }
}

/// <summary>
/// The body of a PUT: only the fields someone asked to change. The API's update is partial, so whatever is
/// left out stays as it is on the number.
/// </summary>
internal sealed class PhoneNumberUpdate
{
    private readonly List<FieldChange> changes = new List<FieldChange>();

    public IReadOnlyList<FieldChange> Changes => changes;
    public bool IsEmpty => changes.Count == 0;

    /// <summary>Adds or replaces a field's wanted value, in the API's spelling (GET/POST upper case, handlers lower case).</summary>
    public PhoneNumberUpdate Set(PhoneNumberField field, string? value)
    {
        changes.RemoveAll(c => c.Field == field);
        changes.Add(new FieldChange(field, Normalize(field, value)));
        return this;
    }

    public bool Contains(PhoneNumberField field) => changes.Any(c => c.Field == field);

    public string? ValueOf(PhoneNumberField field) => changes.FirstOrDefault(c => c.Field == field)?.Value;

    /// <summary>
    /// The changes that differ from the number's current state ("" and null are the same: unset). A field the API does
    /// not return has an unknown current value, so a change to it is always kept.
    /// </summary>
    public PhoneNumberUpdate ExceptUnchanged(PhoneNumber current)
    {
        var result = new PhoneNumberUpdate();
        foreach (var change in changes)
            if (!IsInPlace(change, current))
                result.changes.Add(change);
        return result;
    }

    /// <summary>True when every change is known to be in place on the number (a field the API does not return never is).</summary>
    public bool IsAppliedTo(PhoneNumber current) => changes.All(c => IsInPlace(c, current));

    private static bool IsInPlace(FieldChange change, PhoneNumber current) =>
        change.Field.Returned && string.Equals(Unset(change.Field.ReadCurrent(current)), Unset(change.Value), StringComparison.Ordinal);

    /// <summary>
    /// True when a handler is switched and the field that handler reads is not in this update, so only the
    /// number's current state can tell whether the switch is safe.
    /// </summary>
    public bool NeedsCurrentStateForHandlers() => MissingHandlerFields(null).Any();

    /// <summary>
    /// Handler switches that would leave the handler without the field it reads: not in this update and not set on
    /// the number (when <paramref name="current"/> is null, everything not in the update counts as missing).
    /// </summary>
    public IEnumerable<(PhoneNumberField Handler, string Value, PhoneNumberField Needed)> MissingHandlerFields(PhoneNumber? current)
    {
        foreach (var (handlerField, needs) in HandlerTables())
        {
            var handler = ValueOf(handlerField);
            if (handler == null || !Contains(handlerField) || !needs.TryGetValue(handler, out var needed)) continue;
            if (Unset(ValueOf(needed)) != null) continue;
            // The number has the field, or may have it: a field the API does not return is unknown, never missing,
            // unless the switch must carry it (then only a number already on that handler has it).
            if (current != null && !Contains(needed) && (needed.Returned ? Unset(needed.ReadCurrent(current)) != null
                    : !needed.RequiredWithHandler || string.Equals(handlerField.ReadCurrent(current), handler, StringComparison.Ordinal)))
                continue;
            yield return (handlerField, handler, needed);
        }
    }

    /// <summary>
    /// What this update does that no backup can undo or that no backup could have done exactly, for a number in the
    /// <paramref name="current"/> state: a handler moved off one whose target the API never returns (a backup holds the
    /// handler but not the target), and a handler switched to one whose target is not returned and not in the update
    /// (the number takes whatever target SignalWire last had for it). One gap per case.
    /// </summary>
    public IEnumerable<BackupGap> BackupGaps(PhoneNumber current)
    {
        foreach (var (handlerField, needs) in HandlerTables())
        {
            if (!Contains(handlerField)) continue;
            var from = Unset(handlerField.ReadCurrent(current));
            var to = Unset(ValueOf(handlerField));
            if (string.Equals(from, to, StringComparison.Ordinal)) continue;
            if (from != null && needs.TryGetValue(from, out var left) && !left.Returned && !Contains(left))
            {
                var resource = handlerField.ApiName == "call_handler" ? current.CallingHandlerResourceId : current.MessagingHandlerResourceId;
                yield return new BackupGap(handlerField, from, left, leaves: true, Unset(resource));
            }
            if (to != null && needs.TryGetValue(to, out var wanted) && !wanted.Returned && !wanted.RequiredWithHandler
                && Unset(ValueOf(wanted)) == null)
                yield return new BackupGap(handlerField, to, wanted, leaves: false, null);
        }
    }

    private static IEnumerable<(PhoneNumberField, IReadOnlyDictionary<string, PhoneNumberField>)> HandlerTables()
    {
        yield return (PhoneNumberFields.Get("call_handler"), PhoneNumberFields.CallHandlerNeeds);
        yield return (PhoneNumberFields.Get("message_handler"), PhoneNumberFields.MessageHandlerNeeds);
    }

    /// <summary>Why a value is not allowed for a field, or null when it is. Empty and null always pass: they clear.</summary>
    public static string? Check(PhoneNumberField field, string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        switch (field.Kind)
        {
            case FieldKind.Choice:
            case FieldKind.HttpMethod:
                if (field.ApiName == "call_handler" && PhoneNumberValues.FabricCallHandlers.Contains(value, StringComparer.OrdinalIgnoreCase))
                    return $"'{value}' is a call handler that only SignalWire's Fabric API sets (POST /api/fabric/resources/{{id}}/phone_routes), " +
                           $"not the phone-number update. Allowed for {field.ParameterName} ({field.ApiName}): " +
                           $"{string.Join(", ", field.AllowedValues)}.";
                if (!field.AllowedValues.Contains(value, StringComparer.OrdinalIgnoreCase))
                    return $"'{value}' is not an allowed value of {field.ParameterName} ({field.ApiName}). " +
                           $"Allowed: {string.Join(", ", field.AllowedValues)}.";
                return null;
            case FieldKind.Url:
                if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    return $"'{value}' is not an absolute http or https URL, which {field.ParameterName} ({field.ApiName}) must be.";
                return null;
            case FieldKind.Uuid:
                if (!Guid.TryParseExact(value, "D", out _))
                    return $"'{value}' is not a UUID (like 233dffc2-2ad3-455e-a597-0e332c39662a), " +
                           $"which {field.ParameterName} ({field.ApiName}) must be.";
                return null;
            default:
                return null;
        }
    }

    private static string? Normalize(PhoneNumberField field, string? value)
    {
        if (value == null || field.AllowedValues.Count == 0) return value;
        return field.AllowedValues.FirstOrDefault(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase)) ?? value;
    }

    private static string? Unset(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>
/// One thing an update does to a number that no backup can undo, or could not have done exactly: its handler leaves
/// one whose target the API never returns (<see cref="Leaves"/>), or becomes one whose target is neither returned nor
/// in the update.
/// </summary>
internal sealed class BackupGap
{
    public BackupGap(PhoneNumberField handler, string value, PhoneNumberField target, bool leaves, string? resourceId)
    {
        Handler = handler;
        Value = value;
        Target = target;
        Leaves = leaves;
        ResourceId = resourceId;
    }

    /// <summary>call_handler or message_handler.</summary>
    public PhoneNumberField Handler { get; }

    /// <summary>The handler left (when <see cref="Leaves"/>) or taken.</summary>
    public string Value { get; }

    /// <summary>The field that handler reads, which the API never returns.</summary>
    public PhoneNumberField Target { get; }

    public bool Leaves { get; }

    /// <summary>The number's handler resource before the change (what a read shows for the target), when it had one.</summary>
    public string? ResourceId { get; }

    /// <summary>The gap for one number, naming its handler resource: what -WhatIf, -Confirm and -Verbose say.</summary>
    public override string ToString() => Leaves
        ? $"{Handler.ApiName} leaves '{Value}'" + (ResourceId == null ? "" : $" (handler resource {ResourceId})") +
          $": the API never returns {Target.ApiName}, so a backup cannot bring this target back; " +
          $"note it now to return with -{Handler.ParameterName} {Value} -{Target.ParameterName} <id>."
        : $"{Handler.ApiName} becomes '{Value}' without {Target.ApiName}, which the API never returns, so no backup holds it: " +
          $"the number uses whatever {Target.ApiName} SignalWire last had for it; give -{Target.ParameterName} to be sure.";
}
