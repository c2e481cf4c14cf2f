namespace SignalWire.Tests.Shared;

/// <summary>How the vendor's spec types a field of the update request.</summary>
internal enum VendorFieldType
{
    /// <summary>Any string (TypeSpec string).</summary>
    Text,

    /// <summary>A UUID (TypeSpec uuid).</summary>
    Uuid,

    /// <summary>One of a closed list of values.</summary>
    Choice,
}

/// <summary>
/// SignalWire's contract for phone numbers and the Fabric resources they route to, copied by hand from the vendor's own
/// sources (github.com/signalwire/docs, and its SDKs github.com/signalwire/signalwire-python and signalwire-typescript where
/// they go beyond the REST spec), each entry naming the file it came from. It is the one table both sides are held to: the module's tests check the
/// module against it, the emulator's tests check the emulator against it, so a shared misreading cannot pass both.
/// Paths: "core.tsp", "requests.tsp", "responses.tsp" and "main.tsp" are under specs/signalwire-rest/relay-rest/phone-numbers/
/// (models/ for the first three); "openapi.yaml" is fern/apis/signalwire-rest/openapi.yaml; "paging.mdx" and
/// "error-codes.mdx" are under fern/products/apis/pages/core/; "status-codes.tsp" is specs/signalwire-rest/types/status-codes/main.tsp.
/// Compiled into each test project as a linked file.
/// </summary>
internal static class VendorContract
{
    public const string ListPath = "/api/relay/rest/phone_numbers";

    // ---- enums (core.tsp; the same lists in openapi.yaml components/schemas) ----------------------------------------

    /// <summary>
    /// What an update may set: core.tsp enum PhoneNumberCallHandlerRequest plus ai_agent and call_flow. The REST spec's
    /// phone-number enum leaves those two out, while the SDKs send them: the Python SDK's PhoneNumberCallHandlerRequest
    /// (signalwire-python signalwire/signalwire/rest/namespaces/relay_rest_types_generated.py, with set_ai_agent and
    /// set_call_flow in relay_rest_resources_generated.py) and the TypeScript SDK's PhoneCallHandler
    /// (signalwire-typescript src/rest/callHandler.ts, rest/docs/phone-binding.md). We accept both.
    /// </summary>
    public static readonly string[] UpdateCallHandlers =
    [
        "relay_context", "relay_topic", "relay_script", "relay_application", "relay_connector", "relay_sip_endpoint",
        "relay_verto_endpoint", "laml_webhooks", "laml_application", "dialogflow", "video_room", "ai_agent", "call_flow",
    ];

    /// <summary>core.tsp enum PhoneNumberCallHandler: what a read may return; the update's handlers plus the Fabric-only ones.</summary>
    public static readonly string[] ReadCallHandlers = [.. UpdateCallHandlers, "fabric_subscriber", "sip_gateway", "call_queue"];

    /// <summary>
    /// ReadCallHandlers less UpdateCallHandlers: "can only be set via Fabric API" (core.tsp), and no SDK's update sets them
    /// either.
    /// </summary>
    public static readonly string[] FabricOnlyCallHandlers = ["fabric_subscriber", "sip_gateway", "call_queue"];

    /// <summary>
    /// The update's call_flow_version: "working_copy" | "current_deployed" (the Python SDK's UpdatePhoneNumberRequest;
    /// relay-rest/sip-endpoints/models/requests.tsp: "Valid values are 'working_copy' or 'current_deployed'").
    /// </summary>
    public static readonly string[] CallFlowVersions = ["working_copy", "current_deployed"];

    /// <summary>core.tsp enum PhoneNumberMessageHandler (read model and update request alike).</summary>
    public static readonly string[] MessageHandlers = ["relay_context", "relay_topic", "relay_application", "laml_webhooks", "laml_application"];

    /// <summary>core.tsp enum CallReceiveMode (the read model's; the update request types it as a plain string).</summary>
    public static readonly string[] CallReceiveModes = ["voice", "fax"];

    /// <summary>core.tsp enum HttpMethod; requests.tsp writes "GET" | "POST" for every *_method of the update.</summary>
    public static readonly string[] HttpMethods = ["GET", "POST"];

