using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;

namespace SignalWire.PowerShell.Parameters;

/// <summary>
/// What a completer offers from the project (its numbers, addresses, campaigns): one bounded listing per session (-Session
/// when given as a variable, else the default session), kept for a minute and shared by every completion meanwhile,
/// since each keystroke would otherwise list the project. A completion waits for it only briefly: when not connected,
/// unreachable or slow, it offers nothing rather than throwing or hanging the prompt.
/// </summary>
internal sealed class SessionListing<T>
{
    internal static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(60);
    internal static readonly TimeSpan FailureLifetime = TimeSpan.FromSeconds(10);
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    private sealed class Listing
    {
        public Listing(Task<IReadOnlyList<T>> items, DateTime startedUtc)
        {
            Items = items;
            StartedUtc = startedUtc;
        }

        public Task<IReadOnlyList<T>> Items { get; }
        public DateTime StartedUtc { get; }

        public bool IsFresh(DateTime nowUtc) =>
            !Items.IsCompleted || nowUtc - StartedUtc < (Items.Status == TaskStatus.RanToCompletion ? CacheLifetime : FailureLifetime);
    }

    private readonly Func<SignalWireClient, Task<IReadOnlyList<T>>> list;
    private readonly ConditionalWeakTable<SwSession, Listing> listings = new ConditionalWeakTable<SwSession, Listing>();
    private readonly object gate = new object();

    /// <param name="list">
    /// One bounded request, in time by the session's own timeout and retries: it goes on even when the completion that
    /// started it has given up, so the next keystroke finds it done.
    /// </param>
    public SessionListing(Func<SignalWireClient, Task<IReadOnlyList<T>>> list) => this.list = list;

    /// <summary>The session's items, or null when there is no session or they did not come within the patience.</summary>
    public IReadOnlyList<T>? Items(IDictionary? fakeBoundParameters)
    {
        var session = SessionFrom(fakeBoundParameters) ?? DefaultSession.Current;
        if (session == null) return null;
        var items = Listed(session);
        return items.Wait(Patience) && items.Status == TaskStatus.RanToCompletion ? items.Result : null;
    }

    /// <summary>
    /// What a completer offers from the session's items (<paramref name="complete"/> picks and writes them): nothing
    /// without items, and nothing rather than an exception, which would break the prompt.
    /// </summary>
    public IEnumerable<CompletionResult> Offer(IDictionary? fakeBoundParameters, Func<IReadOnlyList<T>, IEnumerable<CompletionResult>> complete)
    {
        try
        {
            var items = Items(fakeBoundParameters);
            return items == null ? Enumerable.Empty<CompletionResult>() : complete(items).ToList();
        }
        catch (Exception)
        {
            // A failed listing, or an item that cannot be offered, simply offers nothing.
            return Enumerable.Empty<CompletionResult>();
        }
    }

    /// <summary>Drops the session's listing, so the next completion lists again (after a cmdlet changed what it holds).</summary>
    public void Forget(SwSession session)
    {
        lock (gate) listings.Remove(session);
    }

    /// <summary>The session's listing: the cached one while fresh (or still in flight), else a new one.</summary>
    private Task<IReadOnlyList<T>> Listed(SwSession session)
    {
        var now = DateTime.UtcNow;
        lock (gate)
        {
            if (listings.TryGetValue(session, out var listing) && listing.IsFresh(now)) return listing.Items;
            listings.Remove(session);
            listing = new Listing(list(session.Client), now);
            listings.Add(session, listing);
            return listing.Items;
        }
    }

    private static SwSession? SessionFrom(IDictionary? fakeBoundParameters)
    {
        if (fakeBoundParameters == null || !fakeBoundParameters.Contains("Session")) return null;
        var value = fakeBoundParameters["Session"];
        return (value is PSObject wrapped ? wrapped.BaseObject : value) as SwSession;
    }
}
