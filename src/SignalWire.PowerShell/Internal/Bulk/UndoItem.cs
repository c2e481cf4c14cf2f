using SignalWire.PowerShell.Client;

namespace SignalWire.PowerShell.Internal.Bulk;

/// <summary>One number to undo: what the journal says its applied writes changed. Read first, then judged against its state.</summary>
internal sealed class UndoItem : BulkItem
{
    public UndoItem(NumberUndo undo)
        : base(undo.Id, undo.Number, null, readFirst: true) => Undo = undo;

    public NumberUndo Undo { get; }
}
