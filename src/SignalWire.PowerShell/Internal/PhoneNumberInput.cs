using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Internal;

/// <summary>What a piped object is, which decides whether its field values are wishes or the number's state.</summary>
internal enum InputKind
{
    /// <summary>Nothing piped: the command line says everything.</summary>
    None,

    /// <summary>A PhoneNumber this session read: its properties are the number's current state.</summary>
    Live,

    /// <summary>
    /// A whole copy of a number (a deserialized PhoneNumber from Import-Clixml or a job, or a row of a full export): it
    /// carries the read-only properties only a read of the number has.
    /// </summary>
    Copy,

    /// <summary>Any other object (an Import-Csv row, a pscustomobject): its field columns are changes to make.</summary>
    Row,

    /// <summary>A plain string piped by value: an id or a number.</summary>
    Text,

    /// <summary>A difference from Compare-SwPhoneNumber (or a deserialized copy of one): one field's wanted value.</summary>
    Difference,
}

/// <summary>A piped object as Set-SwPhoneNumber reads it: its kind, its field cells, and columns that bind to nothing.</summary>
internal sealed class PhoneNumberInput
{
    private const string DeserializedPhoneNumber = "Deserialized." + "SignalWire.PowerShell.Models.PhoneNumber";
    private const string DeserializedDifference = "Deserialized." + "SignalWire.PowerShell.Models.PhoneNumberDifference";

    // Properties a read of a number has besides the update fields: their presence marks a copy, and they are never
    // taken for misspelled fields. Both the PowerShell and the API spellings, plus what jobs and remoting add.
    private static readonly HashSet<string> readOnlyNames = new HashSet<string>(
        typeof(PhoneNumber).GetProperties()
            .Select(p => (p.Name, Attribute: p.GetCustomAttribute<ApiFieldAttribute>()))
            .Where(p => p.Attribute == null || !p.Attribute.Updatable)
            .SelectMany(p => p.Attribute == null ? new[] { p.Name } : new[] { p.Name, p.Attribute.ApiName })
            .Concat(new[] { "PSComputerName", "RunspaceId", "PSShowComputerName", "PSSourceJobInstanceId" }),
        StringComparer.OrdinalIgnoreCase);

    // Only a read of a number carries these: a hand-made row of a few columns does not.
    private static readonly string[] copyMarkers = { "UpdatedAt", "updated_at", "CreatedAt", "created_at" };

    private PhoneNumberInput(InputKind kind, PSObject? source)
    {
        Kind = kind;
        Source = source;
    }

    public InputKind Kind { get; }
    public PSObject? Source { get; }

    /// <summary>For <see cref="InputKind.Live"/>, the number itself.</summary>
    public PhoneNumber? Live => Source?.BaseObject as PhoneNumber;

    /// <summary>For <see cref="InputKind.Text"/>, the text piped (a numeral's digits).</summary>
    public string? Text => Kind == InputKind.Text ? AsText(Source!.BaseObject) : null;

    public static readonly PhoneNumberInput Nothing = new PhoneNumberInput(InputKind.None, null);

    public static PhoneNumberInput From(PSObject? input)
    {
        if (input == null) return Nothing;
        if (input.BaseObject is PhoneNumber) return new PhoneNumberInput(InputKind.Live, input);
        if (input.BaseObject is string || IsNumeral(input.BaseObject)) return new PhoneNumberInput(InputKind.Text, input);
        if (input.BaseObject is PhoneNumberDifference || input.TypeNames.Contains(DeserializedDifference))
            return new PhoneNumberInput(InputKind.Difference, input);
        if (input.TypeNames.Contains(DeserializedPhoneNumber) || copyMarkers.Any(m => input.Properties[m] != null))
            return new PhoneNumberInput(InputKind.Copy, input);
        return new PhoneNumberInput(InputKind.Row, input);
    }

    /// <summary>
    /// For <see cref="InputKind.Difference"/>, the difference; a deserialized one is rebuilt from its properties (null when
    /// it names no field of the update, or a kind there is not).
    /// </summary>
    public PhoneNumberDifference? Difference
    {
        get
        {
            if (Kind != InputKind.Difference) return null;
            if (Source!.BaseObject is PhoneNumberDifference live) return live;
            if (!Enum.TryParse<PhoneNumberDifferenceKind>(Cell("Kind"), true, out var kind)
                || !Enum.IsDefined(typeof(PhoneNumberDifferenceKind), kind)) return null;
            var named = kind == PhoneNumberDifferenceKind.Changed ? PhoneNumberFields.Find(Cell("ApiName") ?? Cell("Property") ?? "") : null;
            if (kind == PhoneNumberDifferenceKind.Changed && named == null) return null;
            return new PhoneNumberDifference(kind, Cell("Number"), Cell("Id"), named, Cell("Current"), Cell("Desired"));
        }
    }

