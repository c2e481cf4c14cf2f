using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SignalWire.PowerShell.Client;

/// <summary>
/// What the readers and writers of phone numbers and of E911 addresses share: a body parsed or refused, a list page
/// with its next link resolved by the module's one rule for links, a field read as text or a date, and the writer's
/// escaping. Anything unreadable becomes an InvalidResponse <see cref="SignalWireApiException"/>, never another exception.
/// </summary>
internal static class ApiJson
{
    // Relaxed escaping: a body carries exactly what the user typed ("+", accents), not \u escapes; it is never HTML.
    public static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonDocument Parse(byte[] body, int? status)
    {
        RequireBody(body, status);
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw NotJson(e, status);
        }
    }

    public static void RequireBody(byte[] body, int? status)
    {
        if (body.Length == 0) throw SignalWireApiException.InvalidResponse("the body was empty.", status);
    }

    public static SignalWireApiException NotJson(JsonException e, int? status) =>
        SignalWireApiException.InvalidResponse($"the body is not JSON ({e.Message}).", status);

    /// <summary>
    /// One page of a list, read whole: each item of its "data" array, and links.next (see <see cref="ListPageReader{T}"/>,
    /// which also reads a page's items as they are taken).
    /// </summary>
    public static (List<T> Items, Uri? Next) ReadPage<T>(byte[] body, int? status, Uri? spaceUrl, ItemReader<T> readItem)
    {
        var page = ListPageReader<T>.Open(body, status, spaceUrl, readItem);
        return (page.ReadAll(), page.Next);
    }

    /// <summary>
    /// An absolute http(s) URL, or a path from the root of the space ("/api/relay/rest/..."), resolved against the
    /// space when it is given. Checked before any absolute parse: on Unix "/api/..." would read as a file:// URL.
    /// </summary>
    public static Uri? ParseLink(string text, Uri? spaceUrl)
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

    // System.Text.Json parses text with invalid UTF-8 or a lone surrogate escape, and only throws when a string is read.
    public static SignalWireApiException Undecodable(InvalidOperationException e, int? status) =>
        SignalWireApiException.InvalidResponse($"the body holds text that cannot be decoded ({e.Message}).", status);

    /// <summary>A field as text, by the rule of <see cref="ReadText(ref Utf8JsonReader, string, int?)"/>.</summary>
    public static string? ReadText(JsonProperty property, int? status)
    {
        var reader = ReaderOn(property.Value);
        return ReadText(ref reader, property.Name, status);
    }

    /// <summary>
    /// A reader on an element's own JSON, standing on its first token: what is read from a document follows the same
    /// rules as what is read in one pass.
    /// </summary>
    public static Utf8JsonReader ReaderOn(JsonElement value)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(value.GetRawText()));
        reader.Read();
        return reader;
    }

    public static DateTime? ReadDate(JsonProperty property, int? status) => ReadDate(ReadText(property, status), property.Name, status);

    public static DateTime? ReadDate(string? text, string name, int? status)
    {
        if (text == null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            return date.UtcDateTime;
        throw SignalWireApiException.InvalidResponse($"\"{name}\" is not a date: {text}", status);
    }

    /// <summary>The value the reader is on as text: "" and null are unset; a number or true/false reads as written (a postal code sent as 94105).</summary>
    public static string? ReadText(ref Utf8JsonReader reader, string name, int? status)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                var text = reader.GetString();
                return string.IsNullOrEmpty(text) ? null : text;
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            default:
                throw SignalWireApiException.InvalidResponse($"\"{name}\" should be text, not {Describe(KindOf(reader.TokenType))}.", status);
        }
    }

    /// <summary>What a token starts, in the words of <see cref="Describe"/>.</summary>
    public static JsonValueKind KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        JsonTokenType.Null => JsonValueKind.Null,
        _ => JsonValueKind.Undefined,
    };

    public static string Describe(JsonValueKind kind) => kind switch
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
