using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace SignalWire.PowerShell.Client;

/// <summary>What became of a write, as the journal records it.</summary>
internal static class JournalOutcome
{
    /// <summary>Written before the request leaves: the API may have received it.</summary>
    public const string Sent = "sent";

    /// <summary>The API answered with success; the record holds what it returned.</summary>
    public const string Applied = "applied";

    /// <summary>The API refused it, or it never left (a stopped batch): not applied.</summary>
    public const string Failed = "failed";

    /// <summary>No answer came (a time-out, a lost connection, a stop) and reading back could not tell.</summary>
    public const string Unknown = "unknown";
}

/// <summary>One field of a write: its API name, the value before (when known) and the value asked for.</summary>
internal sealed class JournalChange
{
    public JournalChange(string field, string? oldValue, bool oldKnown, string? newValue)
    {
        Field = field;
        Old = oldValue;
        OldKnown = oldKnown;
        New = newValue;
    }

    public string Field { get; }
    public string? Old { get; }

    /// <summary>False for a field the API never returns (its value before the write is unknown).</summary>
    public bool OldKnown { get; }

    public string? New { get; }
}

/// <summary>
/// One line of the change journal. Its JSON keys are the journal's stable format (documented in about_SignalWire_Journal):
/// time, outcome, write_id, batch_id, cmdlet, action, space, project_id, user, machine, number, id,
/// changes [{field, old, new, old_known}], returned {field: value}, error {id, message}.
/// </summary>
internal sealed class JournalRecord
{
    public DateTime Time { get; set; } = DateTime.UtcNow;
    public string Outcome { get; set; } = JournalOutcome.Sent;

    /// <summary>One write's id, the same on its "sent" record and the record of its outcome.</summary>
    public string WriteId { get; set; } = "";

    /// <summary>One run of a cmdlet: every write it made shares it.</summary>
    public string BatchId { get; set; } = "";

    public string Cmdlet { get; set; } = "";

    /// <summary>update (PUT of the number's fields), e911_assign, e911_remove, purchase or release.</summary>
    public string Action { get; set; } = "";

    public string Space { get; set; } = "";
    public string ProjectId { get; set; } = "";
    public string User { get; set; } = "";
    public string Machine { get; set; } = "";
    public string? Number { get; set; }
    public string? Id { get; set; }
    public IReadOnlyList<JournalChange> Changes { get; set; } = Array.Empty<JournalChange>();

    /// <summary>For an applied write: the values the API returned for the fields it changed.</summary>
    public IReadOnlyDictionary<string, string?>? Returned { get; set; }

    public string? ErrorId { get; set; }
    public string? ErrorMessage { get; set; }

    /// <summary>The same write with another outcome, stamped now.</summary>
    public JournalRecord With(string outcome) => new JournalRecord
    {
        Outcome = outcome,
        WriteId = WriteId,
        BatchId = BatchId,
        Cmdlet = Cmdlet,
        Action = Action,
        Space = Space,
        ProjectId = ProjectId,
        User = User,
        Machine = Machine,
        Number = Number,
        Id = Id,
        Changes = Changes,
    };

    public byte[] ToJsonLine()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, ApiJson.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("time", Time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteString("outcome", Outcome);
            json.WriteString("write_id", WriteId);
            json.WriteString("batch_id", BatchId);
            json.WriteString("cmdlet", Cmdlet);
            json.WriteString("action", Action);
            json.WriteString("space", Space);
            json.WriteString("project_id", ProjectId);
            json.WriteString("user", User);
            json.WriteString("machine", Machine);
            json.WriteString("number", Number);
            json.WriteString("id", Id);
            json.WriteStartArray("changes");
            foreach (var change in Changes)
            {
                json.WriteStartObject();
                json.WriteString("field", change.Field);
                json.WriteString("old", change.Old);
                json.WriteString("new", change.New);
                json.WriteBoolean("old_known", change.OldKnown);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (Returned != null)
            {
                json.WriteStartObject("returned");
                foreach (var pair in Returned) json.WriteString(pair.Key, pair.Value);
                json.WriteEndObject();
            }
            if (ErrorId != null || ErrorMessage != null)
            {
                json.WriteStartObject("error");
                json.WriteString("id", ErrorId);
                json.WriteString("message", ErrorMessage);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads one line of the journal (in one pass of the reader); unknown keys are skipped, for later versions.</summary>
    public static JournalRecord Parse(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        Expect(ref reader, JsonTokenType.StartObject);
        var record = new JournalRecord();
        var sawTime = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString();
            reader.Read();
            switch (key)
            {
                case "time":
                    record.Time = DateTime.Parse(reader.GetString()!, CultureInfo.InvariantCulture,
                        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                    sawTime = true;
                    break;
                case "outcome": record.Outcome = reader.GetString() ?? ""; break;
                case "write_id": record.WriteId = reader.GetString() ?? ""; break;
                case "batch_id": record.BatchId = reader.GetString() ?? ""; break;
                case "cmdlet": record.Cmdlet = reader.GetString() ?? ""; break;
                case "action": record.Action = reader.GetString() ?? ""; break;
                case "space": record.Space = reader.GetString() ?? ""; break;
                case "project_id": record.ProjectId = reader.GetString() ?? ""; break;
                case "user": record.User = reader.GetString() ?? ""; break;
                case "machine": record.Machine = reader.GetString() ?? ""; break;
                case "number": record.Number = reader.GetString(); break;
                case "id": record.Id = reader.GetString(); break;
                case "changes": record.Changes = ReadChanges(ref reader); break;
                case "returned": record.Returned = ReadTexts(ref reader); break;
                case "error": ReadError(ref reader, record); break;
                default: reader.Skip(); break;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject || !sawTime || record.WriteId.Length == 0)
            throw new FormatException("not a journal record (it needs time and write_id)");
        return record;
    }

    private static List<JournalChange> ReadChanges(ref Utf8JsonReader reader)
    {
        var changes = new List<JournalChange>();
        if (reader.TokenType == JsonTokenType.Null) return changes;
        if (reader.TokenType != JsonTokenType.StartArray) throw new FormatException("changes is not a list");
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? field = null, oldValue = null, newValue = null;
            var oldKnown = true;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString();
                reader.Read();
                switch (key)
                {
                    case "field": field = reader.GetString(); break;
                    case "old": oldValue = reader.GetString(); break;
                    case "new": newValue = reader.GetString(); break;
                    case "old_known": oldKnown = reader.GetBoolean(); break;
                    default: reader.Skip(); break;
                }
            }
            if (field == null) throw new FormatException("a change without its field");
            changes.Add(new JournalChange(field, oldValue, oldKnown, newValue));
        }
        return changes;
    }

    private static Dictionary<string, string?> ReadTexts(ref Utf8JsonReader reader)
    {
        var texts = new Dictionary<string, string?>(StringComparer.Ordinal);
        Expect(ref reader, JsonTokenType.StartObject, alreadyThere: true);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            texts[key] = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
        }
        return texts;
    }

    private static void ReadError(ref Utf8JsonReader reader, JournalRecord record)
    {
        var texts = ReadTexts(ref reader);
        texts.TryGetValue("id", out var id);
        texts.TryGetValue("message", out var message);
        record.ErrorId = id;
        record.ErrorMessage = message;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token, bool alreadyThere = false)
    {
        if (!alreadyThere && !reader.Read()) throw new FormatException("empty");
        if (reader.TokenType != token) throw new FormatException($"expected {token}, found {reader.TokenType}");
    }
}
