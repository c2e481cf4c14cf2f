using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using SignalWire.PowerShell.Models;
using static SignalWire.PowerShell.Client.ApiJson;

namespace SignalWire.PowerShell.Client;

/// <summary>One page of the list endpoint: its numbers and the link to the next page, when there is one.</summary>
public sealed class PhoneNumberPage
{
    private readonly ListPageReader<PhoneNumber>? reader;
    private IReadOnlyList<PhoneNumber>? numbers;

    public PhoneNumberPage(IReadOnlyList<PhoneNumber> numbers, Uri? next)
    {
        this.numbers = numbers;
        Next = next;
    }

    internal PhoneNumberPage(ListPageReader<PhoneNumber> reader)
    {
        this.reader = reader;
        Next = reader.Next;
    }

    /// <summary>Every number of the page (those not read yet are read now).</summary>
    public IReadOnlyList<PhoneNumber> Numbers => numbers ??= reader!.ReadAll();

    /// <summary>
    /// The numbers one at a time, each read from the body when it is taken: the first can go down the pipeline before
    /// the rest of a large page has been read. An unreadable number or body is an error when it is reached.
    /// </summary>
    public IEnumerable<PhoneNumber> NumbersAsRead => (IEnumerable<PhoneNumber>?)numbers ?? reader!;

    public Uri? Next { get; }
}

/// <summary>
/// Reads and writes the API's JSON. Reading is forgiving where the API is inconsistent ("" and null both mean unset,
/// unknown fields are ignored) and strict where a wrong value would mislead: anything unreadable becomes an
/// InvalidResponse <see cref="SignalWireApiException"/>, never another exception.
/// </summary>
public static class PhoneNumberJson
{
    // The API's text and date fields, from the ApiField attributes of PhoneNumber: a field added there is read here too.
    private static readonly Dictionary<string, Action<PhoneNumber, string?>> textFields = Setters<string?>();
    private static readonly Dictionary<string, Action<PhoneNumber, DateTime?>> dateFields = Setters<DateTime?>();

    private static Dictionary<string, Action<PhoneNumber, T>> Setters<T>() =>
        typeof(PhoneNumber).GetProperties()
            .Where(p => p.PropertyType == typeof(T) && p.GetCustomAttribute<ApiFieldAttribute>() != null)
            .ToDictionary(
                p => p.GetCustomAttribute<ApiFieldAttribute>()!.ApiName,
                p => (Action<PhoneNumber, T>)p.GetSetMethod().CreateDelegate(typeof(Action<PhoneNumber, T>)),
                StringComparer.Ordinal);

    /// <summary>A phone number's body, as GET, PUT and POST answer with it.</summary>
    public static PhoneNumber ReadPhoneNumber(byte[] body, int? status = null)
    {
        RequireBody(body, status);
        try
        {
            var reader = new Utf8JsonReader(body);
            reader.Read();
            var number = ReadPhoneNumber(ref reader, status);
            // Nothing but white space may follow (Read throws on anything else).
            reader.Read();
            return number;
        }
        catch (JsonException e)
        {
            throw NotJson(e, status);
        }
        catch (InvalidOperationException e)
        {
            throw Undecodable(e, status);
        }
    }

