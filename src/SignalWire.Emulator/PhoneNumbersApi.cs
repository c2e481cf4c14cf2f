using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SignalWire.Emulator;

/// <summary>A request to the API, reduced to what the handlers need.</summary>
public sealed record ApiRequest(
    string Method, string Path, IReadOnlyDictionary<string, string> Query, string? Body,
    string? Authorization, string BaseUrl);

/// <summary>
/// The /api/relay/rest/phone_numbers endpoints, per the contract
/// (the vendor's published phone-numbers API). Pure request → response, no I/O.
/// </summary>
public sealed partial class PhoneNumbersApi(EmulatorState state)
{
    public const string BasePath = "/api/relay/rest";
    private const string ListPath = BasePath + "/phone_numbers";

    private static readonly string[] CallHandlers =
    [
        "relay_context", "relay_topic", "relay_script", "relay_application", "relay_connector",
        "relay_sip_endpoint", "relay_verto_endpoint", "laml_webhooks", "laml_application",
        "dialogflow", "video_room",
    ];
    private static readonly string[] MessageHandlers =
        ["relay_context", "relay_topic", "relay_application", "laml_webhooks", "laml_application"];
    private static readonly string[] ReceiveModes = ["voice", "fax"];
    private static readonly string[] Methods = ["GET", "POST"];

    private readonly AddressesApi addresses = new(state);

    /// <summary>The phone number id a path addresses (for fault filters), or null.</summary>
    public static string? NumberIdOf(string path)
    {
        var segments = Segments(path);
        return segments is ["phone_numbers", var id, ..] && id != "search" ? id : null;
    }

    /// <summary>Whether the request counts against the write rate limit.</summary>
    public static bool IsWrite(string method) => method is "POST" or "PUT" or "PATCH";

    public EmulatorResponse Handle(ApiRequest request)
    {
        if (!IsAuthorized(request.Authorization))
        {
            return EmulatorResponse.Unauthorized();
        }
        if (IsWrite(request.Method) && !state.RateLimiter.TryAcquire(DateTime.UtcNow, out var wait))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            return EmulatorResponse.Error(429, "Too Many Requests") with
            {
                Headers = new() { ["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture) },
            };
        }
        return (request.Method, Segments(request.Path)) switch
        {
            ("GET", ["phone_numbers"]) => List(request),
            ("POST", ["phone_numbers"]) => Purchase(request.Body),
            ("GET", ["phone_numbers", "search"]) => Search(request.Query),
            ("GET", ["phone_numbers", var id]) => Retrieve(id),
            ("PUT", ["phone_numbers", var id]) => Update(id, request.Body),
            ("DELETE", ["phone_numbers", var id]) => Release(id),
            ("POST", ["phone_numbers", var id, "e911_address"]) => addresses.AssignE911(id, request.Body),
            ("DELETE", ["phone_numbers", var id, "e911_address"]) => addresses.RemoveE911(id),
            ("GET", ["addresses"]) => addresses.List(request),
            ("POST", ["addresses"]) => addresses.Create(request.Body),
            ("GET", ["addresses", var id]) => addresses.Retrieve(id),
            ("PUT", ["addresses", var id]) => addresses.Update(id, request.Body),
            ("DELETE", ["addresses", var id]) => addresses.Delete(id),
            (_, ["phone_numbers"] or ["phone_numbers", _] or ["phone_numbers", _, "e911_address"] or ["addresses"] or ["addresses", _]) =>
                EmulatorResponse.Error(405, "Method Not Allowed"),
            _ => EmulatorResponse.NotFound(),
        };
    }

    /// <summary>Path segments below /api/relay/rest, or an empty array for other paths.</summary>
    private static string[] Segments(string path)
    {
        if (!path.StartsWith(BasePath + "/", StringComparison.Ordinal))
        {
            return [];
        }
        return path[(BasePath.Length + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries);
    }

    private bool IsAuthorized(string? header)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            return decoded == state.ProjectId + ":" + state.Token;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // ---- list -------------------------------------------------------------------------------

    private EmulatorResponse List(ApiRequest request)
    {
        var filter = new NumberFilter(request.Query.GetValueOrDefault("filter_name"), request.Query.GetValueOrDefault("filter_number"));
        var walk = filter.Name + "\u0000" + filter.Number;
        var page = ListPaging.Read(request.Query, walk, "these filters", []);
        if (page is null)
        {
            // The list answers a bad query with 400, the only 4xx besides 401 its spec declares (phone-numbers/main.tsp).
            return EmulatorResponse.BadRequest();
        }

        var (items, hasMore) = state.Numbers.Page(filter, page.Cursor, page.PageSize);
        // Paths from the root by default, as the vendor's Paging page shows them; absolute URLs on request.
        var root = state.AbsoluteLinks ? request.BaseUrl : "";
        string Link(int pageNumber, long cursor) => ListPaging.Link(root, ListPath, walk, pageNumber, page.PageSize, cursor,
            ("filter_name", filter.Name), ("filter_number", filter.Number));
        return EmulatorResponse.Json(200, w => ListPaging.WritePage(w, page, items, hasMore, Link, number => number.Ordinal,
            () => state.Numbers.PreviousCursor(filter, page.Cursor, page.PageSize), (number, writer) => number.WriteJson(writer)));
    }

    // ---- one number -------------------------------------------------------------------------

    private EmulatorResponse Retrieve(string id) =>
        state.Numbers.Get(id) is { } number ? EmulatorResponse.Number(number) : EmulatorResponse.NotFound();

    private EmulatorResponse Release(string id) =>
        state.Numbers.Remove(id) ? EmulatorResponse.NoContent() : EmulatorResponse.NotFound();

    private EmulatorResponse Update(string id, string? body)
    {
        if (state.Numbers.Get(id) is null)
        {
            return EmulatorResponse.NotFound();
        }
        if (ParseObject(body) is not { } root)
        {
            // The update declares no 400, only 422 (phone-numbers/main.tsp): an unreadable body fails validation.
            return EmulatorResponse.Invalid("The body must be a JSON object of the fields to update.");
        }
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var property in root.EnumerateObject())
        {
            var field = property.Name;
            if (!EmulatedNumber.UpdatableFields.Contains(field))
            {
                continue; // unknown fields are ignored, as the server may grow new ones
            }
            if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                errors.Add($"{field} must be a string or null.");
                continue;
            }
            var value = property.Value.GetString();
            if (!string.IsNullOrEmpty(value) && Check(field, value) is { } error)
            {
                errors.Add(error);
                continue;
            }
            changes[field] = value;
        }
        if (errors.Count > 0)
        {
            return EmulatorResponse.Invalid(errors);
        }
        return state.Numbers.Update(id, changes, DateTime.UtcNow) is { } updated
            ? EmulatorResponse.Number(updated)
            : EmulatorResponse.NotFound();
    }

