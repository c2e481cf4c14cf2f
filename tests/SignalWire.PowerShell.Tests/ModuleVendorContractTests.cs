using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;
using SignalWire.Tests.Shared;
using PhoneNumber = SignalWire.PowerShell.Models.PhoneNumber;

namespace SignalWire.PowerShell.Tests;

/// <summary>
/// The module held to the vendor's contract (tests/Shared/VendorContract.cs): what it sends, what it accepts, what it
/// reads. A field, value or name the vendor changes, or the module gets wrong, fails here with the difference spelled out.
/// </summary>
public class ModuleVendorContractTests
{
    private static readonly Uri Space = new("https://example.signalwire.com/");

    private static string Differences(IEnumerable<string> module, IEnumerable<string> vendor) =>
        $"only in the module: [{string.Join(", ", module.Except(vendor))}]; only in the vendor's spec: [{string.Join(", ", vendor.Except(module))}]";

    private static void AssertSameSet(IEnumerable<string> vendor, IEnumerable<string> module, string what)
    {
        var m = module.ToList();
        var v = vendor.ToList();
        Assert.True(m.ToHashSet().SetEquals(v) && m.Count == m.Distinct().Count(), $"{what}: {Differences(m, v)}");
    }

    // ---- the update surface ------------------------------------------------------------------------------------

    [Fact]
    public void The_module_sets_exactly_the_fields_of_the_update_request()
    {
        AssertSameSet(VendorContract.UpdateFields.Select(f => f.Name), PhoneNumberFields.All.Select(f => f.ApiName), "update fields");
    }

