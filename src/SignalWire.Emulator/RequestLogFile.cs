using System.Text.Json;

namespace SignalWire.Emulator;

/// <summary>
/// Writes each API request to a file as one JSON line when it is over (--request-log), flushed at once, so
/// a rehearsal's writes can be read, filtered or diffed while the emulator runs and after it stops. The
/// keys are those of GET /__emulator/requests minus the headers (so never the Authorization header):
/// <c>{"seq":1,"time":"...","method":"PUT","path":"...","query":"","body":"{...}","status":200,"fault":null}</c>.
/// Lines come in completion order; <c>seq</c> is the arrival order.
/// </summary>
public sealed class RequestLogFile : IDisposable
{
    private readonly object _gate = new();
    private readonly FileStream _stream;
    private readonly Utf8JsonWriter _writer;
    private readonly Action<string>? _onError;
    private bool _failed;

    private RequestLogFile(FileStream stream, Action<string>? onError)
    {
        _stream = stream;
        _onError = onError;
        _writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    public string Path => _stream.Name;

    /// <summary>Creates (or empties) the file; readers may open it meanwhile. Throws IOException and the like.</summary>
    public static RequestLogFile Create(string path, Action<string>? onError = null) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete), onError);

    /// <summary>Writes every request of <paramref name="log"/> from now on.</summary>
    public void Attach(RequestLog log) => log.Completed += Write;

    public void Detach(RequestLog log) => log.Completed -= Write;

    public void Write(LoggedRequest entry)
    {
        lock (_gate)
        {
            if (_failed)
            {
                return;
            }
            try
            {
                _writer.Reset(); // one top-level object a line
                _writer.WriteStartObject();
                _writer.WriteNumber("seq", entry.Seq);
                _writer.WriteString("time", entry.Time);
                _writer.WriteString("method", entry.Method);
                _writer.WriteString("path", entry.Path);
                _writer.WriteString("query", entry.Query);
                _writer.WriteString("body", entry.Body);
                _writer.WriteNumber("status", entry.Status);
                _writer.WriteString("fault", entry.Fault);
                _writer.WriteEndObject();
                _writer.Flush();
                _stream.WriteByte((byte)'\n');
                _stream.Flush();
            }
            catch (IOException e)
            {
                _failed = true; // e.g. the disk is full: say so once, keep serving
                _onError?.Invoke($"cannot write the request log {Path}: {e.Message}");
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
            _stream.Dispose();
            _failed = true;
        }
    }
}
