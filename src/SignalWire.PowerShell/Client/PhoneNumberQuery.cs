using System;

namespace SignalWire.PowerShell.Client;

/// <summary>The list endpoint's filters and page size.</summary>
internal sealed class PhoneNumberQuery
{
    public const int MaximumPageSize = 1000;

    /// <summary>Substring of the name (filter_name).</summary>
    public string? Name { get; set; }

    /// <summary>Substring of the number (filter_number).</summary>
    public string? Number { get; set; }

    /// <summary>1 to 1000; null leaves the server's default (50).</summary>
    public int? PageSize { get; set; }

    internal string ToQueryString() => QueryString.From(
        ("filter_name", Name),
        ("filter_number", Number),
        ("page_size", PageSize?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