    /// <summary>core.tsp enum PhoneNumberE911Status; the field is also null "when the number has never had an E911 address".</summary>
    public static readonly string[] E911Statuses = ["pending", "active", "failed", "pending_removal", "unregistered"];

    /// <summary>core.tsp enum PhoneNumberType.</summary>
    public static readonly string[] NumberTypes = ["toll-free", "longcode"];

    /// <summary>core.tsp enum PhoneNumberCapability (a list in the read model; flags of PhoneNumberCapabilities in search results).</summary>
    public static readonly string[] Capabilities = ["voice", "sms", "mms", "fax"];

    // ---- the update request (requests.tsp model UpdatePhoneNumberRequest; openapi.yaml UpdatePhoneNumberRequest) ------

    /// <summary>Every field of the update request and how the spec types it, in the spec's order.</summary>
    public static readonly (string Name, VendorFieldType Type, string[] Allowed)[] UpdateFields =
    [
        ("name", VendorFieldType.Text, []),
        ("call_handler", VendorFieldType.Choice, UpdateCallHandlers),
        ("call_receive_mode", VendorFieldType.Text, []), // string in the request; voice|fax in the read model
        ("call_request_url", VendorFieldType.Text, []),
        ("call_request_method", VendorFieldType.Choice, HttpMethods),
        ("call_fallback_url", VendorFieldType.Text, []),
        ("call_fallback_method", VendorFieldType.Choice, HttpMethods),
        ("call_status_callback_url", VendorFieldType.Text, []),
        ("call_status_callback_method", VendorFieldType.Choice, HttpMethods),
        ("call_laml_application_id", VendorFieldType.Text, []),
        ("call_dialogflow_agent_id", VendorFieldType.Text, []),
        ("call_relay_topic", VendorFieldType.Text, []),
        ("call_relay_topic_status_callback_url", VendorFieldType.Text, []),
        ("call_relay_script_url", VendorFieldType.Text, []),
        ("call_relay_context", VendorFieldType.Text, []),
        ("call_relay_context_status_callback_url", VendorFieldType.Text, []),
        ("call_relay_application", VendorFieldType.Text, []),
        ("call_relay_connector_id", VendorFieldType.Text, []),
        ("call_sip_endpoint_id", VendorFieldType.Text, []), // string in the request, although the read model says uuid
        ("call_verto_resource", VendorFieldType.Text, []),
        ("call_video_room_id", VendorFieldType.Uuid, []),
        // Not in requests.tsp's UpdatePhoneNumberRequest; the SDKs send them (the Python SDK's UpdatePhoneNumberRequest in
        // signalwire/signalwire/rest/namespaces/relay_rest_types_generated.py, typed uuid, uuid and the two versions), and
        // the REST spec's SIP endpoint request has the same three (relay-rest/sip-endpoints/models/requests.tsp; the
        // TypeScript SDK's rest/docs/phone-binding.md shows setAiAgent and setCallFlow). Write-only: the read model has
        // only calling_handler_resource_id.
        ("call_ai_agent_id", VendorFieldType.Uuid, []),
        ("call_flow_id", VendorFieldType.Uuid, []),
        ("call_flow_version", VendorFieldType.Choice, CallFlowVersions),
        ("message_handler", VendorFieldType.Choice, MessageHandlers),
        ("message_request_url", VendorFieldType.Text, []),
        ("message_request_method", VendorFieldType.Choice, HttpMethods),
        ("message_fallback_url", VendorFieldType.Text, []),
        ("message_fallback_method", VendorFieldType.Choice, HttpMethods),
        ("message_laml_application_id", VendorFieldType.Text, []),
        ("message_relay_topic", VendorFieldType.Text, []),
        ("message_relay_context", VendorFieldType.Text, []),
        ("message_relay_application", VendorFieldType.Text, []),
    ];

