using System.Text.Json;
using System.Text.RegularExpressions;

namespace SignalWire.Emulator;

/// <summary>
/// The /api/relay/rest/phone_numbers endpoints, per the contract (the vendor's published phone-numbers API): list, search,
/// purchase, retrieve, update and release. Routed by <see cref="ApiRouter"/>, which has already checked the credentials
/// and the write rate limit. Pure request → response, no I/O.
/// </summary>
public sealed partial class PhoneNumbersApi(EmulatorState state)
{
    private const string ListPath = ApiRouter.RelayRestPath + "/phone_numbers";

    // The REST spec's update enum (PhoneNumberCallHandlerRequest in phone-numbers/models/core.tsp) leaves out ai_agent and
    // call_flow, which the SDKs' update sends (the Python SDK's relay_rest_types_generated.py): both are taken.
    // fabric_subscriber, sip_gateway and call_queue are read, never set by this update.
    private static readonly string[] CallHandlers =
    [
        "relay_context", "relay_topic", "relay_script", "relay_application", "relay_connector",
        "relay_sip_endpoint", "relay_verto_endpoint", "laml_webhooks", "laml_application",
        "dialogflow", "video_room", "ai_agent", "call_flow",
    ];
    private static readonly string[] CallFlowVersions = ["working_copy", "current_deployed"];
    private static readonly string[] MessageHandlers =
        ["relay_context", "relay_topic", "relay_application", "laml_webhooks", "laml_application"];
    private static readonly string[] ReceiveModes = ["voice", "fax"];
    private static readonly string[] Methods = ["GET", "POST"];

    // ---- list -------------------------------------------------------------------------------

    public EmulatorResponse List(ApiRequest request)
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

    public EmulatorResponse Retrieve(string id) =>
        state.Numbers.Get(id) is { } number ? EmulatorResponse.Number(number) : EmulatorResponse.NotFound();

    public EmulatorResponse Release(string id)
    {
        if (!state.Numbers.Remove(id))
        {
            return EmulatorResponse.NotFound();
        }
        state.Registry.ForgetNumber(id); // a released number leaves its 10DLC campaign with the project
        return EmulatorResponse.NoContent();
    }

    public EmulatorResponse Update(string id, string? body)
    {
        if (state.Numbers.Get(id) is not { } current)
        {
            return EmulatorResponse.NotFound();
        }
        if (JsonBody.ParseObject(body) is not { } root)
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
        if (errors.Count == 0)
        {
            RouteToResources(current, changes, errors);
        }
        if (errors.Count > 0)
        {
            return EmulatorResponse.Invalid(errors);
        }
        return state.Numbers.Update(id, changes, DateTime.UtcNow) is { } updated
            ? EmulatorResponse.Number(updated)
            : EmulatorResponse.NotFound();
    }

    /// <summary>
    /// The update's fields that name a Fabric resource, the type it must be, and the handler that needs it ("Required when
    /// call_handler is ai_agent", and call_flow, in relay-rest/sip-endpoints/models/requests.tsp, whose request carries the
    /// same fields as the SDKs' phone-number update).
    /// </summary>
    private static readonly (string Field, string Type, string Handler, string Named)[] ResourceTargets =
    [
        ("call_ai_agent_id", "ai_agent", "ai_agent", "an AI agent"),
        ("call_flow_id", "call_flow", "call_flow", "a call flow"),
    ];

    /// <summary>
    /// Checks the AI-agent and call-flow targets of an update and sets calling_handler_resource_id as the service derives
    /// it: the resource the target designates. No vendor source says whether call_ai_agent_id takes the resource's id or
    /// the id inside its object (ai_agent.agent_id; call_flow.id for call_flow_id): the SDKs call it the "Fabric resource
    /// ID" while the Python SDK names the parameter agent_id, so both are taken, and the number records the resource's id
    /// either way. An id that designates no resource of the type is refused with the update's 422 naming the field. A
    /// number moved to another handler loses its calling_handler_resource_id: this emulator does not make the resources
    /// the service derives from the other handlers' URLs and ids.
    /// </summary>
    private void RouteToResources(EmulatedNumber current, Dictionary<string, string?> changes, List<string> errors)
    {
        var handlerGiven = changes.TryGetValue("call_handler", out var handler);
        handler = handlerGiven ? NullIfEmpty(handler) : current["call_handler"];
        var routed = false;
        foreach (var (field, type, target, named) in ResourceTargets)
        {
            FabricResource? resource = null;
            if (changes.TryGetValue(field, out var given) && !string.IsNullOrEmpty(given))
            {
                resource = state.Resources.Find(type, given);
                if (resource is null)
                {
                    errors.Add($"{field} '{given}' is not valid. It must be the id of {named} of this project.");
                    continue;
                }
            }
            if (handler != target)
            {
                continue; // stored for later, like any field of another handler
            }
            if (resource is null && current["call_handler"] != target)
            {
                errors.Add($"{field} is required when call_handler is {target}.");
                continue;
            }
            routed = true;
            if (resource is not null)
            {
                changes["calling_handler_resource_id"] = resource.Id;
            }
        }
        if (!routed && handlerGiven && handler != current["call_handler"])
        {
            changes["calling_handler_resource_id"] = null;
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The 422 detail for a value the contract does not allow, or null when it is fine.</summary>
    private static string? Check(string field, string value)
    {
        string[]? allowed = field switch
        {
            "call_handler" => CallHandlers,
            "message_handler" => MessageHandlers,
            "call_receive_mode" => ReceiveModes,
            "call_flow_version" => CallFlowVersions,
            _ when field.EndsWith("_method", StringComparison.Ordinal) => Methods,
            _ => null,
        };
        if (allowed is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            return $"{field} '{value}' is not valid. Allowed values: {string.Join(", ", allowed)}.";
        }
        if (field is "call_video_room_id" or "call_ai_agent_id" or "call_flow_id" && !Guid.TryParseExact(value, "D", out _))
        {
            return $"{field} '{value}' is not valid. It must be a UUID.";
        }
        return null;
    }

    public EmulatorResponse Purchase(string? body)
    {
        if (JsonBody.ParseObject(body) is not { } root)
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

    [GeneratedRegex(@"^\+1[0-9]{10}$")]
    private static partial Regex UsNumber();

    // ---- search -----------------------------------------------------------------------------

    public EmulatorResponse Search(IReadOnlyDictionary<string, string> query)
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

