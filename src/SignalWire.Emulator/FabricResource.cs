using System.Text.Json;

namespace SignalWire.Emulator;

/// <summary>
/// One Fabric resource of the project (fabric-api/resources/models/responses.tsp, ResourceResponseBase and its variants):
/// id, project_id, display_name, type, created_at, updated_at and the object named after its type, kept as the JSON it
/// was given. Immutable, and written to JSON once, like <see cref="EmulatedNumber"/>.
/// </summary>
public sealed class FabricResource
{
    private readonly byte[] _json;

    private FabricResource(long ordinal, string id, string? projectId, string displayName, string type, string createdAt, string updatedAt,
        string objectJson)
    {
        Ordinal = ordinal;
        Id = id;
        ProjectId = projectId;
        DisplayName = displayName;
        Type = type;
        CreatedAt = createdAt;
        UpdatedAt = updatedAt;
        using var document = JsonDocument.Parse(objectJson);
        var root = document.RootElement;
        InnerId = root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty(FabricTypes.InnerIdField(type), out var inner) && inner.ValueKind == JsonValueKind.String
                ? inner.GetString()
                : null;
        _json = Serialize(root);
        ObjectJson = objectJson;
    }

    /// <summary>
    /// A resource; <paramref name="objectJson"/> is its type's object, a JSON object. A null <paramref name="projectId"/>
    /// (a snapshot that does not say) becomes the emulator's project when the resource is stored.
    /// </summary>
    public static FabricResource Create(long ordinal, string id, string? projectId, string displayName, string type,
        DateTime createdAt, DateTime updatedAt, string objectJson) =>
        new(ordinal, id, projectId, displayName, type, EmulatedNumber.FormatDate(createdAt), EmulatedNumber.FormatDate(updatedAt), objectJson);

    /// <summary>Position in creation order; larger is newer. The lists are sorted by it, newest first.</summary>
    public long Ordinal { get; }

    public string Id { get; }

    public string? ProjectId { get; }

    public string DisplayName { get; }

    public string Type { get; }

    public string CreatedAt { get; }

    public string UpdatedAt { get; }

    /// <summary>The object named after the type (ai_agent, call_flow...), as JSON.</summary>
    public string ObjectJson { get; }

    /// <summary>The id inside that object (ai_agent.agent_id, call_flow.id...), or null when it has none.</summary>
    public string? InnerId { get; }

    /// <summary>The same resource at another place in the list (a snapshot's order, or added last).</summary>
    public FabricResource WithOrdinal(long ordinal) =>
        new(ordinal, Id, ProjectId, DisplayName, Type, CreatedAt, UpdatedAt, ObjectJson);

    /// <summary>The same resource in another project (the emulator's, for a snapshot that did not say).</summary>
    public FabricResource WithProjectId(string projectId) =>
        new(Ordinal, Id, projectId, DisplayName, Type, CreatedAt, UpdatedAt, ObjectJson);

    /// <summary>Whether <paramref name="id"/> designates this resource: its id, or the id inside its object.</summary>
    public bool IsNamedBy(string id) =>
        string.Equals(Id, id, StringComparison.OrdinalIgnoreCase) || string.Equals(InnerId, id, StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes the resource in the order of the spec's per-type responses (AIAgentResponse and its kin).</summary>
    public void WriteJson(Utf8JsonWriter writer) => writer.WriteRawValue(_json, skipInputValidation: true);

    public string ToJson() => System.Text.Encoding.UTF8.GetString(_json);

    /// <summary>The whole resource, its object written compactly whatever the layout it came in.</summary>
    private byte[] Serialize(JsonElement typeObject)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, EmulatorResponse.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("id", Id);
            writer.WriteString("project_id", ProjectId);
            writer.WriteString("display_name", DisplayName);
            writer.WriteString("type", Type);
            writer.WriteString("created_at", CreatedAt);
            writer.WriteString("updated_at", UpdatedAt);
            writer.WritePropertyName(FabricTypes.ObjectKeyOf(Type));
            typeObject.WriteTo(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
