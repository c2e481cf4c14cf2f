using System;
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
/// Changes how phone numbers handle calls and messages. Only the fields asked for go over the wire, and where the
/// number's current state is known only those that differ. The cmdlet binds and checks the parameters, reads each input
/// (<see cref="ChangeReader"/>), judges it when its number's turn comes and asks ShouldProcess, and writes what becomes of
/// it; the bulk engine (<see cref="BulkWriter{TItem}"/>) schedules the requests and accounts for a stop.
/// </summary>
[Cmdlet(VerbsCommon.Set, "SwPhoneNumber", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PhoneNumber))]
public sealed partial class SetSwPhoneNumberCommand : SwWriteCmdlet, IBulkHost<PhoneNumberChange>
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [IdTransformation]
    [ValidateUuid(AllowEmpty = true)]
    [ArgumentCompleter(typeof(PhoneNumberCompleter))]
    public string? Id { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [E164Transformation]
    [ValidateE164(AllowEmpty = true)]
    [ArgumentCompleter(typeof(PhoneNumberCompleter))]
    public string? Number { get; set; }

    /// <summary>What is piped: PhoneNumber objects, copies of them, rows (Import-Csv), or ids and numbers as text.</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>An empty cell of a piped row clears that field, so a backup restores exactly what it held.</summary>
    [Parameter]
    public SwitchParameter ClearEmptyFields { get; set; }

    /// <summary>
    /// At most this many requests in flight at once; 1 updates one number after another, in input order. Unset, the
    /// session sizes its write window to its write limit and the round trip it measures, and reads have their own cap.
    /// </summary>
    [Parameter]
    [ValidateRange(1, SignalWireClientOptions.MaximumWritesInFlight)]
    public int ThrottleLimit { get; set; }

    /// <summary>
    /// The E911 address to assign (its id, or an address object); a number already on it gets no request unless that assignment failed.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [E911AddressIdTransformation]
    [ValidateUuid(AllowEmpty = true)]
    [ArgumentCompleter(typeof(E911AddressCompleter))]
    public string? E911AddressId { get; set; }

    /// <summary>Removes the number's E911 address; allowed by the API only while its E911 status is active.</summary>
    [Parameter]
    public SwitchParameter RemoveE911Address { get; set; }

    /// <summary>Applies a row whose columns include one that binds to nothing but looks like a field: its other columns, with a warning.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private readonly HashSet<PhoneNumberField> warnedDeprecated = new HashSet<PhoneNumberField>();
    private ChangeReader reader = null!;
    private TargetCheck targets = null!;
    private BulkCmdletJob<PhoneNumberChange>? job;
    private bool whatIf;
    private readonly BackupGapReport backupGaps = new BackupGapReport();
    private bool backupGapsTold;

    private BulkCmdletJob<PhoneNumberChange> Job => job!;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        reader = ValidateParameters();
        targets = new TargetCheck(id => Lookup(() => Client.GetResourceAsync(id, this, Cancellation)),
            type => Lookup(() => Client.ListAllResourcesAsync(type, this, Cancellation)) ?? Array.Empty<FabricResource>(), WriteWarning);
        job = new BulkCmdletJob<PhoneNumberChange>(this, this, new ClientTransport(Client), new BulkOptions
        {
            Cmdlet = "Set-SwPhoneNumber",
            ThrottleLimit = ThrottleLimit,
            Trace = this,
            Changes = OpenJournal("Set-SwPhoneNumber"),
            ErrorId = ErrorRecords.IdFor,
            Cancellation = Cancellation,
        });
    }

    /// <summary>
    /// Every check of the command line, in one place and once, before any input: targets that conflict, and each field
    /// value (checked here rather than by validation attributes, which would also judge every property a piped
    /// PhoneNumber binds, and refuse a number whose current handler is one the API sets elsewhere). A piped row's values
    /// are checked when its change is judged, and only those that will be sent.
    /// </summary>
    private ChangeReader ValidateParameters()
    {
        // What is bound now came from the command line; whatever ProcessRecord sees on top came from the pipeline.
        var bound = MyInvocation.BoundParameters;
        var whatIfValue = GivenOrPreference("WhatIf", "WhatIfPreference");
        whatIf = whatIfValue is SwitchParameter whatIfSwitch ? whatIfSwitch.IsPresent : LanguagePrimitives.IsTrue(whatIfValue);
        var idGiven = bound.ContainsKey(nameof(Id));
        var numberGiven = bound.ContainsKey(nameof(Number));
        // A number named on the command line and numbers from the pipeline would mix one's fields into the other.
        if (MyInvocation.ExpectingInput && (idGiven || numberGiven))
            Conflict("-Id and -Number cannot be used with pipeline input: the piped objects say which numbers to change. " +
                "Pipe the numbers alone (Get-SwPhoneNumber -Id $id | Set-SwPhoneNumber -Name x), or leave out the pipeline.");
        if (bound.ContainsKey(nameof(E911AddressId)) && RemoveE911Address)
            Conflict("-E911AddressId and -RemoveE911Address cannot be used together: assign an address, or remove the number's.");
        if (idGiven && numberGiven)
            Conflict("-Id and -Number cannot be used together: give the one number to change by its id or by its number.");

        var fields = new List<(PhoneNumberField, string?)>();
        foreach (var field in PhoneNumberFields.All)
        {
            if (!bound.TryGetValue(field.ParameterName, out var given)) continue;
            var value = (string?)given;
            var problem = PhoneNumberUpdate.Check(field, value);
            if (problem != null)
                ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidFieldValue", $"-{field.ParameterName}: {problem}", value));
            fields.Add((field, value));
        }
        return new ChangeReader(fields, WriteWarning, record => Job.Refuse(record))
        {
            AddressGiven = bound.ContainsKey(nameof(E911AddressId)),
            RemoveAddress = RemoveE911Address,
            ClearEmptyFields = ClearEmptyFields,
            WhatIf = whatIf,
            Force = Force,
        };
    }

    /// <summary>
    /// A read of a target, waited for on the pipeline thread where the engine judges (what it reports is posted, and
    /// written after); null for a 404.
    /// </summary>
    private static T? Lookup<T>(Func<System.Threading.Tasks.Task<T>> read) where T : class
    {
        try
        {
            return read().GetAwaiter().GetResult();
        }
        catch (SignalWireApiException e) when (e.StatusCode == 404)
        {
            return null;
        }
    }

    private void Conflict(string message) => ThrowTerminatingError(ErrorRecords.InvalidArgument("TargetConflict", message, null));

    protected override void ProcessRecord() => Job.Run(() =>
    {
        foreach (var change in reader.Read(PhoneNumberInput.From(InputObject), InputObject, Id, Number, E911AddressId)) Job.Add(change);
        // Write what has finished meanwhile, so results flow while the input is still coming.
        Job.Engine.RunCompleted();
    });

    protected override void EndProcessing() => Job.Run(() =>
    {
        // After the last input fewer than -ThrottleLimit requests are in flight, so the last number's differences can start.
        var last = reader.End(E911AddressId);
        if (last != null) Job.Engine.Add(last);
        if (reader.NotInReference.Count > 0)
            WriteWarning($"{reader.NotInReference.Count} numbers are not in the reference and were left as they are: " +
                $"{Names.Some(reader.NotInReference)}.");
        Job.Finish();
        backupGapsTold = true;
        var gaps = backupGaps.Describe(whatIf ? BackupGapMoment.WhatIf : BackupGapMoment.Done);
        if (gaps != null) WriteWarning(gaps);
    });

    /// <summary>Ctrl+C: see <see cref="BulkCmdletJob{TItem}.RequestStop"/>.</summary>
    protected override void StopProcessing() => job?.RequestStop();

    internal override void OnPipelineEnded()
    {
        job?.EndIfCutShort();
        // A batch cut short still says what it began that no backup can undo; the pipeline takes no more, so on the host.
        if (backupGapsTold) return;
        backupGapsTold = true;
        var gaps = backupGaps.Describe(BackupGapMoment.Stopped);
        if (gaps != null) TellHost(gaps);
    }

    // ---- the engine's host: judge each change when its turn comes, write what becomes of it ------------------------

    BulkPlan IBulkHost<PhoneNumberChange>.Plan(PhoneNumberChange change)
    {
        var refusal = change.Judge();
        if (refusal != null) return BulkPlan.Refuse(refusal);
        if (change.IsUnchanged)
        {
            // -WhatIf still says what the input's empty cells leave in place, though nothing is sent.
            var leftAlone = change.LeftAlone();
            if (whatIf && leftAlone.Length > 0) ShouldProcess(change.Target, "No update needed" + leftAlone);
            WriteVerbose($"{change.Label}: every field is already as asked; no request sent.");
            return BulkPlan.Unchanged;
        }
        var missingTarget = targets.Check(change.Changes, change.Where);
        if (missingTarget != null) return BulkPlan.Refuse(missingTarget);
        foreach (var field in change.Changes.Changes.Select(c => c.Field))
            if (field.Replacement != null && warnedDeprecated.Add(field))
                WriteWarning($"-{field.ParameterName} ({field.ApiName}) is deprecated by SignalWire; " +
                    $"use -{field.Replacement.Replace(" or ", " or -")} instead.");
        // -WhatIf and -Confirm say each number's backup gaps in its line; the batch's are told in one warning at its end.
        var send = ShouldProcess(change.Target, "Update phone number: " + change.Describe());
        var gaps = change.BackupGaps();
        if (gaps.Count > 0 && (send || whatIf))
        {
            foreach (var gap in gaps) WriteVerbose($"{change.Label}: {gap}");
            backupGaps.Add(change, change.Label, gaps);
        }
        return send ? BulkPlan.Send(change.WritesToSend()) : BulkPlan.Declined;
    }

    void IBulkHost<PhoneNumberChange>.WriteResult(PhoneNumberChange change, PhoneNumber result, SignalWireApiException? confirmedAfter)
    {
        if (confirmedAfter != null)
            WriteVerbose($"{change.Label}: the update failed ({confirmedAfter.Message}), but reading the number back shows the change in place.");
        WriteObject(result);
        Job.ReportProgress();
    }

    void IBulkHost<PhoneNumberChange>.WriteFailure(PhoneNumberChange change, Exception error)
    {
        // Its first write (the update that moves the handler) failed: the number kept its handler.
        if (change.NextWrite == 0) backupGaps.Drop(change);
        Job.WriteError(ErrorRecords.ForItem(error, change.Label));
    }

    void IBulkHost<PhoneNumberChange>.EndForAll(PhoneNumberChange change, Exception error, StopReport report) =>
        Job.EndForAll(report, ErrorRecords.ForItem(error, change.Label));
}
