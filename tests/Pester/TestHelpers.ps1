# Dot-sourced by every suite in BeforeAll: imports the staged module and the emulator control functions.
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$configuration = if ($env:SIGNALWIRE_TEST_CONFIGURATION) { $env:SIGNALWIRE_TEST_CONFIGURATION } else { 'Release' }
$script:EmulatorDll = Join-Path $RepoRoot "src/SignalWire.Emulator/bin/$configuration/net10.0/SignalWire.Emulator.dll"
$script:ModuleManifest = Join-Path $RepoRoot 'out/SignalWire.PowerShell/SignalWire.PowerShell.psd1'
$script:FixturesPath = Join-Path $RepoRoot 'tests/fixtures'
Import-Module $ModuleManifest
Import-Module (Join-Path $RepoRoot 'tools/EmulatorControl.psm1') -Force

# Each cmdlet's implementing type by cmdlet name, as error ids end: "NotConnected,$($CmdletType['Get-SwPhoneNumber'])".
$script:CmdletType = @{}
foreach ($command in Get-Command -Module SignalWire.PowerShell -CommandType Cmdlet) { $CmdletType[$command.Name] = $command.ImplementingType.FullName }

# A type of the module that is internal (not part of its surface), for tests that read its tables.
function Get-ModuleInternalType {
    param([Parameter(Mandatory)] [string] $Name)
    [SignalWire.PowerShell.Cmdlets.SetSwPhoneNumberCommand].Assembly.GetType($Name, $true)
}

# A PhoneNumberDifference with no field, as Compare-SwPhoneNumber makes one (its constructor is internal).
function New-TestPhoneNumberDifference {
    # Untyped: a [string] parameter left out would be '' rather than the null the cmdlet gives.
    param([Parameter(Mandatory)] [SignalWire.PowerShell.Models.PhoneNumberDifferenceKind] $Kind, $Number, $Id)
    $constructor = [SignalWire.PowerShell.Models.PhoneNumberDifference].GetConstructors([Reflection.BindingFlags]'Instance, NonPublic')[0]
    $constructor.Invoke(@($Kind, $Number, $Id, $null, $null, $null))
}

# Connects this runspace to an emulator and returns the session.
function Connect-TestProject {
    param([Parameter(Mandatory)] $Emulator, [hashtable] $Extra = @{})
    $token = ConvertTo-SecureString $Emulator.Token -AsPlainText -Force
    Connect-SwProject -Space $Emulator.Url -ProjectId $Emulator.ProjectId -Token $token -PassThru @Extra
}

# The API requests the emulator logged, optionally only one method.
function Get-WireRequest {
    param([Parameter(Mandatory)] $Emulator, [string] $Method)
    Get-SwEmulatorRequest $Emulator | Where-Object { -not $Method -or $_.method -eq $Method }
}

# What a script writes to the host (the -WhatIf lines), as a transcript records it.
function Get-HostOutput([scriptblock] $Script) {
    $path = Join-Path ([IO.Path]::GetTempPath()) "sw-host-$([guid]::NewGuid()).txt"
    $null = Start-Transcript -Path $path
    try { & $Script | Out-Null } finally { $null = Stop-Transcript }
    $text = Get-Content $path -Raw; Remove-Item $path; $text
}