    /// <summary>
    /// The update fields whose value is the id of a Fabric resource, and its type: "The ID of the AI Agent to forward incoming
    /// calls to. Required when call_handler is ai_agent." (and the Call Flow's, relay-rest/sip-endpoints/models/requests.tsp).
    /// The SDKs' prose calls the id the "Fabric resource ID" (fern/products/server-sdks/pages/reference/python/rest/
    /// phone-numbers/set-ai-agent.mdx; signalwire-typescript src/rest/namespaces/phone-numbers.ts); no source says whether it
    /// is the resource's id or the id inside its object (ai_agent.agent_id, call_flow.id), so both are taken. No vendor
    /// source says the other id fields (call_laml_application_id...) name Fabric resources that must exist, and some say
    /// otherwise: "The server auto-creates a `cxml_application` Fabric resource referencing the application" on binding
    /// (fern/products/server-sdks/pages/reference/python/rest/phone-numbers/set-cxml-application.mdx); DIALOGFLOW
    /// "(no Fabric resource)" (signalwire-typescript rest/docs/phone-binding.md); call_sip_endpoint_id is "The ID of the
    /// Relay SIP Endpoint" (core.tsp).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> UpdateResourceFields = new Dictionary<string, string>
    {
        ["call_ai_agent_id"] = "ai_agent",
        ["call_flow_id"] = "call_flow",
    };

    /// <summary>The handler that needs each resource field ("Required when call_handler is ...", sip-endpoints/models/requests.tsp).</summary>
    public static readonly IReadOnlyDictionary<string, string> HandlerResourceFields = new Dictionary<string, string>
    {
        ["ai_agent"] = "call_ai_agent_id",
        ["call_flow"] = "call_flow_id",
    };

    /// <summary>requests.tsp: #deprecated fields and the replacement each names.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> DeprecatedUpdateFields = new Dictionary<string, string[]>
    {
        ["call_relay_context"] = ["call_relay_application", "call_relay_topic"],
        ["call_relay_context_status_callback_url"] = ["call_relay_topic_status_callback_url"],
        ["message_relay_context"] = ["message_relay_application", "message_relay_topic"],
    };

    // ---- the read model (core.tsp model PhoneNumber; openapi.yaml PhoneNumber, every field "required") -------------

    /// <summary>Every field of a phone number as the API returns it, in the spec's order.</summary>
    public static readonly string[] ReadModelFields =
    [
        "id", "number", "name", "capabilities", "number_type", "e911_address_id", "e911_status",
        "created_at", "updated_at", "next_billed_at",
        "call_handler", "calling_handler_resource_id", "call_receive_mode",
        "call_request_url", "call_request_method", "call_fallback_url", "call_fallback_method",
        "call_status_callback_url", "call_status_callback_method", "call_laml_application_id", "call_dialogflow_agent_id",
        "call_relay_topic", "call_relay_topic_status_callback_url", "call_relay_script_url",
        "call_relay_context", "call_relay_context_status_callback_url", "call_relay_application",
        "call_relay_connector_id", "call_sip_endpoint_id", "call_verto_resource", "call_video_room_id",
        "message_handler", "messaging_handler_resource_id", "message_request_url", "message_request_method",
        "message_fallback_url", "message_fallback_method", "message_laml_application_id",
        "message_relay_topic", "message_relay_context", "country_code",
    ];

    /// <summary>core.tsp: the read model's utcDateTime fields (next_billed_at may be null).</summary>
    public static readonly string[] ReadModelDates = ["created_at", "updated_at", "next_billed_at"];

    /// <summary>
    /// core.tsp: read-model fields typed uuid. The live capture (tests/fixtures/get_phone_number.json) sends "" for an
    /// unset call_video_room_id, so a reader takes "" as unset rather than as a bad UUID.
    /// </summary>
    public static readonly string[] ReadModelUuids =
        ["id", "e911_address_id", "calling_handler_resource_id", "call_sip_endpoint_id", "call_video_room_id", "messaging_handler_resource_id"];

    /// <summary>
    /// Fields the live capture (tests/fixtures/get_phone_number.json, older than the spec's E911 work) does not send:
    /// a reader must take them as absent, an emulator following the capture may leave them out.
    /// </summary>
    public static readonly string[] ReadModelFieldsMissingFromCapture = ["e911_status"];

    // ---- the list (responses.tsp model ListPhoneNumbersQuery; openapi.yaml parameters ListPhoneNumbersQuery.*) -------

    public static readonly string[] ListQueryParameters = ["filter_name", "filter_number", "page_number", "page_size", "page_token"];

    /// <summary>responses.tsp: page_size @minValue(1) @maxValue(1000), default 50; page_number 0-indexed, default 0.</summary>
    public const int PageSizeMinimum = 1;
    public const int PageSizeMaximum = 1000;
    public const int PageSizeDefault = 50;

