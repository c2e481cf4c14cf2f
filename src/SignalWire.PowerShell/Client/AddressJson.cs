using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using SignalWire.PowerShell.Models;
using static SignalWire.PowerShell.Client.ApiJson;

namespace SignalWire.PowerShell.Client;

/// <summary>One page of GET /addresses: its addresses and the link to the next page, when there is one.</summary>
internal sealed class E911AddressPage : ListPage<E911Address>
{
    public E911AddressPage(IReadOnlyList<E911Address> addresses, Uri? next) : base(addresses, next)
    {
    }

    internal E911AddressPage(ListPageReader<E911Address> reader) : base(reader)
    {
    }

    /// <summary>Every address of the page (those not read yet are read now).</summary>
    public IReadOnlyList<E911Address> Addresses => Items;
}

/// <summary>
/// Reads and writes the E911 address JSON (relay-rest/addresses in the vendor's spec) by the module's one design
/// (<see cref="ResourceJson{T}"/>, from the <see cref="ApiFieldAttribute"/> table of <see cref="E911Address"/> and of
/// <see cref="AddressCandidate"/>): "" and null both mean unset, unknown fields are ignored, postal_code and its alias
/// zip_code fill each other, and anything unreadable is an InvalidResponse <see cref="SignalWireApiException"/>.
/// </summary>
internal static class AddressJson
{
    public static E911Address ReadAddress(byte[] body, int? status = null) => ResourceJson<E911Address>.Read(body, status);

    /// <summary>One page of GET /addresses; its links.next resolved against <paramref name="spaceUrl"/> as the phone numbers' are.</summary>
    public static E911AddressPage ReadPage(byte[] body, int? status = null, Uri? spaceUrl = null) =>
        new E911AddressPage(ResourceJson<E911Address>.OpenPage(body, status, spaceUrl));

    /// <summary>
    /// The carrier's suggestions in a 422 body ({"errors": [...], "candidates": [...]}), or null when the body has no
    /// candidates array. Never throws: it reads an error body, whatever shape that has. An item that is not an object
    /// is passed over, and a field whose value is not text is left unset.
    /// </summary>
    public static IReadOnlyList<AddressCandidate>? ReadCandidates(byte[] body)
    {
        if (body.Length == 0) return null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            List<AddressCandidate>? candidates = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCandidates = reader.ValueTextEquals("candidates") && candidates == null;
                reader.Read();
                if (!isCandidates || reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }
                candidates = new List<AddressCandidate>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.StartObject) candidates.Add(ResourceJson<AddressCandidate>.ReadLeniently(ref reader, null));
                    else reader.Skip();
                }
            }
            // A body that is not JSON to its end has no candidates either (Read throws on anything after the object).
            reader.Read();
            return candidates;
        }
        catch (Exception e) when (e is JsonException || e is InvalidOperationException || e is SignalWireApiException)
        {
            return null;
        }
    }

    /// <summary>
    /// The body of POST /addresses and PUT /addresses/{id}: the whole address in the spec's field order (the table's).
    /// address_type and address_number are left out when empty (the request model has them optional, not nullable);
    /// auto_correct_address only when given (the API's default is true). A required field left empty is an ArgumentException.
    /// </summary>
    public static byte[] WriteAddress(E911Address address, bool? autoCorrectAddress) =>
        ResourceJson<E911Address>.Write(address, writer =>
        {
            if (autoCorrectAddress.HasValue) writer.WriteBoolean("auto_correct_address", autoCorrectAddress.Value);
        });

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
}
