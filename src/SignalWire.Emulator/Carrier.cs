using System.Text.RegularExpressions;

namespace SignalWire.Emulator;

/// <summary>
/// The emulated carrier's address check for US addresses sent with emergency_enabled=true. The spec
/// (relay-rest/addresses/main.tsp, create_address and update_address) says what can happen: the address is valid, or
/// auto-corrected and stored, or refused with a 422 carrying `errors` and, when the carrier has suggestions,
/// `candidates`; a correctable address is refused with its correction as a candidate when auto_correct_address=false.
/// Which address gets which outcome is the emulator's own deterministic rule, checked in this order:
/// <list type="number">
/// <item>A street name containing "Nowhere" cannot be validated and the carrier has nothing to suggest: refused, no candidates.</item>
/// <item>A postal code that is not a US ZIP code (5 digits, or ZIP+4) cannot be validated: refused, no candidates.</item>
/// <item>A city the carrier knows (<see cref="Cities"/>) with a postal code that is not one of that city's: refused
/// whatever auto_correct_address says (the carrier cannot tell which part is wrong), with one candidate per ZIP code of
/// the city, same street.</item>
/// <item>Small errors are correctable: a known city or a state written in another case, a street name ending in an
/// abbreviation (St, Ave, Dr, Rd, Blvd, Ln). With auto_correct_address (the default) the corrected address is stored;
/// with auto_correct_address=false it is refused with the correction as the one candidate.</item>
/// <item>Anything else is valid as given.</item>
/// </list>
/// </summary>
public static partial class Carrier
{
    /// <summary>The cities the carrier knows, with their ZIP codes. Alexandria, CA 91905 is the spec's own example.</summary>
    public static readonly IReadOnlyList<(string City, string State, string[] PostalCodes)> Cities =
    [
        ("Alexandria", "CA", ["91905"]),
        ("Portland", "OR", ["97201", "97204", "97205"]),
        ("Austin", "TX", ["78701", "78702"]),
        ("Seattle", "WA", ["98101", "98104"]),
        ("New York", "NY", ["10001", "10018"]),
        ("Chicago", "IL", ["60601", "60606"]),
    ];

    private static readonly (string Abbreviation, string Word)[] StreetSuffixes =
    [
        ("St", "Street"), ("Ave", "Avenue"), ("Dr", "Drive"), ("Rd", "Road"), ("Blvd", "Boulevard"), ("Ln", "Lane"),
    ];

    /// <summary>What the carrier said: valid (perhaps with a correction to store) or refused (with its candidates).</summary>
    public sealed record Outcome(bool Valid, string? Error, IReadOnlyList<CarrierCandidate> Candidates, CarrierCandidate? Correction);

    public static Outcome Check(CarrierCandidate address, bool autoCorrect)
    {
        if (address.StreetName.Contains("Nowhere", StringComparison.OrdinalIgnoreCase))
        {
            return Refused("The carrier could not validate the address: no such street.");
        }
        if (!ZipCode().IsMatch(address.PostalCode))
        {
            return Refused($"The carrier could not validate the address: postal_code '{address.PostalCode}' is not a US ZIP code.");
        }

        var known = Cities.FirstOrDefault(c =>
            string.Equals(c.City, address.City, StringComparison.OrdinalIgnoreCase)
            && string.Equals(c.State, address.State, StringComparison.OrdinalIgnoreCase));
        var corrected = address with
        {
            StreetName = ExpandSuffix(address.StreetName),
            City = known.City ?? address.City,
            State = address.State.ToUpperInvariant(),
        };
        if (known.City is not null && !known.PostalCodes.Contains(address.PostalCode[..5]))
        {
            var candidates = known.PostalCodes.Select(code => corrected with { PostalCode = code }).ToList();
            return Refused(
                $"The carrier could not validate the address: postal_code {address.PostalCode} is not in {known.City}, {known.State}.",
                candidates);
        }
        if (corrected == address)
        {
            return new Outcome(true, null, [], null);
        }
        return autoCorrect
            ? new Outcome(true, null, [], corrected)
            : Refused("The carrier suggests a corrected address (auto_correct_address is false).", [corrected]);
    }

    private static Outcome Refused(string error, IReadOnlyList<CarrierCandidate>? candidates = null) =>
        new(false, error, candidates ?? [], null);

    private static string ExpandSuffix(string streetName)
    {
        foreach (var (abbreviation, word) in StreetSuffixes)
        {
            foreach (var written in new[] { " " + abbreviation, " " + abbreviation + "." })
            {
                if (streetName.EndsWith(written, StringComparison.OrdinalIgnoreCase))
                {
                    return streetName[..^written.Length] + " " + word;
                }
            }
        }
        return streetName;
    }

    [GeneratedRegex(@"^[0-9]{5}(-[0-9]{4})?$")]
    private static partial Regex ZipCode();
}
