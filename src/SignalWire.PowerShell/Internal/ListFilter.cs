using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Internal;

/// <summary>
/// What Get-SwPhoneNumber's -Number or -Name keeps. The API's filters match any part of the text, so they only narrow
/// the listing: the server is sent the text (or a pattern's longest plain part), and the numbers it sends back are
/// matched here as PowerShell users expect.
/// </summary>
internal sealed class ListFilter
{
    private readonly Func<string?, bool> matches;

    private ListFilter(string? serverFilter, string? exact, Func<string?, bool> matches)
    {
        ServerFilter = serverFilter;
        Exact = exact;
        this.matches = matches;
    }

    /// <summary>What to send as the API's filter, or null to list everything.</summary>
    public string? ServerFilter { get; }

    /// <summary>The one number asked for, when -Number has no wildcards.</summary>
    public string? Exact { get; }

    public bool Matches(string? value) => matches(value);

    /// <summary>
    /// -Number: without wildcards, that number alone, in any form every cmdlet reads; with them, a pattern for the E.164
    /// number, written with or without spaces, brackets, dots and dashes. A pattern that starts with a digit is matched
    /// against the number without its plus, as digits without a plus are read as starting with the country code.
    /// </summary>
    public static ListFilter ForNumber(string text)
    {
        if (!WildcardPattern.ContainsWildcardCharacters(text))
        {
            var number = PhoneNumberInput.ParseNumber(text)!;
            // Without its plus, as Set-SwPhoneNumber's lookup sends it: the API's filter takes digits.
            return new ListFilter(number.TrimStart('+'), number, value => string.Equals(value, number, StringComparison.Ordinal));
        }
        var pattern = WithoutFormatting(text.Trim());
        var withoutPlus = pattern.Length > 0 && char.IsDigit(pattern[0]);
        var wildcard = new WildcardPattern(pattern, WildcardOptions.CultureInvariant);
        var digits = PlainParts(pattern)
            .SelectMany(part => part.Split(new[] { '+' }, StringSplitOptions.RemoveEmptyEntries))
            .OrderByDescending(part => part.Length)
            .FirstOrDefault();
        return new ListFilter(digits, null, value =>
            value != null && wildcard.IsMatch(withoutPlus ? value.TrimStart('+') : value));
    }

    /// <summary>
    /// -Name: without wildcards, the names that contain the text (the API's own search, in any case); with them, the
    /// names the whole pattern matches, in any case, as PowerShell's -Name parameters do.
    /// </summary>
    public static ListFilter ForName(string text)
    {
        if (!WildcardPattern.ContainsWildcardCharacters(text))
            return new ListFilter(text, null, value => (value ?? "").IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0);
        var wildcard = new WildcardPattern(text, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
        var longest = PlainParts(text).OrderByDescending(part => part.Length).FirstOrDefault();
        return new ListFilter(string.IsNullOrWhiteSpace(longest) ? null : longest, null, value => wildcard.IsMatch(value ?? ""));
    }

    /// <summary>The runs of a pattern that match only themselves (escapes resolved), between its wildcards and [ ] sets.</summary>
    internal static IEnumerable<string> PlainParts(string pattern)
    {
        var current = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '`' && i + 1 < pattern.Length)
            {
                current.Append(pattern[++i]);
                continue;
            }
            if (c == '*' || c == '?' || c == '[')
            {
                if (current.Length > 0) yield return current.ToString();
                current.Clear();
                if (c == '[')
                {
                    var close = pattern.IndexOf(']', i + 1);
                    i = close < 0 ? pattern.Length : close;
                }
                continue;
            }
            current.Append(c);
        }
        if (current.Length > 0) yield return current.ToString();
    }

    /// <summary>A number pattern without the spaces, brackets, dots and dashes people write numbers with (outside [ ] sets).</summary>
    internal static string WithoutFormatting(string pattern)
    {
        var builder = new StringBuilder(pattern.Length);
        var inSet = false;
        foreach (var c in pattern)
        {
            if (c == '[') inSet = true;
            else if (c == ']') inSet = false;
            else if (!inSet && IsFormatting(c)) continue;
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static bool IsFormatting(char c) => c == ' ' || c == '(' || c == ')' || c == '.' || c == '-';

    /// <summary>Why a -Number pattern cannot match a number, or null when it can be used.</summary>
    internal static string? PatternProblem(string text)
    {
        var pattern = WithoutFormatting(text.Trim());
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            var allowed = (c >= '0' && c <= '9') || c == '*' || c == '?' || c == '[' || c == ']' || (c == '-' && InSet(pattern, i))
                || (c == '+' && i == 0);
            if (!allowed)
                return $"'{text}' is not a phone number pattern: use digits, a leading +, and the wildcards * ? [ ], as in '+1555200*' or '*0019'.";
        }
        try
        {
            new WildcardPattern(pattern).IsMatch("");
        }
        catch (WildcardPatternException e)
        {
            return $"'{text}' is not a phone number pattern: {e.Message}";
        }
        return null;
    }

    private static bool InSet(string pattern, int index) =>
        pattern.LastIndexOf('[', index) > pattern.LastIndexOf(']', index);

    /// <summary>The message for a -Number without wildcards that is no number: the forms, and how to ask for a part.</summary>
    internal static string NotANumber(string text)
    {
        var digits = new string(text.Where(char.IsDigit).ToArray());
        var hint = digits.Length > 0 ? $" For the numbers that contain these digits, use wildcards: -Number '*{digits}*'." : "";
        return $"'{text}' is not a phone number: {Parameters.ValidateE164Attribute.Forms}.{hint}";
    }
}
