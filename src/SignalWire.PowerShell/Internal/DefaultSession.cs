using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Internal;

/// <summary>
/// The default session of each runspace. Keyed by runspace, not a static "current connection": parallel runspaces
/// (ForEach-Object -Parallel, concurrent runbooks) never share one by accident.
/// </summary>
internal static class DefaultSession
{
    private sealed class Slot
    {
        public SwSession? Session;
    }

    private static readonly ConditionalWeakTable<Runspace, Slot> slots = new ConditionalWeakTable<Runspace, Slot>();

    public static SwSession? Current
    {
        get
        {
            var runspace = Runspace.DefaultRunspace;
            return runspace != null && slots.TryGetValue(runspace, out var slot) ? slot.Session : null;
        }
        set
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace != null) slots.GetOrCreateValue(runspace).Session = value;
        }
    }
}
