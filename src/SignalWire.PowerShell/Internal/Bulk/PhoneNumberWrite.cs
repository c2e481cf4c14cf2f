using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Internal.Bulk;

/// <summary>
/// One write to one number. It carries the number and its id, and each field it changes with the value it replaces,
/// so whoever hears of it (a change journal) needs to parse nothing back from a request.
/// </summary>
internal abstract class PhoneNumberWrite
{
    private PhoneNumberWrite(string id, string? number, IReadOnlyList<WrittenField> fields)
    {
        Id = id;
        Number = number;
        Fields = fields;
    }

    public string Id { get; }
    public string? Number { get; }
    public IReadOnlyList<WrittenField> Fields { get; }

    /// <summary>The cmdlet whose job sent it; the engine sets it.</summary>
    public string Cmdlet { get; internal set; } = "";

    /// <summary>The API's request: "PUT", "POST" or "DELETE".</summary>
    public abstract string Method { get; }

    /// <summary>What the change journal calls this write: update, e911_assign, e911_remove or campaign_remove.</summary>
    public abstract string Action { get; }

    internal abstract Task<PhoneNumber> SendAsync(IBulkTransport transport, IRequestObserver observer, CancellationToken cancellationToken);

    /// <summary>True when a read of the number shows this write in place (after a write whose outcome was uncertain).</summary>
    public abstract bool IsInPlace(PhoneNumber number);

    /// <summary>After a write whose outcome was uncertain, the read that tells: the number, which <see cref="IsInPlace"/> then judges.</summary>
    internal virtual Task<PhoneNumber> ReadBackAsync(IBulkTransport transport, IRequestObserver? trace, CancellationToken cancellationToken) =>
        transport.GetPhoneNumberAsync(Id, trace, cancellationToken);

    /// <summary>The command that shows whether the write is in place, for a user told its outcome is unknown.</summary>
    public virtual string HowToCheck => "Get-SwPhoneNumber -Id " + Id;

