using System.Text.Json;

namespace SignalWire.Emulator;

/// <summary>
/// One E911 address of the project (specs/signalwire-rest/relay-rest/addresses/models/core.tsp, model Address).
/// Immutable: an update stores a new instance.
/// </summary>
public sealed record EmergencyAddress
{
    /// <summary>The sub-address kinds the spec allows for address_type (enum AddressType).</summary>
    public static readonly IReadOnlyList<string> AddressTypes =
        ["Apartment", "Basement", "Building", "Department", "Floor", "Office", "Penthouse", "Suite", "Trailer", "Unit"];

    /// <summary>Position in creation order; larger is newer. The list is sorted by it.</summary>
    public long Ordinal { get; init; }

    public string Id { get; init; } = "";
    public string Label { get; init; } = "";
    public string Country { get; init; } = "";
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public string StreetNumber { get; init; } = "";
    public string StreetName { get; init; } = "";
    public string? AddressType { get; init; }
    public string? AddressNumber { get; init; }
    public string City { get; init; } = "";
    public string State { get; init; } = "";
    public string PostalCode { get; init; } = "";
    public bool EmergencyEnabled { get; init; }
    public bool Validated { get; init; }
    public string? ValidatedAt { get; init; }

    /// <summary>The response object, keys in the order of the spec's Address model.</summary>
    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("label", Label);
        w.WriteString("country", Country);
        w.WriteString("first_name", FirstName);
        w.WriteString("last_name", LastName);
        w.WriteString("street_number", StreetNumber);
        w.WriteString("street_name", StreetName);
        WriteNullable(w, "address_type", AddressType);
        WriteNullable(w, "address_number", AddressNumber);
        w.WriteString("city", City);
        w.WriteString("state", State);
        w.WriteString("postal_code", PostalCode);
        w.WriteString("zip_code", PostalCode); // the spec's alias of postal_code, for backwards compatibility
        w.WriteBoolean("emergency_enabled", EmergencyEnabled);
        w.WriteBoolean("validated", Validated);
        WriteNullable(w, "validated_at", ValidatedAt);
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}

/// <summary>A carrier-suggested alternative (responses.tsp, model AddressCandidate).</summary>
public sealed record CarrierCandidate(string StreetNumber, string StreetName, string City, string State, string PostalCode)
{
    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("street_number", StreetNumber);
        w.WriteString("street_name", StreetName);
        w.WriteString("city", City);
        w.WriteString("state", State);
        w.WriteString("postal_code", PostalCode);
        w.WriteEndObject();
    }
}

/// <summary>What the emulated carrier holds for a number's E911 registration: the caller name the dispatcher sees.</summary>
public sealed record E911Registration(string NumberId, string Number, string AddressId, string CallerName, string Status);