    // ---- the search (main.tsp operation search; openapi.yaml /api/relay/rest/phone_numbers/search) -----------------

    public static readonly string[] SearchQueryParameters =
        ["areacode", "number_type", "starts_with", "contains", "ends_with", "max_results", "region", "city"];

    /// <summary>main.tsp: "Search for either local or toll-free numbers. Defaults to local."</summary>
    public static readonly string[] SearchNumberTypes = ["local", "toll-free"];

    /// <summary>main.tsp: max_results "Upper limit of 100. Defaults to 50."</summary>
    public const int SearchMaxResultsMaximum = 100;
    public const int SearchMaxResultsDefault = 50;

    /// <summary>core.tsp model AvailablePhoneNumber (only "number" required); responses.tsp: "links" and "data" both optional.</summary>
    public static readonly string[] SearchResultFieldsSpec = ["number", "region", "city", "rate_center", "lata", "capabilities"];

    /// <summary>The live shape, tests/fixtures/search_phone_numbers.json (with "links": {}).</summary>
    public static readonly string[] SearchResultFieldsLive =
        ["e164", "national_number_formatted", "international_number_formatted", "rate_center", "region", "country_code", "capabilities"];

    // ---- paging links (paging.mdx; addresses/models/responses.tsp model PaginationLinks) ----------------------------

    /// <summary>PaginationLinks: self and first always; next "only present when there are more results"; prev not on page 0.</summary>
    public static readonly string[] LinkNames = ["self", "first", "next", "prev"];

    /// <summary>paging.mdx shows links as paths from the root of the space: "/api/relay/rest/example_url_to_the_next_page".</summary>
    public const string RelativeNextLink = "/api/relay/rest/phone_numbers?page_number=1&page_size=2&page_token=PA2b3c";

    /// <summary>The same link as an absolute URL on the space, which clients must read too.</summary>
    public const string AbsoluteNextLink = "https://example.signalwire.com" + RelativeNextLink;

    // ---- status codes per operation (main.tsp; openapi.yaml responses) -----------------------------------------------

    /// <summary>What each operation answers on success.</summary>
    public static readonly IReadOnlyDictionary<string, int> SuccessStatus = new Dictionary<string, int>
    {
        ["list"] = 200,
        ["search"] = 200,
        ["retrieve"] = 200,
        ["purchase"] = 200, // not 201
        ["update"] = 200,
        ["release"] = 204, // no body
    };

    /// <summary>The error statuses each operation declares (besides 401 and 500, which all declare).</summary>
    public static readonly IReadOnlyDictionary<string, int[]> ErrorStatuses = new Dictionary<string, int[]>
    {
        ["list"] = [400],
        ["search"] = [],
        ["retrieve"] = [404, 422],
        ["purchase"] = [400, 422],
        ["update"] = [404, 422],
        ["release"] = [404, 422],
    };

    /// <summary>
    /// status-codes.tsp ValidationError ("Space API", used by /api/relay/rest): {"errors":[{detail,status,title,code}]}
    /// (tests/fixtures/error_422_space_api.json; detail may be null, tests/fixtures/error_422_detail_null.json).
    /// </summary>
    public static readonly string[] SpaceErrorItemFields = ["detail", "status", "title", "code"];

    /// <summary>status-codes.tsp RestApiErrorItem and error-codes.mdx: {"errors":[{type,code,message,attribute,url}]}.</summary>
    public static readonly string[] RestErrorItemFields = ["type", "code", "message", "attribute", "url"];

    /// <summary>status-codes.tsp StatusCode400/401/404: the flat {"error": "..."} with these words.</summary>
    public static readonly IReadOnlyDictionary<int, string> FlatErrors = new Dictionary<int, string>
    {
        [400] = "Bad Request",
        [401] = "Unauthorized",
        [404] = "Not Found",
    };

    // ---- Fabric resources (specs/signalwire-rest/fabric-api/; "FAB" below) --------------------------------------------

    /// <summary>FAB/main.tsp @route("/api/fabric") and FAB/resources/main.tsp @route("/resources"): list_resources, get_resource.</summary>
    public const string FabricResourcesPath = "/api/fabric/resources";

