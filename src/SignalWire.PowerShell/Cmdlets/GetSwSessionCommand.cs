using System.Management.Automation;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>Shows this runspace's default session (project, space, settings; never the token), or nothing when not connected.</summary>
[Cmdlet(VerbsCommon.Get, "SwSession")]
[OutputType(typeof(SwSession))]
public sealed class GetSwSessionCommand : PSCmdlet
{
    protected override void ProcessRecord()
    {
        var session = DefaultSession.Current;
        if (session != null) WriteObject(session);
        else WriteVerbose("Not connected: run Connect-SwProject.");
    }
}
