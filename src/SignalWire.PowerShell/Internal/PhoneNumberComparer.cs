using System;
using System.Collections.Generic;
using System.Linq;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Internal;

/// <summary>Why a reference row was not compared; the id is the error id Set-SwPhoneNumber gives the same input.</summary>
internal enum ComparisonProblemKind
{
    /// <summary>An Id that is not a UUID, or a Number that is not a phone number.</summary>
    InvalidId,

    /// <summary>Neither an Id nor a Number.</summary>
    NoTarget,

    /// <summary>A wanted value the field does not allow, where it differs from the number's.</summary>
    InvalidFieldValue,

    /// <summary>The row's Id is a number of the project whose number is not the row's Number.</summary>
    IdNumberMismatch,

    /// <summary>Several numbers of the project have the row's Number.</summary>
    AmbiguousNumber,
}

internal sealed class ComparisonProblem
{
    public ComparisonProblem(ComparisonProblemKind kind, string message, string? target)
    {
        Kind = kind;
        Message = message;
        Target = target;
    }

    public ComparisonProblemKind Kind { get; }
    public string Message { get; }

    /// <summary>The row's number or id as given, to name it in the error.</summary>
    public string? Target { get; }
}

/// <summary>What the comparison says of one reference row: its differences (maybe none), or why it was not compared.</summary>
internal sealed class ComparisonOutcome
{
    public ComparisonOutcome(IReadOnlyList<PhoneNumberDifference> differences, ComparisonProblem? problem)
    {
        Differences = differences;
        Problem = problem;
    }

    public IReadOnlyList<PhoneNumberDifference> Differences { get; }
    public ComparisonProblem? Problem { get; }
}

/// <summary>
/// Compares the project's numbers with a reference (rows of wanted values), holding only the reference: the project's
/// numbers stream through <see cref="Observe"/> one at a time, in one listing.
/// A row names its number by Number when it has one (a number is the same in every project, an id is not, so a copy
/// of another project's numbers matches), and by Id only when it has no Number; its Id, when given beside the Number,
/// must then not be another number of the project. Each row's non-empty values are wishes; empty ones, and fields the
/// API does not return (their current value is unknown), are never a difference. What is a change follows
/// Set-SwPhoneNumber: "" and null are both unset, allowed values are compared in the API's spelling, and only values
/// that differ are checked. Rows naming one number are merged in order, the later value of a field winning.
/// </summary>
internal sealed class PhoneNumberComparer
{
    private sealed class Entry
    {
        public Entry(int order, string? id, string? number)
        {
            Order = order;
            Id = id;
            Number = number;
        }

        public int Order { get; }
        public string? Id { get; set; }
        public string? Number { get; }
        public PhoneNumberUpdate Wanted { get; } = new PhoneNumberUpdate();

        public string Label => Number ?? Id ?? "";

        /// <summary>The project numbers (ids) this row matched: one is a comparison, two or more an ambiguity.</summary>
        public List<string> MatchedIds { get; } = new List<string>();

        public List<PhoneNumberDifference>? Differences { get; set; }
        public ComparisonProblem? Problem { get; set; }

        /// <summary>For a row whose Id is a project number with another number: that number.</summary>
        public string? IdIsNumber { get; set; }

        /// <summary>Set when another row (by id where this one is by number, or the reverse) named the same number first.</summary>
        public Entry? MergedInto { get; set; }
    }

    private static readonly Dictionary<PhoneNumberField, int> fieldOrder =
        PhoneNumberFields.All.Select((field, index) => (field, index)).ToDictionary(p => p.field, p => p.index);

