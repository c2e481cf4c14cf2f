using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Client;

/// <summary>
/// The phone-numbers API over HTTP, with no PowerShell in it: authentication, paging, retries, rate limiting and
/// errors. One instance per session, so every request of that session shares one connection pool.
/// </summary>
internal sealed partial class SignalWireClient : IDisposable
{
    private const string ApiRoot = "api/relay/rest/";
    private const int MaximumRedirects = 5;

    private readonly HttpClient http;
    private readonly Uri apiUrl;
    private readonly Random jitter = new Random();

    public SignalWireClient(SignalWireClientOptions options)
    {
        Options = options;
        apiUrl = new Uri(options.SpaceUrl, ApiRoot);
        http = new HttpClient(CreateHandler(options), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("SignalWire.PowerShell/" + typeof(SignalWireClient).Assembly.GetName().Version);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        WriteLimiter = new WriteRateLimiter(options.WriteRateLimit);
        WriteWindow = new AdaptiveWindow(options.WriteRateLimit, SignalWireClientOptions.MaximumWritesInFlight);
    }

    public SignalWireClientOptions Options { get; }

    internal WriteRateLimiter WriteLimiter { get; }

    /// <summary>How many writes to keep in flight to reach the write limit at the round trip this session measures.</summary>
    public AdaptiveWindow WriteWindow { get; }

    /// <summary>
    /// Redirects are followed by hand so credentials never go to another host; on .NET Framework TLS 1.2 is added to
    /// what the process allows, and the connection limit (2 by default there) is raised to what bulk jobs keep in flight.
    /// </summary>
    internal static HttpClientHandler CreateHandler(SignalWireClientOptions options)
    {
        if (Platform.IsNetFramework)
            ServicePointManager.SecurityProtocol = WithTls12(ServicePointManager.SecurityProtocol);
        return new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            MaxConnectionsPerServer = Math.Max(2, options.MaxConnectionsPerServer),
        };
    }

    /// <summary>Adds TLS 1.2 without removing anything; SystemDefault (0) is left to the operating system, which already allows it.</summary>
    internal static SecurityProtocolType WithTls12(SecurityProtocolType current) =>
        current == 0 ? current : current | SecurityProtocolType.Tls12;

    /// <summary>Every page of the list, one request at a time.</summary>
    public PageWalker<PhoneNumberPage> Pages(PhoneNumberQuery query, IRequestObserver? observer, CancellationToken cancellationToken) =>
        new PageWalker<PhoneNumberPage>(next => ListPhoneNumbersAsync(query, next, observer, cancellationToken), page => page.Next);

    /// <summary>
    /// The first page of the list, or the page a previous page's links.next points to; its numbers are read from the
    /// body as they are taken.
    /// </summary>
    public async Task<PhoneNumberPage> ListPhoneNumbersAsync(PhoneNumberQuery query, Uri? nextPage, IRequestObserver? observer,
        CancellationToken cancellationToken)
    {
        var uri = nextPage ?? new Uri(apiUrl, "phone_numbers" + query.ToQueryString());
        // A relative next link is a path on this space; where it leads, SendAsync sends credentials only to the space.
        if (!uri.IsAbsoluteUri) uri = new Uri(Options.SpaceUrl, uri);
        var response = await SendAsync(HttpMethod.Get, uri, null, observer, cancellationToken).ConfigureAwait(false);
        return PhoneNumberJson.OpenPage(response.Body, response.Status, Options.SpaceUrl);
    }

    /// <summary>
    /// Proves the space, the project and the token with the cheapest request there is (one number of the list). Only
    /// the status and the shape of the answer count: its links and numbers are not read, so nothing in them can fail it.
    /// </summary>
    public async Task CheckAccessAsync(IRequestObserver? observer, CancellationToken cancellationToken)
    {
        var uri = new Uri(apiUrl, "phone_numbers" + new PhoneNumberQuery { PageSize = 1 }.ToQueryString());
        var response = await SendAsync(HttpMethod.Get, uri, null, observer, cancellationToken).ConfigureAwait(false);
        PhoneNumberJson.ReadPageShape(response.Body, response.Status);
    }

