using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SignalWire.PowerShell.Client
{
    /// <summary>
    /// Walks the list one page at a time, following links.next exactly as the server gives it. A next link that was
    /// already followed ends the walk, so a server that repeats itself can never loop a client forever.
    /// </summary>
    public sealed class PhoneNumberPages
    {
        private readonly SignalWireClient client;
        private readonly PhoneNumberQuery query;
        private readonly IRequestObserver? observer;
        private readonly CancellationToken cancellationToken;
        private readonly HashSet<string> followed = new HashSet<string>();
        private bool started;
        private Uri? next;

        internal PhoneNumberPages(SignalWireClient client, PhoneNumberQuery query, IRequestObserver? observer, CancellationToken cancellationToken)
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
        public Task<PhoneNumberPage> NextAsync()
        {
            if (!HasMore) throw new InvalidOperationException("The last page has been fetched.");
            var uri = next;
            started = true;
            next = null;
            return FetchAsync(uri);
        }

        private async Task<PhoneNumberPage> FetchAsync(Uri? uri)
        {
            var page = await client.ListPhoneNumbersAsync(query, uri, observer, cancellationToken).ConfigureAwait(false);
            if (page.Next != null)
            {
                if (followed.Add(page.Next.AbsoluteUri)) next = page.Next;
                else RepeatedLink = page.Next;
            }
            return page;
        }
    }
}
