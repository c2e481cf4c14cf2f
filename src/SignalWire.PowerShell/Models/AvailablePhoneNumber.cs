using System;

namespace SignalWire.PowerShell.Models;

/// <summary>A number that can be bought (GET /phone_numbers/search). Pipe it to New-SwPhoneNumber to buy it.</summary>
public sealed class AvailablePhoneNumber
{
    /// <summary>The E.164 number: the live API's "e164", or the published spec's "number".</summary>
    public string Number { get; set; } = "";
    public string? NationalNumberFormatted { get; set; }
    public string? InternationalNumberFormatted { get; set; }
    public string? RateCenter { get; set; }
    public string? Region { get; set; }

    /// <summary>The city of the number (the published spec's "city"; the live search sends only the rate center).</summary>
    public string? City { get; set; }

    /// <summary>The LATA (local access and transport area) of the number, in the published spec's shape.</summary>
    public string? Lata { get; set; }
    public string? CountryCode { get; set; }
    public string[] Capabilities { get; set; } = Array.Empty<string>();

    public override string ToString() => Number;
}
