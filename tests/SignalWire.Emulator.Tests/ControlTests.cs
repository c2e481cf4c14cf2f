using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using SignalWire.Tests.Shared;

namespace SignalWire.Emulator.Tests;

public sealed class ControlTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.5", false)]
    [InlineData("192.168.1.20", false)]
    [InlineData("::ffff:10.0.0.5", false)]
    [InlineData("fe80::1", false)]
    public void Only_loopback_callers_may_use_the_control_endpoints(string address, bool allowed) =>
        Assert.Equal(allowed, ControlEndpoints.IsAllowedCaller(IPAddress.Parse(address)));

    [Fact]
    public void A_caller_without_an_address_is_refused() => Assert.False(ControlEndpoints.IsAllowedCaller(null));

    [Fact]
    public async Task Request_log_records_requests_in_order_and_masks_authorization()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.FirstId();
        await emu.Http.GetAsync(TestEmulator.Api + "?page_size=2");
        await emu.SendJsonAsync(HttpMethod.Put, $"{TestEmulator.Api}/{id}", """{"name":"x"}""");
        await emu.Http.GetAsync("__emulator/faults"); // control requests are not logged

        var (response, log) = await emu.GetJsonAsync("__emulator/requests");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = log.EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal(["seq", "time", "method", "path", "query", "body", "headers", "status", "in_flight", "fault"], Fixtures.KeysOf(entries[0]));
        Assert.Equal(1, entries[0].GetProperty("in_flight").GetInt32());
        Assert.Equal(("GET", "/api/relay/rest/phone_numbers", "page_size=2", 200), (
            entries[0].GetProperty("method").GetString(), entries[0].GetProperty("path").GetString(),
            entries[0].GetProperty("query").GetString(), entries[0].GetProperty("status").GetInt32()));
        Assert.Equal(JsonValueKind.Null, entries[0].GetProperty("body").ValueKind);
        Assert.Equal("""{"name":"x"}""", entries[1].GetProperty("body").GetString());
        Assert.True(entries[1].GetProperty("seq").GetInt64() > entries[0].GetProperty("seq").GetInt64());
        Assert.Equal("Basic ****", entries[1].GetProperty("headers").GetProperty("Authorization").GetString());
        var raw = log.GetRawText();
        Assert.DoesNotContain(emu.Options.Token, raw);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{emu.Options.ProjectId}:{emu.Options.Token}")), raw);

        Assert.Equal(HttpStatusCode.NoContent, (await emu.Http.DeleteAsync("__emulator/requests")).StatusCode);
        Assert.Empty(emu.State.Requests.Snapshot());
    }

    [Fact]
    public async Task Faults_can_be_added_listed_and_cleared_over_http()
    {
        await using var emu = await TestEmulator.StartAsync();
        var (added, _) = await emu.SendJsonAsync(HttpMethod.Post, "__emulator/faults",
            """{"action":"status","status":503,"retry_after":"2","times":1}""");
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var (addedMany, _) = await emu.SendJsonAsync(HttpMethod.Post, "__emulator/faults",
            """[{"action":"drop","method":"DELETE"},{"action":"latency","latency_ms":1}]""");
        Assert.Equal(HttpStatusCode.OK, addedMany.StatusCode);
        var (bad, _) = await emu.SendJsonAsync(HttpMethod.Post, "__emulator/faults", """{"action":"explode"}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var (_, list) = await emu.GetJsonAsync("__emulator/faults");
        Assert.Equal(["status", "drop", "latency"], list.EnumerateArray().Select(r => r.GetProperty("action").GetString()));
        Assert.Equal("2", list[0].GetProperty("retry_after").GetString());

        var faulted = await emu.Http.GetAsync(TestEmulator.Api);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        Assert.Equal("status", emu.State.Requests.Snapshot()[0].Fault);

        Assert.Equal(HttpStatusCode.NoContent, (await emu.Http.DeleteAsync("__emulator/faults")).StatusCode);
        Assert.Empty(emu.State.Faults.Snapshot());
    }

    [Fact]
    public async Task Reset_reseeds_deterministically_and_clears_log_and_faults()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Numbers = 5);
        var original = emu.State.Numbers.AllNewestFirst().Select(n => n.ToJson()).ToList();
        await emu.SendJsonAsync(HttpMethod.Put, $"{TestEmulator.Api}/{emu.FirstId()}", """{"name":"changed"}""");
        emu.State.Faults.Add(new FaultRule { Status = 500, Path = "/nothing" });

        var (reset, body) = await emu.SendJsonAsync(HttpMethod.Post, "__emulator/reset", """{"numbers":12}""");
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(12, body.GetProperty("numbers").GetInt32());
        Assert.Empty(emu.State.Requests.Snapshot());
        Assert.Empty(emu.State.Faults.Snapshot());

        var (_, numbers) = await emu.GetJsonAsync("__emulator/numbers");
        Assert.Equal(12, numbers.GetArrayLength());
        await emu.SendJsonAsync(HttpMethod.Post, "__emulator/reset", """{"numbers":5}""");
        Assert.Equal(original, emu.State.Numbers.AllNewestFirst().Select(n => n.ToJson()).ToList());
    }

    [Fact]
    public async Task Numbers_endpoint_returns_every_full_number_newest_first()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Numbers = 30);
        var (_, numbers) = await emu.GetJsonAsync("__emulator/numbers");
        var keys = Fixtures.KeysOf(Fixtures.Load("get_phone_number.json"));
        Assert.All(numbers.EnumerateArray(), n => Assert.Equal(keys, Fixtures.KeysOf(n)));
        Assert.Equal(emu.State.Numbers.AllNewestFirst().Select(n => n.Id), numbers.EnumerateArray().Select(n => n.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Config_changes_latency_and_rate_limit()
    {
        await using var emu = await TestEmulator.StartAsync();
        var (response, config) = await emu.SendJsonAsync(HttpMethod.Post, "__emulator/config",
            """{"latency_ms":5,"write_rate_limit":2,"write_rate_window_ms":60000}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, config.GetProperty("latency_ms").GetInt32());
        Assert.Equal(2, config.GetProperty("write_rate_limit").GetInt32());
        Assert.Equal(60000, config.GetProperty("write_rate_window_ms").GetInt32());
        Assert.Equal(5, emu.State.LatencyMs);
        Assert.Equal(TimeSpan.FromMinutes(1), emu.State.RateLimiter.Window);
    }

    [Fact]
    public async Task Writes_beyond_the_rate_limit_get_429_with_retry_after_and_reads_are_not_limited()
    {
        await using var emu = await TestEmulator.StartAsync(o => { o.WriteRateLimit = 3; o.WriteRateWindow = TimeSpan.FromSeconds(1); });
        var id = emu.FirstId();
        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((int)(await emu.SendJsonAsync(HttpMethod.Put, $"{TestEmulator.Api}/{id}", $$"""{"name":"n{{i}}"}""")).Response.StatusCode);
        }
        Assert.Equal(new[] { 200, 200, 200, 429, 429 }, statuses);
        var limited = await emu.SendJsonAsync(HttpMethod.Put, $"{TestEmulator.Api}/{id}", "{}");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Response.StatusCode);
        Assert.InRange(limited.Response.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        Assert.Equal("Too Many Requests", limited.Json.GetProperty("error").GetString());
        Assert.Equal("n2", emu.State.Numbers.Get(id)!.Name); // limited writes change nothing
        Assert.Equal(HttpStatusCode.OK, (await emu.Http.GetAsync(TestEmulator.Api)).StatusCode);

        await Task.Delay(1100); // the window slides on
        Assert.Equal(HttpStatusCode.OK, (await emu.SendJsonAsync(HttpMethod.Put, $"{TestEmulator.Api}/{id}", "{}")).Response.StatusCode);
    }

    [Fact]
    public async Task Rate_limit_of_zero_disables_it()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.WriteRateLimit = 0);
        var id = emu.FirstId();
        var tasks = Enumerable.Range(0, 100).Select(i =>
            emu.SendJsonAsync(HttpMethod.Put, $"{TestEmulator.Api}/{id}", $$"""{"name":"n{{i}}"}"""));
        var results = await Task.WhenAll(tasks); // also: 100 concurrent requests
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Response.StatusCode));
        Assert.Equal(100, emu.State.Requests.Snapshot().Select(r => r.Seq).Distinct().Count());
    }

    [Fact]
    public async Task The_command_line_prints_the_ready_line_and_serves_requests()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "SignalWire.Emulator.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--port", "0", "--numbers", "3", "--token", "PTcli", "--parent-pid", Environment.ProcessId.ToString(),
                     "--fault", "action=status,status=503,times=1,method=PUT" })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15));
            Assert.NotNull(line);
            Assert.Matches(@"^SignalWire emulator listening on http://127\.0\.0\.1:\d+$", line);
            var baseUrl = new Uri(line!["SignalWire emulator listening on ".Length..] + "/");
            using var http = TestEmulator.NewClient(baseUrl, new EmulatorOptions().ProjectId, "PTcli");
            var page = await TestEmulator.ReadJsonAsync(await http.GetAsync(TestEmulator.Api));
            Assert.Equal(3, page.GetProperty("data").GetArrayLength());
            var id = page.GetProperty("data")[0].GetProperty("id").GetString();
            var put = await http.PutAsync($"{TestEmulator.Api}/{id}", new StringContent("{}"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, put.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        // After the ready line, the details to connect with; nothing else.
        var details = await process.StandardOutput.ReadToEndAsync();
        Assert.Contains($"  Project ID:  {new EmulatorOptions().ProjectId}{Environment.NewLine}", details);
        Assert.Contains($"  API token:   PTcli{Environment.NewLine}", details);
        Assert.Contains($"  Resources:   {ResourceSeedData.Create(new EmulatorOptions().ProjectId).Count} generated{Environment.NewLine}", details);
        Assert.Matches(@"  Control:     http://127\.0\.0\.1:\d+/__emulator/requests, .*/resources, /registry, /e911\r?\n", details);
        Assert.DoesNotContain("listening on", details);
    }
}
