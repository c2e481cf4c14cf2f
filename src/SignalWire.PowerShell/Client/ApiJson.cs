using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SignalWire.PowerShell.Client;

/// <summary>
/// What the module's JSON readers and writers share (<see cref="ResourceJson{T}"/>, <see cref="ListPageReader{T}"/> and
/// the error bodies' reader): a body refused, the module's one rule for links, a value read as text, a date, true/false,
/// a whole number or a list of names, and the writer's escaping. Anything unreadable becomes an InvalidResponse
/// <see cref="SignalWireApiException"/>, never another exception.
/// </summary>
internal static class ApiJson
{
    // Relaxed escaping: a body carries exactly what the user typed ("+", accents), not \u escapes; it is never HTML.
    public static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void RequireBody(byte[] body, int? status)
    {
        if (body.Length == 0) throw SignalWireApiException.InvalidResponse("the body was empty.", status);
    }

    /// <summary>
    /// A body that is one JSON value, as GET, PUT and POST answer: read by <paramref name="read"/> from its first token,
    /// with nothing but white space after it. Broken JSON and undecodable text become InvalidResponse errors.
    /// </summary>
    public static T ReadBody<T>(byte[] body, int? status, ItemReader<T> read)
    {
        RequireBody(body, status);
        try
        {
            var reader = new Utf8JsonReader(body);
            reader.Read();
            var value = read(ref reader, status);
            // Nothing but white space may follow (Read throws on anything else).
            reader.Read();
            return value;
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

    public static SignalWireApiException NotJson(JsonException e, int? status) =>
        SignalWireApiException.InvalidResponse($"the body is not JSON ({e.Message}).", status);

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

    public static DateTime? ReadDate(string? text, string name, int? status)
    {
        if (text == null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            return date.UtcDateTime;
        throw SignalWireApiException.InvalidResponse($"\"{name}\" is not a date: {text}", status);
    }

    /// <summary>
    /// The value the reader is on as text: "" and null are unset; a number or true/false reads as written (a postal code
    /// sent as 94105).
    /// </summary>
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

    /// <summary>The value the reader is on as true/false: null is unset, and text reads as written ("true", "False").</summary>
    public static bool? ReadFlag(ref Utf8JsonReader reader, string name, int? status)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True: return true;
            case JsonTokenType.False: return false;
            case JsonTokenType.Null: return null;
            case JsonTokenType.String when bool.TryParse(reader.GetString(), out var flag): return flag;
            default:
                throw SignalWireApiException.InvalidResponse(
                    $"\"{name}\" should be true or false, not {Describe(KindOf(reader.TokenType))}.", status);
        }
    }

    /// <summary>The value the reader is on as a whole number: null and "" are unset, and text reads as written ("42").</summary>
    public static long? ReadWholeNumber(ref Utf8JsonReader reader, string name, int? status)
    {
        // A number token, or text: both read as written, so 1.5 or "soon" are refused by what they say.
        var text = ReadText(ref reader, name, status);
        if (text == null) return null;
        if (reader.TokenType != JsonTokenType.True && reader.TokenType != JsonTokenType.False
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return number;
        throw SignalWireApiException.InvalidResponse($"\"{name}\" is not a whole number: {text}", status);
    }

    /// <summary>
    /// A list of names: an array of text, or the published spec's object of flags ({"voice": true, "sms": false}: the
    /// names whose flag is true); null is an empty list.
    /// </summary>
    public static string[] ReadNames(ref Utf8JsonReader reader, string name, int? status)
    {
        var names = new List<string>();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                break;
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.String)
                        throw SignalWireApiException.InvalidResponse(
                            $"\"{name}\" should hold text, not {Describe(KindOf(reader.TokenType))}.", status);
                    names.Add(reader.GetString()!);
                }
                break;
            case JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var flag = reader.GetString()!;
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.True) names.Add(flag);
                    else reader.Skip();
                }
                break;
            default:
                throw SignalWireApiException.InvalidResponse($"\"{name}\" should be a list, not {Describe(KindOf(reader.TokenType))}.", status);
        }
        return names.ToArray();
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
