using System.Text.Json.Serialization;

namespace SignalWire.Emulator;

/// <summary>One API request as the emulator saw it (control requests are not logged).</summary>
public sealed class LoggedRequest
{
    public long Seq { get; init; }

    /// <summary>Arrival time, ISO-8601 UTC with milliseconds.</summary>
    public string Time { get; init; } = "";

    public string Method { get; init; } = "";

    public string Path { get; init; } = "";

    /// <summary>The query string without the leading '?', "" when none.</summary>
    public string Query { get; init; } = "";

    public string? Body { get; init; }

    /// <summary>Request headers; Authorization is masked to its scheme plus "****".</summary>
    public Dictionary<string, string> Headers { get; init; } = [];

    /// <summary>The status sent; 0 while in flight or when the connection was dropped.</summary>
    public int Status { get; set; }

    /// <summary>
    /// How many API requests with this method the emulator was serving when this one arrived, itself included: the most
    /// over a run is the most a client had in flight at once (a request counts from its arrival to its answer).
    /// </summary>
    public int InFlight { get; init; }

    /// <summary>The fault action(s) that fired, e.g. "drop" or "latency,status"; null when none.</summary>
    public string? Fault { get; set; }

    /// <summary>1 once <see cref="RequestLog.Completed"/> was raised for it.</summary>
    internal int CompletedFlag;

    [JsonIgnore]
    public bool Dropped => Fault?.Contains("drop", StringComparison.Ordinal) == true;
}

/// <summary>The request log, in arrival order. Capped so long benchmarks cannot exhaust memory.</summary>
public sealed class RequestLog
{
    public const int Capacity = 200_000;

    private readonly object _gate = new();
    private readonly Queue<LoggedRequest> _entries = new();
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private long _nextSeq = 1;

    public LoggedRequest Add(string method, string path, string query, string? body, Dictionary<string, string> headers)
    {
        lock (_gate)
        {
            var inFlight = _inFlight[method] = _inFlight.GetValueOrDefault(method) + 1;
            var entry = new LoggedRequest
            {
                Seq = _nextSeq++,
                Time = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                Method = method,
                Path = path,
                Query = query,
                Body = body,
                Headers = headers,
                InFlight = inFlight,
            };
            _entries.Enqueue(entry);
            if (_entries.Count > Capacity)
            {
                _entries.Dequeue();
            }
            return entry;
        }
    }

    /// <summary>The request has been answered (or dropped, or given up by its client): it is no longer in flight.</summary>
    public void Ended(LoggedRequest entry)
    {
        lock (_gate)
        {
            _inFlight[entry.Method]--;
        }
    }

    /// <summary>Records the outcome (0: no response) and completes the entry, before the response is sent.</summary>
    public void SetStatus(LoggedRequest entry, int status)
    {
        lock (_gate)
        {
            entry.Status = status;
        }
        Complete(entry);
    }

    public void NoteFault(LoggedRequest entry, string action)
    {
        lock (_gate)
        {
            entry.Fault = entry.Fault is null ? action : entry.Fault + "," + action;
        }
    }

    /// <summary>
    /// Raised once per request when its outcome is known: just before the response is sent, when the connection
    /// is dropped, or when the client gave up (e.g. for <see cref="RequestLogFile"/>).
    /// </summary>
    public event Action<LoggedRequest>? Completed;

    /// <summary>Raises <see cref="Completed"/> unless it was raised for this entry already.</summary>
    public void Complete(LoggedRequest entry)
    {
        if (Interlocked.Exchange(ref entry.CompletedFlag, 1) == 0)
        {
            Completed?.Invoke(entry);
        }
    }

    public IReadOnlyList<LoggedRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    /// <summary>"Basic abc==" → "Basic ****": the log must never hold credentials.</summary>
    public static string MaskAuthorization(string value)
    {
        var space = value.IndexOf(' ');
        return space > 0 ? value[..space] + " ****" : "****";
    }
}
