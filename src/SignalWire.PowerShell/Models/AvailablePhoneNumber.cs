using System;

namespace SignalWire.PowerShell.Models;

/// <summary>A number that can be bought (GET /phone_numbers/search). Pipe it to New-SwPhoneNumber to buy it.</summary>
[ApiResource("a search result")]
public sealed class AvailablePhoneNumber
{
    /// <summary>The E.164 number: the live API's "e164", or the published spec's "number".</summary>
    [ApiField("e164", Key = true, OtherApiName = "number")]
    public string Number { get; set; } = "";

    [ApiField("national_number_formatted")]
    public string? NationalNumberFormatted { get; set; }

    [ApiField("international_number_formatted")]
    public string? InternationalNumberFormatted { get; set; }

    [ApiField("rate_center")]
    public string? RateCenter { get; set; }

    [ApiField("region")]
    public string? Region { get; set; }

    /// <summary>The city of the number (the published spec's "city"; the live search sends only the rate center).</summary>
    [ApiField("city")]
    public string? City { get; set; }

    /// <summary>The LATA (local access and transport area) of the number, in the published spec's shape.</summary>
    [ApiField("lata")]
    public string? Lata { get; set; }

    [ApiField("country_code")]
    public string? CountryCode { get; set; }

    /// <summary>What the number can do: a list in the live shape, an object of flags in the published spec's.</summary>
    [ApiField("capabilities")]
    public string[] Capabilities { get; set; } = Array.Empty<string>();

    public override string ToString() => Number;
}