    /// <summary>The 422 detail for a value the contract does not allow, or null when it is fine.</summary>
    private static string? Check(string field, string value)
    {
        string[]? allowed = field switch
        {
            "call_handler" => CallHandlers,
            "message_handler" => MessageHandlers,
            "call_receive_mode" => ReceiveModes,
            _ when field.EndsWith("_method", StringComparison.Ordinal) => Methods,
            _ => null,
        };
        if (allowed is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            return $"{field} '{value}' is not valid. Allowed values: {string.Join(", ", allowed)}.";
        }
        if (field == "call_video_room_id" && !Guid.TryParseExact(value, "D", out _))
        {
            return $"call_video_room_id '{value}' is not valid. It must be a UUID.";
        }
        return null;
    }

    private EmulatorResponse Purchase(string? body)
    {
        if (ParseObject(body) is not { } root)
        {
            return EmulatorResponse.BadRequest();
        }
        if (!root.TryGetProperty("number", out var numberElement)
            || numberElement.ValueKind != JsonValueKind.String
            || !UsNumber().IsMatch(numberElement.GetString()!))
        {
            return EmulatorResponse.Invalid("number must be a US number in E.164 format, such as +15551234567.");
        }
        var e164 = numberElement.GetString()!;
        return state.Numbers.Add(e164, DateTime.UtcNow) is { } added
            ? EmulatorResponse.Number(added)
            : EmulatorResponse.Invalid($"number {e164} is already in this project.");
    }

    /// <summary>The root of a JSON object body, or null when the body is not a JSON object.</summary>
    private static JsonElement? ParseObject(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^\+1[0-9]{10}$")]
    private static partial Regex UsNumber();

    // ---- search -----------------------------------------------------------------------------

    private EmulatorResponse Search(IReadOnlyDictionary<string, string> query)
    {
        var (search, errors) = AvailableNumberSearch.FromQuery(query);
        if (search is null)
        {
            return EmulatorResponse.Invalid(errors);
        }
        var found = search.Find(state.Numbers.ContainsNumber);
        var spec = state.SearchShape == SearchShapes.Spec;
        return EmulatorResponse.Json(200, w =>
        {
            w.WriteStartObject();
            if (!spec)
            {
                w.WriteStartObject("links"); // the capture's empty links
                w.WriteEndObject();
            }
            // links and data are both optional in the spec: with nothing found, the spec shape sends neither.
            if (!spec || found.Count > 0)
            {
                w.WriteStartArray("data");
                foreach (var item in found)
                {
                    if (spec)
                    {
                        item.WriteSpecJson(w);
                    }
                    else
                    {
                        item.WriteJson(w);
                    }
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        });
    }
}

