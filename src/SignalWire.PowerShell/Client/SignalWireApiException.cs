using System;

namespace SignalWire.PowerShell.Client;

/// <summary>What went wrong, in the terms a caller acts on.</summary>
public enum SignalWireErrorKind
{
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Validation,
    RateLimited,
    ServerError,
    NetworkError,
    Timeout,
    InvalidResponse,
    UnexpectedStatus,

    /// <summary>Something other than the API answered (an HTML page from a captive portal or a proxy): no JSON came back.</summary>
    NotApiResponse,

    /// <summary>The space's host name does not resolve: no request could be sent, and trying again would not help.</summary>
    HostNotFound,
}

/// <summary>A failed API call: the HTTP status (when one came back), the API's own message and how many attempts were made.</summary>
public class SignalWireApiException : Exception
{
    public SignalWireApiException(SignalWireErrorKind kind, string message, int? statusCode = null, string? apiMessage = null,
        int attempts = 1, string? requestMethod = null, string? requestPath = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        ApiMessage = apiMessage;
        Attempts = attempts;
        RequestMethod = requestMethod;
        RequestPath = requestPath;
    }

    public SignalWireErrorKind Kind { get; }

    /// <summary>The HTTP status code, or null when no response came back.</summary>
    public int? StatusCode { get; }

    /// <summary>The message the API put in its error body, when it sent one.</summary>
    public string? ApiMessage { get; }

    /// <summary>The response's Content-Type as sent ("text/html; charset=utf-8"), when a response came back with one.</summary>
    public string? ContentType { get; private set; }

    public int Attempts { get; }
    public string? RequestMethod { get; }
    public string? RequestPath { get; }

    /// <summary>The documentation link the API sent with the error (the "url" of its errors), when it sent one.</summary>
    public string? HelpUrl { get; private set; }

    /// <summary>The API's machine-readable error code (such as not_routable), when it is more than the status repeated.</summary>
    public string? ApiErrorCode { get; private set; }

    /// <summary>
    /// When the API refused a release because the number was bought too recently and said until when
    /// ("Please wait until 2025-06-18 05:49:47 UTC"): that time, in UTC. Null otherwise.
    /// </summary>
    public DateTime? ReleasableAt { get; private set; }

    /// <summary>401, 403, an answer that is not the API's, a host that does not resolve: every other request would fail the same way.</summary>
    internal bool DoomsEveryRequest => Kind == SignalWireErrorKind.Unauthorized || Kind == SignalWireErrorKind.Forbidden
        || Kind == SignalWireErrorKind.NotApiResponse || Kind == SignalWireErrorKind.HostNotFound;

    /// <summary>A time-out or a dropped connection: a write that met it may or may not have been applied.</summary>
    internal bool OutcomeUnknown => Kind == SignalWireErrorKind.Timeout || Kind == SignalWireErrorKind.NetworkError;

    /// <summary>The same failure, told again after more attempts.</summary>
    internal SignalWireApiException WithAttempts(int attempts)
    {
        if (attempts <= 1) return this;
        return new SignalWireApiException(Kind, $"{Message} (after {attempts} attempts)", StatusCode, ApiMessage, attempts, RequestMethod,
            RequestPath, InnerException).WithBody(HelpUrl, ApiErrorCode, ReleasableAt).WithContentType(ContentType);
    }

    internal SignalWireApiException WithContentType(string? contentType)
    {
        ContentType = contentType;
        return this;
    }

    internal SignalWireApiException WithBody(ApiErrorBody body) => WithBody(body.HelpUrl, body.Code, body.WaitUntilUtc);

    private SignalWireApiException WithBody(string? helpUrl, string? code, DateTime? releasableAt)
    {
        HelpUrl = helpUrl;
        HelpLink = helpUrl;
        ApiErrorCode = code;
        ReleasableAt = releasableAt;
        return this;
    }

    internal static SignalWireErrorKind KindForStatus(int status) => status switch
    {
        400 => SignalWireErrorKind.BadRequest,
        401 => SignalWireErrorKind.Unauthorized,
        403 => SignalWireErrorKind.Forbidden,
        404 => SignalWireErrorKind.NotFound,
        422 => SignalWireErrorKind.Validation,
        429 => SignalWireErrorKind.RateLimited,
        >= 500 and <= 599 => SignalWireErrorKind.ServerError,
        _ => SignalWireErrorKind.UnexpectedStatus,
    };

    internal static SignalWireApiException InvalidResponse(string what, int? status = null) =>
        new SignalWireApiException(SignalWireErrorKind.InvalidResponse, "The API sent a response the module cannot read: " + what, status);
}
