using System;
using System.Collections.Generic;

namespace SignalWire.PowerShell.Client;

/// <summary>
/// One page of a list endpoint: its items and the link to the next page, when there is one. Read from a body, its
/// envelope is read when it is opened and its items as they are taken (<see cref="ListPageReader{T}"/>).
/// </summary>
internal class ListPage<T>
{
    private readonly ListPageReader<T>? reader;
    private IReadOnlyList<T>? items;

    public ListPage(IReadOnlyList<T> items, Uri? next)
    {
        this.items = items;
        Next = next;
    }

    internal ListPage(ListPageReader<T> reader)
    {
        this.reader = reader;
        Next = reader.Next;
    }

    /// <summary>Every item of the page (those not read yet are read now).</summary>
    public IReadOnlyList<T> Items => items ??= reader!.ReadAll();

    /// <summary>
    /// The items one at a time, each read from the body when it is taken: the first can go down the pipeline before
    /// the rest of a large page has been read. An unreadable item or body is an error when it is reached.
    /// </summary>
    public IEnumerable<T> ItemsAsRead => (IEnumerable<T>?)items ?? reader!;

    public Uri? Next { get; }
}