    /// <summary>
    /// Each type of resource (enum FabricResponseType, FAB/_shared/enums.tsp), the path of its own list under
    /// FabricResourcesPath (the @route of each type's main.tsp) and the key of the object named after it
    /// (FAB/resources/models/responses.tsp). A conference room is typed video_room (ConferenceRoomResponse) and keyed
    /// conference_room.
    /// </summary>
    public static readonly (string Type, string Collection, string ObjectKey)[] FabricResourceTypes =
    [
        ("ai_agent", "ai_agents", "ai_agent"),
        ("call_flow", "call_flows", "call_flow"),
        ("cxml_application", "cxml_applications", "cxml_application"),
        ("cxml_script", "cxml_scripts", "cxml_script"),
        ("cxml_webhook", "cxml_webhooks", "cxml_webhook"),
        ("dialogflow_agent", "dialogflow_agents", "dialogflow_agent"),
        ("freeswitch_connector", "freeswitch_connectors", "freeswitch_connector"),
        ("relay_application", "relay_applications", "relay_application"),
        ("sip_endpoint", "sip_endpoints", "sip_endpoint"),
        ("sip_gateway", "sip_gateways", "sip_gateway"),
        ("subscriber", "subscribers", "subscriber"),
        ("swml_script", "swml_scripts", "swml_script"),
        ("swml_webhook", "swml_webhooks", "swml_webhook"),
        ("video_room", "conference_rooms", "conference_room"),
    ];

    /// <summary>FAB/resources/models/responses.tsp ResourceResponseBase plus type, as each type's own response orders them.</summary>
    public static readonly string[] FabricResourceFields = ["id", "project_id", "display_name", "type", "created_at", "updated_at"];

    /// <summary>
    /// The fields each common type's object requires (no "?" in its model): FAB/ai-agent/models/core.tsp (AIAgent, and
    /// prompt from the SWML AIObject it extends), FAB/call-flows/models/core.tsp, FAB/cxml-applications/models/core.tsp,
    /// FAB/sip-endpoints/models/core.tsp, FAB/relay-applications/models/core.tsp.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> FabricObjectRequiredFields = new Dictionary<string, string[]>
    {
        ["ai_agent"] = ["agent_id", "name", "prompt"],
        ["call_flow"] = ["id", "title"],
        ["cxml_application"] =
        [
            "id", "project_id", "friendly_name", "voice_url", "voice_method", "voice_fallback_url", "voice_fallback_method",
            "status_callback", "status_callback_method", "sms_url", "sms_method", "sms_fallback_url", "sms_fallback_method",
            "sms_status_callback", "sms_status_callback_method",
        ],
        ["sip_endpoint"] =
            ["id", "username", "caller_id", "send_as", "ciphers", "codecs", "encryption", "call_handler", "calling_handler_resource_id"],
        ["relay_application"] = ["id", "name", "topic", "call_status_callback_url"],
    };

    /// <summary>
    /// ResourceListResponse (FAB/resources/models/responses.tsp): "data", then "links" with self and first, next and prev
    /// when there are such pages. The list declares no query parameter; its link examples carry these, and each type's
    /// list adds "type" (FAB/ai-agent/models/responses.tsp: "...ai_agents?page_number=0&amp;page_size=50&amp;type=ai_agent").
    /// </summary>
    public static readonly string[] FabricListKeys = ["data", "links"];

    public static readonly string[] FabricLinkQueryParameters = ["page_number", "page_size", "page_token", "type"];

