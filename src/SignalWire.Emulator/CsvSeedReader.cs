using System.Text;

namespace SignalWire.Emulator;

/// <summary>Reads an Export-Csv snapshot into records: the header names the properties, one row per object.</summary>
internal static class CsvSeedReader
{
    public static List<SeedRecord> Read(string text)
    {
        var rows = CsvRows(text);
        var i = 0;
        if (rows.Count > 0 && rows[0].Fields is [var first, ..] && first.StartsWith("#TYPE", StringComparison.Ordinal))
        {
            i++; // Windows PowerShell 5.1 writes "#TYPE SignalWire.PowerShell.Models.PhoneNumber" first
        }
        if (i >= rows.Count)
        {
            throw new SeedFileException("the CSV file has no header line.");
        }
        var header = rows[i];
        var names = header.Fields.Select(h => h.Trim()).ToList();
        var keys = names.Select(SeedFile.Normalize).ToList();
        if (!keys.Contains("id") || !(keys.Contains("number") || keys.Contains("type")))
        {
            throw new SeedFileException(
                $"line {header.Line}: not a snapshot: a JSON file starts with [ or {{, a CSV file with a header line naming at least Id and " +
                "Number, or Id and Type for Fabric resources (Get-SwPhoneNumber | ConvertTo-Json -Depth 5, or Get-SwPhoneNumber | Export-Csv).");
        }
        var records = new List<SeedRecord>();
        foreach (var row in rows.Skip(i + 1))
        {
            if (row.Fields is [""])
            {
                continue; // a blank line
            }
            if (row.Fields.Count != names.Count)
            {
                throw new SeedFileException($"line {row.Line}: {row.Fields.Count} values, but the header names {names.Count} columns.");
            }
            var properties = new Dictionary<string, SeedValue>(StringComparer.Ordinal);
            for (var c = 0; c < names.Count; c++)
            {
                var cell = row.Fields[c];
                properties[keys[c]] = new SeedValue(names[c], cell.Length == 0 ? null : cell);
            }
            records.Add(new SeedRecord($"line {row.Line}", properties));
        }
        return records;
    }

    private sealed record CsvRow(int Line, List<string> Fields);

    /// <summary>RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static List<CsvRow> CsvRows(string text)
    {
        var rows = new List<CsvRow>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowLine = 1;
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }
                    field.Append(c);
                }
                i++;
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    rows.Add(new CsvRow(rowLine, fields));
                    fields = [];
                    line++;
                    rowLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
            i++;
        }
        if (quoted)
        {
            throw new SeedFileException($"line {rowLine}: a quoted value is not closed before the end of the file.");
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add(new CsvRow(rowLine, fields));
        }
        return rows;
    }
}
