using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using SignalWire.PowerShell.Models;
using static SignalWire.PowerShell.Client.ApiJson;

namespace SignalWire.PowerShell.Client;

/// <summary>One page of GET /addresses: its addresses and the link to the next page, when there is one.</summary>
public sealed class E911AddressPage
{
    public E911AddressPage(IReadOnlyList<E911Address> addresses, Uri? next)
    {
        Addresses = addresses;
        Next = next;
    }

    public IReadOnlyList<E911Address> Addresses { get; }
    public Uri? Next { get; }
}

/// <summary>
/// Reads and writes the E911 address JSON (relay-rest/addresses in the vendor's spec). Reading is forgiving like the
/// phone-number reader ("" and null both mean unset, unknown fields are ignored) and turns anything unreadable into
/// an InvalidResponse <see cref="SignalWireApiException"/>.
/// </summary>
public static class AddressJson
{
    private static readonly Dictionary<string, Action<E911Address, string?>> textFields = new Dictionary<string, Action<E911Address, string?>>
    {
        ["id"] = (a, v) => a.Id = v ?? "",
        ["label"] = (a, v) => a.Label = v,
        ["country"] = (a, v) => a.Country = v,
        ["first_name"] = (a, v) => a.FirstName = v,
        ["last_name"] = (a, v) => a.LastName = v,
        ["street_number"] = (a, v) => a.StreetNumber = v,
        ["street_name"] = (a, v) => a.StreetName = v,
        ["address_type"] = (a, v) => a.AddressType = v,
        ["address_number"] = (a, v) => a.AddressNumber = v,
        ["city"] = (a, v) => a.City = v,
        ["state"] = (a, v) => a.State = v,
        ["postal_code"] = (a, v) => a.PostalCode = v,
        ["zip_code"] = (a, v) => a.ZipCode = v,
    };

    public static E911Address ReadAddress(byte[] body, int? status = null)
    {
        using var document = Parse(body, status);
        return ReadAddress(document.RootElement, status);
    }

    public static E911Address ReadAddress(JsonElement element, int? status = null)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw SignalWireApiException.InvalidResponse($"an E911 address should be a JSON object, not {Describe(element.ValueKind)}.", status);
        var address = new E911Address();
        try
        {
            foreach (var property in element.EnumerateObject())
            {
                if (textFields.TryGetValue(property.Name, out var setText)) setText(address, ReadText(property, status));
                else if (property.NameEquals("emergency_enabled")) address.EmergencyEnabled = ReadFlag(property, status);
                else if (property.NameEquals("validated")) address.Validated = ReadFlag(property, status);
                else if (property.NameEquals("validated_at")) address.ValidatedAt = ReadDate(property, status);
                // Any other field is one the API added later: ignored, never an error.
            }
        }
        catch (InvalidOperationException e)
        {
            throw Undecodable(e, status);
        }
        if (address.Id.Length == 0)
            throw SignalWireApiException.InvalidResponse("an E911 address came without its \"id\".", status);
        // postal_code and zip_code are one value under two names: either fills the other when one is missing.
        address.PostalCode ??= address.ZipCode;
        address.ZipCode ??= address.PostalCode;
        return address;
    }

    // An address of a list page: few enough that a document each costs nothing.
    private static E911Address ReadAddressItem(ref Utf8JsonReader reader, int? status)
    {
        using var item = JsonDocument.ParseValue(ref reader);
        return ReadAddress(item.RootElement, status);
    }

    /// <summary>One page of GET /addresses; its links.next resolved against <paramref name="spaceUrl"/> as the phone numbers' are.</summary>
    public static E911AddressPage ReadPage(byte[] body, int? status = null, Uri? spaceUrl = null)
    {
        var (addresses, next) = ApiJson.ReadPage(body, status, spaceUrl, ReadAddressItem);
        return new E911AddressPage(addresses, next);
    }

    /// <summary>
    /// The carrier's suggestions in a 422 body ({"errors": [...], "candidates": [...]}), or null when the body has no
    /// candidates array. Never throws: it reads an error body, whatever shape that has.
    /// </summary>
    public static IReadOnlyList<AddressCandidate>? ReadCandidates(byte[] body)
    {
        if (body.Length == 0) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("candidates", out var items) || items.ValueKind != JsonValueKind.Array)
                return null;
            var candidates = new List<AddressCandidate>();
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) continue;
                candidates.Add(new AddressCandidate
                {
                    StreetNumber = Text(item, "street_number"),
                    StreetName = Text(item, "street_name"),
                    City = Text(item, "city"),
                    State = Text(item, "state"),
                    PostalCode = Text(item, "postal_code") ?? Text(item, "zip_code"),
                });
            }
            return candidates;
        }
        catch (Exception e) when (e is JsonException || e is InvalidOperationException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var value)) return null;
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()
            : value.ValueKind == JsonValueKind.Number ? value.GetRawText()
            : null;
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>
    /// The body of POST /addresses and PUT /addresses/{id}: the whole address in the spec's field order.
    /// address_type and address_number are left out when empty (the request model has them optional, not nullable);
    /// auto_correct_address only when given (the API's default is true).
    /// </summary>
    public static byte[] WriteAddress(E911Address address, bool? autoCorrectAddress)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("label", Required(address.Label, "Label"));
            writer.WriteString("country", Required(address.Country, "Country"));
            writer.WriteString("first_name", Required(address.FirstName, "FirstName"));
            writer.WriteString("last_name", Required(address.LastName, "LastName"));
            writer.WriteString("street_number", Required(address.StreetNumber, "StreetNumber"));
            writer.WriteString("street_name", Required(address.StreetName, "StreetName"));
            if (!string.IsNullOrEmpty(address.AddressType)) writer.WriteString("address_type", address.AddressType);
            if (!string.IsNullOrEmpty(address.AddressNumber)) writer.WriteString("address_number", address.AddressNumber);
            writer.WriteString("city", Required(address.City, "City"));
            writer.WriteString("state", Required(address.State, "State"));
            writer.WriteString("postal_code", Required(address.PostalCode, "PostalCode"));
            writer.WriteBoolean("emergency_enabled", address.EmergencyEnabled);
            if (autoCorrectAddress.HasValue) writer.WriteBoolean("auto_correct_address", autoCorrectAddress.Value);
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>The body of POST /phone_numbers/{id}/e911_address: {"e911_address_id": "..."}.</summary>
    public static byte[] WriteAssignment(string addressId)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("e911_address_id", addressId);
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static string Required(string? value, string property)
    {
        if (string.IsNullOrEmpty(value)) throw new ArgumentException($"An E911 address needs its {property}.", nameof(value));
        return value!;
    }

    private static bool ReadFlag(JsonProperty property, int? status)
    {
        var value = property.Value;
        switch (value.ValueKind)
        {
            case JsonValueKind.True: return true;
            case JsonValueKind.False:
            case JsonValueKind.Null: return false;
            case JsonValueKind.String when bool.TryParse(value.GetString(), out var flag): return flag;
            default:
                throw SignalWireApiException.InvalidResponse($"\"{property.Name}\" should be true or false, not {Describe(value.ValueKind)}.", status);
        }
    }
}
