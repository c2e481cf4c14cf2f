using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SignalWire.PowerShell.Client;

/// <summary>What an error body says, whatever its shape: the words, a help link, a code, a time to wait for.</summary>
internal sealed class ApiErrorBody
{
    internal ApiErrorBody(string? message, string? helpUrl, string? code, DateTime? waitUntilUtc, bool lacksDetail)
    {
        Message = message;
        HelpUrl = helpUrl;
        Code = code;
        WaitUntilUtc = waitUntilUtc;
        LacksDetail = lacksDetail;
    }

    /// <summary>The API's own words (several errors joined by "; "), or null when it sent none.</summary>
    public string? Message { get; }

    /// <summary>The documentation link the API sent with the error ("url", or "more_info"), when it sent one.</summary>
    public string? HelpUrl { get; }

    /// <summary>The machine-readable code (such as not_routable), when it is more than the HTTP status repeated.</summary>
    public string? Code { get; }

    /// <summary>"Please wait until 2025-06-18 05:49:47 UTC ..." in the message: that time, as UTC.</summary>
    public DateTime? WaitUntilUtc { get; }

    /// <summary>The body had only a title, its "detail" null or missing (fixtures: error_422_detail_null.json).</summary>
    public bool LacksDetail { get; }
}

/// <summary>
/// Reads error bodies in every shape SignalWire sends: /api/relay/rest's {"errors":[{detail,status,title,code}]}
/// (detail may be null), the newer {"errors":[{type,code,message,attribute,url}]}, the flat {"error"} of 401/404,
/// the Compatibility API's {code,message,more_info,status}, and anything else as its text (an HTML page from a proxy).
/// </summary>
internal static class ErrorBodyReader
{
    private static readonly ApiErrorBody nothing = new ApiErrorBody(null, null, null, null, false);

    // The release refusal says "Please wait until 2025-06-18 05:49:47 UTC to release this number".
    private static readonly Regex waitUntil = new Regex(
        @"\bwait until (\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\s*UTC|Z)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    public static ApiErrorBody Read(byte[] body)
    {
        if (body.Length == 0) return nothing;
        try
        {
            using var document = JsonDocument.Parse(body);
            var read = FromJson(document.RootElement);
            if (read != null) return read;
        }
        catch (Exception e) when (e is JsonException || e is InvalidOperationException)
        {
            // Not JSON (an HTML page from a proxy, say), or JSON with undecodable text: fall back to the text.
        }
        var text = PlainText(body);
        return text == null ? nothing : new ApiErrorBody(text, null, null, WaitUntil(text), false);
    }

    private static ApiErrorBody? FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return null;
        string? helpUrl = null;
        string? code = null;
        if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            var parts = new List<string>();
            var titlesOnly = true;
            foreach (var error in errors.EnumerateArray())
            {
                if (error.ValueKind == JsonValueKind.String) { parts.Add(error.GetString()!); titlesOnly = false; continue; }
                if (error.ValueKind != JsonValueKind.Object) continue;
                helpUrl ??= Text(error, "url");
                code ??= Code(error);
                var words = Text(error, "detail") ?? Text(error, "message");
                if (words != null) titlesOnly = false;
                else words = Text(error, "title");
                var attribute = Text(error, "attribute");
                if (words != null) parts.Add(attribute != null ? $"{attribute}: {words}" : words);
            }
            if (parts.Count > 0)
            {
                var message = string.Join("; ", parts);
                return new ApiErrorBody(message, helpUrl, code, WaitUntil(message), titlesOnly);
            }
        }
        var flat = Text(root, "error") ?? Text(root, "message") ?? Text(root, "detail");
        if (flat == null) return null;
        return new ApiErrorBody(flat, helpUrl ?? Text(root, "more_info") ?? Text(root, "url"), code ?? Code(root), WaitUntil(flat), false);
    }

    /// <summary>A code worth showing: "not_routable" is, "422" (the status again) is not.</summary>
    private static string? Code(JsonElement element)
    {
        if (!element.TryGetProperty("code", out var value)) return null;
        var code = value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind == JsonValueKind.Number ? value.GetRawText() : null;
        if (string.IsNullOrEmpty(code)) return null;
        var status = element.TryGetProperty("status", out var s) ? (s.ValueKind == JsonValueKind.String ? s.GetString() : s.GetRawText()) : null;
        return code == status ? null : code;
    }

    private static DateTime? WaitUntil(string text)
    {
        var match = waitUntil.Match(text);
        if (!match.Success) return null;
        return DateTime.TryParseExact(match.Groups[1].Value + " " + match.Groups[2].Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var when)
            ? DateTime.SpecifyKind(when, DateTimeKind.Utc)
            : (DateTime?)null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0
            ? value.GetString()
            : null;

    // What a page holds but does not say: its scripts, styles and comments.
    private static readonly Regex unsaid = new Regex(@"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Singleline);

    /// <summary>
    /// Whether a Content-Type is JSON (application/json, text/json or any +json type). The API answers in JSON, errors
    /// included: a body of another type came from something else (a captive portal, a proxy, a site that is no space).
    /// </summary>
    public static bool IsJson(string? mediaType)
    {
        if (string.IsNullOrEmpty(mediaType)) return false;
        var type = mediaType!.Split(';')[0].Trim();
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether a body looks like markup (an HTML page sent without saying so).</summary>
    public static bool LooksLikeMarkup(byte[] body)
    {
        foreach (var b in body)
        {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB || b == 0xBF) continue;
            return b == '<';
        }
        return false;
    }

    /// <summary>The words of a body that is not JSON (an HTML page reads as its text), shortened; null when it has none.</summary>
    public static string? PageText(byte[] body) => body.Length == 0 ? null : PlainText(body);

    private static string? PlainText(byte[] body)
    {
        var text = unsaid.Replace(Encoding.UTF8.GetString(body), " ");
        // Strip tags so an HTML error page reads as its words.
        var builder = new StringBuilder();
        var inTag = false;
        foreach (var c in text)
        {
            if (c == '<') inTag = true;
            else if (c == '>') { inTag = false; builder.Append(' '); }
            else if (!inTag) builder.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }
        var decoded = System.Net.WebUtility.HtmlDecode(builder.ToString()).Replace('\u00A0', ' ');
        var words = string.Join(" ", decoded.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries));
        if (words.Length == 0) return null;
        return words.Length <= 300 ? words : words.Substring(0, 300) + "...";
    }
}
