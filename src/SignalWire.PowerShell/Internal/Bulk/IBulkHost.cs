using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Internal.Bulk;

/// <summary>
/// What a writing cmdlet does for the bulk engine: judge each input once its number's turn has come, and write what
/// becomes of it. Called only on the host's thread (the pipeline thread), so it may use ShouldProcess and write out.
/// </summary>
internal interface IBulkHost<TItem> where TItem : BulkItem
{
    /// <summary>The item's turn has come and its number is known (read first when it asked to be): what to do with it.</summary>
    BulkPlan Plan(TItem item);

    /// <summary>
    /// Writes out the number as the item left it: changed, or already as asked. <paramref name="confirmedAfter"/> is the
    /// failure of a write that reading the number back showed in place. Throws when the output takes nothing more.
    /// </summary>
    void WriteResult(TItem item, PhoneNumber result, SignalWireApiException? confirmedAfter);

    /// <summary>Writes the failure of one item. May throw: -ErrorAction Stop makes it the end of the job.</summary>
    void WriteFailure(TItem item, Exception error);

    /// <summary>
    /// A failure every other item would meet too (401, 403): the job has stopped, sent nothing more and accounted for
    /// what it had sent; the host ends with this error.
    /// </summary>
    void EndForAll(TItem item, Exception error, StopReport report);
}

/// <summary>
/// The one thread a bulk job runs on and hands its outcomes to (a cmdlet's pipeline thread), with the queue of work
/// posted to it from other threads.
/// </summary>
internal interface IBulkThread
{
    /// <summary>Queues work for this thread; safe from any thread.</summary>
    void Post(Action work);

    /// <summary>Runs one piece of queued work if one comes within the wait; false when none came. A stop may cut it short by throwing.</summary>
    bool RunNext(TimeSpan wait);

    /// <summary>The same after a stop has closed the output: never cut short, and what the work would have written is dropped.</summary>
    bool RunNextAfterStop(TimeSpan wait);

    /// <summary>A monotonic clock, for how long a stop waits.</summary>
    TimeSpan Now { get; }
}

/// <summary>The requests the engine makes of the API: reads to find and check numbers, and the writes it is handed.</summary>
internal interface IBulkTransport
{
    /// <summary>How many writes to keep in flight now (the session's adaptive window).</summary>
    int WriteWindowSize { get; }

    Task<IReadOnlyList<PhoneNumber>> FindPhoneNumbersAsync(string e164, IRequestObserver? observer, CancellationToken cancellationToken);
    Task<PhoneNumber> GetPhoneNumberAsync(string id, IRequestObserver? observer, CancellationToken cancellationToken);
    Task<PhoneNumber> UpdatePhoneNumberAsync(string id, PhoneNumberUpdate update, IRequestObserver? observer, CancellationToken cancellationToken);
    Task<PhoneNumber> AssignE911AddressAsync(string numberId, string addressId, IRequestObserver? observer, CancellationToken cancellationToken);
    Task<PhoneNumber> RemoveE911AddressAsync(string numberId, IRequestObserver? observer, CancellationToken cancellationToken);
    Task DeleteCampaignNumberAsync(string assignmentId, IRequestObserver? observer, CancellationToken cancellationToken);
}

/// <summary>The session's client as the engine's transport.</summary>
internal sealed class ClientTransport : IBulkTransport
{
    private readonly SignalWireClient client;

    public ClientTransport(SignalWireClient client) => this.client = client;

    public int WriteWindowSize => client.WriteWindow.Size;

    public Task<IReadOnlyList<PhoneNumber>> FindPhoneNumbersAsync(string e164, IRequestObserver? observer,
        CancellationToken cancellationToken) => client.FindPhoneNumbersAsync(e164, observer, cancellationToken);

    public Task<PhoneNumber> GetPhoneNumberAsync(string id, IRequestObserver? observer, CancellationToken cancellationToken) =>
        client.GetPhoneNumberAsync(id, observer, cancellationToken);

    public Task<PhoneNumber> UpdatePhoneNumberAsync(string id, PhoneNumberUpdate update, IRequestObserver? observer,
        CancellationToken cancellationToken) =>
        client.UpdatePhoneNumberAsync(id, update, observer, cancellationToken);

    public Task<PhoneNumber> AssignE911AddressAsync(string numberId, string addressId, IRequestObserver? observer,
        CancellationToken cancellationToken) =>
        client.AssignE911AddressAsync(numberId, addressId, observer, cancellationToken);

    public Task<PhoneNumber> RemoveE911AddressAsync(string numberId, IRequestObserver? observer, CancellationToken cancellationToken) =>
        client.RemoveE911AddressAsync(numberId, observer, cancellationToken);

    public Task DeleteCampaignNumberAsync(string assignmentId, IRequestObserver? observer, CancellationToken cancellationToken) =>
        client.DeleteCampaignNumberAsync(assignmentId, observer, cancellationToken);
}
