using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Client
{
    /// <summary>One page of the list endpoint: its numbers and the link to the next page, when there is one.</summary>
    public sealed class PhoneNumberPage
    {
        public PhoneNumberPage(IReadOnlyList<PhoneNumber> numbers, Uri? next)
        {
            Numbers = numbers;
            Next = next;
        }

        public IReadOnlyList<PhoneNumber> Numbers { get; }
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

        // Relaxed escaping: a body carries exactly what the user typed ("+", accents), not \u escapes; it is never HTML.
        private static readonly JsonWriterOptions writerOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static PhoneNumber ReadPhoneNumber(byte[] body, int? status = null)
        {
            using var document = Parse(body, status);
            return ReadPhoneNumber(document.RootElement, status);
        }

        public static PhoneNumber ReadPhoneNumber(JsonElement element, int? status = null)
        {
            if (element.ValueKind != JsonValueKind.Object)
                throw SignalWireApiException.InvalidResponse($"a phone number should be a JSON object, not {Describe(element.ValueKind)}.", status);
            var number = new PhoneNumber();
            try
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (textFields.TryGetValue(property.Name, out var setText))
                        setText(number, property.NameEquals("id") ? ReadText(property, status) ?? "" : ReadText(property, status));
                    else if (dateFields.TryGetValue(property.Name, out var setDate))
                        setDate(number, ReadDate(property, status));
                    else if (property.NameEquals("capabilities"))
                        number.Capabilities = new PhoneNumberCapabilities(ReadCapabilities(property, status));
                    // Any other field is one the API added later: ignored, never an error.
                }
            }
            catch (InvalidOperationException e)
            {
                throw Undecodable(e, status);
            }
            if (number.Id.Length == 0)
                throw SignalWireApiException.InvalidResponse("a phone number came without its \"id\".", status);
            return number;
        }

        // System.Text.Json parses text with invalid UTF-8 or a lone surrogate escape, and only throws when a string is read.
        private static SignalWireApiException Undecodable(InvalidOperationException e, int? status) =>
            SignalWireApiException.InvalidResponse($"the body holds text that cannot be decoded ({e.Message}).", status);

        /// <summary>
        /// One page of the list. A relative links.next ("/api/relay/rest/phone_numbers?page_number=1&amp;...", as the API's
        /// paging documentation shows it) is resolved against <paramref name="spaceUrl"/> (the client passes its space); without
        /// it such a link stays relative.
        /// </summary>
        public static PhoneNumberPage ReadPage(byte[] body, int? status = null, Uri? spaceUrl = null)
        {
            using var document = Parse(body, status);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw SignalWireApiException.InvalidResponse($"a page should be a JSON object, not {Describe(root.ValueKind)}.", status);
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
                throw SignalWireApiException.InvalidResponse("a page came without its \"data\" array.", status);
            var numbers = new List<PhoneNumber>(data.GetArrayLength());
            foreach (var item in data.EnumerateArray())
                numbers.Add(ReadPhoneNumber(item, status));
            try
            {
                return new PhoneNumberPage(numbers, ReadNextLink(root, status, spaceUrl));
            }
            catch (InvalidOperationException e)
            {
                throw Undecodable(e, status);
            }
        }

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
            using (var writer = new Utf8JsonWriter(stream, writerOptions))
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
            using (var writer = new Utf8JsonWriter(stream, writerOptions))
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

        private static JsonDocument Parse(byte[] body, int? status)
        {
            if (body.Length == 0) throw SignalWireApiException.InvalidResponse("the body was empty.", status);
            try
            {
                return JsonDocument.Parse(body);
            }
            catch (JsonException e)
            {
                throw SignalWireApiException.InvalidResponse($"the body is not JSON ({e.Message}).", status);
            }
        }

        private static Uri? ReadNextLink(JsonElement root, int? status, Uri? spaceUrl)
        {
            if (!root.TryGetProperty("links", out var links) || links.ValueKind != JsonValueKind.Object) return null;
            if (!links.TryGetProperty("next", out var next) || next.ValueKind == JsonValueKind.Null) return null;
            // Anything but text would silently end the list early: unreadable, not "no more pages".
            if (next.ValueKind != JsonValueKind.String)
                throw SignalWireApiException.InvalidResponse($"links.next should be text, not {Describe(next.ValueKind)}.", status);
            var text = next.GetString();
            if (string.IsNullOrEmpty(text)) return null;
            return ParseLink(text!, spaceUrl) ?? throw SignalWireApiException.InvalidResponse(
                $"links.next is neither an absolute http(s) URL nor a path on the space (/api/...): {text}", status);
        }

        /// <summary>
        /// An absolute http(s) URL, or a path from the root of the space ("/api/relay/rest/..."), resolved against the
        /// space when it is given. Checked before any absolute parse: on Unix "/api/..." would read as a file:// URL.
        /// </summary>
        internal static Uri? ParseLink(string text, Uri? spaceUrl)
        {
            if (text.StartsWith("/", StringComparison.Ordinal))
            {
                // "//host/path" would name another host: not a path on the space.
                if (text.StartsWith("//", StringComparison.Ordinal) || text.IndexOfAny(new[] { ' ', '\t', '\r', '\n', '\\' }) >= 0) return null;
                if (!Uri.TryCreate(text, UriKind.Relative, out var relative)) return null;
                return spaceUrl != null ? new Uri(spaceUrl, relative) : relative;
            }
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
                return uri;
            return null;
        }

        private static string? ReadText(JsonProperty property, int? status)
        {
            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    var text = value.GetString();
                    return string.IsNullOrEmpty(text) ? null : text;
                case JsonValueKind.Null:
                case JsonValueKind.Undefined:
                    return null;
                case JsonValueKind.Number:
                case JsonValueKind.True:
                case JsonValueKind.False:
                    return value.GetRawText();
                default:
                    throw SignalWireApiException.InvalidResponse($"\"{property.Name}\" should be text, not {Describe(value.ValueKind)}.", status);
            }
        }

        private static DateTime? ReadDate(JsonProperty property, int? status)
        {
            var text = ReadText(property, status);
            if (text == null) return null;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                return date.UtcDateTime;
            throw SignalWireApiException.InvalidResponse($"\"{property.Name}\" is not a date: {text}", status);
        }

        private static string[] ReadCapabilities(JsonProperty property, int? status)
        {
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Null) return Array.Empty<string>();
            var capabilities = new List<string>();
            if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                        throw SignalWireApiException.InvalidResponse($"\"capabilities\" should hold text, not {Describe(item.ValueKind)}.", status);
                    capabilities.Add(item.GetString()!);
                }
            }
            else if (value.ValueKind == JsonValueKind.Object)
            {
                // The published spec's shape: {"voice": true, "sms": false, ...}.
                foreach (var flag in value.EnumerateObject())
                    if (flag.Value.ValueKind == JsonValueKind.True) capabilities.Add(flag.Name);
            }
            else
            {
                throw SignalWireApiException.InvalidResponse($"\"capabilities\" should be a list, not {Describe(value.ValueKind)}.", status);
            }
            return capabilities.ToArray();
        }

        private static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "text",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "true/false",
            JsonValueKind.Null => "null",
            _ => "nothing",
        };
    }
}