    /// <summary>
    /// The "type" the links of each type's own list carry, by list path, as the link examples of each type's
    /// FAB/*/models/responses.tsp write them: the type itself, but "conference_room" in FAB/conference-rooms (whose type is
    /// video_room), and none at all in FAB/sip_gateways and FAB/subscribers.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> FabricLinkTypes = FabricResourceTypes.ToDictionary(
        t => t.Collection, t => t.Collection switch
        {
            "conference_rooms" => "conference_room",
            "sip_gateways" or "subscribers" => null,
            _ => (string?)t.Type,
        });

    // ---- the 10DLC campaign registry (specs/signalwire-rest/relay-rest/campaign-registry) -----------------------------

    /// <summary>main.tsp: @route("/registry/beta") under /api/relay/rest.</summary>
    public const string RegistryRoot = "/api/relay/rest/registry/beta";

    /// <summary>models/core.tsp model Brand, in its order.</summary>
    public static readonly string[] BrandFields =
    [
        "id", "state", "name", "company_name", "contact_email", "contact_phone", "ein_issuing_country", "legal_entity_type", "ein",
        "company_address", "company_vertical", "company_website", "csp_brand_reference", "csp_self_registered", "status_callback_url",
        "created_at", "updated_at",
    ];

    /// <summary>models/core.tsp model Campaign, in its order (no brand_id: the API's campaign names no brand).</summary>
    public static readonly string[] CampaignFields =
    [
        "id", "name", "state", "sms_use_case", "sub_use_cases", "campaign_verify_token", "description", "sample1", "sample2", "sample3",
        "sample4", "sample5", "dynamic_templates", "message_flow", "opt_in_message", "opt_out_message", "help_message", "opt_in_keywords",
        "opt_out_keywords", "help_keywords", "number_pooling_required", "number_pooling_per_campaign", "direct_lending", "embedded_link",
        "embedded_phone", "age_gated_content", "lead_generation", "csp_campaign_reference", "status_callback_url", "created_at", "updated_at",
    ];

    /// <summary>models/core.tsp model AssignedNumber: the assignment's own id, and the number nested in phone_number.</summary>
    public static readonly string[] AssignedNumberFields = ["id", "state", "campaign_id", "phone_number", "created_at", "updated_at"];

    /// <summary>models/core.tsp model AssignedPhoneNumber.</summary>
    public static readonly string[] AssignedPhoneNumberFields = ["id", "name", "number", "status_callback_url"];

    /// <summary>models/core.tsp model Order: no campaign, numbers or assignments.</summary>
    public static readonly string[] OrderFields = ["id", "state", "processed_at", "created_at", "updated_at", "status_callback_url"];

    /// <summary>models/requests.tsp model CreateOrderRequest.</summary>
    public static readonly string[] CreateOrderFields = ["phone_numbers", "status_callback_url"];

    /// <summary>models/core.tsp enums BrandState, CampaignState, OrderState, AssignmentState.</summary>
    public static readonly string[] BrandStates = ["pending", "unverified", "completed"];

    public static readonly string[] CampaignStates = ["pending", "active", "inactive"];

    public static readonly string[] OrderStates = ["pending", "processing", "processed", "failed"];

    public static readonly string[] AssignmentStates = ["pending", "completed", "failed"];

    /// <summary>
    /// Names the SDKs' registry code reads where the spec's models have others, as (model, the spec's field, the SDKs' name);
    /// "SDKREF" is fern/products/server-sdks/pages/reference/python/rest/registry/ (its typescript/ twin says the same).
    /// Order state as "status": both SDKs' examples (signalwire-python rest/examples/rest_10dlc_registration.py steps 8-9,
    /// signalwire-typescript rest/examples/rest-10dlc-registration.ts) and SDKREF orders.mdx, campaigns/list-orders.mdx.
    /// An assignment's number as "number" beside its id: SDKREF campaigns/list-numbers.mdx. A brand's display_name and
    /// entity_type: SDKREF brands/list.mdx, brands/get.mdx. A campaign's usecase: SDKREF brands/list-campaigns.mdx,
    /// campaigns/get.mdx. The SDKs' generated types (relay_rest_types_generated.py) follow the spec, so a reader takes
    /// each of these only when the spec's field is not sent.
    /// </summary>
    public static readonly (string Model, string SpecField, string SdkName)[] RegistrySdkNames =
    [
        ("Order", "state", "status"),
        ("AssignedNumber", "phone_number", "number"),
        ("Brand", "name", "display_name"),
        ("Brand", "legal_entity_type", "entity_type"),
        ("Campaign", "sms_use_case", "usecase"),
    ];

    /// <summary>
    /// Both SDKs' examples print an assignment's phone_number as its number (rest_10dlc_registration.py step 9:
    /// n.get('phone_number', ...); the TypeScript twin writes it into a template string): a reader takes plain text
    /// there as the number, besides the spec's AssignedPhoneNumber object.
    /// </summary>
    public const string AssignedPhoneNumberAsText = """{"id":"aa11bb22-cc33-4d44-8e55-ff6677889900","phone_number":"+15558675309"}""";
}
