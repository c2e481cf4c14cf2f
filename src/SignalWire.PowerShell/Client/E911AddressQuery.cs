namespace SignalWire.PowerShell.Client;

/// <summary>The address list's filter and page size (GET /addresses).</summary>
internal sealed class E911AddressQuery
{
    public const int MaximumPageSize = 1000;

    /// <summary>Addresses whose label contains this text (filter_label, a partial match).</summary>
    public string? Label { get; set; }

    /// <summary>1 to 1000; null leaves the server's default (50).</summary>
    public int? PageSize { get; set; }

    internal string ToQueryString() => QueryString.From(
        ("filter_label", Label),
        ("page_size", PageSize?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
