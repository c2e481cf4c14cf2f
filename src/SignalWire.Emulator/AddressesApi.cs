using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SignalWire.Emulator;

/// <summary>
/// The E911 endpoints: /api/relay/rest/addresses (relay-rest/addresses/main.tsp) and the assignment of an address to a
/// number, /api/relay/rest/phone_numbers/{id}/e911_address (relay-rest/phone-numbers/main.tsp, assign_e911_address and
/// remove_e911_address). Routed by <see cref="ApiRouter"/>, which has already checked the credentials and
/// the write rate limit.
/// </summary>
public sealed class AddressesApi(EmulatorState state)
{
    private const string ListPath = ApiRouter.RelayRestPath + "/addresses";

    /// <summary>The emergency network's limit on the caller name (the address label), per assign_e911_address.</summary>
    public const int CallerNameLength = 32;

    private static readonly string[] RequiredFields =
        ["label", "country", "first_name", "last_name", "street_number", "street_name", "city", "state", "postal_code"];

    // The request fields with @maxLength(250) in addresses/models/requests.tsp.
    private static readonly HashSet<string> LimitedFields =
        ["label", "first_name", "last_name", "street_number", "street_name", "city", "postal_code"];

    private AddressStore Store => state.Addresses;

    // ---- list ---------------------------------------------------------------------------------

    public EmulatorResponse List(ApiRequest request)
    {
        var label = request.Query.GetValueOrDefault("filter_label");
        // The address list's own walks: a phone-number list's token never reads here.
        var walk = "addresses\u0000" + label;
        var errors = new List<string>();
        var page = ListPaging.Read(request.Query, walk, "filter_label", errors);
        if (page is null)
        {
            return EmulatorResponse.Invalid(errors);
        }

        var slice = Store.Page(label, page.Cursor, page.PageSize);
        // Paths from the root of the space, as the vendor's Paging page (fern/products/apis/pages/core/paging.mdx) shows
        // every link, or absolute URLs when the emulator is set so (--links absolute), like the phone-number list.
        var root = state.AbsoluteLinks ? request.BaseUrl : "";
        string Link(int pageNumber, long cursor) => ListPaging.Link(root, ListPath, walk, pageNumber, page.PageSize, cursor, ("filter_label", label));
        return EmulatorResponse.Json(200, w => ListPaging.WritePage(w, page, slice, Link, address => address.Ordinal,
            (address, writer) => address.WriteJson(writer)));
    }

    // ---- one address --------------------------------------------------------------------------

    public EmulatorResponse Retrieve(string id) =>
        Store.Get(id) is { } address ? Address(address) : EmulatorResponse.NotFound();

    public EmulatorResponse Create(string? body)
    {
        var (address, refusal) = Read(body, previous: null);
        return refusal ?? Address(Store.Add(address!));
    }

    /// <summary>PUT replaces the whole address: fields left out of the body take their defaults (null, false).</summary>
    public EmulatorResponse Update(string id, string? body)
    {
        if (Store.Get(id) is not { } current)
        {
            return EmulatorResponse.NotFound();
        }
        var (address, refusal) = Read(body, current);
        if (refusal is not null)
        {
            return refusal;
        }
        return Store.Replace(id, address!) is { } replaced ? Address(replaced) : EmulatorResponse.NotFound();
    }

    /// <summary>
    /// 204, or 400 while a number still uses the address (its e911_address_id, also while pending_removal: the spec says
    /// the address "remains associated until the carrier confirms removal"). The spec lists 400 among delete_address's
    /// answers without saying when; an address in use is this emulator's reading of it.
    /// </summary>
    public EmulatorResponse Delete(string id)
    {
        lock (Store.Gate)
        {
            if (Store.Get(id) is null)
            {
                return EmulatorResponse.NotFound();
            }
            if (state.Numbers.AllNewestFirst().Any(n => string.Equals(n["e911_address_id"], id, StringComparison.OrdinalIgnoreCase)))
            {
                return EmulatorResponse.BadRequest();
            }
            Store.Remove(id);
            return EmulatorResponse.NoContent();
        }
    }

    private static EmulatorResponse Address(EmergencyAddress address) => EmulatorResponse.Json(200, address.WriteJson);

