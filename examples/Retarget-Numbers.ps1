<#
.SYNOPSIS
    Sends the calls of every number whose name matches a pattern to a RELAY topic.
.DESCRIPTION
    An example runbook. It connects from the environment (SIGNALWIRE_SPACE, SIGNALWIRE_PROJECT_ID,
    SIGNALWIRE_API_TOKEN), so the same script runs unchanged against a rehearsal on the emulator and against the
    live project: only the environment differs. Numbers already routed to the topic get no request at all.
    Writes the changed numbers; a number that fails is reported and the others go on, and the script then
    stops with an error naming how many failed.
.EXAMPLE
    ./Retarget-Numbers.ps1 -NameLike 'Support*' -Topic support-v2 -WhatIf
.EXAMPLE
    ./Retarget-Numbers.ps1 -NameLike 'Support*' -Topic support-v2
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    # A wildcard pattern on the number's name, e.g. 'Support*'.
    [Parameter(Mandatory)] [string] $NameLike,
    # The RELAY topic the calls go to.
    [Parameter(Mandatory)] [string] $Topic
)

Import-Module SignalWire.PowerShell -ErrorAction Stop -Verbose:$false
Connect-SwProject -ErrorAction Stop

Get-SwPhoneNumber -ErrorAction Stop |
    Where-Object Name -Like $NameLike |
    Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic $Topic -ErrorVariable failed

if ($failed) { throw "$($failed.Count) number(s) could not be retargeted; see the errors above." }
