using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SignalWire.Emulator;

/// <summary>
/// One injected fault. JSON uses snake_case (e.g. <c>retry_after</c>); the command line uses the
/// short form <c>key=value,key=value</c> (see <see cref="Parse"/>).
/// </summary>
public sealed class FaultRule
{
    public static readonly IReadOnlySet<string> Actions =
        new HashSet<string>(["status", "drop", "malformed", "latency", "redirect"], StringComparer.Ordinal);

    /// <summary>status | drop | malformed | latency | redirect.</summary>
    public string Action { get; set; } = "status";

    /// <summary>For action=status: the status code to send (default 500).</summary>
    public int? Status { get; set; }

    /// <summary>Sent verbatim as Retry-After, or "date+N" for an HTTP-date N seconds from now.</summary>
    public string? RetryAfter { get; set; }

    /// <summary>Raw body to send instead of the default one.</summary>
    public string? Body { get; set; }

    public string? ContentType { get; set; }

    /// <summary>Only requests with this method (case-insensitive).</summary>
    public string? Method { get; set; }

    /// <summary>Only requests for this phone number id.</summary>
    public string? Id { get; set; }

    /// <summary>Only requests whose path contains this.</summary>
    public string? Path { get; set; }

    /// <summary>Fire at most this many times, then the rule is spent.</summary>
    public int? Times { get; set; }

    /// <summary>Fire on every Nth matching request.</summary>
    public int? Every { get; set; }

    /// <summary>Fire with this probability (0..1), drawn from a Random seeded by <see cref="Seed"/>.</summary>
    public double? Probability { get; set; }

    public int? Seed { get; set; }

    /// <summary>For action=latency: the delay to add.</summary>
    public int? LatencyMs { get; set; }

    /// <summary>"before" (default: the fault replaces the operation) or "after" (applied, then faulted).</summary>
    public string? When { get; set; }

    /// <summary>For action=redirect: the Location of the 307.</summary>
    public string? Location { get; set; }

    /// <summary>How many requests matched the filters so far (read-only, reported by GET /__emulator/faults).</summary>
    public int Matched { get; set; }

    /// <summary>How many times the rule fired so far.</summary>
    public int Fired { get; set; }

    [JsonIgnore]
    public bool IsAfter => string.Equals(When, "after", StringComparison.OrdinalIgnoreCase);

    [JsonIgnore]
    internal Random? Random { get; set; }

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        PropertyNameCaseInsensitive = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Throws <see cref="FormatException"/> when the rule cannot work.</summary>
    public void Validate()
    {
        if (!Actions.Contains(Action))
        {
            throw new FormatException($"action must be one of {string.Join(", ", Actions)}, not '{Action}'.");
        }
        if (Status is { } s && (s < 400 || s > 599))
        {
            throw new FormatException($"status must be a 4xx or 5xx code, not {s}.");
        }
        if (When is not null && When is not ("before" or "after"))
        {
            throw new FormatException($"when must be 'before' or 'after', not '{When}'.");
        }
        if (Every is <= 0 || Times is < 0 || LatencyMs is < 0 || Probability is < 0 or > 1)
        {
            throw new FormatException("every must be positive; times and latency_ms not negative; probability within 0..1.");
        }
        if (RetryAfter is { } r && r.StartsWith("date+", StringComparison.Ordinal)
            && !int.TryParse(r[5..], NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException($"retry_after '{r}' must be seconds, an HTTP date or date+N.");
        }
    }

    /// <summary>The Retry-After value to send now, if any.</summary>
    public string? RetryAfterValue(DateTime now) =>
        RetryAfter is { } r && r.StartsWith("date+", StringComparison.Ordinal)
            ? now.AddSeconds(int.Parse(r[5..], CultureInfo.InvariantCulture)).ToString("R", CultureInfo.InvariantCulture)
            : RetryAfter;

    /// <summary>Parses the short form, e.g. <c>action=status,status=503,times=2,method=PUT</c>.
    /// A <c>body=</c> key takes the rest of the text, commas included, so put it last.</summary>
    public static FaultRule Parse(string spec)
    {
        var fields = new Dictionary<string, object>(StringComparer.Ordinal);
        var rest = spec;
        while (rest.Length > 0)
        {
            var eq = rest.IndexOf('=');
            if (eq <= 0)
            {
                throw new FormatException($"Fault spec '{spec}': expected key=value.");
            }
            var key = rest[..eq].Trim().Replace('-', '_').ToLowerInvariant();
            rest = rest[(eq + 1)..];
            string value;
            var comma = key == "body" ? -1 : rest.IndexOf(',');
            if (comma < 0)
            {
                value = rest;
                rest = "";
            }
            else
            {
                value = rest[..comma];
                rest = rest[(comma + 1)..];
            }
            fields[key] = value;
        }
        var json = JsonSerializer.Serialize(fields);
        var rule = FromJson(json);
        return rule;
    }

    public static FaultRule FromJson(string json)
    {
        FaultRule? rule;
        try
        {
            rule = JsonSerializer.Deserialize<FaultRule>(json, Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Invalid fault rule: {e.Message}", e);
        }
        if (rule is null)
        {
            throw new FormatException("A fault rule must be a JSON object.");
        }
        rule.Validate();
        return rule;
    }
}

/// <summary>The active fault rules, evaluated in order; the first matching rule that fires wins.</summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<FaultRule> _rules = [];

    /// <summary>Seed for rules with a probability but no seed of their own: runs are reproducible.</summary>
    public const int DefaultSeed = 20250603;

    public void Add(FaultRule rule)
    {
        rule.Validate();
        lock (_gate)
        {
            rule.Random = new Random(rule.Seed ?? DefaultSeed);
            _rules.Add(rule);
        }
    }

    public void AddRange(IEnumerable<FaultRule> rules)
    {
        foreach (var rule in rules)
        {
            Add(rule);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    public IReadOnlyList<FaultRule> Snapshot()
    {
        lock (_gate)
        {
            return [.. _rules];
        }
    }

    /// <summary>The rule that fires for this request at this stage, or null. Counts matches and firings.</summary>
    public FaultRule? Next(string method, string path, string? numberId, bool after)
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if (rule.IsAfter != after
                    || (rule.Method is not null && !rule.Method.Equals(method, StringComparison.OrdinalIgnoreCase))
                    || (rule.Id is not null && !rule.Id.Equals(numberId, StringComparison.OrdinalIgnoreCase))
                    || (rule.Path is not null && !path.Contains(rule.Path, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }
                if (rule.Times is { } times && rule.Fired >= times)
                {
                    continue; // spent
                }
                rule.Matched++;
                if (rule.Every is { } every && rule.Matched % every != 0)
                {
                    continue;
                }
                if (rule.Probability is { } p && rule.Random!.NextDouble() >= p)
                {
                    continue;
                }
                rule.Fired++;
                return rule;
            }
            return null;
        }
    }
}
