using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SignalWire.Emulator;

/// <summary>
/// A response the API produced but has not sent yet, so an "after" fault can still replace it.
/// </summary>
public sealed record EmulatorResponse(int Status, byte[]? Body, string? ContentType = "application/json")
{
    public Dictionary<string, string> Headers { get; init; } = [];

    /// <summary>Plain "+" and "&amp;" in JSON strings (like the real API), not \u002B escapes.</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static EmulatorResponse Json(int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }
        return new EmulatorResponse(status, buffer.WrittenSpan.ToArray());
    }

    public static EmulatorResponse Number(EmulatedNumber number) => Json(200, number.WriteJson);

    /// <summary>The flat error shape of /api/relay/rest: {"error": "Not Found"}.</summary>
    public static EmulatorResponse Error(int status, string message) =>
        Json(status, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", message);
            w.WriteEndObject();
        });

    public static EmulatorResponse BadRequest() => Error(400, "Bad Request");

    public static EmulatorResponse Unauthorized() => Error(401, "Unauthorized");

    public static EmulatorResponse NotFound() => Error(404, "Not Found");

    /// <summary>
    /// A validation failure in the Space API shape of fixtures/error_422_space_api.json (the spec's ValidationError), one
    /// item per error, each with its code ("422", or a named one such as the registry's invalid_parameter).
    /// </summary>
    public static EmulatorResponse Invalid(IEnumerable<(string Detail, string Code)> errors) =>
        Json(422, w =>
        {
            w.WriteStartObject();
            WriteInvalidErrors(w, errors);
            w.WriteEndObject();
        });

    public static EmulatorResponse Invalid(IEnumerable<string> details) => Invalid(details.Select(d => (d, "422")));

    public static EmulatorResponse Invalid(string detail) => Invalid([detail]);

    /// <summary>The "errors" array of <see cref="Invalid(IEnumerable{ValueTuple{string, string}})"/>, for an answer that adds to it.</summary>
    internal static void WriteInvalidErrors(Utf8JsonWriter w, IEnumerable<(string Detail, string Code)> errors)
    {
        w.WriteStartArray("errors");
        foreach (var (detail, code) in errors)
        {
            w.WriteStartObject();
            w.WriteString("detail", detail);
            w.WriteString("status", "422");
            w.WriteString("title", "Invalid Attribute");
            w.WriteString("code", code);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>
    /// A validation failure in the shape of the REST and Fabric APIs (status-codes.tsp RestApiValidationError, "Used by:
    /// /api/rest/*, /api/fabric/*"): {"errors":[{type, code, message, attribute, url}]}.
    /// </summary>
    public static EmulatorResponse RestInvalid(IEnumerable<(string Attribute, string Message)> errors) =>
        Json(422, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("errors");
            foreach (var (attribute, message) in errors)
            {
                w.WriteStartObject();
                w.WriteString("type", "validation_error");
                w.WriteString("code", "invalid_parameter");
                w.WriteString("message", message);
                w.WriteString("attribute", attribute);
                w.WriteString("url", "https://signalwire.com/docs/apis/error-codes");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });

    public static EmulatorResponse NoContent() => new(204, null, null);

    /// <summary>The default body for an error status, following the contract's error table.</summary>
    public static EmulatorResponse ForStatus(int status) => status switch
    {
        422 => Invalid("Injected validation failure."),
        _ => Error(status, ReasonPhrase(status)),
    };

    public static string ReasonPhrase(int status)
    {
        var phrase = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
        return string.IsNullOrEmpty(phrase) ? "Error" : phrase;
    }

    public static EmulatorResponse Raw(int status, string body, string? contentType) =>
        new(status, Encoding.UTF8.GetBytes(body), contentType ?? "application/json");
}