    [Fact]
    public void Each_update_field_is_checked_no_looser_and_no_stricter_than_the_spec_types_it()
    {
        var problems = new List<string>();
        foreach (var (name, type, allowed) in VendorContract.UpdateFields)
        {
            var field = PhoneNumberFields.FindByApiName(name);
            if (field == null) continue; // reported by the test above
            switch (type)
            {
                case VendorFieldType.Uuid:
                    if (field.Kind != FieldKind.Uuid) problems.Add($"{name}: the spec types it uuid, the module checks it as {field.Kind}");
                    break;
                case VendorFieldType.Choice:
                    var expectedKind = allowed.SequenceEqual(VendorContract.HttpMethods) ? FieldKind.HttpMethod : FieldKind.Choice;
                    if (field.Kind != expectedKind)
                        problems.Add($"{name}: the spec allows [{string.Join(", ", allowed)}], the module checks it as {field.Kind}");
                    if (!field.AllowedValues.ToHashSet().SetEquals(allowed))
                        problems.Add($"{name} values: {Differences(field.AllowedValues, allowed)}");
                    break;
                default:
                    // A string: the module may only check a URL field as a URL, and call_receive_mode against the read
                    // model's enum; refusing a UUID-less id (call_sip_endpoint_id, say) would refuse what the API takes.
                    var allowedKinds = name == "call_receive_mode"
                        ? new[] { FieldKind.Text, FieldKind.Choice }
                        : name.EndsWith("_url", StringComparison.Ordinal) ? new[] { FieldKind.Text, FieldKind.Url } : new[] { FieldKind.Text };
                    if (!allowedKinds.Contains(field.Kind)) problems.Add($"{name}: the spec types it string, the module checks it as {field.Kind}");
                    if (field.Kind == FieldKind.Choice && !field.AllowedValues.ToHashSet().SetEquals(VendorContract.CallReceiveModes))
                        problems.Add($"{name} values: {Differences(field.AllowedValues, VendorContract.CallReceiveModes)}");
                    break;
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_fields_the_update_takes_but_a_read_never_returns_are_known_as_such()
    {
        var notReturned = VendorContract.UpdateFields.Select(f => f.Name).Except(VendorContract.ReadModelFields);
        AssertSameSet(notReturned, PhoneNumberFields.All.Where(f => !f.Returned).Select(f => f.ApiName), "update fields absent from the read model");
    }

    [Fact]
    public void The_deprecated_fields_are_the_specs_and_name_its_replacements()
    {
        AssertSameSet(VendorContract.DeprecatedUpdateFields.Keys, PhoneNumberFields.All.Where(f => f.Replacement != null).Select(f => f.ApiName),
            "deprecated fields");
        foreach (var (name, replacements) in VendorContract.DeprecatedUpdateFields)
        {
            var field = PhoneNumberFields.FindByApiName(name);
            if (field?.Replacement == null) continue;
            foreach (var replacement in replacements)
                Assert.Contains(PhoneNumberFields.Get(replacement).ParameterName, field.Replacement);
        }
    }

    [Fact]
    public void The_allowed_values_are_the_update_requests_enums()
    {
        AssertSameSet(VendorContract.UpdateCallHandlers, PhoneNumberValues.CallHandlers, "call handlers (PhoneNumberCallHandlerRequest)");
        AssertSameSet(VendorContract.MessageHandlers, PhoneNumberValues.MessageHandlers, "message handlers");
        AssertSameSet(VendorContract.CallReceiveModes, PhoneNumberValues.CallReceiveModes, "call receive modes");
        AssertSameSet(VendorContract.HttpMethods, PhoneNumberValues.HttpMethods, "HTTP methods");
        // The Fabric-only handlers are read, never offered for setting.
        Assert.Empty(PhoneNumberValues.CallHandlers.Intersect(VendorContract.FabricOnlyCallHandlers));
    }

    // ---- queries -----------------------------------------------------------------------------------------------

    private static IReadOnlyList<string> Names(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]).ToList();

    [Fact]
    public void The_list_query_uses_only_the_specs_parameter_names_and_page_size_range()
    {
        var names = Names(new PhoneNumberQuery { Name = "a", Number = "1", PageSize = 7 }.ToQueryString());
        Assert.Equal(3, names.Count);
        Assert.True(names.All(VendorContract.ListQueryParameters.Contains), Differences(names, VendorContract.ListQueryParameters));
        Assert.Equal(VendorContract.PageSizeMaximum, PhoneNumberQuery.MaximumPageSize);
    }

    [Fact]
    public void The_search_query_sends_every_search_parameter_by_the_specs_name()
    {
        var query = new AvailableNumberQuery
        {
            AreaCode = "512", NumberType = "local", StartsWith = "512", Contains = "777", EndsWith = "1234", MaxResults = 5,
            Region = "TX", City = "Austin",
        };
        AssertSameSet(VendorContract.SearchQueryParameters, Names(query.ToQueryString()), "search parameters");
        Assert.Equal(VendorContract.SearchMaxResultsMaximum, AvailableNumberQuery.MaximumResults);
    }

    // ---- the read model ----------------------------------------------------------------------------------------

    /// <summary>A phone number with every read-model field set to a value of its type, distinct from the others.</summary>
    private static JsonObject FullNumber()
    {
        var json = new JsonObject();
        var i = 0;
        foreach (var field in VendorContract.ReadModelFields)
        {
            i++;
            json[field] = field switch
            {
                "capabilities" => new JsonArray(VendorContract.Capabilities.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray()),
                "number" => "+15551230000",
                "number_type" => "toll-free",
                "e911_status" => "pending_removal",
                "call_handler" => "relay_topic",
                "message_handler" => "relay_application",
                "call_receive_mode" => "fax",
                _ when field.EndsWith("_method", StringComparison.Ordinal) => i % 2 == 0 ? "GET" : "POST",
                _ when VendorContract.ReadModelDates.Contains(field) =>
                    new DateTime(2025, 1, i, 10, 0, 0, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                _ when VendorContract.ReadModelUuids.Contains(field) => $"00000000-0000-4000-8000-{i:D12}",
                _ => $"value-of-{field}",
            };
        }
        return json;
    }

    [Fact]
    public void The_reader_reads_every_field_of_the_read_model_into_its_property()
    {
        var json = FullNumber();
        var number = PhoneNumberJson.ReadPhoneNumber(Utf8.Bytes(json.ToJsonString()));
        var missing = new List<string>();
        foreach (var field in VendorContract.ReadModelFields)
        {
            var property = typeof(PhoneNumber).GetProperties()
                .FirstOrDefault(p => p.GetCustomAttribute<ApiFieldAttribute>()?.ApiName == field);
            if (property == null) { missing.Add($"{field}: no property of PhoneNumber is [ApiField(\"{field}\")]"); continue; }
            var value = property.GetValue(number);
            var sent = json[field]!;
            var matches = value switch
            {
                IEnumerable<string> list when value is not string => list.SequenceEqual(sent.AsArray().Select(n => n!.GetValue<string>())),
                DateTime date => date == DateTime.Parse(sent.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)
                    && date.Kind == DateTimeKind.Utc,
                _ => Equals(value, sent.GetValue<string>()),
            };
            if (!matches) missing.Add($"{field}: sent {sent.ToJsonString()}, read {value}");
        }
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Theory]
    [MemberData(nameof(ReadCallHandlers))]
    public void Every_call_handler_of_the_read_model_reads_as_itself(string handler)
    {
        var json = FullNumber();
        json["call_handler"] = handler;
        Assert.Equal(handler, PhoneNumberJson.ReadPhoneNumber(Utf8.Bytes(json.ToJsonString())).CallHandler);
    }

    public static TheoryData<string> ReadCallHandlers() => new(VendorContract.ReadCallHandlers);

    [Fact]
    public void Every_value_of_the_read_models_enums_reads_as_itself_and_e911_status_may_be_null_or_absent()
    {
        foreach (var (field, values) in new[]
                 {
                     ("e911_status", VendorContract.E911Statuses), ("number_type", VendorContract.NumberTypes),
                     ("message_handler", VendorContract.MessageHandlers), ("call_receive_mode", VendorContract.CallReceiveModes),
                     ("call_request_method", VendorContract.HttpMethods),
                 })
        {
            foreach (var value in values)
            {
                var json = FullNumber();
                json[field] = value;
                var read = PhoneNumberJson.ReadPhoneNumber(Utf8.Bytes(json.ToJsonString()));
                Assert.Equal(value, typeof(PhoneNumber).GetProperty(Naming.PropertyName(field))!.GetValue(read));
            }
        }
        var withNull = FullNumber();
        withNull["e911_status"] = null; // never had an E911 address
        Assert.Null(PhoneNumberJson.ReadPhoneNumber(Utf8.Bytes(withNull.ToJsonString())).E911Status);
        foreach (var absent in VendorContract.ReadModelFieldsMissingFromCapture)
        {
            var without = FullNumber();
            without.Remove(absent);
            Assert.NotNull(PhoneNumberJson.ReadPhoneNumber(Utf8.Bytes(without.ToJsonString())));
        }
    }

    // ---- search results ----------------------------------------------------------------------------------------

    [Fact]
    public void Search_results_are_read_in_the_spec_shape_field_for_field()
    {
        var item = new JsonObject
        {
            ["number"] = "+15125550100", ["region"] = "TX", ["city"] = "Austin", ["rate_center"] = "AUSTIN", ["lata"] = "558",
        };
        var flags = new JsonObject();
        foreach (var capability in VendorContract.Capabilities) flags[capability] = capability != "fax";
        item["capabilities"] = flags;
        Assert.Equal(VendorContract.SearchResultFieldsSpec, item.Select(p => p.Key));

        var read = Assert.Single(PhoneNumberJson.ReadAvailableNumbers(Utf8.Bytes(new JsonObject { ["data"] = new JsonArray(item) }.ToJsonString())));
        Assert.Equal(("+15125550100", "TX", "Austin", "AUSTIN", "558"), (read.Number, read.Region, read.City, read.RateCenter, read.Lata));
        Assert.Equal(new[] { "voice", "sms", "mms" }, read.Capabilities);
    }

    [Fact]
    public void Search_results_are_read_in_the_live_shape_field_for_field()
    {
        var fixture = Fixtures.Text(Fixtures.Search);
        Assert.Equal(VendorContract.SearchResultFieldsLive, JsonNode.Parse(fixture)!["data"]![0]!.AsObject().Select(p => p.Key));
        var read = PhoneNumberJson.ReadAvailableNumbers(Utf8.Bytes(fixture))[0];
        Assert.Equal(("+15037154424", "(503) 715-4424", "+1 503-715-4424", "PORTLAND", "OR", "US"),
            (read.Number, read.NationalNumberFormatted, read.InternationalNumberFormatted, read.RateCenter, read.Region, read.CountryCode));
        Assert.Equal(new[] { "voice", "fax", "sms", "mms" }, read.Capabilities);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"links":{}}""")]
    [InlineData("""{"data":null}""")]
    [InlineData("""{"links":{"self":"/api/relay/rest/phone_numbers/search","first":"/api/relay/rest/phone_numbers/search"},"data":null}""")]
    [InlineData("""{"links":{},"data":[]}""")]
    public void A_search_reply_whose_data_is_empty_null_or_absent_found_nothing(string body)
    {
        Assert.Empty(PhoneNumberJson.ReadAvailableNumbers(Utf8.Bytes(body), 200));
    }

    // ---- paging links ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(VendorContract.RelativeNextLink)]
    [InlineData(VendorContract.AbsoluteNextLink)]
    public void A_next_link_in_either_form_leads_to_the_same_page_on_the_space(string next)
    {
        var body = $$"""{"links":{"self":"{{VendorContract.ListPath}}","first":"{{VendorContract.ListPath}}","next":"{{next}}"},"data":[]}""";
        var page = WholePage.Read(Utf8.Bytes(body), 200, Space);
        Assert.Equal(new Uri(VendorContract.AbsoluteNextLink), page.Next);
    }

    // ---- statuses and error bodies -----------------------------------------------------------------------------

    [Fact]
    public void Every_error_status_an_operation_declares_has_its_own_kind()
    {
        foreach (var status in VendorContract.ErrorStatuses.Values.SelectMany(s => s).Concat([401, 500]).Distinct())
            Assert.NotEqual(SignalWireErrorKind.UnexpectedStatus, SignalWireApiException.KindForStatus(status));
        Assert.All(VendorContract.SuccessStatus.Values, status => Assert.InRange(status, 200, 299));
    }

    [Fact]
    public void Both_error_item_shapes_are_read_with_their_words_and_the_rest_shapes_link()
    {
        var space = new JsonObject();
        foreach (var field in VendorContract.SpaceErrorItemFields) space[field] = field == "detail" ? "name is too long" : "422";
        var read = ErrorBodyReader.Read(Utf8.Bytes(new JsonObject { ["errors"] = new JsonArray(space) }.ToJsonString()));
        Assert.Equal("name is too long", read.Message);

        var rest = new JsonObject();
        foreach (var field in VendorContract.RestErrorItemFields)
            rest[field] = field == "url" ? "https://signalwire.com/docs/apis/error-codes" : "x-" + field;
        read = ErrorBodyReader.Read(Utf8.Bytes(new JsonObject { ["errors"] = new JsonArray(rest) }.ToJsonString()));
        Assert.Equal("x-attribute: x-message", read.Message);
        Assert.Equal("https://signalwire.com/docs/apis/error-codes", read.HelpUrl);
        Assert.Equal("x-code", read.Code);

        foreach (var (status, words) in VendorContract.FlatErrors)
            Assert.Equal(words, ErrorBodyReader.Read(Utf8.Bytes($$"""{"error":"{{words}}"}""")).Message);
    }

    [Fact]
    public void Only_the_targets_the_vendor_calls_Fabric_resources_must_exist_before_an_update()
    {
        AssertSameSet(VendorContract.UpdateResourceFields.Keys, FabricResourceTypes.MustExist, "targets checked to exist");
        Assert.All(VendorContract.UpdateResourceFields, pair => Assert.Equal(pair.Value, FabricResourceTypes.TargetFields[pair.Key]));
    }

    // ---- the 10DLC campaign registry -------------------------------------------------------------------------------

    [Fact]
    public void The_registry_models_read_exactly_the_vendor_fields_and_states()
    {
        static IEnumerable<string> Names<T>() => ApiTable.Of<T>().Fields.Select(f => f.ApiName);
        AssertSameSet(VendorContract.BrandFields, Names<Brand>(), "Brand");
        AssertSameSet(VendorContract.CampaignFields, Names<Campaign>(), "Campaign");
        AssertSameSet(VendorContract.AssignedNumberFields, Names<CampaignNumber>(), "AssignedNumber");
        AssertSameSet(VendorContract.AssignedPhoneNumberFields, Names<AssignedPhoneNumber>(), "AssignedPhoneNumber");
        AssertSameSet(VendorContract.OrderFields, Names<CampaignOrder>(), "Order");
        AssertSameSet(VendorContract.BrandStates, Brand.States, "BrandState");
        AssertSameSet(VendorContract.CampaignStates, Campaign.States, "CampaignState");
        AssertSameSet(VendorContract.OrderStates, CampaignOrder.States, "OrderState");
        AssertSameSet(VendorContract.AssignmentStates, CampaignNumber.States, "AssignmentState");
    }

    [Fact]
    public void The_registry_models_read_the_names_the_SDKs_read_when_the_spec_names_are_not_sent()
    {
        const string Id = "aa11bb22-cc33-4d44-8e55-ff6677889900";
        foreach (var (model, specField, sdkName) in VendorContract.RegistrySdkNames)
        {
            var body = Utf8.Bytes($$"""{"id":"{{Id}}","{{sdkName}}":"+15558675309"}""");
            object read = model switch
            {
                "Order" => ResourceJson<CampaignOrder>.Read(body, 200),
                "AssignedNumber" => ResourceJson<CampaignNumber>.Read(body, 200),
                "Brand" => ResourceJson<Brand>.Read(body, 200),
                "Campaign" => ResourceJson<Campaign>.Read(body, 200),
                _ => throw new InvalidOperationException(model),
            };
            var value = ApiTable.Of(read.GetType()).Get(specField).GetValue(read);
            Assert.True((value is AssignedPhoneNumber nested ? nested.Number : value) as string == "+15558675309",
                $"{model}.{specField} from the SDKs' {sdkName}: {value}");
        }
        // The spec's name wins when both are sent.
        var both = ResourceJson<CampaignOrder>.Read(Utf8.Bytes($$"""{"id":"{{Id}}","state":"processed","status":"pending"}"""), 200);
        Assert.Equal("processed", both.State);
        var text = ResourceJson<CampaignNumber>.Read(Utf8.Bytes(VendorContract.AssignedPhoneNumberAsText), 200);
        Assert.Equal(("+15558675309", null), (text.Number, text.PhoneNumberId));
    }

    [Fact]
    public void The_order_body_holds_only_the_vendor_request_fields()
    {
        var body = JsonNode.Parse(SignalWireClient.WriteOrder(["+15558675309"], "https://example.com/handle_callback"))!.AsObject();
        AssertSameSet(VendorContract.CreateOrderFields, body.Select(p => p.Key), "CreateOrderRequest");
    }
}
