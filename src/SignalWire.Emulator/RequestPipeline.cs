namespace SignalWire.Emulator;

/// <summary>
/// Every request passes here: control requests go to <see cref="ControlEndpoints"/>; API requests
/// are logged, delayed, possibly faulted before or after the operation, then answered.
/// </summary>
internal static class RequestPipeline
{
    private const string MalformedJson = "{\"links\":{\"self\":\"http://127.0.0.1/api/relay/rest/phone_numbers\"},\"data\":[{\"id\":\"3f2a";

    public static async Task HandleAsync(HttpContext context, EmulatorState state, ApiRouter api)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (path == ControlEndpoints.Prefix || path.StartsWith(ControlEndpoints.Prefix + "/", StringComparison.Ordinal))
        {
            await ControlEndpoints.HandleAsync(context, state).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(request).ConfigureAwait(false);
        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        var entry = state.Requests.Add(request.Method, path, query, body, LoggedHeaders(request));
        var numberId = ApiRouter.NumberIdOf(path);
        var aborted = context.RequestAborted;
        try
        {
            if (state.LatencyMs > 0)
            {
                await Task.Delay(state.LatencyMs, aborted).ConfigureAwait(false);
            }

            var before = state.Faults.Next(request.Method, path, numberId, after: false);
            if (before is not null)
            {
                state.Requests.NoteFault(entry, before.Action);
                if (before.Action != "latency")
                {
                    await SendFaultAsync(context, before, state, entry).ConfigureAwait(false);
                    return; // the fault replaces the operation: state unchanged
                }
                await Task.Delay(before.LatencyMs ?? 0, aborted).ConfigureAwait(false);
            }

            var apiRequest = new ApiRequest(
                request.Method, path,
                request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
                body, request.Headers.Authorization.FirstOrDefault(),
                $"{request.Scheme}://{request.Host.Value}");
            var response = api.Handle(apiRequest);

            var after = state.Faults.Next(request.Method, path, numberId, after: true);
            if (after is not null)
            {
                state.Requests.NoteFault(entry, after.Action);
                if (after.Action != "latency")
                {
                    await SendFaultAsync(context, after, state, entry).ConfigureAwait(false);
                    return; // the operation happened, but its response is lost or replaced
                }
                await Task.Delay(after.LatencyMs ?? 0, aborted).ConfigureAwait(false);
            }

            await SendAsync(context, response, state, entry).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client gave up (e.g. its timeout during injected latency): nothing to send.
        }
        finally
        {
            state.Requests.Complete(entry); // when no status was set, e.g. the client gave up
            state.Requests.Ended(entry);
        }
    }

    private static async Task SendFaultAsync(HttpContext context, FaultRule rule, EmulatorState state, LoggedRequest entry)
    {
        EmulatorResponse response;
        switch (rule.Action)
        {
            case "drop":
                state.Requests.SetStatus(entry, 0);
                context.Abort(); // no response at all: the client sees the connection reset
                return;
            case "malformed":
                response = EmulatorResponse.Raw(200, rule.Body ?? MalformedJson, rule.ContentType);
                break;
            case "redirect":
                var location = rule.Location ?? "http://example.invalid" + context.Request.Path + context.Request.QueryString;
                response = new EmulatorResponse(307, null, null) { Headers = { ["Location"] = location } };
                break;
            default: // status
                var status = rule.Status ?? 500;
                response = rule.Body is not null ? EmulatorResponse.Raw(status, rule.Body, rule.ContentType) : EmulatorResponse.ForStatus(status);
                break;
        }
        if (rule.RetryAfterValue(DateTime.UtcNow) is { } retryAfter)
        {
            response.Headers["Retry-After"] = retryAfter;
        }
        await SendAsync(context, response, state, entry).ConfigureAwait(false);
    }

    private static async Task SendAsync(HttpContext context, EmulatorResponse response, EmulatorState state, LoggedRequest entry)
    {
        var http = context.Response;
        http.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            http.Headers[name] = value;
        }
        state.Requests.SetStatus(entry, response.Status);
        if (response.Body is { } bytes)
        {
            http.ContentType = response.ContentType;
            http.ContentLength = bytes.Length;
            await http.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }
        else if (response.Status != 204)
        {
            http.ContentLength = 0;
        }
    }

    internal static async Task<string?> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        return body.Length == 0 ? null : body;
    }

    private static Dictionary<string, string> LoggedHeaders(HttpRequest request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            var value = values.ToString();
            headers[name] = name.EndsWith("Authorization", StringComparison.OrdinalIgnoreCase)
                ? RequestLog.MaskAuthorization(value)
                : value;
        }
        return headers;
    }
}
