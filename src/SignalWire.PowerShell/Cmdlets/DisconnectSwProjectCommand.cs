using System.Management.Automation;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>Forgets this runspace's default session. Session objects kept in variables still work with -Session.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "SwProject")]
[OutputType(typeof(void))]
public sealed class DisconnectSwProjectCommand : PSCmdlet
{
    protected override void ProcessRecord()
    {
        var session = DefaultSession.Current;
        DefaultSession.Current = null;
        WriteVerbose(session == null ? "There was no default session." : $"Disconnected from {session}.");
    }
}