    /// <summary>A property's value as text (Id, Number, a column), or null when the object has no such property.</summary>
    public string? Cell(string name)
    {
        if (Source == null || Kind == InputKind.Text) return null;
        var property = Source.Properties[name];
        if (property == null) return null;
        try
        {
            return AsText(property.Value);
        }
        catch (GetValueException)
        {
            return null;
        }
    }

    /// <summary>The object's cells that name an update field (by parameter or API name), with their values as text.</summary>
    public IEnumerable<(PhoneNumberField Field, string? Value)> FieldCells()
    {
        if (Source == null || Kind == InputKind.Text) yield break;
        foreach (var property in Source.Properties)
        {
            var field = PhoneNumberFields.Find(property.Name);
            if (field == null) continue;
            object? value;
            try
            {
                value = property.Value;
            }
            catch (GetValueException)
            {
                continue;
            }
            // A target column may hold a Fabric resource (Get-SwResource's, or a copy): it stands for the id the field takes.
            yield return (field, ResourceTarget.IdOf(value, null) ?? AsText(value));
        }
    }

    /// <summary>
    /// Columns that bind to nothing but look like a field or a target (a typo, stray spaces, other separators), each with
    /// the parameter it resembles.
    /// </summary>
    public IEnumerable<(string Column, string LooksLike)> MisspelledColumns()
    {
        if (Source == null || Kind == InputKind.Live || Kind == InputKind.Text || Kind == InputKind.Difference) yield break;
        foreach (var property in Source.Properties)
        {
            var name = property.Name;
            if (PhoneNumberFields.Find(name) != null || readOnlyNames.Contains(name)
                || name.Equals("Id", StringComparison.OrdinalIgnoreCase) || name.Equals("Number", StringComparison.OrdinalIgnoreCase))
                continue;
            var resembles = Resembling(name);
            if (resembles != null) yield return (name, resembles);
        }
    }

    private static readonly string[] targetNames = { "Id", "Number" };

    /// <summary>The parameter a column name is probably meant to be, or null when it looks like none of them.</summary>
    internal static string? Resembling(string column)
    {
        var key = Squeeze(column);
        if (key.Length < 2) return null;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in PhoneNumberFields.All.Select(f => f.ParameterName).Concat(targetNames))
        {
            var distance = Distance(key, Squeeze(candidate));
            // Short names must match once squeezed ("ID " is Id); longer ones may be a letter or two off.
            var allowed = candidate.Length <= 6 ? 0 : 2;
            if (distance <= allowed && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>Lower case, letters and digits only: "Call Handler ", "call-handler" and "call_handler" become one.</summary>
    private static string Squeeze(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
            if (char.IsLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
        return builder.ToString();
    }

    /// <summary>Levenshtein distance.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>
    /// A phone number as given anywhere (a parameter, a piped string, a cell): in E.164 form when it is a number in one of
    /// the forms <see cref="PhoneNumberText.ToE164"/> reads, otherwise as text, for the caller to refuse. A number typed
    /// without quotes (15552000198, which PowerShell reads as an integer) counts by its digits, as the same digits in a
    /// CSV cell do.
    /// </summary>
    public static string? ParseNumber(object? value)
    {
        var text = AsText(value);
        return text == null ? null : PhoneNumberText.ToE164(text);
    }

    /// <summary>Whether a value is a number PowerShell parsed from digits typed without quotes.</summary>
    public static bool IsNumeral(object? value)
    {
        if (value is PSObject wrapped) value = wrapped.BaseObject;
        return value is long || value is int || value is ulong || value is uint || value is short || value is ushort || value is byte
            || value is sbyte || value is decimal || value is double || value is float || value is System.Numerics.BigInteger;
    }

    private static string? AsText(object? value)
    {
        if (value == null) return null;
        if (value is PSObject wrapped) value = wrapped.BaseObject;
        return value as string ?? LanguagePrimitives.ConvertTo<string>(value);
    }
}
