using System.Collections.Generic;
using System.Linq;

namespace SignalWire.PowerShell.Internal;

/// <summary>How messages list numbers and names: every one up to 20, then how many more.</summary>
internal static class Names
{
    public static string Some(IReadOnlyList<string> names) =>
        names.Count <= 20 ? string.Join(", ", names) : string.Join(", ", names.Take(20)) + $" and {names.Count - 20} more";
}
