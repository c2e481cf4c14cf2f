using System;
using System.Collections;
using System.Collections.Generic;
using System.Text.Json;

namespace SignalWire.PowerShell.Client;

/// <summary>Reads the item whose first token the reader is on, leaving the reader on its last token.</summary>
internal delegate T ItemReader<T>(ref Utf8JsonReader reader, int? status);

/// <summary>
/// The items of one list page, read from its body as they are taken. Opening the page reads its envelope up to the
/// "data" array; when "links" came before it (as the API sends them), the next link is known at once and each item is
/// read only when the caller asks for it, so the first numbers of a thousand can be on their way to the API while the
/// rest of the page is still unread (a fresh process reads a large page slowly: its JSON code is not compiled yet).
/// When "data" comes first, its items are read while looking for the links. Either way the body is read once, in order,
/// and anything unreadable, even at its very end, is an InvalidResponse error when it is reached.
/// Taken by one reader at a time (a page goes down one pipeline); what has been read is kept, so the items can be
/// enumerated again. A second "data" or "links" in the same page is passed over (the API never sends one).
/// </summary>
internal sealed class ListPageReader<T> : IEnumerable<T>
{
    private readonly byte[] body;
    private readonly int? status;
    private readonly Uri? spaceUrl;
    private readonly ItemReader<T> readItem;
    private readonly List<T> read = new List<T>();
    // Where reading stopped: the offset in the body, the reader's state there, and whether that is inside "data" (once
    // it is not, the page has been read to its end).
    private int offset;
    private JsonReaderState state;
    private bool inData;
    // Why reading stopped early: raised again to whoever reads on, so a page is never taken as shorter than it is.
    private Exception? failure;
    private bool sawData;
    private bool sawLinks;
    // The registry's list models have "data" optional (campaign-registry/models/responses.tsp): a page without it is empty.
    private bool dataOptional;

    private ListPageReader(byte[] body, int? status, Uri? spaceUrl, ItemReader<T> readItem)
    {
        this.body = body;
        this.status = status;
        this.spaceUrl = spaceUrl;
        this.readItem = readItem;
    }

    /// <summary>links.next, resolved against the space; null on the last page.</summary>
    public Uri? Next { get; private set; }

    /// <summary>
    /// Reads the envelope: up to the items when the links came first, otherwise through the items to the links (or
    /// the end). A relative links.next ("/api/relay/rest/...?page_number=1", as the API's paging documentation shows
    /// it) is resolved against <paramref name="spaceUrl"/>; without it, it stays relative.
    /// </summary>
    public static ListPageReader<T> Open(byte[] body, int? status, Uri? spaceUrl, ItemReader<T> readItem, bool dataOptional = false)
    {
        ApiJson.RequireBody(body, status);
        var page = new ListPageReader<T>(body, status, spaceUrl, readItem) { dataOptional = dataOptional };
        try
        {
            var reader = new Utf8JsonReader(body, isFinalBlock: true, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw SignalWireApiException.InvalidResponse(
                    $"a page should be a JSON object, not {ApiJson.Describe(ApiJson.KindOf(reader.TokenType))}.", status);
            page.ReadEnvelope(ref reader, stopAtItems: true);
            page.Save(ref reader);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            throw page.Failed(e);
        }
        return page;
    }

    /// <summary>Every item, reading those not read yet.</summary>
    public List<T> ReadAll()
    {
        while (TryReadNext()) { }
        return read;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < read.Count || TryReadNext(); i++) yield return read[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Reads one more item into <see cref="read"/>; false once the page is read to its end.</summary>
    private bool TryReadNext()
    {
        if (failure != null) throw failure;
        if (!inData) return false;
        try
        {
            var reader = new Utf8JsonReader(body.AsSpan(offset), isFinalBlock: true, state);
            var added = ReadItem(ref reader);
            if (!added) ReadEnvelope(ref reader, stopAtItems: false);
            Save(ref reader);
            return added;
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            throw Failed(e);
        }
    }

    // Inside "data": the next item, or false (the array's end read) when there is none.
    private bool ReadItem(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            inData = false;
            return false;
        }
        read.Add(readItem(ref reader, status));
        return true;
    }

    // The envelope's properties, from where the reader stands to the end of the body, except that with stopAtItems it
    // stops at the start of "data" once the links have been read (the items are then read as they are taken).
    private void ReadEnvelope(ref Utf8JsonReader reader, bool stopAtItems)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("data") && !sawData)
            {
                sawData = true;
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray) throw NoItems();
                inData = true;
                if (stopAtItems && sawLinks) return;
                while (ReadItem(ref reader)) { }
            }
            else if (reader.ValueTextEquals("links") && !sawLinks)
            {
                sawLinks = true;
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject) ReadLinks(ref reader);
                else reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        // The object's end: nothing but white space may follow it (Read throws on anything else).
        if (reader.TokenType != JsonTokenType.EndObject) throw SignalWireApiException.InvalidResponse("the page ended early.", status);
        if (reader.Read()) throw SignalWireApiException.InvalidResponse("the page has more after its end.", status);
        if (!sawData && !dataOptional) throw NoItems();
    }

    private void ReadLinks(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isNext = reader.ValueTextEquals("next");
            reader.Read();
            if (!isNext)
            {
                reader.Skip();
                continue;
            }
            // Anything but text would silently end the list early: unreadable, not "no more pages".
            if (reader.TokenType == JsonTokenType.Null) { Next = null; continue; }
            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                throw SignalWireApiException.InvalidResponse(
                    $"links.next should be text, not {ApiJson.Describe(ApiJson.KindOf(reader.TokenType))}.", status);
            }
            var text = reader.GetString();
            Next = string.IsNullOrEmpty(text) ? null : ApiJson.ParseLink(text!, spaceUrl) ?? throw SignalWireApiException.InvalidResponse(
                $"links.next is neither an absolute http(s) URL nor a path on the space (/api/...): {text}", status);
        }
    }

    private void Save(ref Utf8JsonReader reader)
    {
        offset += (int)reader.BytesConsumed;
        state = reader.CurrentState;
    }

    private SignalWireApiException NoItems() => SignalWireApiException.InvalidResponse("a page came without its \"data\" array.", status);

    private static bool IsUnreadable(Exception e) => e is JsonException || e is InvalidOperationException || e is SignalWireApiException;

    // A failure to read ends the page: it is never read on from a broken place. The reader's own exceptions become
    // InvalidResponse errors; a string it cannot decode throws InvalidOperationException.
    private Exception Failed(Exception e)
    {
        failure = e switch
        {
            JsonException json => ApiJson.NotJson(json, status),
            InvalidOperationException undecodable => ApiJson.Undecodable(undecodable, status),
            _ => e,
        };
        return failure;
    }
}
