using System;

namespace SignalWire.PowerShell.Client;

/// <summary>The search endpoint's filters (GET /phone_numbers/search).</summary>
internal sealed class AvailableNumberQuery
{
    public const int MaximumResults = 100;

    public string? AreaCode { get; set; }

    /// <summary>"local" (the API's default) or "toll-free".</summary>
    public string? NumberType { get; set; }

    /// <summary>3 to 7 digits; the API takes only one of StartsWith, Contains and EndsWith.</summary>
    public string? StartsWith { get; set; }
    public string? Contains { get; set; }
    public string? EndsWith { get; set; }

    /// <summary>1 to 100; null leaves the API's default (50).</summary>
    public int? MaxResults { get; set; }

    /// <summary>ISO 3166-2 alpha-2 region such as TX (local numbers only).</summary>
    public string? Region { get; set; }

    /// <summary>A city within <see cref="Region"/> (local numbers only).</summary>
    public string? City { get; set; }

    internal string ToQueryString() => QueryString.From(
        ("areacode", AreaCode),
        ("number_type", NumberType),
        ("starts_with", StartsWith),
        ("contains", Contains),
        ("ends_with", EndsWith),
        ("max_results", MaxResults?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("region", Region),
        ("city", City));
}
