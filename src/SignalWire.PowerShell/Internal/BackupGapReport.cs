using System.Collections.Generic;
using System.Linq;
using SignalWire.PowerShell.Internal.Bulk;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Internal;

/// <summary>When a batch's backup gaps are told: after its writes, under -WhatIf, or after a stop.</summary>
internal enum BackupGapMoment
{
    Done,
    WhatIf,
    Stopped,
}

/// <summary>
/// The backup gaps of a batch (<see cref="BackupGap"/>), told in one warning at its end rather than one per number: a
/// thousand numbers moved off AI agents make one warning, naming the numbers of each kind of move with the handler
/// resource each had (the first 20; -Verbose says each number's as it is judged).
/// </summary>
internal sealed class BackupGapReport
{
    private readonly List<(object Owner, string Label, BackupGap Gap)> gaps = new List<(object, string, BackupGap)>();

    /// <summary>An input's gaps, as its number is labelled; <paramref name="owner"/> is the input, for <see cref="Drop"/>.</summary>
    public void Add(object owner, string label, IEnumerable<BackupGap> numberGaps)
    {
        foreach (var gap in numberGaps) gaps.Add((owner, label, gap));
    }

    /// <summary>Forgets an input's gaps: its update was not applied.</summary>
    public void Drop(object owner) => gaps.RemoveAll(entry => Equals(entry.Owner, owner));

    /// <summary>The one warning, or null when no number has a gap.</summary>
    public string? Describe(BackupGapMoment moment)
    {
        if (gaps.Count == 0) return null;
        var count = gaps.Select(entry => entry.Label).Distinct().Count();
        var parts = new List<string>
        {
            moment switch
            {
                BackupGapMoment.WhatIf => $"{Numbers(count)} would be moved in ways no backup can undo.",
                BackupGapMoment.Stopped => $"Before the stop, {Numbers(count)} {(count == 1 ? "was" : "were")} to be moved in ways no backup " +
                                           "can undo (the account of the stop says which updates were applied).",
                _ => $"{Numbers(count)} {(count == 1 ? "was" : "were")} moved in ways no backup can undo.",
            },
        };
        var longest = 0;
        foreach (var kind in gaps.GroupBy(entry => (entry.Gap.Handler, entry.Gap.Value, entry.Gap.Target, entry.Gap.Leaves)))
        {
            var (handler, value, target, leaves) = kind.Key;
            var named = kind.Select(entry => entry.Gap.ResourceId == null ? entry.Label : $"{entry.Label} ({entry.Gap.ResourceId})").ToList();
            longest = System.Math.Max(longest, named.Count);
            parts.Add(leaves
                ? $"Off {handler.ApiName} '{value}' ({Numbers(named.Count)}): the API never returns {target.ApiName}, so a backup cannot bring " +
                  $"their targets back; note them now to return a number with -{handler.ParameterName} {value} -{target.ParameterName} <id>. " +
                  $"The numbers, with the handler resource each had: {Names.Some(named)}."
                : $"To {handler.ApiName} '{value}' without {target.ApiName} ({Numbers(named.Count)}): the API never returns it, so no " +
                  $"backup holds it and each number uses whatever {target.ApiName} SignalWire last had for it; give " +
                  $"-{target.ParameterName} to be sure. The numbers: {Names.Some(named)}.");
        }
        if (longest > 20) parts.Add("-Verbose names every number with its handler resource.");
        return string.Join(" ", parts);
    }

    private static string Numbers(int count) => count == 1 ? "1 number" : $"{count} numbers";
}
