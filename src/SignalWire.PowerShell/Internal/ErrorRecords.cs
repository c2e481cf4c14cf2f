using System;
using System.Management.Automation;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal.Bulk;

namespace SignalWire.PowerShell.Internal;

/// <summary>Turns failures into error records with stable ids, the right category and an action to take.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord FromApi(SignalWireApiException error, object? target)
    {
        var (id, category, hint) = Classify(error.Kind);
        if (error.ReleasableAt is DateTime releasable)
            hint = $"SignalWire releases a number only some days after it was bought: try again after {FormatUtc(releasable)}.";
        // The API's link to its page about this very error says more than any general hint.
        if (error.HelpUrl != null) hint += " More about this error: " + error.HelpUrl;
        return FromApi(error, id, category, target, hint);
    }

    /// <summary>An API failure under an id of its own (what was not found, say): the API's message, and what to do.</summary>
    public static ErrorRecord FromApi(SignalWireApiException error, string id, ErrorCategory category, object? target, string hint) =>
        new ErrorRecord(error, id, category, target)
        {
            ErrorDetails = new ErrorDetails(error.Message) { RecommendedAction = hint },
        };

    /// <summary>"2025-06-18 05:49:47 UTC", the way the API writes such times.</summary>
    public static string FormatUtc(DateTime utc) =>
        utc.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " UTC";

    /// <summary>
    /// 401 and 403, an answer that is not the API's and a host name that does not resolve doom every item of a pipeline:
    /// they stop it once instead of failing each item.
    /// </summary>
    public static bool DoomsEveryItem(SignalWireApiException error) => error.DoomsEveryRequest;

    /// <summary>The error of a bulk job's item: the API's failure, a refusal before any write, or anything else as UpdateFailed.</summary>
    public static ErrorRecord ForItem(Exception error, object? target) => error switch
    {
        SignalWireApiException api => FromApi(api, target),
        BulkRefusal { Kind: RefusalKind.NotFound } refusal =>
            new ErrorRecord(new ItemNotFoundException(refusal.Message), refusal.ErrorId, ErrorCategory.ObjectNotFound, target),
        BulkRefusal { Kind: RefusalKind.Ambiguous } refusal =>
            new ErrorRecord(new InvalidOperationException(refusal.Message), refusal.ErrorId, ErrorCategory.InvalidResult, target),
        BulkRefusal { Kind: RefusalKind.InvalidOperation } refusal =>
            new ErrorRecord(new InvalidOperationException(refusal.Message), refusal.ErrorId, ErrorCategory.InvalidOperation, target),
        BulkRefusal refusal => InvalidArgument(refusal.ErrorId, refusal.Message, target),
        _ => new ErrorRecord(error, "UpdateFailed", ErrorCategory.NotSpecified, target),
    };

    /// <summary>The stable id <see cref="ForItem"/> gives an error.</summary>
    public static string IdFor(Exception error) => error switch
    {
        SignalWireApiException api => Classify(api.Kind).Item1,
        BulkRefusal refusal => refusal.ErrorId,
        _ => "UpdateFailed",
    };

    public static ErrorRecord InvalidArgument(string id, string message, object? target) =>
        new ErrorRecord(new ArgumentException(message), id, ErrorCategory.InvalidArgument, target);

    private const string NotConnectedMessage =
        "Not connected to a SignalWire project. Run Connect-SwProject -Space <space> -ProjectId <id> -Token <SecureString> first, or pass -Session.";

    public static ErrorRecord NotConnected() =>
        new ErrorRecord(new InvalidOperationException(NotConnectedMessage), "NotConnected", ErrorCategory.ConnectionError, null)
        {
            ErrorDetails = new ErrorDetails(NotConnectedMessage)
            {
                RecommendedAction = "Connect-SwProject -Space example -ProjectId <project id> -Token (Read-Host -AsSecureString)",
            },
        };

    private static (string, ErrorCategory, string) Classify(SignalWireErrorKind kind) => kind switch
    {
        SignalWireErrorKind.Unauthorized => ("AuthenticationFailed", ErrorCategory.AuthenticationError,
            "Check the project ID and API token, and that the token has the Numbers scope."),
        SignalWireErrorKind.Forbidden => ("PermissionDenied", ErrorCategory.PermissionDenied,
            "The token is not allowed to do this: check its scopes in the SignalWire dashboard."),
        SignalWireErrorKind.NotFound => ("PhoneNumberNotFound", ErrorCategory.ObjectNotFound,
            "Check the id or number: Get-SwPhoneNumber lists the numbers of the project."),
        SignalWireErrorKind.Validation => ("ValidationFailed", ErrorCategory.InvalidArgument,
            "The API refused a value: see its message."),
        SignalWireErrorKind.BadRequest => ("BadRequest", ErrorCategory.InvalidArgument,
            "The API could not read the request."),
        SignalWireErrorKind.RateLimited => ("RateLimited", ErrorCategory.LimitsExceeded,
            "The project's rate limit was hit even after waiting: lower -ThrottleLimit or try again later."),
        SignalWireErrorKind.ServerError => ("ServerError", ErrorCategory.ResourceUnavailable,
            "SignalWire had a server error: try again later."),
        SignalWireErrorKind.NetworkError => ("NetworkError", ErrorCategory.ConnectionError,
            "Check the network and the space address."),
        SignalWireErrorKind.Timeout => ("Timeout", ErrorCategory.OperationTimeout,
            "The API did not answer in time: try again, or raise -TimeoutSec on Connect-SwProject."),
        SignalWireErrorKind.InvalidResponse => ("InvalidResponse", ErrorCategory.InvalidResult,
            "The API sent something unreadable: try again later."),
        SignalWireErrorKind.NotApiResponse => ("NotApiResponse", ErrorCategory.ConnectionError,
            "Open the space's address in a browser to see what answers: sign in to the network if a page asks, check the proxy " +
            "settings, and check -Space on Connect-SwProject."),
        SignalWireErrorKind.HostNotFound => ("HostNotFound", ErrorCategory.ConnectionError,
            "Check -Space on Connect-SwProject (a space name such as 'example' is reached at example.signalwire.com) and this " +
            "computer's DNS settings."),
        _ => ("UnexpectedStatus", ErrorCategory.ProtocolError, "The API answered with an unexpected status."),
    };
}