    /// <summary>The values the API returned for the fields the write changed (those it returns), for the journal's "applied" record.</summary>
    internal virtual IReadOnlyDictionary<string, string?> Returned(PhoneNumber result)
    {
        var returned = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            if (field.ApiName == UndoPlan.AddressField)
            {
                returned[field.ApiName] = result.E911AddressId;
                continue;
            }
            var known = PhoneNumberFields.FindByApiName(field.ApiName);
            if (known != null && known.Returned) returned[field.ApiName] = known.ReadCurrent(result);
        }
        return returned;
    }

    public override string ToString() => $"{Method} {Number ?? Id}: " + string.Join(", ", Fields.Select(f => f.ToString()));

    /// <summary>The fields of a PUT; <paramref name="current"/> gives the values they replace, when it is known.</summary>
    public static PhoneNumberWrite Update(string id, string? number, PhoneNumber? current, PhoneNumberUpdate changes) =>
        new UpdateWrite(id, number, changes, changes.Changes.Select(c => new WrittenField(c.Field.ApiName,
            current != null && c.Field.Returned, current != null && c.Field.Returned ? c.Field.ReadCurrent(current) : null, c.Value)).ToList());

    /// <summary>Assigns an E911 address (its own endpoint, not a field of the PUT).</summary>
    public static PhoneNumberWrite AssignAddress(string id, string? number, PhoneNumber? current, string addressId) =>
        new AssignAddressWrite(id, number, addressId, AddressField(current, addressId));

    /// <summary>Removes the number's E911 address.</summary>
    public static PhoneNumberWrite RemoveAddress(string id, string? number, PhoneNumber? current) =>
        new RemoveAddressWrite(id, number, AddressField(current, null));

    /// <summary>
    /// Takes the number off its 10DLC campaign: DELETE /numbers/{id} of the registry, with the assignment's id. The
    /// number's own fields do not change, so the result is <paramref name="number"/> as it was.
    /// </summary>
    public static PhoneNumberWrite RemoveFromCampaign(PhoneNumber number, string assignmentId, string? campaignId) =>
        new CampaignRemoveWrite(number, assignmentId, new[] { new WrittenField("campaign_id", true, campaignId, null) });

    private static IReadOnlyList<WrittenField> AddressField(PhoneNumber? current, string? addressId) =>
        new[] { new WrittenField("e911_address_id", current != null, current?.E911AddressId, addressId) };

    private sealed class UpdateWrite : PhoneNumberWrite
    {
        private readonly PhoneNumberUpdate changes;

        public UpdateWrite(string id, string? number, PhoneNumberUpdate changes, IReadOnlyList<WrittenField> fields)
            : base(id, number, fields) => this.changes = changes;

        public override string Method => "PUT";
        public override string Action => "update";

        internal override Task<PhoneNumber> SendAsync(IBulkTransport transport, IRequestObserver observer, CancellationToken cancellationToken) =>
            transport.UpdatePhoneNumberAsync(Id, changes, observer, cancellationToken);

        public override bool IsInPlace(PhoneNumber number) => changes.IsAppliedTo(number);
    }

    private sealed class AssignAddressWrite : PhoneNumberWrite
    {
        private readonly string addressId;

        public AssignAddressWrite(string id, string? number, string addressId, IReadOnlyList<WrittenField> fields)
            : base(id, number, fields) => this.addressId = addressId;

        public override string Method => "POST";
        public override string Action => "e911_assign";

        internal override Task<PhoneNumber> SendAsync(IBulkTransport transport, IRequestObserver observer, CancellationToken cancellationToken) =>
            transport.AssignE911AddressAsync(Id, addressId, observer, cancellationToken);

        public override bool IsInPlace(PhoneNumber number) => string.Equals(number.E911AddressId, addressId, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class RemoveAddressWrite : PhoneNumberWrite
    {
        public RemoveAddressWrite(string id, string? number, IReadOnlyList<WrittenField> fields)
            : base(id, number, fields)
        {
        }

        public override string Method => "DELETE";
        public override string Action => "e911_remove";

        internal override Task<PhoneNumber> SendAsync(IBulkTransport transport, IRequestObserver observer, CancellationToken cancellationToken) =>
            transport.RemoveE911AddressAsync(Id, observer, cancellationToken);

        // The carrier confirms a removal later: pending_removal (or unregistered) already says it was taken.
        public override bool IsInPlace(PhoneNumber number) =>
            number.E911AddressId == null || number.E911Status == "pending_removal" || number.E911Status == "unregistered";
    }

    /// <summary>
    /// A number's removal from its campaign. The registry has no read of one assignment (main.tsp), and a DELETE may be
    /// sent again: after an uncertain outcome the removal is sent once more, and 204 or 404 both say it is off. A 404
    /// answering the client's own retry says the same: the attempt whose answer was lost took it off.
    /// </summary>
    private sealed class CampaignRemoveWrite : PhoneNumberWrite
    {
        private readonly PhoneNumber number;
        private readonly string assignmentId;
        private readonly string? campaignId;
        private volatile bool confirmed;

        public CampaignRemoveWrite(PhoneNumber number, string assignmentId, IReadOnlyList<WrittenField> fields)
            : base(number.Id, number.Number, fields)
        {
            this.number = number;
            this.assignmentId = assignmentId;
            campaignId = fields[0].OldValue;
        }

        public override string Method => "DELETE";
        public override string Action => "campaign_remove";
        public override string HowToCheck => "Get-SwCampaignNumber" + (campaignId != null ? " -Campaign " + campaignId : "");

        // The first attempt's answer was lost, and it had taken the number off.
        internal override Task<PhoneNumber> SendAsync(IBulkTransport transport, IRequestObserver observer, CancellationToken cancellationToken) =>
            Off(transport.DeleteCampaignNumberAsync(assignmentId, observer, cancellationToken), e => e.Attempts > 1);

        // Taken off already: by the attempt whose outcome was uncertain.
        internal override Task<PhoneNumber> ReadBackAsync(IBulkTransport transport, IRequestObserver? trace, CancellationToken cancellationToken) =>
            Off(transport.DeleteCampaignNumberAsync(assignmentId, trace, cancellationToken), _ => true);

        /// <summary>
        /// The number once the DELETE says it is off: a 204, or a 404 that <paramref name="offAt404"/> accepts. Chained
        /// without async, so the engine hears of it on the thread that completed the request, as of every other write.
        /// </summary>
        private Task<PhoneNumber> Off(Task delete, Func<SignalWireApiException, bool> offAt404)
        {
            var off = new TaskCompletionSource<PhoneNumber>();
            delete.ContinueWith(done =>
            {
                if (done.IsCanceled)
                {
                    off.SetCanceled();
                }
                else if (done.IsFaulted && !(done.Exception!.GetBaseException() is SignalWireApiException e
                    && e.Kind == SignalWireErrorKind.NotFound && offAt404(e)))
                {
                    off.SetException(done.Exception.InnerExceptions);
                }
                else
                {
                    confirmed = true;
                    off.SetResult(number);
                }
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return off.Task;
        }

        public override bool IsInPlace(PhoneNumber current) => confirmed;

        internal override IReadOnlyDictionary<string, string?> Returned(PhoneNumber result) =>
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["assignment_id"] = assignmentId };
    }
}

/// <summary>One field a write changes: its API name, the value it replaces (when known) and the value written.</summary>
internal sealed class WrittenField
{
    public WrittenField(string apiName, bool oldValueKnown, string? oldValue, string? newValue)
    {
        ApiName = apiName;
        OldValueKnown = oldValueKnown;
        OldValue = oldValue;
        NewValue = newValue;
    }

    public string ApiName { get; }

    /// <summary>False when the number was not read first, or the API never returns the field.</summary>
    public bool OldValueKnown { get; }

    public string? OldValue { get; }
    public string? NewValue { get; }

    public override string ToString() => $"{ApiName} {(OldValueKnown ? "'" + OldValue + "'" : "?")} → '{NewValue}'";
}

/// <summary>
/// Hears of every write a bulk job sends: before it first goes on the wire, and once its outcome is known. The hooks a
/// change journal needs; a write that never went on the wire is heard of neither way.
/// </summary>
internal interface IChangeObserver
{
    /// <summary>Called once per write, on the request's own thread, just before it first goes on the wire.</summary>
    void WriteSending(PhoneNumberWrite write);

    /// <summary>Called once per write that went on the wire, on the host's thread, when its outcome is known.</summary>
    void WriteEnded(PhoneNumberWrite write, WriteOutcome outcome);
}

internal enum WriteOutcomeKind
{
    /// <summary>The API answered with the number as changed (or a read-back showed the change in place).</summary>
    Applied,

    /// <summary>The API refused it, or a read-back showed it was not applied.</summary>
    Failed,

    /// <summary>It went on the wire and no answer came (a stop, or a read-back that failed too).</summary>
    Unknown,
}

/// <summary>What became of a write: the number the API returned, or the error with its stable id and message.</summary>
internal sealed class WriteOutcome
{
    private WriteOutcome(WriteOutcomeKind kind, PhoneNumber? result, Exception? error, string? errorId)
    {
        Kind = kind;
        Result = result;
        Error = error;
        ErrorId = errorId;
    }

    public WriteOutcomeKind Kind { get; }
    public PhoneNumber? Result { get; }
    public Exception? Error { get; }
    public string? ErrorId { get; }
    public string? Message => Error?.Message;

    public static WriteOutcome Applied(PhoneNumber result) => new WriteOutcome(WriteOutcomeKind.Applied, result, null, null);

    public static WriteOutcome Failed(Exception error, string errorId) => new WriteOutcome(WriteOutcomeKind.Failed, null, error, errorId);

    public static WriteOutcome Unknown(Exception? error = null) => new WriteOutcome(WriteOutcomeKind.Unknown, null, error, null);
}

/// <summary>
/// A write on its way: its own cancellation (a stop cancels the writes not yet on the wire, and only those), and whether
/// it went on the wire, which the client says just before sending and the engine needs at a stop.
/// </summary>
internal sealed class WriteInFlight : IRequestObserver
{
    private readonly IRequestObserver? trace;
    private readonly IChangeObserver? changes;
    private const int Waiting = 0, OnTheWire = 1, Aborted = 2;

    // Waiting until the client sends it or a stop aborts it, whichever comes first: decided once, so that a write the
    // stop found unsent never leaves, and one that left is never cancelled on the wire (its outcome would be unknown).
    private int state;

    public WriteInFlight(PhoneNumberWrite write, CancellationToken job, IRequestObserver? trace, IChangeObserver? changes)
    {
        Write = write;
        Abort = CancellationTokenSource.CreateLinkedTokenSource(job);
        this.trace = trace;
        this.changes = changes;
    }

    public PhoneNumberWrite Write { get; }
    public CancellationTokenSource Abort { get; }

    /// <summary>True once the write went on the wire (any attempt): from then on it may have been applied.</summary>
    public bool Sent => Volatile.Read(ref state) == OnTheWire;

    /// <summary>Cancels the write if it has not gone on the wire yet (it waits for its turn under the write limit).</summary>
    public void AbortIfUnsent()
    {
        if (Interlocked.CompareExchange(ref state, Aborted, Waiting) == Waiting) Cancel();
    }

    private void Cancel()
    {
        try
        {
            Abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // It came back meanwhile.
        }
    }

    void IRequestObserver.RequestSending(string method, Uri uri)
    {
        // Marked before the journal hears of it and before the request leaves; one a stop aborted first does not leave.
        var before = Interlocked.CompareExchange(ref state, OnTheWire, Waiting);
        if (before == Aborted)
        {
            Cancel();
            throw new OperationCanceledException(Abort.Token);
        }
        if (before == Waiting) changes?.WriteSending(Write);
        trace?.RequestSending(method, uri);
    }

    void IRequestObserver.RequestCompleted(RequestTrace requestTrace) => trace?.RequestCompleted(requestTrace);

    void IRequestObserver.RetryScheduled(string method, Uri uri, string reason, TimeSpan wait, int nextAttempt) =>
        trace?.RetryScheduled(method, uri, reason, wait, nextAttempt);
}