    /// <summary>The address a create or update body describes, validated, or the 400/422 that refuses it.</summary>
    private static (EmergencyAddress? Address, EmulatorResponse? Refusal) Read(string? body, EmergencyAddress? previous)
    {
        if (JsonBody.ParseObject(body) is not { } root)
        {
            return (null, EmulatorResponse.BadRequest());
        }
        var errors = new List<string>();
        var text = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in RequiredFields)
        {
            if (!root.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                errors.Add($"{Humanize(field)} can't be blank");
                continue;
            }
            text[field] = value.GetString()!;
            if (LimitedFields.Contains(field) && text[field].Length > 250)
            {
                errors.Add($"{Humanize(field)} is too long (maximum is 250 characters)");
            }
        }
        if (text.TryGetValue("country", out var country) && !(country.Length == 2 && country.All(char.IsAsciiLetter)))
        {
            errors.Add($"Country '{country}' is not an ISO 3166 alpha-2 code");
        }
        var addressType = OptionalText(root, "address_type", errors);
        if (addressType is not null && !EmergencyAddress.AddressTypes.Contains(addressType, StringComparer.Ordinal))
        {
            errors.Add($"Address type '{addressType}' is not valid. Allowed values: {string.Join(", ", EmergencyAddress.AddressTypes)}");
        }
        var addressNumber = OptionalText(root, "address_number", errors);
        var emergencyEnabled = OptionalBoolean(root, "emergency_enabled", false, errors);
        var autoCorrect = OptionalBoolean(root, "auto_correct_address", true, errors);
        if (errors.Count > 0)
        {
            return (null, EmulatorResponse.Invalid(errors));
        }

