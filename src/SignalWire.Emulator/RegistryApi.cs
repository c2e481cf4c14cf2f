using System.Text.Json;

namespace SignalWire.Emulator;

/// <summary>
/// The 10DLC campaign registry, /api/relay/rest/registry/beta (specs/signalwire-rest/relay-rest/campaign-registry/main.tsp):
/// brands and their campaigns (read only here: creating them is a compliance form), a campaign's number assignments and
/// assignment orders, an order, and the removal of an assignment. Routed by <see cref="ApiRouter"/>.
/// </summary>
public sealed class RegistryApi(EmulatorState state)
{
    public const string Root = ApiRouter.RelayRestPath + "/registry/beta";

    private RegistryStore Store => state.Registry;


    // ---- brands and campaigns -------------------------------------------------------------------

    /// <summary>GET /brands: filter_name (a substring) and filter_state.</summary>
    public EmulatorResponse ListBrands(ApiRequest request)
    {
        var name = request.Query.GetValueOrDefault("filter_name");
        var filterState = request.Query.GetValueOrDefault("filter_state");
        return Page(request, Root + "/brands", Store.Brands(name, filterState), b => b.Ordinal, (b, w) => b.WriteJson(w),
            ("filter_name", name), ("filter_state", filterState));
    }

    public EmulatorResponse RetrieveBrand(string id) =>
        Store.Brand(id) is { } brand ? EmulatorResponse.Json(200, brand.WriteJson) : EmulatorResponse.NotFound();

    /// <summary>GET /brands/{id}/campaigns: 404 for an unknown brand.</summary>
    public EmulatorResponse ListCampaigns(ApiRequest request, string brandId)
    {
        if (Store.Brand(brandId) is null)
        {
            return EmulatorResponse.NotFound();
        }
        var name = request.Query.GetValueOrDefault("filter_name");
        var filterState = request.Query.GetValueOrDefault("filter_state");
        return Page(request, $"{Root}/brands/{brandId}/campaigns", Store.CampaignsOf(brandId, name, filterState), c => c.Ordinal,
            (c, w) => c.WriteJson(w), ("filter_name", name), ("filter_state", filterState));
    }

    public EmulatorResponse RetrieveCampaign(string id) =>
        Store.Campaign(id) is { } campaign ? EmulatorResponse.Json(200, campaign.WriteJson) : EmulatorResponse.NotFound();

    // ---- assignments and orders -----------------------------------------------------------------

    /// <summary>GET /campaigns/{id}/numbers: filter_state.</summary>
    public EmulatorResponse ListNumbers(ApiRequest request, string campaignId)
    {
        if (Store.Campaign(campaignId) is null)
        {
            return EmulatorResponse.NotFound();
        }
        var filterState = request.Query.GetValueOrDefault("filter_state");
        return Page(request, $"{Root}/campaigns/{campaignId}/numbers", Store.AssignmentsOf(campaignId, filterState), a => a.Ordinal,
            (a, w) => a.WriteJson(w), ("filter_state", filterState));
    }

    /// <summary>GET /campaigns/{id}/orders: filter_state.</summary>
    public EmulatorResponse ListOrders(ApiRequest request, string campaignId)
    {
        if (Store.Campaign(campaignId) is null)
        {
            return EmulatorResponse.NotFound();
        }
        var filterState = request.Query.GetValueOrDefault("filter_state");
        return Page(request, $"{Root}/campaigns/{campaignId}/orders", Store.OrdersOf(campaignId, filterState), o => o.Ordinal,
            (o, w) => o.WriteJson(w), ("filter_state", filterState));
    }

    public EmulatorResponse RetrieveOrder(string id) =>
        Store.Order(id) is { } order ? EmulatorResponse.Json(200, order.WriteJson) : EmulatorResponse.NotFound();

