using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace SignalWire.PowerShell.Client;

/// <summary>
/// Walks a list endpoint one page at a time, following links.next exactly as the server gives it (a path or a URL).
/// A next link that was already followed ends the walk, so a server that repeats itself can never loop a client
/// forever. The phone numbers and the E911 addresses page the same way, so one walker serves both.
/// </summary>
internal sealed class PageWalker<TPage>
{
    private readonly Func<Uri?, Task<TPage>> fetch;
    private readonly Func<TPage, Uri?> nextOf;
    private readonly HashSet<string> followed = new HashSet<string>();
    private bool started;
    private Uri? next;

    /// <param name="fetch">Fetches the first page (null) or the page a next link points to.</param>
    /// <param name="nextOf">A page's next link, or null on the last page.</param>
    internal PageWalker(Func<Uri?, Task<TPage>> fetch, Func<TPage, Uri?> nextOf)
    {
        this.fetch = fetch;
        this.nextOf = nextOf;
    }

    /// <summary>True until the page without a next link (or with a repeated one) has been fetched.</summary>
    public bool HasMore => !started || next != null;

    /// <summary>The next link the server sent a second time, when that is what ended the walk.</summary>
    public Uri? RepeatedLink { get; private set; }

    /// <summary>Fetches the next page. Call it again only once the previous page has come.</summary>
    public Task<TPage> NextAsync()
    {
        if (!HasMore) throw new InvalidOperationException("The last page has been fetched.");
        var uri = next;
        started = true;
        next = null;
        return FetchAsync(uri);
    }

    /// <summary>Every item of every page still to come, one page after another.</summary>
    public async Task<IReadOnlyList<TItem>> ReadAllAsync<TItem>(Func<TPage, IEnumerable<TItem>> itemsOf)
    {
        var items = new List<TItem>();
        while (HasMore) items.AddRange(itemsOf(await NextAsync().ConfigureAwait(false)));
        return items;
    }

    private async Task<TPage> FetchAsync(Uri? uri)
    {
        var page = await fetch(uri).ConfigureAwait(false);
        var link = nextOf(page);
        if (link != null)
        {
            if (followed.Add(link.AbsoluteUri)) next = link;
            else RepeatedLink = link;
        }
        return page;
    }
}
