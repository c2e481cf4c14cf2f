using System;
using System.Text;
using System.Text.RegularExpressions;

namespace SignalWire.PowerShell.Models;

/// <summary>Phone numbers and ids as people type them, put in the one form the API uses.</summary>
internal static class PhoneNumberText
{
    private static readonly Regex e164 = new Regex(@"^\+[1-9][0-9]{1,14}$", RegexOptions.CultureInvariant);

    // The North American layout with the area code in brackets, "(555) 200-0010": unmistakably +1, unlike ten bare digits.
    private static readonly Regex bracketedNanp = new Regex(@"^\(([2-9][0-9]{2})\) ?([0-9]{3})[ .-]?([0-9]{4})$", RegexOptions.CultureInvariant);

    public static bool IsE164(string? text) => text != null && e164.IsMatch(text);

    /// <summary>
    /// "+1 (555) 000-0721", "+1.555.000.0721", "15550000721" and "(555) 000-0721" become "+15550000721". Digits without a
    /// plus are read as starting with the country code only when there are at least 11 of them, so a local "555-1234" is
    /// not mistaken for a number; ten digits only in the North American layout with the area code in brackets. Anything
    /// else comes back as it was, for the caller to refuse.
    /// </summary>
    public static string ToE164(string text)
    {
        var trimmed = text.Trim();
        var nanp = bracketedNanp.Match(trimmed);
        if (nanp.Success) return "+1" + nanp.Groups[1].Value + nanp.Groups[2].Value + nanp.Groups[3].Value;
        var builder = new StringBuilder(trimmed.Length);
        var plus = trimmed.StartsWith("+", StringComparison.Ordinal);
        for (var i = plus ? 1 : 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (c >= '0' && c <= '9') builder.Append(c);
            else if (c == ' ' || c == '(' || c == ')' || c == '-' || c == '.') continue;
            else return text;
        }
        if (!plus && builder.Length < 11) return text;
        var normalized = "+" + builder;
        return IsE164(normalized) ? normalized : text;
    }

    /// <summary>An id in the API's form (lower case), or the text as it was when it is not a UUID.</summary>
    public static string ToId(string text) =>
        Guid.TryParseExact(text.Trim(), "D", out var id) ? id.ToString("D") : text;

    public static bool IsId(string? text) => text != null && Guid.TryParseExact(text, "D", out _);
}