    private readonly HashSet<PhoneNumberField>? only;
    private readonly bool includeNotInReference;
    private readonly List<Entry> entries = new List<Entry>();
    private readonly Dictionary<string, Entry> byNumber = new Dictionary<string, Entry>(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> byIdAlone = new Dictionary<string, Entry>(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> idBesideNumber = new Dictionary<string, Entry>(StringComparer.Ordinal);
    private readonly List<string> namedTwice = new List<string>();
    private readonly HashSet<PhoneNumberField> notComparable = new HashSet<PhoneNumberField>();
    private bool finished;

    /// <param name="only">The fields to compare; null for every field of the update.</param>
    /// <param name="includeNotInReference">Whether a project number no row names is a difference.</param>
    public PhoneNumberComparer(IEnumerable<PhoneNumberField>? only, bool includeNotInReference)
    {
        this.only = only == null ? null : new HashSet<PhoneNumberField>(only);
        this.includeNotInReference = includeNotInReference;
    }

    /// <summary>How many distinct numbers the reference names so far.</summary>
    public int Count => entries.Count(e => e.MergedInto == null);

    /// <summary>Numbers named by more than one row, in the order first seen.</summary>
    public IReadOnlyList<string> NamedTwice => namedTwice;

    /// <summary>Fields the reference gives values for that the API does not return, so they could not be compared.</summary>
    public IReadOnlyCollection<PhoneNumberField> NotComparable => notComparable;

    /// <summary>
    /// Adds a reference row: its Id and Number as written (the number may lack its + or be formatted) and its field cells.
    /// Returns why the row cannot be compared, or null.
    /// </summary>
    public ComparisonProblem? Add(string? idText, string? numberText, IEnumerable<(PhoneNumberField Field, string? Value)> cells)
    {
        if (finished) throw new InvalidOperationException("The comparison is finished.");
        idText = string.IsNullOrWhiteSpace(idText) ? null : idText!.Trim();
        numberText = string.IsNullOrWhiteSpace(numberText) ? null : numberText!.Trim();
        if (idText == null && numberText == null)
            return new ComparisonProblem(ComparisonProblemKind.NoTarget,
                "A reference row with neither an Id nor a Number: which number does it describe? Give every row an Id or a Number column.", null);
        string? id = null, number = null;
        if (idText != null)
        {
            if (!PhoneNumberText.IsId(idText))
                return new ComparisonProblem(ComparisonProblemKind.InvalidId,
                    $"The Id '{idText}' is not a phone number id (a UUID such as 233dffc2-2ad3-455e-a597-0e332c39662a): " +
                    "the row was not compared.", numberText ?? idText);
            id = PhoneNumberText.ToId(idText);
        }
        if (numberText != null)
        {
            number = PhoneNumberText.ToE164(numberText);
            if (!PhoneNumberText.IsE164(number))
                return new ComparisonProblem(ComparisonProblemKind.InvalidId,
                    $"The Number '{numberText}' is not a phone number in E.164 form such as +15551234567: the row was not compared.", numberText);
        }

        Entry entry;
        var index = number != null ? byNumber : byIdAlone;
        var key = number ?? id!;
        if (index.TryGetValue(key, out var earlier))
        {
            entry = earlier;
            if (!namedTwice.Contains(entry.Label)) namedTwice.Add(entry.Label);
            if (id != null && number != null)
            {
                // The later row's id is the one compared, as its values are.
                if (entry.Id != null && idBesideNumber.TryGetValue(entry.Id, out var named) && named == entry) idBesideNumber.Remove(entry.Id);
                entry.Id = id;
            }
        }
        else
        {
            entry = new Entry(entries.Count, id, number);
            entries.Add(entry);
            index[key] = entry;
        }
        if (id != null && number != null) idBesideNumber[id] = entry;

        foreach (var (field, value) in cells)
        {
            if (only != null && !only.Contains(field)) continue;
            if (string.IsNullOrEmpty(value)) continue;   // an empty cell: whatever the number has is fine
            if (!field.Returned)
            {
                notComparable.Add(field);
                continue;
            }
            entry.Wanted.Set(field, value);
        }
        return null;
    }

    /// <summary>
    /// Compares one number of the project with the row that names it. Returns the number as a NotInReference difference
    /// when no row names it and those were asked for, otherwise null; the rows' differences come from <see cref="Finish"/>.
    /// </summary>
    public PhoneNumberDifference? Observe(PhoneNumber current)
    {
        if (finished) throw new InvalidOperationException("The comparison is finished.");
        Entry? byItsNumber = null, byItsId = null;
        if (current.Number != null) byNumber.TryGetValue(current.Number, out byItsNumber);
        byIdAlone.TryGetValue(current.Id, out byItsId);
        var misnamed = idBesideNumber.TryGetValue(current.Id, out var named) && named.Number != current.Number;
        if (misnamed) named!.IdIsNumber = current.Number ?? "";

        if (byItsNumber == null && byItsId == null)
            return includeNotInReference && !misnamed
                ? new PhoneNumberDifference(PhoneNumberDifferenceKind.NotInReference, current.Number, current.Id)
                : null;

        // One row by number and another by id: the same number named twice, merged in reference order.
        var first = byItsNumber ?? byItsId!;
        if (byItsNumber != null && byItsId != null && byItsNumber != byItsId)
        {
            var (earlier, later) = byItsNumber.Order < byItsId.Order ? (byItsNumber, byItsId) : (byItsId, byItsNumber);
            foreach (var change in later.Wanted.Changes) earlier.Wanted.Set(change.Field, change.Value);
            later.MergedInto = earlier;
            later.MatchedIds.Add(current.Id);
            var label = current.Number ?? earlier.Label;
            if (!namedTwice.Contains(label)) namedTwice.Add(label);
            first = earlier;
        }

        first.MatchedIds.Add(current.Id);
        if (first.MatchedIds.Count == 1) first.Differences = Differences(first, current);
        return null;
    }

    private static List<PhoneNumberDifference>? Differences(Entry entry, PhoneNumber current)
    {
        List<PhoneNumberDifference>? found = null;
        // In the field table's order, whatever the reference's column order.
        foreach (var change in entry.Wanted.ExceptUnchanged(current).Changes.OrderBy(c => fieldOrder[c.Field]))
        {
            // Only a value that would be sent is judged, as Set-SwPhoneNumber does: one equal to the number's passes.
            var problem = PhoneNumberUpdate.Check(change.Field, change.Value);
            if (problem != null)
            {
                entry.Problem = new ComparisonProblem(ComparisonProblemKind.InvalidFieldValue,
                    $"-{change.Field.ParameterName}: {problem} The reference row for {current.Number ?? current.Id} was not compared.", entry.Label);
                return null;
            }
            (found ??= new List<PhoneNumberDifference>()).Add(new PhoneNumberDifference(PhoneNumberDifferenceKind.Changed,
                current.Number, current.Id, change.Field, change.Field.ReadCurrent(current), change.Value));
        }
        return found;
    }

    /// <summary>
    /// Once every number of the project has been observed: each row's outcome, in reference order. A row whose number
    /// the project lacks is one NotInProject difference; a matched row gives its Changed differences, one per field.
    /// </summary>
    public IEnumerable<ComparisonOutcome> Finish()
    {
        finished = true;
        var none = Array.Empty<PhoneNumberDifference>();
        foreach (var entry in entries)
        {
            if (entry.MergedInto != null) continue;
            if (entry.IdIsNumber != null)
                yield return new ComparisonOutcome(none, new ComparisonProblem(ComparisonProblemKind.IdNumberMismatch,
                    $"The reference row names the id {entry.Id} and the number {entry.Number}, but that id is " +
                    $"{(entry.IdIsNumber.Length > 0 ? entry.IdIsNumber : "another number")} " +
                    "in this project: the row was not compared. Give the Id or the Number alone, or correct the one that is wrong.", entry.Label));
            else if (entry.MatchedIds.Count == 0)
                yield return new ComparisonOutcome(
                    new[] { new PhoneNumberDifference(PhoneNumberDifferenceKind.NotInProject, entry.Number, entry.Id) }, null);
            else if (entry.MatchedIds.Count > 1)
                yield return new ComparisonOutcome(none, new ComparisonProblem(ComparisonProblemKind.AmbiguousNumber,
                    $"{entry.MatchedIds.Count} numbers of this project are {entry.Number} ({string.Join(", ", entry.MatchedIds)}): " +
                    "the row was not compared.", entry.Label));
            else if (entry.Problem != null)
                yield return new ComparisonOutcome(none, entry.Problem);
            else
                yield return new ComparisonOutcome((IReadOnlyList<PhoneNumberDifference>?)entry.Differences ?? none, null);
        }
    }
}
