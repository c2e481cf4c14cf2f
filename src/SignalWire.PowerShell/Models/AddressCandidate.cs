namespace SignalWire.PowerShell.Models;

/// <summary>
/// An address the carrier suggests instead of one it refused (the candidates of a 422 from POST or PUT /addresses).
/// Its properties bind by property name to New-SwE911Address and Set-SwE911Address, so a candidate piped back in
/// with the rest of the address (label, names, country) tries it.
/// Its fields are those of <see cref="E911Address"/> under the same names (AddressTableTests holds them to it).
/// </summary>
[ApiResource("an address candidate")]
public sealed class AddressCandidate
{
    [ApiField("street_number")]
    public string? StreetNumber { get; set; }

    [ApiField("street_name")]
    public string? StreetName { get; set; }

    [ApiField("city")]
    public string? City { get; set; }

    [ApiField("state")]
    public string? State { get; set; }

    [ApiField("postal_code", OtherApiName = "zip_code")]
    public string? PostalCode { get; set; }

    public override string ToString() => E911Address.FormatStreet(StreetNumber, StreetName, null, null, City, State, PostalCode);
}
