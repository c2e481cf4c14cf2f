using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using SignalWire.PowerShell.Models;
using static SignalWire.PowerShell.Client.ApiJson;

namespace SignalWire.PowerShell.Client;

/// <summary>One page of a Fabric resource list: its resources, read as they are taken, and the next link.</summary>
internal sealed class FabricResourcePage : ListPage<FabricResource>
{
    internal FabricResourcePage(ListPageReader<FabricResource> reader) : base(reader)
    {
    }

    public IEnumerable<FabricResource> Resources => ItemsAsRead;
}

/// <summary>
/// Reads Fabric resources in one pass of the JSON reader, like phone numbers. The variant is told by the object that
/// is present, not by "type" (the spec types a conference room's list entry as swml_script); unknown types are kept.
/// </summary>
internal static class FabricResourceJson
{
    private static readonly HashSet<string> objectKeys =
        new HashSet<string>(FabricResourceTypes.ListPaths.Keys.Select(FabricResourceTypes.ObjectKey), StringComparer.Ordinal);

    public static FabricResourcePage OpenPage(byte[] body, int? status, Uri? spaceUrl) =>
        new FabricResourcePage(ListPageReader<FabricResource>.Open(body, status, spaceUrl, ReadResource));

    public static FabricResource ReadResource(byte[] body, int? status) => ReadBody<FabricResource>(body, status, ReadResource);

    internal static FabricResource ReadResource(ref Utf8JsonReader reader, int? status)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw SignalWireApiException.InvalidResponse(
                $"a Fabric resource should be a JSON object, not {Describe(KindOf(reader.TokenType))}.", status);
        var resource = new FabricResource();
        // Every object besides the envelope, with the id inside it: the one named after the type is picked at the end,
        // so an object the API adds to a resource (before or after its own) is not taken for it.
        List<(string Key, string? Id)>? objects = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "id": resource.Id = ReadText(ref reader, name, status) ?? ""; break;
                case "project_id": resource.ProjectId = ReadText(ref reader, name, status); break;
                case "display_name": resource.DisplayName = ReadText(ref reader, name, status); break;
                case "type": resource.Type = ReadText(ref reader, name, status); break;
                case "created_at": resource.CreatedAt = ReadDate(ReadText(ref reader, name, status), name, status); break;
                case "updated_at": resource.UpdatedAt = ReadDate(ReadText(ref reader, name, status), name, status); break;
                default:
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        var id = ReadObjectId(ref reader, name == "ai_agent" ? "agent_id" : "id", status);
                        (objects ??= new List<(string, string?)>(1)).Add((name, id));
                    }
                    else
                    {
                        reader.Skip();
                    }
                    break;
            }
        }
        if (resource.Id.Length == 0)
            throw SignalWireApiException.InvalidResponse("a Fabric resource came without its \"id\".", status);
        // The object present says what the resource is when "type" is missing, and for a conference room, which the
        // spec's generic list types as swml_script although its object and its own list say video_room.
        var own = OwnObject(objects, resource.Type);
        if (own.Key == "conference_room") resource.Type = "video_room";
        else if (resource.Type == null && own.Key != null) resource.Type = own.Key;
        resource.ObjectId = own.Id;
        return resource;
    }

    // The resource's own object: the one named after its type, else the first named after any type (a conference room
    // typed swml_script), else the first (a type the module does not know yet names its object after itself).
    private static (string? Key, string? Id) OwnObject(List<(string Key, string? Id)>? objects, string? type)
    {
        if (objects == null) return (null, null);
        var typeKey = type == null ? null : FabricResourceTypes.ObjectKey(type);
        foreach (var candidate in objects)
            if (candidate.Key == typeKey) return candidate;
        foreach (var candidate in objects)
            if (objectKeys.Contains(candidate.Key)) return candidate;
        return objects[0];
    }

    /// <summary>The id inside a type-named object, skipping the rest of it (an AI agent's prompt can be long).</summary>
    private static string? ReadObjectId(ref Utf8JsonReader reader, string idKey, int? status)
    {
        string? id = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            // An object the API adds may hold an "id" that is no text: passed over like the rest of it.
            var isText = reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray);
            if (name == idKey && isText) id = ReadText(ref reader, name, status);
            else reader.Skip();
        }
        return id;
    }
}