        var address = new EmergencyAddress
        {
            Label = text["label"],
            Country = country!,
            FirstName = text["first_name"],
            LastName = text["last_name"],
            StreetNumber = text["street_number"],
            StreetName = text["street_name"],
            AddressType = addressType,
            AddressNumber = addressNumber,
            City = text["city"],
            State = text["state"],
            PostalCode = text["postal_code"],
            ValidatedAt = previous?.ValidatedAt, // the last successful validation, until a new one
        };
        // Carrier validation applies to US addresses only; elsewhere the flag is ignored and returned false.
        if (!emergencyEnabled || !string.Equals(country, "US", StringComparison.OrdinalIgnoreCase))
        {
            return (address, null);
        }
        var outcome = Carrier.Check(Street(address), autoCorrect);
        if (!outcome.Valid)
        {
            return (null, CarrierRefusal(outcome));
        }
        var stored = outcome.Correction ?? Street(address);
        return (address with
        {
            StreetNumber = stored.StreetNumber,
            StreetName = stored.StreetName,
            City = stored.City,
            State = stored.State,
            PostalCode = stored.PostalCode,
            EmergencyEnabled = true,
            Validated = true,
            ValidatedAt = EmulatedNumber.FormatDate(DateTime.UtcNow),
        }, null);
    }

    private static CarrierCandidate Street(EmergencyAddress a) => new(a.StreetNumber, a.StreetName, a.City, a.State, a.PostalCode);

    /// <summary>
    /// The spec's AddressValidationError: `errors` (a refused outcome always has its error), plus `candidates` only when
    /// the carrier suggested some.
    /// </summary>
    private static EmulatorResponse CarrierRefusal(Carrier.Outcome outcome) => EmulatorResponse.Json(422, w =>
    {
        w.WriteStartObject();
        EmulatorResponse.WriteInvalidErrors(w, [(outcome.Error!, "422")]);
        if (outcome.Candidates.Count > 0)
        {
            w.WriteStartArray("candidates");
            foreach (var candidate in outcome.Candidates)
            {
                candidate.WriteJson(w);
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    });

    private static string? OptionalText(JsonElement root, string field, List<string> errors)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{Humanize(field)} must be a string");
            return null;
        }
        return string.IsNullOrEmpty(value.GetString()) ? null : value.GetString();
    }

    private static bool OptionalBoolean(JsonElement root, string field, bool fallback, List<string> errors)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        errors.Add($"{Humanize(field)} must be true or false");
        return fallback;
    }

    /// <summary>"first_name" → "First name", the way the spec's error example words a field ("Label can't be blank").</summary>
    private static string Humanize(string field) => char.ToUpperInvariant(field[0]) + field[1..].Replace('_', ' ');

    // ---- assigning an address to a number ----------------------------------------------------

    /// <summary>
    /// POST /phone_numbers/{id}/e911_address: the address must exist and be validated (the spec: "Assigns a validated
    /// E911 address ... The address is re-validated at the carrier and must be valid"). The number becomes `pending`
    /// and the carrier confirms after <see cref="EmulatorState.E911ProvisioningDelayMs"/>: `active`, or `failed` for a
    /// toll-free number (this emulator's deterministic stand-in for a carrier that does not confirm), or for any number while
    /// <see cref="EmulatorState.E911CarrierConfirms"/> is off. A number whose assignment failed may be assigned again (the
    /// spec forbids it nowhere): it goes pending once more. The carrier gets the
    /// label cut to 32 characters as the caller name; the assignment does not fail for a longer label.
    /// </summary>
    public EmulatorResponse AssignE911(string numberId, string? body)
    {
        EmulatedNumber updated;
        Action confirm;
        lock (Store.Gate)
        {
            if (state.Numbers.Get(numberId) is not { } number)
            {
                return EmulatorResponse.NotFound();
            }
            if (JsonBody.ParseObject(body) is not { } root)
            {
                return EmulatorResponse.BadRequest();
            }
            if (!root.TryGetProperty("e911_address_id", out var idElement)
                || idElement.ValueKind != JsonValueKind.String
                || !Guid.TryParseExact(idElement.GetString(), "D", out _))
            {
                return EmulatorResponse.Invalid("e911_address_id must be the UUID of an E911 address.");
            }
            var addressId = idElement.GetString()!;
            if (Store.Get(addressId) is not { } address)
            {
                return EmulatorResponse.Invalid($"E911 address {addressId} does not exist in this project.");
            }
            if (!address.Validated || !Carrier.Check(Street(address), autoCorrect: false).Valid)
            {
                return EmulatorResponse.Invalid($"E911 address {addressId} is not validated for emergency calling: " +
                    "create or update it with emergency_enabled=true (US addresses only).");
            }
            if (number["e911_status"] == "pending_removal")
            {
                return EmulatorResponse.Invalid(
                    "The E911 address of this number is being removed: assign a new one once e911_status is unregistered.");
            }

            updated = state.Numbers.Update(numberId, new Dictionary<string, string?>
            {
                ["e911_address_id"] = address.Id,
                ["e911_status"] = "pending",
            }, DateTime.UtcNow)!;
            var callerName = address.Label.Length > CallerNameLength ? address.Label[..CallerNameLength] : address.Label;
            Store.Register(new E911Registration(numberId, number.Number, address.Id, callerName, "pending"));
            var outcome = number["number_type"] == "toll-free" || !state.E911CarrierConfirms ? "failed" : "active";
            confirm = Confirmation(numberId, Store.NextE911Version(numberId), () =>
            {
                state.Numbers.Update(numberId, new Dictionary<string, string?> { ["e911_status"] = outcome }, DateTime.UtcNow);
                if (Store.Registration(numberId) is { } registration)
                {
                    Store.Register(registration with { Status = outcome });
                }
            });
        }
        var response = EmulatorResponse.Number(updated); // serialized now: it says pending even when the carrier answers at once
        Schedule(confirm);
        return response;
    }

    /// <summary>
    /// DELETE /phone_numbers/{id}/e911_address: "Only allowed while the number is `active`"; it becomes
    /// `pending_removal`, keeps its address until the carrier confirms, then has none and reads `unregistered`.
    /// </summary>
    public EmulatorResponse RemoveE911(string numberId)
    {
        EmulatedNumber updated;
        Action confirm;
        lock (Store.Gate)
        {
            if (state.Numbers.Get(numberId) is not { } number)
            {
                return EmulatorResponse.NotFound();
            }
            var status = number["e911_status"];
            if (status != "active")
            {
                return EmulatorResponse.Invalid(
                    "The E911 address can be removed only while e911_status is active; " +
                    $"it is {(status is null ? "null (no address assigned)" : status)}.");
            }
            updated = state.Numbers.Update(numberId, new Dictionary<string, string?> { ["e911_status"] = "pending_removal" }, DateTime.UtcNow)!;
            if (Store.Registration(numberId) is { } registration)
            {
                Store.Register(registration with { Status = "pending_removal" });
            }
            confirm = Confirmation(numberId, Store.NextE911Version(numberId), () =>
            {
                state.Numbers.Update(numberId, new Dictionary<string, string?>
                {
                    ["e911_address_id"] = null,
                    ["e911_status"] = "unregistered",
                }, DateTime.UtcNow);
                Store.Unregister(numberId);
            });
        }
        var response = EmulatorResponse.Number(updated);
        Schedule(confirm);
        return response;
    }

    /// <summary>The carrier's answer, applied only if nothing newer happened to the number's E911 state meanwhile.</summary>
    private Action Confirmation(string numberId, long version, Action apply)
    {
        var generation = Store.Generation;
        return () =>
        {
            lock (Store.Gate)
            {
                if (Store.Generation == generation && Store.IsCurrentE911Version(numberId, version) && state.Numbers.Get(numberId) is not null)
                {
                    apply();
                }
            }
        };
    }

    private void Schedule(Action confirm)
    {
        var delay = state.E911ProvisioningDelayMs;
        if (delay <= 0)
        {
            confirm();
            return;
        }
        _ = Task.Delay(delay).ContinueWith(_ => confirm(), TaskScheduler.Default);
    }
}

