using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SignalWire.PowerShell.Client
{
    /// <summary>
    /// Walks the address list one page at a time, following links.next as the server gives it (a path or a URL). A next
    /// link that was already followed ends the walk, so a server that repeats itself can never loop a client forever.
    /// </summary>
    public sealed class E911AddressPages
    {
        private readonly SignalWireClient client;
        private readonly E911AddressQuery query;
        private readonly IRequestObserver? observer;
        private readonly CancellationToken cancellationToken;
        private readonly HashSet<string> followed = new HashSet<string>();
        private bool started;
        private Uri? next;

        internal E911AddressPages(SignalWireClient client, E911AddressQuery query, IRequestObserver? observer, CancellationToken cancellationToken)
        {
            this.client = client;
            this.query = query;
            this.observer = observer;
            this.cancellationToken = cancellationToken;
        }

        /// <summary>True until the page without a next link (or with a repeated one) has been fetched.</summary>
        public bool HasMore => !started || next != null;

        /// <summary>The next link the server sent a second time, when that is what ended the walk.</summary>
        public Uri? RepeatedLink { get; private set; }

        /// <summary>Fetches the next page. Call it again only once the previous page has come.</summary>
        public async Task<E911AddressPage> NextAsync()
        {
            if (!HasMore) throw new InvalidOperationException("The last page has been fetched.");
            var uri = next;
            started = true;
            next = null;
            var page = await client.ListE911AddressesAsync(query, uri, observer, cancellationToken).ConfigureAwait(false);
            if (page.Next != null)
            {
                if (followed.Add(page.Next.AbsoluteUri)) next = page.Next;
                else RepeatedLink = page.Next;
            }
            return page;
        }
    }
}
