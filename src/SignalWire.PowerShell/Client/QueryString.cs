using System;
using System.Collections.Generic;
using System.Linq;

namespace SignalWire.PowerShell.Client;

/// <summary>Builds "?a=1&amp;b=2" from name/value pairs, leaving out the empty ones and escaping the values.</summary>
internal static class QueryString
{
    public static string From(params (string Name, string? Value)[] pairs)
    {
        var parts = pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value)).ToList();
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }
}