    public async Task<PhoneNumber> GetPhoneNumberAsync(string id, IRequestObserver? observer, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, PhoneNumberUri(id), null, observer, cancellationToken).ConfigureAwait(false);
        return PhoneNumberJson.ReadPhoneNumber(response.Body, response.Status);
    }

    /// <summary>The numbers of the project that are exactly this E.164 number (the server filters by substring).</summary>
    public async Task<IReadOnlyList<PhoneNumber>> FindPhoneNumbersAsync(string e164, IRequestObserver? observer, CancellationToken cancellationToken)
    {
        var query = new PhoneNumberQuery { Number = e164.TrimStart('+'), PageSize = PhoneNumberQuery.MaximumPageSize };
        var found = await ListAllPhoneNumbersAsync(query, observer, cancellationToken).ConfigureAwait(false);
        return found.Where(number => string.Equals(number.Number, e164, StringComparison.Ordinal)).ToList();
    }

    /// <summary>Every number the query matches, all pages.</summary>
    public Task<IReadOnlyList<PhoneNumber>> ListAllPhoneNumbersAsync(PhoneNumberQuery query, IRequestObserver? observer,
        CancellationToken cancellationToken) =>
        Pages(query, observer, cancellationToken).ReadAllAsync(page => page.Numbers);

    public async Task<PhoneNumber> UpdatePhoneNumberAsync(string id, PhoneNumberUpdate update, IRequestObserver? observer,
        CancellationToken cancellationToken)
    {
        if (update.IsEmpty) throw new ArgumentException("An update needs at least one field.", nameof(update));
        var body = PhoneNumberJson.WriteUpdate(update);
        var response = await SendAsync(HttpMethod.Put, PhoneNumberUri(id), body, observer, cancellationToken).ConfigureAwait(false);
        return PhoneNumberJson.ReadPhoneNumber(response.Body, response.Status);
    }

    /// <summary>Numbers that can be bought.</summary>
    public async Task<IReadOnlyList<AvailablePhoneNumber>> SearchAvailablePhoneNumbersAsync(AvailableNumberQuery query, IRequestObserver? observer,
        CancellationToken cancellationToken)
    {
        var uri = new Uri(apiUrl, "phone_numbers/search" + query.ToQueryString());
        var response = await SendAsync(HttpMethod.Get, uri, null, observer, cancellationToken).ConfigureAwait(false);
        return PhoneNumberJson.ReadAvailableNumbers(response.Body, response.Status);
    }

    /// <summary>Buys a number. A POST: retried only on 429 or when it provably never reached the server.</summary>
    public async Task<PhoneNumber> PurchasePhoneNumberAsync(string e164, IRequestObserver? observer, CancellationToken cancellationToken)
    {
        var body = PhoneNumberJson.WritePurchase(e164);
        var response = await SendAsync(HttpMethod.Post, new Uri(apiUrl, "phone_numbers"), body, observer, cancellationToken).ConfigureAwait(false);
        return PhoneNumberJson.ReadPhoneNumber(response.Body, response.Status);
    }

    /// <summary>Releases a number from the project (204, no body).</summary>
    public async Task ReleasePhoneNumberAsync(string id, IRequestObserver? observer, CancellationToken cancellationToken)
    {
        await SendAsync(HttpMethod.Delete, PhoneNumberUri(id), null, observer, cancellationToken).ConfigureAwait(false);
    }

    private Uri PhoneNumberUri(string id) => new Uri(apiUrl, "phone_numbers/" + PathId(id, "a phone number"));

    /// <summary>An id for a request's path: every id the API puts in a path is a UUID, sent in its lower-case form.</summary>
    private static string PathId(string id, string what) =>
        Guid.TryParseExact(id, "D", out var parsed)
            ? parsed.ToString("D")
            : throw new ArgumentException($"'{id}' is not {what} id (a UUID).", nameof(id));

    private sealed class ApiResponse
    {
        public ApiResponse(int status, byte[] body)
        {
            Status = status;
            Body = body;
        }

        public int Status { get; }
        public byte[] Body { get; }
    }

    /// <summary>Why an attempt failed, and whether trying again is safe and useful.</summary>
    private sealed class AttemptFailure
    {
        internal AttemptFailure WithContentType(string? contentType)
        {
            Error.WithContentType(contentType);
            return this;
        }

        public AttemptFailure(SignalWireApiException error, bool retryable, TimeSpan? retryAfter, string reason)
        {
            Error = error;
            Retryable = retryable;
            RetryAfter = retryAfter;
            Reason = reason;
        }

        public SignalWireApiException Error { get; }
        public bool Retryable { get; }
        public TimeSpan? RetryAfter { get; }
        public string Reason { get; }
    }

    private async Task<ApiResponse> SendAsync(HttpMethod method, Uri uri, byte[]? body, IRequestObserver? observer,
        CancellationToken cancellationToken)
    {
        var isWrite = IsWrite(method);
        var attempts = Options.MaximumRetryCount + 1;
        for (var attempt = 1; ; attempt++)
        {
            if (isWrite) await WriteLimiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            var (response, failure) = await AttemptAsync(method, uri, body, attempt, observer, cancellationToken).ConfigureAwait(false);
            if (response != null) return response;
            if (!failure!.Retryable || attempt >= attempts) throw failure.Error.WithAttempts(attempt);

            var wait = failure.RetryAfter ?? Backoff(attempt);
            // A 429 is about the whole project: hold back every write of this session, not only this one.
            if (failure.Error.Kind == SignalWireErrorKind.RateLimited) WriteLimiter.PauseFor(wait);
            observer?.RetryScheduled(method.Method, uri, failure.Reason, wait, attempt + 1);
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(ApiResponse?, AttemptFailure?)> AttemptAsync(HttpMethod method, Uri uri, byte[]? body, int attempt,
        IRequestObserver? observer, CancellationToken cancellationToken)
    {
        var target = uri;
        var requestMethod = method;
        var requestBody = body;
        for (var hop = 0; ; hop++)
        {
            var sendCredentials = SpaceAddress.SameOrigin(target, apiUrl);
            var watch = Stopwatch.StartNew();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Options.Timeout);
            int status;
            byte[] responseBody;
            TimeSpan? retryAfter;
            Uri? location;
            string? contentType;
            try
            {
                using var request = new HttpRequestMessage(requestMethod, target);
                if (sendCredentials) request.Headers.Authorization = BasicAuthorization();
                if (requestBody != null)
                {
                    request.Content = new ByteArrayContent(requestBody);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                }
                observer?.RequestSending(requestMethod.Method, target);
                var onTheWire = IsWrite(requestMethod) ? WriteWindow.WriteStarted() : null;
                try
                {
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
                    status = (int)response.StatusCode;
                    responseBody = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    retryAfter = RetryAfter(response.Headers.RetryAfter, DateTimeOffset.UtcNow, Options.MaximumRetryDelay);
                    location = response.Headers.Location;
                    contentType = response.Content.Headers.ContentType?.ToString();
                    WriteWindow.RoundTripMeasured(watch.Elapsed);
                }
                finally
                {
                    if (onTheWire != null) WriteWindow.WriteEnded(onTheWire);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                observer?.RequestCompleted(new RequestTrace(requestMethod.Method, target, null, watch.Elapsed, attempt, requestBody,
                    sendCredentials));
                var error = new SignalWireApiException(SignalWireErrorKind.Timeout,
                    $"{requestMethod.Method} {target.AbsolutePath} timed out after {Options.Timeout.TotalSeconds:0.#} s.",
                    requestMethod: requestMethod.Method, requestPath: target.AbsolutePath);
                return (null, new AttemptFailure(error, IsIdempotent(method), null, "timed out"));
            }
            catch (Exception e) when ((e is HttpRequestException || e is IOException || e is SocketException) && IsNameResolutionFailure(e))
            {
                // A name that does not resolve now will not resolve a second later: say so at once instead of retrying.
                observer?.RequestCompleted(new RequestTrace(requestMethod.Method, target, null, watch.Elapsed, attempt, requestBody,
                    sendCredentials));
                var error = new SignalWireApiException(SignalWireErrorKind.HostNotFound,
                    $"{requestMethod.Method} {target.AbsolutePath} was not sent: the host name {target.Host} does not resolve " +
                    $"({InnermostMessage(e)}). Check the space's name; a space is reached at <space>.signalwire.com.",
                    requestMethod: requestMethod.Method, requestPath: target.AbsolutePath, innerException: e);
                return (null, new AttemptFailure(error, false, null, "host name not found"));
            }
            catch (Exception e) when (e is HttpRequestException || e is IOException || e is SocketException)
            {
                observer?.RequestCompleted(new RequestTrace(requestMethod.Method, target, null, watch.Elapsed, attempt, requestBody,
                    sendCredentials));
                var reason = InnermostMessage(e);
                var error = new SignalWireApiException(SignalWireErrorKind.NetworkError,
                    $"{requestMethod.Method} {target.AbsolutePath} failed: could not talk to {target.Host}: {reason}",
                    requestMethod: requestMethod.Method, requestPath: target.AbsolutePath, innerException: e);
                // A POST is repeated only when it provably never reached the server (nothing was bought twice).
                return (null, new AttemptFailure(error, IsIdempotent(method) || NeverConnected(e), null, "network failure: " + reason));
            }
            observer?.RequestCompleted(new RequestTrace(requestMethod.Method, target, status, watch.Elapsed, attempt, requestBody, sendCredentials));

            if (IsRedirect(status) && location != null && hop < MaximumRedirects)
            {
                target = location.IsAbsoluteUri ? location : new Uri(target, location);
                if (status == 303) { requestMethod = HttpMethod.Get; requestBody = null; }
                continue;
            }
            if (IsNotTheApi(status, contentType, responseBody))
                return (null, NotApiFailure(requestMethod.Method, target, status, contentType, responseBody));
            if (status >= 200 && status <= 299) return (new ApiResponse(status, responseBody), null);
            var failure = StatusFailure(requestMethod.Method, target, status, responseBody, retryAfter, method, requestBody);
            return (null, failure.WithContentType(contentType));
        }
    }

    /// <summary>
    /// A body the API would not send: every answer of the API with a body is JSON. A success or a refusal (4xx) in another
    /// type came from something in between (a captive portal's sign-in page, a proxy's or firewall's refusal) or from a
    /// site that is no space. Server errors and 429 are left to their retries: a gateway's HTML 502 is a real outage.
    /// </summary>
    private static bool IsNotTheApi(int status, string? contentType, byte[] body)
    {
        if (body.Length == 0 || status >= 500 || status == 429 || status < 200) return false;
        var mediaType = contentType?.Split(';')[0].Trim();
        return string.IsNullOrEmpty(mediaType) ? ErrorBodyReader.LooksLikeMarkup(body) : !ErrorBodyReader.IsJson(mediaType);
    }

    private static AttemptFailure NotApiFailure(string method, Uri target, int status, string? contentType, byte[] body)
    {
        var shownType = string.IsNullOrEmpty(contentType) ? "no content type" : contentType;
        var words = ErrorBodyReader.PageText(body);
        var who = status >= 400
            ? "The refusal came from something between this computer and the API (a proxy or a firewall), not from SignalWire, " +
              "so it says nothing about the token or the number."
            : "Something other than the API answered: a captive portal's sign-in page, a proxy or a firewall, or a site that is " +
              "not a SignalWire space.";
        var message = $"{target.Host} did not answer {method} {target.AbsolutePath} as the SignalWire API does: it sent {status} " +
            $"{ReasonPhrase(status)} with {shownType}, not the API's JSON. {who}" + (words != null ? $" The page says: {words}" : "");
        var error = new SignalWireApiException(SignalWireErrorKind.NotApiResponse, message, status, null, requestMethod: method,
            requestPath: target.AbsolutePath).WithContentType(contentType);
        return new AttemptFailure(error, false, null, $"{status} {shownType}");
    }

    /// <summary>
    /// A host name that does not resolve: HostNotFound, NoData or TryAgain from the resolver (a SocketException inside the
    /// HttpRequestException), or NameResolutionFailure on .NET Framework. TryAgain comes only after the resolver's own
    /// retries and timeouts, so trying again here would only multiply the wait.
    /// </summary>
    internal static bool IsNameResolutionFailure(Exception e)
    {
        for (var inner = e; inner != null; inner = inner.InnerException)
        {
            if (inner is SocketException socket && (socket.SocketErrorCode == SocketError.HostNotFound || socket.SocketErrorCode == SocketError.NoData
                || socket.SocketErrorCode == SocketError.TryAgain))
                return true;
            if (inner is WebException web && web.Status == WebExceptionStatus.NameResolutionFailure) return true;
        }
        return false;
    }

    private static AttemptFailure StatusFailure(string method, Uri target, int status, byte[] body, TimeSpan? retryAfter, HttpMethod originalMethod,
        byte[]? requestBody)
    {
        var kind = SignalWireApiException.KindForStatus(status);
        var read = ErrorBodyReader.Read(body);
        var apiMessage = read.Message;
        var reasonPhrase = ReasonPhrase(status);
        // A 422 with only a title ("Invalid Attribute", detail null) names no field: say which fields the request set.
        var missingDetail = read.LacksDetail ? " (the API gave no detail" + FieldsSet(requestBody) + ")" : "";
        var message = $"{method} {target.AbsolutePath} failed with {status} {reasonPhrase}"
            + (apiMessage != null ? ": " + apiMessage + missingDetail : ".");
        var error = new SignalWireApiException(kind, message, status, apiMessage, requestMethod: method, requestPath: target.AbsolutePath)
            .WithBody(read);
        error = WithCarrierCandidates(error, body, read); // a refused E911 address carries the carrier's suggestions
        var retryable = status == 429 || (IsIdempotent(originalMethod) && (status == 500 || status == 502 || status == 503 || status == 504));
        return new AttemptFailure(error, retryable, retryAfter, $"{status} {reasonPhrase}");
    }

    /// <summary>"; the request set call_handler, call_relay_topic" for a JSON object body; "" otherwise.</summary>
    private static string FieldsSet(byte[]? requestBody)
    {
        if (requestBody == null || requestBody.Length == 0) return "";
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(requestBody);
            if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object) return "";
            var names = new List<string>();
            foreach (var property in document.RootElement.EnumerateObject()) names.Add(property.Name);
            return names.Count == 0 ? "" : "; the request set " + string.Join(", ", names);
        }
        catch (System.Text.Json.JsonException)
        {
            return "";
        }
    }

    /// <summary>Retry-After as delta-seconds or as an HTTP date, capped; null when absent.</summary>
    internal static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now, TimeSpan cap)
    {
        if (header == null) return null;
        TimeSpan? wait = header.Delta ?? (header.Date.HasValue ? header.Date.Value - now : (TimeSpan?)null);
        if (wait == null) return null;
        if (wait.Value < TimeSpan.Zero) return TimeSpan.Zero;
        return wait.Value > cap ? cap : wait;
    }

    /// <summary>Exponential backoff from the base delay, doubling, with jitter so parallel retries spread out.</summary>
    internal TimeSpan Backoff(int failedAttempt)
    {
        var exponential = Options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, failedAttempt - 1);
        double factor;
        lock (jitter) factor = 0.75 + jitter.NextDouble() * 0.5;
        var milliseconds = Math.Min(exponential * factor, Options.MaximumRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(milliseconds);
    }

    /// <summary>The header is made for each request from the SecureString and never kept.</summary>
    private AuthenticationHeaderValue BasicAuthorization()
    {
        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(Options.Token);
            var token = Marshal.PtrToStringUni(pointer) ?? "";
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Options.ProjectId + ":" + token)));
        }
        finally
        {
            if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }

    private static bool IsIdempotent(HttpMethod method) => method != HttpMethod.Post;

    /// <summary>The requests the API rate-limits (its PATCH is not used here).</summary>
    private static bool IsWrite(HttpMethod method) => method == HttpMethod.Put || method == HttpMethod.Post;

    private static bool IsRedirect(int status) => status == 301 || status == 302 || status == 303 || status == 307 || status == 308;

    private static bool NeverConnected(Exception e)
    {
        for (var inner = e; inner != null; inner = inner.InnerException)
            if (inner is SocketException socket &&
                (socket.SocketErrorCode == SocketError.ConnectionRefused || socket.SocketErrorCode == SocketError.HostNotFound
                 || socket.SocketErrorCode == SocketError.NetworkUnreachable || socket.SocketErrorCode == SocketError.HostUnreachable))
                return true;
        return false;
    }

    private static string InnermostMessage(Exception e)
    {
        var messages = new List<string>();
        for (var inner = e; inner != null; inner = inner.InnerException)
            if (!messages.Contains(inner.Message)) messages.Add(inner.Message);
        return string.Join(" ", messages);
    }

    private static string ReasonPhrase(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => System.Text.RegularExpressions.Regex.Replace(((HttpStatusCode)status).ToString(), "(?<=[a-z])(?=[A-Z])", " "),
    };

    public void Dispose() => http.Dispose();
}
