using System;
using System.Text;

namespace SignalWire.PowerShell.Client;

/// <summary>One HTTP exchange, as a caller may log it. It never holds the token: the Authorization header is masked.</summary>
internal sealed class RequestTrace
{
    public RequestTrace(string method, Uri uri, int? status, TimeSpan elapsed, int attempt, byte[]? requestBody, bool sentCredentials)
    {
        Method = method;
        Uri = uri;
        Status = status;
        Elapsed = elapsed;
        Attempt = attempt;
        RequestBody = requestBody == null ? null : Encoding.UTF8.GetString(requestBody);
        SentCredentials = sentCredentials;
    }

    public string Method { get; }
    public Uri Uri { get; }

    /// <summary>The HTTP status, or null when no response came back.</summary>
    public int? Status { get; }

    public TimeSpan Elapsed { get; }
    public int Attempt { get; }
    public string? RequestBody { get; }
    public bool SentCredentials { get; }

    /// <summary>"PUT /api/relay/rest/phone_numbers/ID 200 53 ms": the one line -Verbose shows per request.</summary>
    public override string ToString() =>
        $"{Method} {Uri.PathAndQuery} {(Status?.ToString() ?? "no response")} {(long)Elapsed.TotalMilliseconds} ms";

    /// <summary>The request in full for -Debug, with the Authorization value masked.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(Method).Append(' ').Append(Uri.AbsoluteUri);
        text.Append(SentCredentials ? " | Authorization: Basic ********" : " | no Authorization header");
        if (RequestBody != null) text.Append(" | Body: ").Append(RequestBody);
        text.Append(" | ").Append(Status?.ToString() ?? "no response").Append(" in ").Append((long)Elapsed.TotalMilliseconds).Append(" ms");
        if (Attempt > 1) text.Append(" (attempt ").Append(Attempt).Append(')');
        return text.ToString();
    }
}

/// <summary>Receives what happens on the wire; a cmdlet turns it into -Verbose and -Debug lines.</summary>
internal interface IRequestObserver
{
    /// <summary>A request is about to go on the wire (after any wait for the rate limit): from here its effect may happen.</summary>
    void RequestSending(string method, Uri uri);

    void RequestCompleted(RequestTrace trace);
    void RetryScheduled(string method, Uri uri, string reason, TimeSpan wait, int nextAttempt);
}
