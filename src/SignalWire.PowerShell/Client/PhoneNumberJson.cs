using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using SignalWire.PowerShell.Models;
using static SignalWire.PowerShell.Client.ApiJson;

namespace SignalWire.PowerShell.Client;

/// <summary>One page of the phone number list: its numbers and the link to the next page, when there is one.</summary>
internal sealed class PhoneNumberPage : ListPage<PhoneNumber>
{
    public PhoneNumberPage(IReadOnlyList<PhoneNumber> numbers, Uri? next) : base(numbers, next)
    {
    }

    internal PhoneNumberPage(ListPageReader<PhoneNumber> reader) : base(reader)
    {
    }

    /// <summary>Every number of the page (those not read yet are read now).</summary>
    public IReadOnlyList<PhoneNumber> Numbers => Items;

    /// <summary>The numbers one at a time, each read from the body when it is taken (see <see cref="ListPage{T}.ItemsAsRead"/>).</summary>
    public IEnumerable<PhoneNumber> NumbersAsRead => ItemsAsRead;
}

/// <summary>
/// Reads and writes the phone numbers' JSON, by the module's one design (<see cref="ResourceJson{T}"/>, from the
/// <see cref="ApiFieldAttribute"/> table of <see cref="PhoneNumber"/> and of <see cref="AvailablePhoneNumber"/>): forgiving
/// where the API is inconsistent ("" and null both mean unset, unknown fields are ignored) and strict where a wrong value
/// would mislead: anything unreadable becomes an InvalidResponse <see cref="SignalWireApiException"/>, never another exception.
/// </summary>
internal static class PhoneNumberJson
{
    /// <summary>A phone number's body, as GET, PUT and POST answer with it.</summary>
    public static PhoneNumber ReadPhoneNumber(byte[] body, int? status = null) => ResourceJson<PhoneNumber>.Read(body, status);

    /// <summary>
    /// The phone number whose first token the reader is on, read in one pass (no document is built: a page of a
    /// thousand is read as it is taken); the reader is left on its last token. A string that cannot be decoded
    /// throws InvalidOperationException, broken JSON JsonException: the callers say so in an InvalidResponse error.
    /// </summary>
    internal static PhoneNumber ReadPhoneNumber(ref Utf8JsonReader reader, int? status) => ResourceJson<PhoneNumber>.Read(ref reader, status);

    /// <summary>
    /// One page of the list, its envelope read now and its numbers as they are taken (<see cref="PhoneNumberPage.NumbersAsRead"/>;
    /// <see cref="PhoneNumberPage.Numbers"/> reads them all). A relative links.next ("/api/relay/rest/phone_numbers?page_number=1&amp;...",
    /// as the API's paging documentation shows it) is resolved against <paramref name="spaceUrl"/> (the client passes its
    /// space); without it such a link stays relative.
    /// </summary>
    public static PhoneNumberPage OpenPage(byte[] body, int? status = null, Uri? spaceUrl = null) =>
        new PhoneNumberPage(ResourceJson<PhoneNumber>.OpenPage(body, status, spaceUrl));

    /// <summary>
    /// Only that a list answer is one: a JSON object with a "data" array. Its numbers and links are not read, so a
    /// credential check cannot fail on a link or a field the module does not know.
    /// </summary>
    public static void ReadPageShape(byte[] body, int? status = null)
    {
        var hasData = false;
        ReadEnvelope(body, status, (ref Utf8JsonReader reader) =>
        {
            if (reader.ValueTextEquals("data"))
            {
                reader.Read();
                hasData |= reader.TokenType == JsonTokenType.StartArray;
                reader.Skip();
                return true;
            }
            return false;
        }, notAnObject: _ => SignalWireApiException.InvalidResponse("a page came without its \"data\" array.", status));
        if (!hasData) throw SignalWireApiException.InvalidResponse("a page came without its \"data\" array.", status);
    }

    /// <summary>
    /// Search results, in the live shape ({"data":[{"e164", ..., "capabilities":[...]}]}) or the published spec's
    /// ("number", "city", "lata", capabilities as an object). The spec makes "data" optional: null or absent means
    /// nothing was found, not an error.
    /// </summary>
    public static IReadOnlyList<AvailablePhoneNumber> ReadAvailableNumbers(byte[] body, int? status = null)
    {
        var numbers = new List<AvailablePhoneNumber>();
        ReadEnvelope(body, status, (ref Utf8JsonReader reader) =>
        {
            if (!reader.ValueTextEquals("data")) return false;
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null) return true;
            if (reader.TokenType != JsonTokenType.StartArray)
                throw SignalWireApiException.InvalidResponse(
                    $"search results should hold a \"data\" array, not {Describe(KindOf(reader.TokenType))}.", status);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                numbers.Add(ResourceJson<AvailablePhoneNumber>.Read(ref reader, status));
            return true;
        }, notAnObject: kind => SignalWireApiException.InvalidResponse($"search results should be a JSON object, not {Describe(kind)}.", status));
        return numbers;
    }

    private delegate bool PropertyReader(ref Utf8JsonReader reader);

    // A body that is one JSON object, read in one pass: each property offered to readProperty (true when it read the
    // value), the others skipped; nothing but white space may follow the object.
    private static void ReadEnvelope(byte[] body, int? status, PropertyReader readProperty,
        Func<JsonValueKind, SignalWireApiException> notAnObject) =>
        ReadBody(body, status, (ref Utf8JsonReader reader, int? _) =>
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                var kind = KindOf(reader.TokenType);
                // Broken JSON is said as such, before what its first token would have been.
                reader.Skip();
                while (reader.Read()) { }
                throw notAnObject(kind);
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (readProperty(ref reader)) continue;
                reader.Read();
                reader.Skip();
            }
            return true;
        });

    /// <summary>The purchase body: {"number": "+1..."}.</summary>
    public static byte[] WritePurchase(string e164)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("number", e164);
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>The API's own words from an error body, in any shape (see <see cref="ErrorBodyReader"/>); null when there are none.</summary>
    public static string? ReadErrorMessage(byte[] body) => ErrorBodyReader.Read(body).Message;

    /// <summary>Writes the update body: exactly the fields given, in the order given.</summary>
    public static byte[] WriteUpdate(PhoneNumberUpdate update)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var change in update.Changes)
            {
                if (change.Value == null) writer.WriteNull(change.Field.ApiName);
                else writer.WriteString(change.Field.ApiName, change.Value);
            }
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }
}
