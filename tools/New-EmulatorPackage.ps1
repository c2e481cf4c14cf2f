<#
.SYNOPSIS
    Writes the emulator's .NET tool package, SignalWire.Emulator.<version>.nupkg (command signalwire-emulator).
.DESCRIPTION
    Runs dotnet pack on src/SignalWire.Emulator (PackAsTool; the version is the module's, from
    SignalWire.PowerShell.psd1). Install the result on any machine with the .NET SDK:
        dotnet tool install --tool-path <folder> --add-source <OutputPath> SignalWire.Emulator
.EXAMPLE
    ./tools/New-EmulatorPackage.ps1 -OutputPath out
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $OutputPath,
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',
    # Packs what the last build left in bin/ instead of building first.
    [switch] $NoBuild,
    # Writes the package file (a FileInfo) to the pipeline.
    [switch] $PassThru
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$project = Join-Path $PSScriptRoot '../src/SignalWire.Emulator/SignalWire.Emulator.csproj'
$null = New-Item -ItemType Directory -Path $OutputPath -Force
$OutputPath = (Resolve-Path $OutputPath).Path
$version = (Import-PowerShellDataFile (Join-Path $PSScriptRoot '../SignalWire.PowerShell.psd1')).ModuleVersion

$arguments = @('pack', $project, '-c', $Configuration, '-o', $OutputPath, '--nologo', '-v', 'quiet', '-clp:NoSummary')
if ($NoBuild) { $arguments += '--no-build' }
$output = & dotnet @arguments
if ($LASTEXITCODE -ne 0) {
    $output | Write-Host
    throw "dotnet pack of the emulator failed (exit code $LASTEXITCODE)."
}
$package = Join-Path $OutputPath "SignalWire.Emulator.$version.nupkg"
if (-not (Test-Path $package)) { throw "dotnet pack wrote no SignalWire.Emulator.$version.nupkg to $OutputPath." }
Write-Host "Packaged the emulator tool SignalWire.Emulator $version at $package"
if ($PassThru) { Get-Item $package }
