using System.Net;
using System.Net.Sockets;
using System.Text;
using SignalWire.Emulator;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Tests;

/// <summary>
/// Answers that are not the API's (a captive portal's page, a proxy's refusal) and a space whose name does not resolve:
/// said plainly, once, without retries that cannot help.
/// </summary>
public class NotTheApiTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string ProjectId = "2bd9a5c3-6d5e-4f1a-9b7c-0e8f4a6d2c11";

    private const string PortalPage =
        "<!DOCTYPE html><html><head><title>Guest Wi-Fi</title><style>body { color: red }</style>" +
        "<script>window.location = '/login'</script></head><body><h1>Welcome to Guest Wi-Fi</h1>" +
        "<p>Accept the terms &amp; conditions to continue.</p></body></html>";

    private static PhoneNumberUpdate Rename(string name) => new PhoneNumberUpdate().Set(PhoneNumberFields.Get("name"), name);

    public static TheoryData<string> Calls() => new() { "get", "list", "put", "check" };

    private static Task Call(Harness h, string call) => call switch
    {
        "get" => h.Client.GetPhoneNumberAsync(h.FirstId, null, None),
        "list" => h.Client.ListAllPhoneNumbersAsync(new PhoneNumberQuery(), null, None),
        "put" => h.Client.UpdatePhoneNumberAsync(h.FirstId, Rename("x"), null, None),
        _ => h.Client.CheckAccessAsync(null, None),
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task An_HTML_page_with_200_says_the_space_did_not_answer_as_the_API_does(string call)
    {
        await using var h = await Harness.StartAsync(client: o => o.MaximumRetryCount = 3);
        h.AddFault(new FaultRule { Action = "malformed", ContentType = "text/html; charset=utf-8", Body = PortalPage });

        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => Call(h, call));

        Assert.Equal(SignalWireErrorKind.NotApiResponse, error.Kind);
        Assert.Equal(200, error.StatusCode);
        Assert.Equal("text/html; charset=utf-8", error.ContentType);
        Assert.Null(error.ApiMessage);
        Assert.Equal(1, error.Attempts);
        Assert.Single(h.Requests); // not retried: the same portal would answer again
        Assert.StartsWith($"127.0.0.1 did not answer {error.RequestMethod} {error.RequestPath} as the SignalWire API does: " +
            "it sent 200 OK with text/html; charset=utf-8, not the API's JSON. Something other than the API answered", error.Message);
        Assert.EndsWith("The page says: Guest Wi-Fi Welcome to Guest Wi-Fi Accept the terms & conditions to continue.", error.Message);
        Assert.DoesNotContain("try again", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("color", error.Message); // the page's style and script are not its words
    }

    [Fact]
    public async Task A_proxy_refusal_in_HTML_is_not_blamed_on_the_token()
    {
        await using var h = await Harness.StartAsync(client: o => o.MaximumRetryCount = 3);
        h.AddFault(new FaultRule
        {
            Action = "status", Status = 403, ContentType = "text/html", Body = "<html><body><h1>Access denied by policy</h1></body></html>",
        });

        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.UpdatePhoneNumberAsync(h.FirstId, Rename("x"), null, None));

        Assert.Equal(SignalWireErrorKind.NotApiResponse, error.Kind);
        Assert.Equal(403, error.StatusCode);
        Assert.Equal("text/html", error.ContentType);
        Assert.Single(h.Requests);
        Assert.Contains("it sent 403 Forbidden with text/html, not the API's JSON", error.Message);
        Assert.Contains("not from SignalWire, so it says nothing about the token", error.Message);
        Assert.EndsWith("The page says: Access denied by policy", error.Message);
    }

    [Theory]
    [InlineData(403, "application/json", SignalWireErrorKind.Forbidden, 1)]
    [InlineData(403, "application/problem+json", SignalWireErrorKind.Forbidden, 1)]
    [InlineData(404, "text/plain", SignalWireErrorKind.NotApiResponse, 1)]
    [InlineData(407, "text/html", SignalWireErrorKind.NotApiResponse, 1)]
    [InlineData(401, "text/html", SignalWireErrorKind.NotApiResponse, 1)]
    [InlineData(502, "text/html", SignalWireErrorKind.ServerError, 2)]  // a gateway's outage page: retried as any 502
    [InlineData(429, "text/html", SignalWireErrorKind.RateLimited, 2)]
    public async Task Only_the_API_s_JSON_and_server_errors_keep_their_meaning(int status, string contentType, SignalWireErrorKind kind, int requests)
    {
        await using var h = await Harness.StartAsync(client: o => { o.MaximumRetryCount = 1; o.RetryBaseDelay = TimeSpan.FromMilliseconds(1); });
        var body = contentType.Contains("json") ? """{"error":"Forbidden"}""" : "<html><body>refused</body></html>";
        h.AddFault(new FaultRule
        {
            Action = "status", Status = status, ContentType = contentType, Body = body, RetryAfter = status == 429 ? "0" : null,
        });

        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.GetPhoneNumberAsync(h.FirstId, null, None));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(requests, h.Requests.Count);
        if (kind == SignalWireErrorKind.NotApiResponse) Assert.Contains($"with {contentType}, not the API's JSON", error.Message);
    }

    [Fact]
    public async Task A_JSON_typed_body_that_is_not_JSON_stays_an_InvalidResponse()
    {
        await using var h = await Harness.StartAsync();
        h.AddFault(new FaultRule { Action = "malformed", ContentType = "application/json", Body = "<html>a login page</html>" });
        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => h.Client.GetPhoneNumberAsync(h.FirstId, null, None));
        Assert.Equal(SignalWireErrorKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public async Task An_HTML_page_without_a_content_type_is_not_the_API_either()
    {
        var page = "\r\n  <html><head><title>Portal</title></head><body>Sign in</body></html>";
        await using var listener = RawHttpServer.Start(
            $"HTTP/1.1 200 OK\r\nContent-Length: {Encoding.UTF8.GetByteCount(page)}\r\nConnection: close\r\n\r\n{page}");
        using var client = new SignalWireClient(new SignalWireClientOptions(listener.Url, ProjectId, Secret.Of("PTtoken")) { MaximumRetryCount = 3 });

        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => client.CheckAccessAsync(null, None));

        Assert.Equal(SignalWireErrorKind.NotApiResponse, error.Kind);
        Assert.Null(error.ContentType);
        Assert.Contains("it sent 200 OK with no content type, not the API's JSON", error.Message);
        Assert.EndsWith("The page says: Portal Sign in", error.Message);
        Assert.Equal(1, listener.Requests);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task A_host_name_that_does_not_resolve_fails_at_once(string method)
    {
        // .invalid never resolves (RFC 6761).
        var space = new Uri("https://nosuchspace.invalid/");
        using var client = new SignalWireClient(new SignalWireClientOptions(space, ProjectId, Secret.Of("PTtoken")) { MaximumRetryCount = 4 });
        var observer = new RecordingObserver();

        var error = await Assert.ThrowsAsync<SignalWireApiException>(() => method == "GET"
            ? client.CheckAccessAsync(observer, None)
            : client.PurchasePhoneNumberAsync("+15037154424", observer, None));

        Assert.Equal(SignalWireErrorKind.HostNotFound, error.Kind);
        Assert.Equal(1, error.Attempts);
        Assert.Single(observer.Sending);
        Assert.Empty(observer.Retries);
        Assert.Null(error.StatusCode);
        Assert.StartsWith($"{method} /api/relay/rest/phone_numbers was not sent: the host name nosuchspace.invalid does not resolve (",
            error.Message);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Theory]
    [InlineData(SocketError.HostNotFound, true)]
    [InlineData(SocketError.NoData, true)]
    [InlineData(SocketError.TryAgain, true)]
    [InlineData(SocketError.ConnectionRefused, false)]
    [InlineData(SocketError.TimedOut, false)]
    public void Name_resolution_failures_are_told_from_other_socket_errors(SocketError code, bool isNameFailure)
    {
        var e = new HttpRequestException("outer", new SocketException((int)code));
        Assert.Equal(isNameFailure, SignalWireClient.IsNameResolutionFailure(e));
    }

    [Fact]
    public void The_NET_Framework_name_failure_is_one_too()
    {
        var unresolved = new WebException("The remote name could not be resolved", WebExceptionStatus.NameResolutionFailure);
        Assert.True(SignalWireClient.IsNameResolutionFailure(new HttpRequestException("outer", unresolved)));
        var closed = new WebException("reset", WebExceptionStatus.ConnectionClosed);
        Assert.False(SignalWireClient.IsNameResolutionFailure(new HttpRequestException("outer", closed)));
    }
}

/// <summary>A local listener that answers every connection with the same raw HTTP response, and counts them.</summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly byte[] response;
    private readonly Task loop;
    private int requests;

    private RawHttpServer(string response)
    {
        this.response = Encoding.UTF8.GetBytes(response);
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    public int Requests => Volatile.Read(ref requests);

    public static RawHttpServer Start(string response) => new(response);

    private async Task ServeAsync()
    {
        while (true)
        {
            TcpClient connection;
            try
            {
                connection = await listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is ObjectDisposedException || e is SocketException)
            {
                return;
            }
            using (connection)
            {
                var stream = connection.GetStream();
                var buffer = new byte[8192];
                var read = new StringBuilder();
                // Read the request's head; the client sends no body with a GET.
                while (!read.ToString().Contains("\r\n\r\n"))
                {
                    var n = await stream.ReadAsync(buffer);
                    if (n == 0) break;
                    read.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }
                Interlocked.Increment(ref requests);
                await stream.WriteAsync(response);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        await loop;
    }
}
