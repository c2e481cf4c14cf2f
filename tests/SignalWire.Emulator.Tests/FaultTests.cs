using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace SignalWire.Emulator.Tests;

public sealed class FaultTests
{
    [Theory]
    [InlineData(429, "Too Many Requests")]
    [InlineData(500, "Internal Server Error")]
    [InlineData(502, "Bad Gateway")]
    [InlineData(503, "Service Unavailable")]
    [InlineData(504, "Gateway Timeout")]
    [InlineData(404, "Not Found")]
    [InlineData(401, "Unauthorized")]
    [InlineData(403, "Forbidden")]
    public async Task Status_fault_sends_the_status_with_the_default_body(int status, string error)
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Faults = [new FaultRule { Action = "status", Status = status, Times = 1 }]);
        var (response, body) = await emu.GetJsonAsync(TestEmulator.Api);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(error, body.GetProperty("error").GetString());
        // spent after one firing
        Assert.Equal(HttpStatusCode.OK, (await emu.Http.GetAsync(TestEmulator.Api)).StatusCode);
    }

    [Fact]
    public async Task Status_422_fault_uses_the_space_shape_and_a_custom_body_is_sent_verbatim()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Faults =
        [
            new FaultRule { Status = 422, Times = 1 },
            new FaultRule { Status = 502, Body = "<html>502 Bad Gateway</html>", ContentType = "text/html", Times = 1 },
        ]);
        var (unprocessable, error) = await emu.GetJsonAsync(TestEmulator.Api);
        Assert.Equal((HttpStatusCode)422, unprocessable.StatusCode);
        Assert.Equal("Invalid Attribute", error.GetProperty("errors")[0].GetProperty("title").GetString());
        var html = await emu.Http.GetAsync(TestEmulator.Api);
        Assert.Equal(HttpStatusCode.BadGateway, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<html>502 Bad Gateway</html>", await html.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Retry_after_is_sent_as_seconds_or_as_an_http_date()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Faults =
        [
            FaultRule.Parse("action=status,status=429,retry_after=3,times=1"),
            FaultRule.Parse("action=status,status=503,retry_after=date+120,times=1"),
        ]);
        var seconds = await emu.Http.GetAsync(TestEmulator.Api);
        Assert.Equal(HttpStatusCode.TooManyRequests, seconds.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), seconds.Headers.RetryAfter?.Delta);

        var date = await emu.Http.GetAsync(TestEmulator.Api);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, date.StatusCode);
        var when = date.Headers.RetryAfter?.Date;
        Assert.NotNull(when);
        Assert.InRange(when!.Value - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(125));
        Assert.EndsWith("GMT", date.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Drop_aborts_the_connection_and_before_leaves_state_unchanged()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Faults = [FaultRule.Parse("action=drop,method=PUT,times=1")]);
        var id = emu.FirstId();
        var before = emu.State.Numbers.Get(id)!.ToJson();
        await Assert.ThrowsAsync<HttpRequestException>(() =>
            emu.SendJsonAsync(HttpMethod.Put, $"{TestEmulator.Api}/{id}", """{"name":"lost"}"""));
        Assert.Equal(before, emu.State.Numbers.Get(id)!.ToJson());
        var logged = emu.State.Requests.Snapshot().Single();
        Assert.Equal(0, logged.Status);
        Assert.Equal("drop", logged.Fault);
    }

    [Fact]
    public async Task When_after_applies_the_change_then_drops_the_response()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Faults = [FaultRule.Parse("action=drop,when=after,method=PUT,times=1")]);
        var id = emu.FirstId();
        await Assert.ThrowsAsync<HttpRequestException>(() =>
            emu.SendJsonAsync(HttpMethod.Put, $"{TestEmulator.Api}/{id}", """{"name":"applied"}"""));
        Assert.Equal("applied", emu.State.Numbers.Get(id)!.Name);
    }

    [Fact]
    public async Task When_after_with_a_status_applies_the_change_and_reports_the_error()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Faults = [FaultRule.Parse("action=status,status=504,when=after,times=1")]);
        var id = emu.FirstId();
        var (response, _) = await emu.SendJsonAsync(HttpMethod.Put, $"{TestEmulator.Api}/{id}", """{"name":"applied"}""");
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("applied", emu.State.Numbers.Get(id)!.Name);
    }

    [Fact]
    public async Task Malformed_sends_200_json_that_does_not_parse()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Faults = [new FaultRule { Action = "malformed", Times = 1 }]);
        var response = await emu.Http.GetAsync(TestEmulator.Api);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
    }

    [Fact]
    public async Task Latency_fault_and_global_latency_delay_the_response()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Faults = [FaultRule.Parse("action=latency,latency_ms=400,times=1")]);
        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await emu.Http.GetAsync(TestEmulator.Api)).StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 380, $"only {watch.ElapsedMilliseconds} ms");

        emu.State.LatencyMs = 300;
        watch.Restart();
        Assert.Equal(HttpStatusCode.OK, (await emu.Http.GetAsync(TestEmulator.Api)).StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 280, $"only {watch.ElapsedMilliseconds} ms");
        Assert.Equal("latency", emu.State.Requests.Snapshot()[0].Fault);
    }

    [Fact]
    public async Task Redirect_sends_307_with_the_location()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Faults = [FaultRule.Parse("action=redirect,location=http://127.0.0.2:9/steal")]);
        var response = await emu.Http.GetAsync(TestEmulator.Api);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("http://127.0.0.2:9/steal", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Every_fires_on_every_nth_match_and_filters_select_requests()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.FirstId();
        emu.State.Faults.Add(FaultRule.Parse($"action=status,status=500,every=3,id={id}"));
        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((int)(await emu.Http.GetAsync($"{TestEmulator.Api}/{id}")).StatusCode);
            // another id and the list never match the id filter
            Assert.Equal(HttpStatusCode.OK, (await emu.Http.GetAsync(TestEmulator.Api)).StatusCode);
        }
        Assert.Equal(new[] { 200, 200, 500, 200, 200, 500 }, statuses);
    }

    [Fact]
    public async Task Method_and_path_filters_and_first_firing_rule_wins()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Faults =
        [
            FaultRule.Parse("action=status,status=503,method=PUT,times=2"),
            FaultRule.Parse("action=status,status=502,path=/search"),
            FaultRule.Parse("action=status,status=500,method=PUT"),
        ]);
        var id = emu.FirstId();
        var put = async () => (int)(await emu.SendJsonAsync(HttpMethod.Put, $"{TestEmulator.Api}/{id}", "{}")).Response.StatusCode;
        Assert.Equal(new[] { 503, 503, 500 }, new[] { await put(), await put(), await put() });
        Assert.Equal(HttpStatusCode.OK, (await emu.Http.GetAsync(TestEmulator.Api)).StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, (await emu.Http.GetAsync(TestEmulator.Api + "/search")).StatusCode);
        Assert.Equal(new[] { 2, 1, 1 }, emu.State.Faults.Snapshot().Select(r => r.Fired));
    }

    [Fact]
    public async Task Probability_is_reproducible_with_a_seed()
    {
        async Task<List<int>> RunAsync()
        {
            await using var emu = await TestEmulator.StartAsync(o => o.Faults = [FaultRule.Parse("action=status,status=500,probability=0.5,seed=7")]);
            var statuses = new List<int>();
            for (var i = 0; i < 20; i++)
            {
                statuses.Add((int)(await emu.Http.GetAsync(TestEmulator.Api)).StatusCode);
            }
            return statuses;
        }
        var first = await RunAsync();
        Assert.Equal(first, await RunAsync());
        Assert.Contains(500, first);
        Assert.Contains(200, first);
    }

    [Theory]
    [InlineData("action=explode")]
    [InlineData("action=status,status=200")]
    [InlineData("action=status,when=later")]
    [InlineData("action=status,status=abc")]
    [InlineData("nonsense")]
    public void Invalid_fault_specs_are_refused(string spec) =>
        Assert.Throws<FormatException>(() => FaultRule.Parse(spec));

    [Fact]
    public void Short_form_parses_every_field()
    {
        var rule = FaultRule.Parse("action=status,status=503,retry_after=date+5,method=PUT,id=abc,path=/phone,times=2,every=1,probability=1,"
            + "seed=3,when=after,content_type=text/plain,body=a,b=c");
        Assert.Equal("status|503|date+5|PUT|abc|/phone|2|1|1|3|after|text/plain|a,b=c", string.Join("|",
            rule.Action, rule.Status, rule.RetryAfter, rule.Method, rule.Id, rule.Path, rule.Times, rule.Every,
            rule.Probability, rule.Seed, rule.When, rule.ContentType, rule.Body));
    }
}
