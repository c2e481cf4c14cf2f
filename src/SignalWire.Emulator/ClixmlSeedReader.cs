using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace SignalWire.Emulator;

/// <summary>Reads an Export-Clixml snapshot into records: one &lt;Obj&gt; with its &lt;Props&gt; per object.</summary>
internal static partial class ClixmlSeedReader
{
    private static readonly XNamespace Ps = "http://schemas.microsoft.com/powershell/2004/04";

    public static List<SeedRecord> Read(string text)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(text, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new SeedFileException($"line {e.LineNumber}: not valid XML: {e.Message}");
        }
        if (document.Root is not { } root || root.Name != Ps + "Objs")
        {
            throw new SeedFileException("line 1: an XML snapshot must be Export-Clixml output (<Objs> of PowerShell).");
        }
        var lists = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var records = new List<SeedRecord>();
        var index = 0;
        foreach (var obj in root.Elements())
        {
            index++;
            var where = $"item {index} (line {((IXmlLineInfo)obj).LineNumber})";
            var props = obj.Element(Ps + "Props");
            if (obj.Name != Ps + "Obj" || props is null)
            {
                throw new SeedFileException($"{where}: expected a phone number object with properties, found <{obj.Name.LocalName}>.");
            }
            var properties = new Dictionary<string, SeedValue>(StringComparer.Ordinal);
            foreach (var property in props.Elements())
            {
                var name = (string?)property.Attribute("N");
                if (name is null)
                {
                    continue;
                }
                name = DecodeClixml(name);
                properties[SeedFile.Normalize(name)] = property.Name.LocalName switch
                {
                    "Nil" => new SeedValue(name, null),
                    "S" or "DT" or "G" => new SeedValue(name, DecodeClixml(property.Value)),
                    "Obj" => ClixmlList(name, property, lists),
                    "Ref" when (string?)property.Attribute("RefId") is { } id && lists.TryGetValue(id, out var shared) =>
                        new SeedValue(name, null, shared),
                    var other => new SeedValue(name, null, Problem: $"must be a text, not <{other}>"),
                };
            }
            records.Add(new SeedRecord(where, properties));
        }
        return records;
    }

    private static SeedValue ClixmlList(string name, XElement obj, Dictionary<string, IReadOnlyList<string>> lists)
    {
        if (obj.Element(Ps + "LST") is not { } list)
        {
            return new SeedValue(name, null, Problem: "must be a text or a list of texts, not an object");
        }
        var items = new List<string>();
        foreach (var item in list.Elements())
        {
            if (item.Name != Ps + "S")
            {
                return new SeedValue(name, null, Problem: $"must be a list of texts, but holds <{item.Name.LocalName}>");
            }
            items.Add(DecodeClixml(item.Value));
        }
        if ((string?)obj.Attribute("RefId") is { } refId)
        {
            lists[refId] = items; // a later <Ref RefId="..."/> reuses it
        }
        return new SeedValue(name, null, items);
    }

    /// <summary>Clixml escapes some characters as _xHHHH_.</summary>
    private static string DecodeClixml(string value) =>
        value.Contains("_x", StringComparison.Ordinal)
            ? ClixmlEscape().Replace(value,
                m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString())
            : value;

    [GeneratedRegex("_x([0-9A-Fa-f]{4})_")]
    private static partial Regex ClixmlEscape();
}
