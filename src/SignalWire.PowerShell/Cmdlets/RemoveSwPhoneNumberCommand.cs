using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Internal.Bulk;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>
/// Releases numbers from the project. The number is gone for good: ConfirmImpact is High. Numbers are named as every
/// cmdlet names them: by id, by number in any form Set-SwPhoneNumber reads, or by piped PhoneNumber objects, copies,
/// rows with an Id or Number column, and ids or numbers as text.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "SwPhoneNumber", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true,
    ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveSwPhoneNumberCommand : SwWriteCmdlet
{
    // Whatever is piped binds to InputObject, which reads it as Set-SwPhoneNumber reads its input: a PhoneNumber's
    // prompt and errors can then name the number, and a row with both an Id and a Number column is no ambiguity.
    private const string IdSet = "Id";
    private const string NumberSet = "Number";
    private const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
    [IdTransformation]
    [ValidateUuid]
    [ArgumentCompleter(typeof(PhoneNumberCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = NumberSet)]
    [E164Transformation]
    [ValidateE164]
    [ArgumentCompleter(typeof(PhoneNumberCompleter))]
    public string[] Number { get; set; } = Array.Empty<string>();

    /// <summary>PhoneNumber objects, copies of them, rows with an Id or Number column, or ids and numbers as text.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        OpenJournal("Remove-SwPhoneNumber");
    }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case IdSet:
                foreach (var id in Id) Release(id, id, id);
                break;
            case NumberSet:
                foreach (var number in Number) ReleaseNumber(number);
                break;
            default:
                foreach (var item in Items(InputObject)) ReleaseInput(PhoneNumberInput.From(item));
                break;
        }
    }

    /// <summary>An array given to -InputObject is its elements, as if piped.</summary>
    private static IEnumerable<PSObject?> Items(PSObject? input)
    {
        if (input?.BaseObject is IEnumerable list && !(input.BaseObject is string))
        {
            foreach (var element in list) yield return element == null ? null : PSObject.AsPSObject(element);
        }
        else
        {
            yield return input;
        }
    }

    private void ReleaseInput(PhoneNumberInput input)
    {
        switch (input.Kind)
        {
            case InputKind.None:
                return;
            case InputKind.Live:
                var live = input.Live!;
                if (!string.IsNullOrEmpty(live.Id)) Release(live.Id, Describe(live), live.Number ?? live.Id);
                else if (!string.IsNullOrEmpty(live.Number)) ReleaseNumber(live.Number!);
                else WriteError(NoTarget(input.Source));
                return;
            case InputKind.Text:
                var text = input.Text!.Trim();
                if (PhoneNumberText.IsId(text))
                {
                    var id = PhoneNumberText.ToId(text);
                    Release(id, id, id);
                }
                else if (PhoneNumberText.IsE164(PhoneNumberInput.ParseNumber(text)))
                {
                    ReleaseNumber(PhoneNumberInput.ParseNumber(text)!);
                }
                else
                {
                    WriteError(ErrorRecords.InvalidArgument("InvalidId",
                        $"'{text}' is neither a phone number id (a UUID) nor a phone number: {ValidateE164Attribute.Forms}. " +
                        "Nothing was released.", text));
                }
                return;
            case InputKind.Difference:
                WriteError(ErrorRecords.InvalidArgument("InvalidInput",
                    "A difference from Compare-SwPhoneNumber names a change, not a number to release: pipe it to Set-SwPhoneNumber. " +
                    "Nothing was released.", input.Source));
                return;
            default:
                ReleaseRow(input);
                return;
        }
    }

    /// <summary>A row or a copy: by its Id, by its Number, or by its Id once the API confirms the Id is that Number.</summary>
    private void ReleaseRow(PhoneNumberInput input)
    {
        var idText = NonEmpty(input.Cell("Id"));
        var numberText = NonEmpty(input.Cell("Number"));
        string? number = null;
        if (numberText != null)
        {
            number = PhoneNumberInput.ParseNumber(numberText);
            if (!PhoneNumberText.IsE164(number))
            {
                WriteError(ErrorRecords.InvalidArgument("InvalidNumber",
                    $"The Number '{numberText}' is not a phone number: {ValidateE164Attribute.Forms}. Nothing was released.", numberText));
                return;
            }
        }
        if (idText == null)
        {
            if (number != null) ReleaseNumber(number);
            else WriteError(NoTarget(input.Source));
            return;
        }
        if (!PhoneNumberText.IsId(idText))
        {
            WriteError(ErrorRecords.InvalidArgument("InvalidId",
                $"The Id '{idText}' is not a phone number id (a UUID such as 233dffc2-2ad3-455e-a597-0e332c39662a). Nothing was released.",
                number ?? idText));
            return;
        }
        var id = PhoneNumberText.ToId(idText);
        if (number == null)
        {
            Release(id, id, id);
            return;
        }

        // The prompt will name the number: make sure the id is that number before anything is released.
        PhoneNumber current;
        try
        {
            current = Await(Client.GetPhoneNumberAsync(id, this, Cancellation));
        }
        catch (SignalWireApiException e)
        {
            WriteApiError(e, number);
            return;
        }
        if (!string.Equals(current.Number, number, StringComparison.Ordinal))
        {
            WriteError(ErrorRecords.InvalidArgument("IdNumberMismatch",
                $"The input names the id {id} and the number {number}, but that id is {current.Number}: nothing was released. " +
                "Give the Id or the Number alone, or correct the one that is wrong.", number));
            return;
        }
        Release(id, Describe(current), number);
    }

    /// <summary>Finds the number in the project (one listing filtered on the server), then releases it by its id.</summary>
    private void ReleaseNumber(string number)
    {
        IReadOnlyList<PhoneNumber> matches;
        try
        {
            matches = Await(Client.FindPhoneNumbersAsync(number, this, Cancellation));
        }
        catch (SignalWireApiException e)
        {
            WriteApiError(e, number);
            return;
        }
        if (matches.Count == 0)
        {
            WriteError(new ErrorRecord(new ItemNotFoundException($"No phone number {number} in this project: nothing was released."),
                "PhoneNumberNotFound", ErrorCategory.ObjectNotFound, number));
        }
        else if (matches.Count > 1)
        {
            var ids = string.Join(", ", matches.Select(m => m.Id));
            WriteError(new ErrorRecord(new InvalidOperationException(
                    $"{matches.Count} phone numbers of this project are {number}: use -Id ({ids}). Nothing was released."),
                "AmbiguousNumber", ErrorCategory.InvalidResult, number));
        }
        else
        {
            Release(matches[0].Id, Describe(matches[0]), number);
        }
    }

    private static string Describe(PhoneNumber number) =>
        string.IsNullOrEmpty(number.Number) ? number.Id : $"{number.Number} ({number.Id})";

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text!.Trim();

    private static ErrorRecord NoTarget(object? input) =>
        ErrorRecords.InvalidArgument("NoTarget",
            "Which number? Give -Id or -Number, or pipe phone numbers, ids, numbers, or rows with an Id or Number column. " +
            "Nothing was released.", input);

    private void Release(string id, string description, string target)
    {
        if (!ShouldProcess(description, "Release phone number from the project")) return;
        var number = PhoneNumberText.IsE164(target) ? target : null;
        var write = new SingleWrite(this, Journal, "release", id, number);
        try
        {
            SendOne(write, observer => Client.ReleasePhoneNumberAsync(id, observer, Cancellation), () => write.Applied(id, number),
                $"the release of {description}", "released", $"Get-SwPhoneNumber -Id {id}");
            WriteVerbose($"Released {description}.");
        }
        catch (SignalWireApiException e) when (e.ReleasableAt is DateTime releasable)
        {
            // Bought too recently: say plainly from when the release will work, then the API's own words.
            var record = ErrorRecords.FromApi(e, target);
            record.ErrorDetails = new ErrorDetails($"{description} cannot be released before {ErrorRecords.FormatUtc(releasable)}. {e.Message}")
            {
                RecommendedAction = $"Run Remove-SwPhoneNumber for it again after {ErrorRecords.FormatUtc(releasable)}, or ask SignalWire Support.",
            };
            WriteError(record);
        }
        catch (SignalWireApiException e)
        {
            WriteApiError(e, target);
        }
    }
}
