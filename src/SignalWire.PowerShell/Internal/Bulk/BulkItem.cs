using System;
using System.Collections.Generic;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Internal.Bulk;

/// <summary>
/// One input of a bulk job: the number it names (by id, by number or both), what is known of that number, and where it
/// stands in the engine. A writing cmdlet derives its own item with what it wants changed.
/// </summary>
internal abstract class BulkItem
{
    protected BulkItem(string? id, string? number, PhoneNumber? current, bool readFirst)
    {
        Id = id;
        Number = number;
        Current = current;
        ReadFirst = readFirst;
    }

    /// <summary>The number's id: given, or found by its number before anything is sent.</summary>
    public string? Id { get; internal set; }

    /// <summary>The number the input names; checked against the id's number when both are given.</summary>
    public string? Number { get; }

    /// <summary>The number's state: piped, read first, or as the input before it in its lane left it.</summary>
    public PhoneNumber? Current { get; internal set; }

    /// <summary>Whether the number is read before it is judged, when its state is not in hand.</summary>
    public bool ReadFirst { get; }

    /// <summary>How errors and warnings name the number.</summary>
    public string Label => Current?.Number ?? Number ?? Id ?? "";

    /// <summary>How -WhatIf and -Confirm name the number: "+15550000721 (id)" when both are known.</summary>
    public string Target
    {
        get
        {
            var number = Current?.Number ?? Number;
            var id = Current?.Id ?? Id;
            return number != null && id != null ? $"{number} ({id})" : number ?? id ?? "";
        }
    }

    // The engine's own bookkeeping, on the host's thread except where it says.
    internal List<string> Lanes { get; } = new List<string>();
    internal IReadOnlyList<PhoneNumberWrite> Writes { get; set; } = Array.Empty<PhoneNumberWrite>();

    /// <summary>The write being sent, or next to send: those before it are applied.</summary>
    internal int NextWrite { get; set; }

    /// <summary>The write on its way, while it is (read from other threads under the engine's lock).</summary>
    internal WriteInFlight? InFlight { get; set; }

    /// <summary>True while the number is read back after a write whose outcome was uncertain.</summary>
    internal bool ReadingBack { get; set; }
}

/// <summary>What the host decided for an item whose turn has come.</summary>
internal sealed class BulkPlan
{
    private BulkPlan(BulkPlanKind kind, IReadOnlyList<PhoneNumberWrite> writes, Exception? refusal)
    {
        Kind = kind;
        Writes = writes;
        Refusal = refusal;
    }

    public BulkPlanKind Kind { get; }
    public IReadOnlyList<PhoneNumberWrite> Writes { get; }
    public Exception? Refusal { get; }

    /// <summary>These writes, one after another: the next is sent once the one before is applied.</summary>
    public static BulkPlan Send(IReadOnlyList<PhoneNumberWrite> writes) =>
        writes.Count == 0 ? throw new ArgumentException("A plan to send needs at least one write.", nameof(writes))
            : new BulkPlan(BulkPlanKind.Send, writes, null);

    /// <summary>The number is already as asked: its current state is the result, and nothing is sent.</summary>
    public static readonly BulkPlan Unchanged = new BulkPlan(BulkPlanKind.Unchanged, Array.Empty<PhoneNumberWrite>(), null);

    /// <summary>Declined (-WhatIf, or no at -Confirm): nothing sent, nothing written.</summary>
    public static readonly BulkPlan Declined = new BulkPlan(BulkPlanKind.Declined, Array.Empty<PhoneNumberWrite>(), null);

    /// <summary>Refused before anything is sent: a failure of the item.</summary>
    public static BulkPlan Refuse(Exception why) => new BulkPlan(BulkPlanKind.Refused, Array.Empty<PhoneNumberWrite>(), why);
}

internal enum BulkPlanKind
{
    Send,
    Unchanged,
    Declined,
    Refused,
}

/// <summary>What kind of mistake an input refused before any write made; the host turns it into its own kind of error.</summary>
internal enum RefusalKind
{
    InvalidArgument,
    NotFound,
    Ambiguous,
    InvalidOperation,
}

/// <summary>Why an input was refused before anything was sent for it, with the stable id of its error.</summary>
internal sealed class BulkRefusal : Exception
{
    public BulkRefusal(string errorId, RefusalKind kind, string message)
        : base(message)
    {
        ErrorId = errorId;
        Kind = kind;
    }

    public string ErrorId { get; }
    public RefusalKind Kind { get; }
}