    /// <summary>
    /// The phone number whose first token the reader is on, read in one pass (no document is built: a page of a
    /// thousand is read as it is taken); the reader is left on its last token. A string that cannot be decoded
    /// throws InvalidOperationException, broken JSON JsonException: the callers say so in an InvalidResponse error.
    /// </summary>
    internal static PhoneNumber ReadPhoneNumber(ref Utf8JsonReader reader, int? status)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw SignalWireApiException.InvalidResponse($"a phone number should be a JSON object, not {Describe(KindOf(reader.TokenType))}.", status);
        var number = new PhoneNumber();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (textFields.TryGetValue(name, out var setText))
                setText(number, name == "id" ? ReadText(ref reader, name, status) ?? "" : ReadText(ref reader, name, status));
            else if (dateFields.TryGetValue(name, out var setDate))
                setDate(number, ReadDate(ReadText(ref reader, name, status), name, status));
            else if (name == "capabilities")
                number.Capabilities = new PhoneNumberCapabilities(ReadCapabilities(ref reader, status));
            // Any other field is one the API added later: ignored, never an error.
            else
                reader.Skip();
        }
        if (number.Id.Length == 0)
            throw SignalWireApiException.InvalidResponse("a phone number came without its \"id\".", status);
        return number;
    }

    /// <summary>
    /// One page of the list, its envelope read now and its numbers as they are taken (<see cref="PhoneNumberPage.NumbersAsRead"/>;
    /// <see cref="PhoneNumberPage.Numbers"/> reads them all). A relative links.next ("/api/relay/rest/phone_numbers?page_number=1&amp;...",
    /// as the API's paging documentation shows it) is resolved against <paramref name="spaceUrl"/> (the client passes its
    /// space); without it such a link stays relative.
    /// </summary>
    public static PhoneNumberPage OpenPage(byte[] body, int? status = null, Uri? spaceUrl = null) =>
        new PhoneNumberPage(ListPageReader<PhoneNumber>.Open(body, status, spaceUrl, ReadPhoneNumber));

    /// <summary>
    /// Only that a list answer is one: a JSON object with a "data" array. Its numbers and links are not read, so a
    /// credential check cannot fail on a link or a field the module does not know.
    /// </summary>
    public static void ReadPageShape(byte[] body, int? status = null)
    {
        using var document = Parse(body, status);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            throw SignalWireApiException.InvalidResponse("a page came without its \"data\" array.", status);
    }

    /// <summary>
    /// Search results, in the live shape ({"data":[{"e164", ..., "capabilities":[...]}]}) or the published spec's
    /// ("number", "city", "lata", capabilities as an object). The spec makes "data" optional: null or absent means
    /// nothing was found, not an error.
    /// </summary>
    public static IReadOnlyList<AvailablePhoneNumber> ReadAvailableNumbers(byte[] body, int? status = null)
    {
        using var document = Parse(body, status);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw SignalWireApiException.InvalidResponse($"search results should be a JSON object, not {Describe(root.ValueKind)}.", status);
        if (!root.TryGetProperty("data", out var data) || data.ValueKind == JsonValueKind.Null)
            return Array.Empty<AvailablePhoneNumber>();
        if (data.ValueKind != JsonValueKind.Array)
            throw SignalWireApiException.InvalidResponse($"search results should hold a \"data\" array, not {Describe(data.ValueKind)}.", status);
        var numbers = new List<AvailablePhoneNumber>(data.GetArrayLength());
        foreach (var item in data.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
                throw SignalWireApiException.InvalidResponse($"a search result should be a JSON object, not {Describe(item.ValueKind)}.", status);
            var number = new AvailablePhoneNumber();
            try
            {
                foreach (var property in item.EnumerateObject())
                {
                    switch (property.Name)
                    {
                        case "e164":
                        case "number":
                            number.Number = ReadText(property, status) ?? number.Number;
                            break;
                        case "national_number_formatted": number.NationalNumberFormatted = ReadText(property, status); break;
                        case "international_number_formatted": number.InternationalNumberFormatted = ReadText(property, status); break;
                        case "rate_center": number.RateCenter = ReadText(property, status); break;
                        case "region": number.Region = ReadText(property, status); break;
                        case "city": number.City = ReadText(property, status); break;
                        case "lata": number.Lata = ReadText(property, status); break;
                        case "country_code": number.CountryCode = ReadText(property, status); break;
                        case "capabilities": number.Capabilities = ReadCapabilities(property, status); break;
                    }
                }
            }
            catch (InvalidOperationException e)
            {
                throw Undecodable(e, status);
            }
            if (number.Number.Length == 0)
                throw SignalWireApiException.InvalidResponse("a search result came without its number (\"e164\").", status);
            numbers.Add(number);
        }
        return numbers;
    }

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

    private static string[] ReadCapabilities(ref Utf8JsonReader reader, int? status)
    {
        var capabilities = new List<string>();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                break;
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.String)
                        throw SignalWireApiException.InvalidResponse($"\"capabilities\" should hold text, not {Describe(KindOf(reader.TokenType))}.", status);
                    capabilities.Add(reader.GetString()!);
                }
                break;
            case JsonTokenType.StartObject:
                // The published spec's shape: {"voice": true, "sms": false, ...}.
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.True) capabilities.Add(name);
                    else reader.Skip();
                }
                break;
            default:
                throw SignalWireApiException.InvalidResponse($"\"capabilities\" should be a list, not {Describe(KindOf(reader.TokenType))}.", status);
        }
        return capabilities.ToArray();
    }

    private static string[] ReadCapabilities(JsonProperty property, int? status)
    {
        var reader = ReaderOn(property.Value);
        return ReadCapabilities(ref reader, status);
    }
}
