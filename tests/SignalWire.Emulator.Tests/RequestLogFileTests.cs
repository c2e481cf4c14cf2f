using System.Net;
using System.Text;
using System.Text.Json;
using SignalWire.Tests.Shared;

namespace SignalWire.Emulator.Tests;

public sealed class RequestLogFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"signalwire-requests-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_path);

    /// <summary>The file as a reader sees it while the emulator still runs.</summary>
    private List<JsonElement> ReadLines()
    {
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        if (text.Length > 0)
        {
            Assert.EndsWith("\n", text); // whole lines only
        }
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    [Fact]
    public async Task Each_api_request_is_one_json_line_on_disk_by_the_time_its_response_arrives()
    {
        using var file = RequestLogFile.Create(_path);
        await using var emu = await TestEmulator.StartAsync(o => o.RequestLogFile = file);
        var id = emu.FirstId();

        await emu.Http.GetAsync(TestEmulator.Api + "?page_size=2&name=Sales");
        Assert.Single(ReadLines());
        await emu.SendJsonAsync(HttpMethod.Put, $"{TestEmulator.Api}/{id}", """{"call_handler":"relay_topic","call_relay_topic":"office"}""");
        await emu.Http.GetAsync("__emulator/requests"); // control requests are not API requests
        var lines = ReadLines();
        Assert.Equal(2, lines.Count);

        Assert.Equal(["seq", "time", "method", "path", "query", "body", "status", "fault"], Fixtures.KeysOf(lines[0]));
        Assert.Equal(("GET", "/api/relay/rest/phone_numbers", "page_size=2&name=Sales", 200), (
            lines[0].GetProperty("method").GetString(), lines[0].GetProperty("path").GetString(),
            lines[0].GetProperty("query").GetString(), lines[0].GetProperty("status").GetInt32()));
        Assert.Equal(JsonValueKind.Null, lines[0].GetProperty("body").ValueKind);
        Assert.Equal(JsonValueKind.Null, lines[0].GetProperty("fault").ValueKind);
        Assert.Equal(("PUT", $"/api/relay/rest/phone_numbers/{id}", """{"call_handler":"relay_topic","call_relay_topic":"office"}""", 200), (
            lines[1].GetProperty("method").GetString(), lines[1].GetProperty("path").GetString(),
            lines[1].GetProperty("body").GetString(), lines[1].GetProperty("status").GetInt32()));
        Assert.Equal(emu.State.Requests.Snapshot().Select(r => (r.Seq, r.Time)),
            lines.Select(l => (l.GetProperty("seq").GetInt64(), l.GetProperty("time").GetString()!)));
    }

    [Fact]
    public async Task Faulted_and_dropped_requests_are_written_with_the_status_sent_and_the_fault()
    {
        using var file = RequestLogFile.Create(_path);
        await using var emu = await TestEmulator.StartAsync(o =>
        {
            o.RequestLogFile = file;
            // The drop comes first, on a new connection: HttpClient would resend a request dropped on a reused one.
            o.Faults =
            [
                new FaultRule { Action = "drop", Method = "PUT", Times = 1 },
                new FaultRule { Action = "status", Status = 429, RetryAfter = "1", Method = "PUT", Times = 1 },
            ];
        });
        var url = $"{TestEmulator.Api}/{emu.FirstId()}";
        await Assert.ThrowsAsync<HttpRequestException>(() => emu.SendJsonAsync(HttpMethod.Put, url, """{"name":"a"}"""));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await emu.SendJsonAsync(HttpMethod.Put, url, """{"name":"b"}""")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await emu.SendJsonAsync(HttpMethod.Put, url, """{"name":"c"}""")).Response.StatusCode);

        var lines = ReadLines();
        Assert.Equal([(0, "drop", "a"), (429, "status", "b"), (200, null, "c")], lines.Select(l => (
            l.GetProperty("status").GetInt32(), l.GetProperty("fault").GetString(),
            JsonDocument.Parse(l.GetProperty("body").GetString()!).RootElement.GetProperty("name").GetString())));
    }

    [Fact]
    public async Task A_request_the_client_gave_up_on_is_written_with_status_0()
    {
        using var file = RequestLogFile.Create(_path);
        await using var emu = await TestEmulator.StartAsync(o =>
        {
            o.RequestLogFile = file;
            o.Faults = [new FaultRule { Action = "latency", LatencyMs = 30_000, Times = 1 }];
        });
        using var impatient = TestEmulator.NewClient(emu.Emulator.BaseUrl, emu.Options.ProjectId, emu.Options.Token);
        impatient.Timeout = TimeSpan.FromMilliseconds(300);
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.GetAsync(TestEmulator.Api));
        // Closing the client closes its connections for certain, which is how the server learns the request was abandoned.
        impatient.Dispose();

        // The server notices the abandoned connection on its own time: wait for the line, at most 20 s.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var lines = ReadLines();
        while (lines.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            lines = ReadLines();
        }
        var line = Assert.Single(lines);
        Assert.Equal((0, "latency"), (line.GetProperty("status").GetInt32(), line.GetProperty("fault").GetString()));
    }

    [Fact]
    public async Task The_file_never_holds_the_authorization_header_nor_the_token()
    {
        using var file = RequestLogFile.Create(_path);
        await using var emu = await TestEmulator.StartAsync(o => { o.RequestLogFile = file; o.Token = "PTsecret-token-value"; });
        await emu.Http.GetAsync(TestEmulator.Api);
        using var wrong = TestEmulator.NewClient(emu.Emulator.BaseUrl, emu.Options.ProjectId, "PTwrong-token-value");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync(TestEmulator.Api)).StatusCode);

        var text = File.ReadAllText(_path);
        Assert.Equal(2, text.Count(c => c == '\n'));
        Assert.DoesNotContain("Authorization", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Basic", text, StringComparison.Ordinal);
        Assert.DoesNotContain("token-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{emu.Options.ProjectId}:PTsecret-token-value")), text);
        Assert.Equal([200, 401], ReadLines().Select(l => l.GetProperty("status").GetInt32()));
    }

    [Fact]
    public void An_existing_file_is_emptied_and_a_path_that_cannot_be_written_is_an_error()
    {
        File.WriteAllText(_path, "old rehearsal\n");
        using (RequestLogFile.Create(_path))
        {
            Assert.Equal("", File.ReadAllText(_path));
        }
        Assert.ThrowsAny<IOException>(() => RequestLogFile.Create(Path.Combine(_path + ".missing", "requests.jsonl")));
    }
}