    /// <summary>
    /// POST /campaigns/{id}/orders {phone_numbers: [E.164], status_callback_url?}: 200 with the pending order (create_order
    /// answers 200, not 201). The order is all or nothing: any number that cannot be assigned refuses it with the spec's
    /// ValidationError (422, {"errors":[{detail, status, title, code}]}), one error per number, the code from the vendor's
    /// error-code list (already_assigned, not_available_for_assignment, not_e164, campaign_not_active, campaign_inactive,
    /// number_of_assignments_exceed_limit, missing_required_parameter). Each assignment is created pending at once, so
    /// the number is held; after <see cref="EmulatorState.RegistryOrderDelayMs"/> the order is processed and its
    /// assignments completed, or failed for a toll-free number ("The Campaign Registry only applies to 10DLC/local numbers").
    /// </summary>
    public EmulatorResponse CreateOrder(string campaignId, string? body)
    {
        RegistryOrder order;
        lock (Store.Gate)
        {
            if (Store.Campaign(campaignId) is not { } campaign)
            {
                return EmulatorResponse.NotFound();
            }
            if (JsonBody.ParseObject(body) is not { } root)
            {
                return EmulatorResponse.Invalid([("The body must be a JSON object with phone_numbers.", "invalid_parameter")]);
            }
            var errors = new List<(string Detail, string Code)>();
            string? callback = null;
            if (root.TryGetProperty("status_callback_url", out var callbackElement) && callbackElement.ValueKind != JsonValueKind.Null)
            {
                callback = callbackElement.ValueKind == JsonValueKind.String ? callbackElement.GetString() : null;
                if (callback is null || !Uri.TryCreate(callback, UriKind.Absolute, out _))
                {
                    errors.Add(("status_callback_url must be a URL.", "invalid_parameter"));
                }
            }
            var texts = new List<string>();
            if (!root.TryGetProperty("phone_numbers", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                errors.Add(("phone_numbers: The passed value is blank or empty, but it is required.", "missing_required_parameter"));
            }
            else
            {
                foreach (var item in list.EnumerateArray())
                {
                    var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText();
                    if (item.ValueKind != JsonValueKind.String || !PhoneNumberStore.IsE164(text))
                    {
                        errors.Add(($"{text}: The phone number is not in E.164 format.", "not_e164"));
                    }
                    else if (!texts.Contains(text))
                    {
                        texts.Add(text);
                    }
                }
            }
            if (campaign.State == "inactive")
            {
                errors.Add(("Numbers cannot be assigned to an inactive campaign", "campaign_inactive"));
            }
            else if (campaign.State != "active")
            {
                errors.Add(("Campaign must be active.", "campaign_not_active"));
            }
            var numbers = new List<EmulatedNumber>();
            foreach (var text in texts)
            {
                if (state.Numbers.GetByNumber(text) is not { } number)
                {
                    errors.Add(($"{text}: This can not be assigned to the current target.", "not_available_for_assignment"));
                }
                else if (Store.AssignmentOfNumber(text) is not null)
                {
                    errors.Add(($"{text}: This resource is already assigned.", "already_assigned"));
                }
                else
                {
                    numbers.Add(number);
                }
            }
            if (errors.Count == 0 && !campaign.NumberPoolingRequired
                && Store.CountOnCampaign(campaignId) + numbers.Count > Registry.NumbersWithoutPooling)
            {
                errors.Add(("The requested assignment would exceed the allowed number of assigned numbers for the selected campaign.",
                    "number_of_assignments_exceed_limit"));
            }
            if (errors.Count > 0)
            {
                return EmulatorResponse.Invalid(errors);
            }
            order = Store.AddOrder(campaignId, numbers, callback, DateTime.UtcNow);
        }
        var response = EmulatorResponse.Json(200, order.WriteJson); // serialized now: it says pending even when processed at once
        Schedule(order.Id);
        return response;
    }

    /// <summary>
    /// DELETE /numbers/{id}, the assignment's id (AssignedNumberPathID "Unique ID of the assigned number", the id of
    /// AssignedNumber): 204, 404 for an unknown id, and 422 number_assignment_cannot_be_removed for an assignment still
    /// pending on a campaign that is not ("Number assignments can only be removed if they are active, failed, or assigned
    /// to a pending campaign.").
    /// </summary>
    public EmulatorResponse DeleteAssignment(string id)
    {
        lock (Store.Gate)
        {
            if (Store.Assignment(id) is not { } assignment)
            {
                return EmulatorResponse.NotFound();
            }
            if (assignment.State == "pending" && Store.Campaign(assignment.CampaignId)?.State != "pending")
            {
                return EmulatorResponse.Invalid([(
                    "Number assignments can only be removed if they are active, failed, or assigned to a pending campaign.",
                    "number_assignment_cannot_be_removed")]);
            }
            Store.RemoveAssignment(id);
            return EmulatorResponse.NoContent();
        }
    }

    private void Schedule(string orderId)
    {
        var generation = Store.Generation;
        void Process()
        {
            lock (Store.Gate)
            {
                if (Store.Generation != generation)
                {
                    return;
                }
                Store.Process(orderId, a => state.Numbers.Get(a.PhoneNumberId)?["number_type"] == "toll-free" ? "failed" : "completed",
                    DateTime.UtcNow);
            }
        }
        var delay = state.RegistryOrderDelayMs;
        if (delay <= 0)
        {
            Process();
            return;
        }
        _ = Task.Delay(delay).ContinueWith(_ => Process(), TaskScheduler.Default);
    }

    /// <summary>
    /// One page of a registry list. The spec declares no paging query for these lists, only the shared links envelope
    /// (PaginationLinks: next "Only present when there are more results"), so a client follows links.next; the emulator
    /// pages as its other lists do (50 by default, page_size to change it).
    /// </summary>
    private EmulatorResponse Page<T>(ApiRequest request, string listPath, List<T> all, Func<T, long> ordinal, Action<T, Utf8JsonWriter> write,
        params (string Name, string? Value)[] filters)
    {
        var walk = listPath + "\u0000" + string.Join("\u0000", filters.Select(f => f.Value));
        var errors = new List<string>();
        var page = ListPaging.Read(request.Query, walk, "these filters", errors);
        if (page is null)
        {
            return EmulatorResponse.Invalid(errors);
        }
        var slice = ListPaging.Slice(all, ordinal, page.Cursor, page.PageSize);
        var root = state.AbsoluteLinks ? request.BaseUrl : "";
        string Link(int pageNumber, long cursor) => ListPaging.Link(root, listPath, walk, pageNumber, page.PageSize, cursor, filters);
        return EmulatorResponse.Json(200, w => ListPaging.WritePage(w, page, slice, Link, ordinal, write));
    }
}
