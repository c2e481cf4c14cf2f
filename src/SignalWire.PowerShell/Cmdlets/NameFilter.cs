using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>
/// -Name as Get-ChildItem reads it: each value a whole name (ignoring case) or a wildcard pattern; a plain name that
/// matches nothing is an error, a pattern that matches nothing is not.
/// </summary>
internal sealed class NameFilter
{
    private readonly IReadOnlyList<(string Text, WildcardPattern Pattern)> names;

    private NameFilter(IReadOnlyList<(string, WildcardPattern)> names) => this.names = names;

    public static NameFilter Of(string[]? names) =>
        new NameFilter((names ?? new string[0]).Select(n => (n, new WildcardPattern(n, WildcardOptions.IgnoreCase))).ToList());

    public bool Matches(string? name) => names.Count == 0 || names.Any(n => n.Pattern.IsMatch(name ?? ""));

    /// <summary>The plain names (no wildcards) that none of <paramref name="seen"/> matched.</summary>
    public IEnumerable<string> Unmatched(IEnumerable<string?> seen)
    {
        var list = seen.ToList();
        return names.Where(n => !WildcardPattern.ContainsWildcardCharacters(n.Text) && !list.Any(s => n.Pattern.IsMatch(s ?? "")))
            .Select(n => n.Text);
    }
}
