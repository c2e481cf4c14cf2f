namespace SignalWire.PowerShell.Models;

/// <summary>
/// An address the carrier suggests instead of one it refused (the candidates of a 422 from POST or PUT /addresses).
/// Its properties bind by property name to New-SwE911Address and Set-SwE911Address, so a candidate piped back in
/// with the rest of the address (label, names, country) tries it.
/// </summary>
public sealed class AddressCandidate
{
    public string? StreetNumber { get; set; }
    public string? StreetName { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }

    public override string ToString() => E911Address.FormatStreet(StreetNumber, StreetName, null, null, City, State, PostalCode);
}
