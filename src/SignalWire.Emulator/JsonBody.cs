using System.Text.Json;

namespace SignalWire.Emulator;

/// <summary>The one reader of request bodies every API class uses.</summary>
public static class JsonBody
{
    /// <summary>The root of a JSON object body, or null when the body is not a JSON object.</summary>
    public static JsonElement? ParseObject(string? body)
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
}
