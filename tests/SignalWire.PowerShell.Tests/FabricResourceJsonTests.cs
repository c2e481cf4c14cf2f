using System.Text;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Tests;

/// <summary>
/// Fabric resources as the vendor's spec shows them (fabric-api/resources/models/responses.tsp and each type's
/// models/core.tsp, with the spec's example values; ids made distinct).
/// </summary>
public class FabricResourceJsonTests
{
    private static readonly Uri Space = new("https://example.signalwire.com/");

    private const string SpecPage = """
    {
      "links": {
        "self": "https://example.signalwire.com/api/fabric/resources?page_number=0&page_size=50",
        "first": "https://example.signalwire.com/api/fabric/resources?page_size=50",
        "next": "https://example.signalwire.com/api/fabric/resources?page_number=1&page_size=50&page_token=PA0f2b7869-304c-45ac-8863-3455ccb34cdc"
      },
      "data": [
        { "id": "a87db7ed-8ebe-42e4-829f-8ba5a4152f54", "project_id": "1313fe58-5e14-4c11-bbe7-6fdfa11fe780",
          "display_name": "Booking Assistant", "type": "ai_agent",
          "created_at": "2024-05-06T12:20:00Z", "updated_at": "2024-05-06T12:20:00Z",
          "ai_agent": { "agent_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "name": "My AI Agent",
                        "prompt": { "text": "You are a helpful booking assistant.", "id": "not-the-agent" } } },
        { "id": "993ed018-9e79-4e50-b97b-984bd5534095", "project_id": "1313fe58-5e14-4c11-bbe7-6fdfa11fe780",
          "display_name": "Booking Flow", "type": "call_flow",
          "created_at": "2024-05-06T12:20:00Z", "updated_at": "2024-05-06T12:20:00Z",
          "call_flow": { "id": "3fa85f64-5717-4562-b3fc-2c963f66afa7", "title": "Booking Assistant", "flow_data": {},
            "relayml": { "version": "1.0.0" }, "document_version": 1 } },
        { "id": "5b0c7a1e-2f64-4d0e-9a51-7e3c2d8b9f10", "project_id": "1313fe58-5e14-4c11-bbe7-6fdfa11fe780",
          "display_name": "Reception App", "type": "cxml_application",
          "created_at": "2024-05-06T12:20:00Z", "updated_at": "2024-05-06T12:20:00Z",
          "cxml_application": { "id": "1313fe58-5e14-4c11-bbe7-6fdfa11fe781", "friendly_name": "Reception App" } },
        { "id": "0e6f3b52-8c1d-4f7a-b2e9-4a5d6c7e8f90", "project_id": "1313fe58-5e14-4c11-bbe7-6fdfa11fe780",
          "display_name": "Conference Room Phone", "type": "sip_endpoint",
          "created_at": "2024-05-06T12:20:00Z", "updated_at": "2024-05-06T12:20:00Z",
          "sip_endpoint": { "id": "993ed018-9e79-4e50-b97b-984bd5534096", "username": "User", "ciphers": ["AEAD_AES_256_GCM_8"],
            "calling_handler_resource_id": null } },
        { "id": "7c2e9d14-6b3a-4e58-8f01-2d4c6e8a0b13", "project_id": "1313fe58-5e14-4c11-bbe7-6fdfa11fe780",
          "display_name": "Board Room", "type": "swml_script",
          "created_at": "2024-05-06T12:20:00Z", "updated_at": "2024-05-06T12:20:00Z",
          "conference_room": { "id": "3fa85f64-5717-4562-b3fc-2c963f66afa8", "name": "board" } },
        { "id": "8d3f0e25-7c4b-4f69-9012-3e5d7f9a1c24", "display_name": "Something new", "type": "quantum_router",
          "quantum_router": { "id": "11111111-2222-4333-8444-555555555555" }, "added_later": [1, 2] }
      ]
    }
    """;

    private static List<FabricResource> Read(out Uri? next)
    {
        var page = FabricResourceJson.OpenPage(Encoding.UTF8.GetBytes(SpecPage), 200, Space);
        next = page.Next;
        return page.Resources.ToList();
    }

