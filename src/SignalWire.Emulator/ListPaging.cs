using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SignalWire.Emulator;

/// <summary>Which page of a list a request asks for: its size, its number, and where the page before it ended.</summary>
public sealed record PageRequest(int PageSize, int PageNumber, long Cursor);

/// <summary>One page of a list: its items, whether more follow, and the cursor the page before it starts below.</summary>
public sealed record ListSlice<T>(IReadOnlyList<T> Items, bool HasMore, long PreviousCursor);

/// <summary>
/// The paging every list shares (phone numbers, E911 addresses, Fabric resources, the 10DLC registry), as the vendor's
/// Paging page describes it: page_size from 1 to 1000, page_number from 0, a page_token from the previous page's links for
/// every page after the first, and links (self, first, next, prev) that carry the list's filters. A "walk" names one list
/// and its filters, so a token only works for the walk it came from.
/// </summary>
public static class ListPaging
{
    /// <summary>The page asked for, or null with what is wrong in <paramref name="errors"/>.</summary>
    /// <param name="filtersNamed">How the token's error names the filters ("filter_label", "these filters").</param>
    public static PageRequest? Read(IReadOnlyDictionary<string, string> query, string walk, string filtersNamed, List<string> errors)
    {
        var pageSize = 50;
        if (query.TryGetValue("page_size", out var sizeText)
            && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 1000))
        {
            errors.Add($"page_size must be an integer from 1 to 1000, not '{sizeText}'.");
        }
        var pageNumber = 0;
        if (query.TryGetValue("page_number", out var numberText)
            && !int.TryParse(numberText, NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber))
        {
            errors.Add($"page_number must be an integer of 0 or more, not '{numberText}'.");
        }
        var cursor = long.MaxValue;
        if (errors.Count == 0 && pageNumber > 0)
        {
            var token = query.GetValueOrDefault("page_token");
            if (string.IsNullOrEmpty(token))
            {
                errors.Add("page_token is required when page_number is greater than 0.");
            }
            else if (!PageToken.TryRead(token, walk, pageNumber, out cursor))
            {
                errors.Add($"page_token is invalid for this page_number and {filtersNamed}.");
            }
        }
        return errors.Count == 0 ? new PageRequest(pageSize, pageNumber, cursor) : null;
    }

    /// <summary>
    /// The page of a list held newest first (larger ordinals first) that starts below <paramref name="before"/>: up to
    /// <paramref name="pageSize"/> items, whether more follow, and where the page before it starts (long.MaxValue for the
    /// first page). Its items are the pageSize newer ones closest to the cursor, so its own cursor is the one before them.
    /// For lists of tens or thousands (resources, addresses, the registry); the phone numbers page their own way.
    /// </summary>
    public static ListSlice<T> Slice<T>(IEnumerable<T> newestFirst, Func<T, long> ordinal, long before, int pageSize)
    {
        var newer = new List<long>();
        var items = new List<T>();
        foreach (var item in newestFirst)
        {
            var place = ordinal(item);
            if (place >= before)
            {
                newer.Add(place);
            }
            else if (items.Count == pageSize)
            {
                return new ListSlice<T>(items, true, Previous());
            }
            else
            {
                items.Add(item);
            }
        }
        return new ListSlice<T>(items, false, Previous());

        long Previous() => newer.Count > pageSize ? newer[newer.Count - pageSize - 1] : long.MaxValue;
    }

    /// <summary>
    /// A link to a page of the list: a path from the root of the space (<paramref name="root"/> empty, as the vendor's
    /// Paging page shows every link) or an absolute URL, with the walk's filters that are set.
    /// </summary>
    public static string Link(string root, string listPath, string walk, int pageNumber, int pageSize, long cursor,
        params (string Name, string? Value)[] filters)
    {
        var url = new StringBuilder(root).Append(listPath)
            .Append("?page_number=").Append(pageNumber.ToString(CultureInfo.InvariantCulture))
            .Append("&page_size=").Append(pageSize.ToString(CultureInfo.InvariantCulture));
        if (pageNumber > 0)
        {
            url.Append("&page_token=").Append(PageToken.Write(walk, pageNumber, cursor));
        }
        foreach (var (name, value) in filters)
        {
            if (!string.IsNullOrEmpty(value))
            {
                url.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }
        return url.ToString();
    }

    /// <summary>A page's body: {"links": {self, first, next when there is more, prev after the first}, "data": [...]}.</summary>
    /// <param name="link">The link to a page number, starting after the given cursor.</param>
    /// <param name="ordinal">An item's place in the list, the cursor its next page starts after.</param>
    /// <param name="previousCursor">Where the page before this one starts (asked only after the second page).</param>
    /// <param name="dataFirst">Whether "data" comes before "links", as the Fabric list models (ResourceListResponse) order them.</param>
    public static void WritePage<T>(Utf8JsonWriter w, PageRequest page, IReadOnlyList<T> items, bool hasMore, Func<int, long, string> link,
        Func<T, long> ordinal, Func<long> previousCursor, Action<T, Utf8JsonWriter> writeItem, bool dataFirst = false)
    {
        w.WriteStartObject();
        if (dataFirst)
        {
            WriteData(w, items, writeItem);
        }
        w.WriteStartObject("links");
        w.WriteString("self", link(page.PageNumber, page.Cursor));
        w.WriteString("first", link(0, long.MaxValue));
        if (hasMore)
        {
            w.WriteString("next", link(page.PageNumber + 1, ordinal(items[^1])));
        }
        if (page.PageNumber > 0)
        {
            w.WriteString("prev", link(page.PageNumber - 1, page.PageNumber == 1 ? long.MaxValue : previousCursor()));
        }
        w.WriteEndObject();
        if (!dataFirst)
        {
            WriteData(w, items, writeItem);
        }
        w.WriteEndObject();
    }

    /// <summary>A page's body from a <see cref="Slice"/>.</summary>
    public static void WritePage<T>(Utf8JsonWriter w, PageRequest page, ListSlice<T> slice, Func<int, long, string> link,
        Func<T, long> ordinal, Action<T, Utf8JsonWriter> writeItem, bool dataFirst = false) =>
        WritePage(w, page, slice.Items, slice.HasMore, link, ordinal, () => slice.PreviousCursor, writeItem, dataFirst);

    private static void WriteData<T>(Utf8JsonWriter w, IReadOnlyList<T> items, Action<T, Utf8JsonWriter> writeItem)
    {
        w.WriteStartArray("data");
        foreach (var item in items)
        {
            writeItem(item, w);
        }
        w.WriteEndArray();
    }
}

/// <summary>
/// The opaque page_token: the page number, the cursor (the place of the previous page's last item) and a hash of the
/// walk (the list and its filters), so a token only works for the walk it came from.
/// </summary>
public static class PageToken
{
    public static string Write(string walk, int pageNumber, long cursor)
    {
        var raw = string.Create(CultureInfo.InvariantCulture, $"{pageNumber}|{cursor}|{Hash(walk):x16}");
        return "PA" + Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryRead(string token, string walk, int pageNumber, out long cursor)
    {
        cursor = 0;
        if (!token.StartsWith("PA", StringComparison.Ordinal))
        {
            return false;
        }
        try
        {
            var base64 = token[2..].Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('|');
            return parts.Length == 3
                && parts[0] == pageNumber.ToString(CultureInfo.InvariantCulture)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out cursor)
                && parts[2] == Hash(walk).ToString("x16", CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // FNV-1a: stable across runs and processes (string.GetHashCode is not).
    private static ulong Hash(string walk)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in walk)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }
        return hash;
    }
}
