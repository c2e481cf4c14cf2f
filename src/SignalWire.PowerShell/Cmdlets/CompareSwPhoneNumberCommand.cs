using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>
/// Compares the project's numbers with a reference (a routing file under version control, a backup, another project's
/// numbers) and writes one PhoneNumberDifference per difference; nothing when they agree. The reference is read as
/// Set-SwPhoneNumber reads its input, and held in memory; the project is read in one listing and streamed through it.
/// </summary>
[Cmdlet(VerbsData.Compare, "SwPhoneNumber")]
[OutputType(typeof(PhoneNumberDifference))]
public sealed class CompareSwPhoneNumberCommand : SwSessionCmdlet
{
    /// <summary>Rows with an Id or Number column and field columns, PhoneNumber objects or copies, or ids and numbers as text.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [AllowNull]
    [AllowEmptyCollection]
    public PSObject?[]? ReferenceObject { get; set; }

    /// <summary>Only these fields are compared (the ones a team manages); by default every field the reference gives.</summary>
    [Parameter]
    [ValidateFieldName]
    [ArgumentCompleter(typeof(FieldNameCompleter))]
    public string[]? Property { get; set; }

    /// <summary>Also reports the project's numbers that the reference does not name.</summary>
    [Parameter]
    public SwitchParameter IncludeNotInReference { get; set; }

    private PhoneNumberComparer comparer = null!;
    private readonly HashSet<string> warnedColumns = new HashSet<string>(StringComparer.Ordinal);
    private int rows;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        var only = Property?.Select(name => PhoneNumberFields.Find(name)!).ToList();
        comparer = new PhoneNumberComparer(only, IncludeNotInReference);
    }

    protected override void ProcessRecord()
    {
        if (ReferenceObject == null) return;
        foreach (var reference in ReferenceObject) Add(reference);
    }

    private void Add(PSObject? reference)
    {
        var input = PhoneNumberInput.From(reference);
        if (input.Kind == InputKind.None) return;
        rows++;
        if (input.Kind == InputKind.Difference)
        {
            WriteError(ErrorRecords.InvalidArgument("InvalidReference",
                $"'{input.Source}' is a difference from Compare-SwPhoneNumber, not a reference: pipe differences to Set-SwPhoneNumber, " +
                "and give Compare-SwPhoneNumber the rows (or numbers) the project should match.", input.Source));
            return;
        }

        foreach (var (column, looksLike) in input.MisspelledColumns())
            if (warnedColumns.Add(column))
                WriteWarning($"The column '{column}' is no field and was ignored; did you mean {looksLike}? " +
                    "(column names must match exactly, without spaces)");

        ComparisonProblem? problem;
        if (input.Kind == InputKind.Text)
        {
            // A plain id or number: only that the project has it.
            var text = input.Text!.Trim();
            problem = PhoneNumberText.IsId(text)
                ? comparer.Add(text, null, Array.Empty<(PhoneNumberField, string?)>())
                : comparer.Add(null, text, Array.Empty<(PhoneNumberField, string?)>());
        }
        else
        {
            problem = comparer.Add(input.Cell("Id"), input.Cell("Number"), input.FieldCells());
        }
        if (problem != null) WriteProblem(problem, input.Source);
    }

    protected override void EndProcessing()
    {
        foreach (var field in comparer.NotComparable)
            WriteVerbose($"{field.ApiName} ({field.ParameterName}) was not compared: the API does not return it, so its current value is unknown.");

        // Nothing named and nothing else asked for: there is nothing to compare, so nothing is read.
        if (comparer.Count > 0 || IncludeNotInReference) ReadProject();

        foreach (var outcome in comparer.Finish())
        {
            if (outcome.Problem != null) WriteProblem(outcome.Problem, outcome.Problem.Target);
            foreach (var difference in outcome.Differences) WriteObject(difference);
        }
        if (comparer.NamedTwice.Count > 0)
            WriteWarning($"The reference names {Names.Some(comparer.NamedTwice)} more than once: their rows were merged in order, " +
                "so for each field the last non-empty value was compared.");
        base.EndProcessing();
    }

    /// <summary>
    /// One listing of the project at the largest page size, each page streamed through the comparer while the next one
    /// is fetched. A listing that fails or stops short ends the command: a partial listing would report numbers as
    /// missing, and silence would pass for "no drift".
    /// </summary>
    private void ReadProject()
    {
        var query = new PhoneNumberQuery { PageSize = PhoneNumberQuery.MaximumPageSize };
        var walk = Client.Pages(query, this, Cancellation);
        var seen = 0;
        try
        {
            Task<PhoneNumberPage>? pending = walk.NextAsync();
            while (pending != null)
            {
                var page = Await(pending);
                pending = walk.HasMore ? walk.NextAsync() : null;
                foreach (var number in page.Numbers)
                {
                    var notInReference = comparer.Observe(number);
                    if (notInReference != null) WriteObject(notInReference);
                }
                seen += page.Numbers.Count;
                WriteProgress(new ProgressRecord(1, "Compare-SwPhoneNumber", $"{seen} numbers of the project compared with {rows} reference rows"));
            }
        }
        catch (SignalWireApiException e)
        {
            CancelRequests();
            ThrowTerminatingError(ErrorRecords.FromApi(new SignalWireApiException(e.Kind,
                "The project's numbers could not be listed, so nothing was compared: " + e.Message,
                e.StatusCode, e.ApiMessage, e.Attempts, e.RequestMethod, e.RequestPath, e.InnerException), null));
        }
        finally
        {
            WriteProgress(new ProgressRecord(1, "Compare-SwPhoneNumber", "Done") { RecordType = ProgressRecordType.Completed });
        }
        if (walk.RepeatedLink != null)
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"The API sent the same next link twice ({walk.RepeatedLink.PathAndQuery}), " +
                    "so the listing of the project may be incomplete: nothing was compared."),
                "IncompleteListing", ErrorCategory.InvalidResult, null));
    }

    private void WriteProblem(ComparisonProblem problem, object? target)
    {
        var category = problem.Kind == ComparisonProblemKind.AmbiguousNumber ? ErrorCategory.InvalidResult : ErrorCategory.InvalidArgument;
        WriteError(new ErrorRecord(new ArgumentException(problem.Message), problem.Kind.ToString(), category, target));
    }
}