    [Fact]
    public void Reads_each_type_the_spec_shows_and_keeps_unknown_ones()
    {
        var resources = Read(out var next);
        Assert.Equal(
            ["ai_agent", "call_flow", "cxml_application", "sip_endpoint", "video_room", "quantum_router"],
            resources.Select(r => r.Type));
        Assert.Equal("Booking Assistant", resources[0].DisplayName);
        Assert.Equal("1313fe58-5e14-4c11-bbe7-6fdfa11fe780", resources[0].ProjectId);
        Assert.Equal(new DateTime(2024, 5, 6, 12, 20, 0, DateTimeKind.Utc), resources[0].CreatedAt);
        Assert.Equal("page_token=PA0f2b7869-304c-45ac-8863-3455ccb34cdc", next!.Query.Split('&').Last());
    }

    [Fact]
    public void The_object_id_is_the_agent_id_of_an_AI_agent_and_the_id_of_the_others()
    {
        var resources = Read(out _);
        Assert.Equal(
            ["3fa85f64-5717-4562-b3fc-2c963f66afa6", "3fa85f64-5717-4562-b3fc-2c963f66afa7", "1313fe58-5e14-4c11-bbe7-6fdfa11fe781",
             "993ed018-9e79-4e50-b97b-984bd5534096", "3fa85f64-5717-4562-b3fc-2c963f66afa8", "11111111-2222-4333-8444-555555555555"],
            resources.Select(r => r.ObjectId));
    }

    [Fact]
    public void A_target_field_takes_the_resource_id_of_an_AI_agent_or_call_flow_and_the_object_id_of_an_application_or_endpoint()
    {
        var resources = Read(out _);
        Assert.Equal("a87db7ed-8ebe-42e4-829f-8ba5a4152f54", resources[0].TargetId);
        Assert.Equal("993ed018-9e79-4e50-b97b-984bd5534095", resources[1].TargetId);
        Assert.Equal("1313fe58-5e14-4c11-bbe7-6fdfa11fe781", resources[2].TargetId);
        Assert.Equal("993ed018-9e79-4e50-b97b-984bd5534096", resources[3].TargetId);
        // Either form names the resource.
        Assert.True(resources[0].IsNamedBy("3FA85F64-5717-4562-B3FC-2C963F66AFA6"));
        Assert.True(resources[0].IsNamedBy("a87db7ed-8ebe-42e4-829f-8ba5a4152f54"));
        Assert.False(resources[0].IsNamedBy("993ed018-9e79-4e50-b97b-984bd5534095"));
    }

    [Fact]
    public void A_single_resource_reads_alone_and_one_without_an_id_is_an_invalid_response()
    {
        var one = FabricResourceJson.ReadResource(
            Encoding.UTF8.GetBytes("""{"id":"a87db7ed-8ebe-42e4-829f-8ba5a4152f54","ai_agent":{"agent_id":"x"}}"""), 200);
        Assert.Equal("ai_agent", one.Type); // told by its object when "type" is missing
        var error = Assert.Throws<SignalWireApiException>(
            () => FabricResourceJson.ReadResource(Encoding.UTF8.GetBytes("""{"display_name":"x"}"""), 200));
        Assert.Equal(SignalWireErrorKind.InvalidResponse, error.Kind);
    }

    [Theory]
    [InlineData("""{"id":"a87db7ed-8ebe-42e4-829f-8ba5a4152f54","type":"cxml_application","settings":{"id":"not""" +
        """-it"},"cxml_application":{"id":"app"}}""", "cxml_application")]
    [InlineData("""{"id":"a87db7ed-8ebe-42e4-829f-8ba5a4152f54","settings":{"id":{"x":1}},"cxml_application":{"id":"app"}}""",
        "cxml_application")]
    [InlineData("""{"id":"a87db7ed-8ebe-42e4-829f-8ba5a4152f54","type":"swml_script","settings":{"id":"not""" +
        """-it"},"conference_room":{"id":"app"}}""", "video_room")]
    public void An_object_the_API_adds_besides_the_resources_own_is_not_taken_for_it(string json, string type)
    {
        // The spec's resources are open: extra fields, objects among them, must not change what the resource is.
        var resource = FabricResourceJson.ReadResource(Encoding.UTF8.GetBytes(json), 200);
        Assert.Equal((type, "app"), (resource.Type, resource.ObjectId));
    }

    [Fact]
    public void Every_type_has_its_own_list_and_every_target_field_a_type()
    {
        Assert.Equal(14, FabricResourceTypes.ListPaths.Count);
        Assert.All(FabricResourceTypes.TargetFields, pair =>
        {
            Assert.NotNull(PhoneNumberFields.FindByApiName(pair.Key));
            Assert.Contains(pair.Value, FabricResourceTypes.ListPaths.Keys);
        });
    }
}
