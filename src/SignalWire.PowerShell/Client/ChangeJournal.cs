using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace SignalWire.PowerShell.Client;

/// <summary>
/// Appends change records to a journal file as JSON lines, one record a line, each handed to the operating system as
/// soon as it is written, so a process killed mid-batch still leaves every record it wrote. Several batches, threads
/// and processes may append to one file: each line is written whole under a lock on the file, at its end, so lines
/// never interleave. Holds nothing secret: records carry no token and no header.
/// </summary>
internal sealed class ChangeJournal : IDisposable
{
    // A lock on the file's first byte is the cross-process mutex; the operating system ties it to the process, so
    // threads of one process (and two journals on one file in it) also share a gate per file.
    private static readonly Dictionary<string, object> gates = new Dictionary<string, object>(StringComparer.Ordinal);

    private readonly FileStream stream;
    private readonly object gate;

    private ChangeJournal(string fullPath, FileStream stream)
    {
        FullPath = fullPath;
        this.stream = stream;
        lock (gates)
        {
            if (!gates.TryGetValue(fullPath, out var existing)) gates[fullPath] = existing = new object();
            gate = existing;
        }
    }

    public string FullPath { get; }

    /// <summary>Opens (creating when missing) the journal at <paramref name="path"/>, a full path.</summary>
    public static ChangeJournal Open(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var stream = new FileStream(fullPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
        return new ChangeJournal(fullPath, stream);
    }

    /// <summary>Appends one record as one line.</summary>
    public void Write(JournalRecord record)
    {
        var line = record.ToJsonLine();
        lock (gate)
        {
            LockFile();
            try
            {
                stream.Seek(0, SeekOrigin.End);
                stream.Write(line, 0, line.Length);
                stream.Flush();
            }
            finally
            {
                stream.Unlock(0, 1);
            }
        }
    }

    private void LockFile()
    {
        // FileStream.Lock does not wait: another process holding the lock makes it throw, so try again briefly.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                stream.Lock(0, 1);
                return;
            }
            catch (IOException) when (attempt < 2000)
            {
                Thread.Sleep(attempt < 10 ? 0 : 1);
            }
        }
    }

    public void Dispose()
    {
        // Not while a line is being written: the line goes out whole, then the file closes.
        lock (gate) stream.Dispose();
    }

    /// <summary>
    /// The records of a journal file, in file order. A last line cut short (a process killed while writing it) is
    /// skipped; any other line that is not a record is reported through <paramref name="unreadable"/> with its number.
    /// </summary>
    public static IEnumerable<JournalRecord> Read(string path, Action<int, string>? unreadable = null)
    {
        var lines = File.ReadAllBytes(path);
        var lineNumber = 0;
        var start = 0;
        while (start < lines.Length)
        {
            lineNumber++;
            var end = Array.IndexOf(lines, (byte)'\n', start);
            var complete = end >= 0;
            if (!complete) end = lines.Length;
            var length = end - start;
            if (length > 0 && lines[start + length - 1] == '\r') length--;
            if (length > 0)
            {
                JournalRecord? record = null;
                string? problem = null;
                try
                {
                    record = JournalRecord.Parse(new ReadOnlySpan<byte>(lines, start, length));
                }
                catch (Exception e) when (e is JsonException || e is FormatException || e is InvalidOperationException)
                {
                    problem = e.Message;
                }
                if (record != null) yield return record;
                else if (complete) unreadable?.Invoke(lineNumber, problem ?? "not a journal record");
            }
            start = end + 1;
        }
    }
}
