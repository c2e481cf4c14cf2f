using System.Globalization;
using System.Text.Json;

namespace SignalWire.Emulator;

/// <summary>One available number. City and LATA appear only in the spec's shape; empty means unknown (toll-free).</summary>
public sealed record AvailableNumber(string E164, string RateCenter, string Region, IReadOnlyList<string> Capabilities,
    string City = "", string Lata = "")
{
    private static readonly string[] SpecCapabilities = ["voice", "sms", "mms", "fax"];

    /// <summary>Shaped like the live capture (fixtures/search_phone_numbers.json).</summary>
    public void WriteJson(Utf8JsonWriter w)
    {
        var n = E164[2..]; // ten national digits
        w.WriteStartObject();
        w.WriteString("e164", E164);
        w.WriteString("national_number_formatted", $"({n[..3]}) {n[3..6]}-{n[6..]}");
        w.WriteString("international_number_formatted", $"+1 {n[..3]}-{n[3..6]}-{n[6..]}");
        w.WriteString("rate_center", RateCenter);
        w.WriteString("region", Region);
        w.WriteString("country_code", "US");
        w.WriteStartArray("capabilities");
        foreach (var capability in Capabilities)
        {
            w.WriteStringValue(capability);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// Shaped like the spec's AvailablePhoneNumber (relay-rest/phone-numbers/models/core.tsp): "number", the optional
    /// "region", "city", "rate_center" and "lata" when known, and capabilities as an object of flags.
    /// </summary>
    public void WriteSpecJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("number", E164);
        WriteKnown(w, "region", Region);
        WriteKnown(w, "city", City);
        WriteKnown(w, "rate_center", RateCenter);
        WriteKnown(w, "lata", Lata);
        w.WriteStartObject("capabilities");
        foreach (var capability in SpecCapabilities)
        {
            w.WriteBoolean(capability, Capabilities.Contains(capability));
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteKnown(Utf8JsonWriter w, string name, string value)
    {
        if (value.Length > 0)
        {
            w.WriteString(name, value);
        }
    }
}

/// <summary>
/// GET /phone_numbers/search: validates the query per the contract and makes up deterministic
/// available numbers that satisfy it (the pattern is placed in the number, the other digits vary).
/// </summary>
public sealed class AvailableNumberSearch
{
    // A few real area codes, so region/areacode searches return plausible rate centers, cities and LATAs.
    private static readonly (string AreaCode, string RateCenter, string Region, string City, string Lata)[] KnownAreas =
    [
        ("503", "PORTLAND", "OR", "Portland", "672"), ("512", "AUSTIN", "TX", "Austin", "558"),
        ("214", "DALLAS", "TX", "Dallas", "552"), ("212", "NEW YORK", "NY", "New York", "132"),
        ("415", "SAN FRANCISCO", "CA", "San Francisco", "722"), ("312", "CHICAGO", "IL", "Chicago", "358"),
        ("305", "MIAMI", "FL", "Miami", "460"), ("206", "SEATTLE", "WA", "Seattle", "674"),
        ("617", "BOSTON", "MA", "Boston", "128"), ("555", "ANYTOWN", "ZZ", "Anytown", "999"),
    ];

    private static readonly string[] LocalCapabilities = ["voice", "fax", "sms", "mms"];
    private static readonly string[] TollFreeCapabilities = ["voice", "sms"];

    private string _areaCode = "";
    private string _rateCenter = "";
    private string _region = "";
    private string _city = "";
    private string _lata = "";
    private bool _tollFree;
    private string _patternKind = "";
    private string _pattern = "";
    private int _maxResults;

    public static (AvailableNumberSearch? Search, List<string> Errors) FromQuery(IReadOnlyDictionary<string, string> query)
    {
        var errors = new List<string>();
        var search = new AvailableNumberSearch();

        var numberType = query.GetValueOrDefault("number_type") ?? "local";
        if (numberType is not ("local" or "toll-free"))
        {
            errors.Add($"number_type '{numberType}' is not valid. Allowed values: local, toll-free.");
        }
        search._tollFree = numberType == "toll-free";

        var patterns = new[] { "starts_with", "contains", "ends_with" }.Where(query.ContainsKey).ToList();
        if (patterns.Count > 1)
        {
            errors.Add("Only one of starts_with, contains and ends_with may be given.");
        }
        else if (patterns.Count == 1)
        {
            search._patternKind = patterns[0];
            search._pattern = query[patterns[0]];
            if (search._pattern.Length is < 3 or > 7 || !search._pattern.All(char.IsAsciiDigit))
            {
                errors.Add($"{patterns[0]} must be 3 to 7 digits, not '{search._pattern}'.");
            }
        }

        search._maxResults = 50;
        if (query.TryGetValue("max_results", out var maxText)
            && (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out search._maxResults)
                || search._maxResults is < 1 or > 100))
        {
            errors.Add($"max_results must be an integer from 1 to 100, not '{maxText}'.");
        }

        var region = query.GetValueOrDefault("region");
        var city = query.GetValueOrDefault("city");
        if (region is not null && (region.Length != 2 || !region.All(char.IsAsciiLetter)))
        {
            errors.Add($"region must be a two-letter ISO 3166-2 code such as TX, not '{region}'.");
        }
        if (city is not null && region is null)
        {
            errors.Add("city requires region.");
        }
        if (search._tollFree && (region is not null || city is not null))
        {
            errors.Add("region and city apply to local numbers only.");
        }

        var areaCode = query.GetValueOrDefault("areacode");
        if (areaCode is not null)
        {
            if (areaCode.Length != 3 || !areaCode.All(char.IsAsciiDigit) || areaCode[0] < '2')
            {
                errors.Add($"areacode must be a three-digit area code, not '{areaCode}'.");
            }
            else if (search._tollFree != PhoneNumberStore.TollFreeAreaCodes.Contains(areaCode))
            {
                errors.Add(search._tollFree
                    ? $"areacode {areaCode} is not a toll-free area code."
                    : $"areacode {areaCode} is toll-free; use number_type=toll-free.");
            }
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var upperRegion = region?.ToUpperInvariant();
        search._areaCode = areaCode
            ?? (search._patternKind == "starts_with" ? search._pattern[..3] : null)
            ?? (search._tollFree ? "888" : KnownArea(a => a.Region == upperRegion)?.AreaCode ?? "503");
        var known = KnownArea(a => a.AreaCode == search._areaCode);
        search._region = search._tollFree ? "" : upperRegion ?? known?.Region ?? "";
        search._rateCenter = search._tollFree ? "" : city?.ToUpperInvariant() ?? known?.RateCenter ?? "";
        search._city = search._tollFree ? "" : city ?? known?.City ?? "";
        search._lata = search._tollFree || city is not null ? "" : known?.Lata ?? "";
        return (search, errors);
    }

    private static (string AreaCode, string RateCenter, string Region, string City, string Lata)? KnownArea(
        Func<(string AreaCode, string RateCenter, string Region, string City, string Lata), bool> predicate)
    {
        foreach (var area in KnownAreas)
        {
            if (predicate(area))
            {
                return area;
            }
        }
        return null;
    }

    /// <summary>Up to max_results numbers satisfying the query, skipping numbers the project holds.</summary>
    public List<AvailableNumber> Find(Func<string, bool> isTaken)
    {
        var results = new List<AvailableNumber>();
        if (_patternKind == "starts_with" && !_pattern.StartsWith(_areaCode, StringComparison.Ordinal))
        {
            return results; // the pattern contradicts the area code
        }
        // The seven subscriber digits: the pattern goes at fixed offsets, the rest is counted.
        var fixedPart = _patternKind switch
        {
            "starts_with" => _pattern[3..],
            "contains" or "ends_with" => _pattern,
            _ => "",
        };
        var offsets = _patternKind switch
        {
            "ends_with" => [7 - fixedPart.Length],
            "contains" => Enumerable.Range(0, 8 - fixedPart.Length).ToArray(),
            _ => new[] { 0 },
        };
        var free = 7 - fixedPart.Length;
        var combinations = (long)Math.Pow(10, free);
        var capabilities = _tollFree ? TollFreeCapabilities : LocalCapabilities;
        for (long k = 0; k < combinations && results.Count < _maxResults; k++)
        {
            // A fixed permutation of 0..10^free-1, so consecutive results do not look sequential.
            var filler = free == 0
                ? ""
                : ((k * 7 + 4_715_423) % combinations).ToString(CultureInfo.InvariantCulture).PadLeft(free, '0');
            foreach (var offset in offsets)
            {
                var subscriber = filler[..Math.Min(offset, free)] + fixedPart + filler[Math.Min(offset, free)..];
                if (subscriber[0] < '2') // NANP: exchange codes start with 2-9
                {
                    continue;
                }
                var e164 = "+1" + _areaCode + subscriber;
                if (!isTaken(e164) && results.All(r => r.E164 != e164))
                {
                    results.Add(new AvailableNumber(e164, _rateCenter, _region, capabilities, _city, _lata));
                    if (results.Count == _maxResults)
                    {
                        break;
                    }
                }
            }
        }
        return results;
    }
}
