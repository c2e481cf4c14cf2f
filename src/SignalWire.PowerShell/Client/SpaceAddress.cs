using System;
using System.Net;
using System.Text.RegularExpressions;

namespace SignalWire.PowerShell.Client;

/// <summary>Turns what a user calls their space into the URL of its API host.</summary>
internal static class SpaceAddress
{
    private static readonly Regex spaceName = new Regex("^[A-Za-z0-9][A-Za-z0-9-]{0,62}$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Accepts a space name ("example"), a host ("example.signalwire.com") or an absolute URL. Plain http is refused
    /// except for loopback hosts (a local emulator), because the token travels in every request.
    /// </summary>
    public static Uri Parse(string space)
    {
        var text = (space ?? "").Trim();
        // Error messages repeat what was given, less any user:password@ part (a token pasted into a URL).
        var shown = Redact(text);
        if (text.Length == 0)
            throw new ArgumentException("The space is empty. Give a space name (example), a host (example.signalwire.com) or a URL.");
        Uri uri;
        if (text.Contains("://"))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out uri!) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                throw new ArgumentException($"'{shown}' is not an http or https URL.");
        }
        else if (text.Contains(".") || text.Contains(":"))
        {
            if (!Uri.TryCreate("https://" + text, UriKind.Absolute, out uri!))
                throw new ArgumentException($"'{shown}' is not a host name.");
        }
        else
        {
            if (!spaceName.IsMatch(text))
                throw new ArgumentException(
                    $"'{shown}' is not a space name: use letters, digits and hyphens, as in 'example' for example.signalwire.com.");
            uri = new Uri($"https://{text.ToLowerInvariant()}.signalwire.com/");
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
            throw new ArgumentException($"'{shown}' uses plain http, which would send the API token unencrypted. " +
                "Use https (plain http is allowed only for loopback addresses such as a local emulator).");
        // Scheme, host and port only: user:password@ in the URL would otherwise live on in the session and its ToString().
        return new Uri(uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped) + "/");
    }

    private static readonly Regex userInfo = new Regex("(?<=://)[^/@]*@", RegexOptions.CultureInvariant);

    /// <summary>The text with any user:password@ part of a URL masked, so a token pasted into a URL is never echoed.</summary>
    public static string Redact(string text) => userInfo.Replace(text, "****@");

    public static bool IsLoopback(Uri uri)
    {
        if (uri.IsLoopback) return true;
        var host = uri.Host.Trim('[', ']');
        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>Whether two URLs share scheme, host and port: only then may credentials follow a redirect.</summary>
    public static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;
}
