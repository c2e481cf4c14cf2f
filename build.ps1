<#
.SYNOPSIS
    Builds, tests, demonstrates and benchmarks SignalWire.PowerShell.
.DESCRIPTION
    Run with the pinned PowerShell tool on a machine that has only the .NET SDK, without the user's profile (a
    profile's aliases and functions would otherwise be in scope):
        dotnet tool restore && dotnet pwsh -NoProfile ./build.ps1 -Task Demo
        dotnet tool restore && dotnet pwsh -NoProfile ./build.ps1 -Task Test
.PARAMETER Task
    Build (default): builds and stages an importable module at out/SignalWire.PowerShell/.
    Test: builds, checks the formatting (dotnet format --verify-no-changes), then runs every xUnit and Pester suite;
          prints one summary line per check and fails when any does.
    Demo: runs the module's main job against the embedded emulator, on 1,000 numbers.
    Bench: measures bulk jobs against the emulator (figures and method: docs/benchmarks.md).
    Package: writes a PowerShell Gallery-ready .nupkg of the module and the emulator's .NET tool package under out/.
    Help: rewrites only the staged module's help from docs/ (after Build): the cmdlets' help file and the about_
          topics, to check an edit of a page quickly.
    Clean: removes build output.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Help', 'Clean')]
    [string] $Task = 'Build',
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'SignalWire.PowerShell'
$ModuleProject = Join-Path $Root 'src/SignalWire.PowerShell'
$ModuleBin = Join-Path $ModuleProject "bin/$Configuration/netstandard2.0"
$EmulatorDll = Join-Path $Root "src/SignalWire.Emulator/bin/$Configuration/net10.0/SignalWire.Emulator.dll"
# The same pinned PowerShell that runs this script, for child processes (Pester, benchmarks, help).
$PwshDll = Join-Path $PSHOME 'pwsh.dll'

# The functions' names are this script's own (SwBuild): a profile's aliases win over functions, and names such as
# Invoke-Build (InvokeBuild) or Task (psake) would run the other tool instead.
function Invoke-SwBuildNative {
    param([string] $What, [scriptblock] $Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)." }
}

function Invoke-SwBuildModule {
    Invoke-SwBuildNative 'dotnet build' { dotnet build (Join-Path $Root 'SignalWire.sln') -c $Configuration --nologo -v quiet -clp:NoSummary }
    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $dependencies = New-Item -ItemType Directory -Path (Join-Path $ModuleOut 'dependencies') -Force
    Copy-Item (Join-Path $Root 'SignalWire.PowerShell.psd1') $ModuleOut
    Copy-Item (Join-Path $ModuleBin 'SignalWire.PowerShell.dll') $ModuleOut
    Copy-Item (Join-Path $ModuleProject 'SignalWire.PowerShell.Format.ps1xml') $ModuleOut
    # System.Text.Json and its dependencies go to a private folder: Windows PowerShell 5.1 loads them through the
    # module's AssemblyResolve handler, so they never clash with other modules' copies. PowerShell 7 uses its own.
    Get-ChildItem $ModuleBin -Filter *.dll |
        Where-Object { $_.Name -notin 'SignalWire.PowerShell.dll', 'System.Management.Automation.dll' } |
        Copy-Item -Destination $dependencies
    Invoke-SwBuildHelp
    Write-Host "Staged the module at $ModuleOut"
}

# The help file, from the staged module's commands and docs/. In a pwsh of its own: the converter imports the module,
# and this session must not hold the DLL the next build replaces.
function Invoke-SwBuildHelp {
    $manifest = Join-Path $ModuleOut 'SignalWire.PowerShell.psd1'
    if (-not (Test-Path $manifest)) { throw "No staged module at ${ModuleOut}: run the Build task first." }
    $helpOut = Join-Path $ModuleOut 'en-US'
    Invoke-SwBuildNative 'Help conversion' {
        dotnet $PwshDll -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Convert-MarkdownHelp.ps1') -ModulePath $manifest `
            -DocsPath (Join-Path $Root 'docs') -OutputPath (Join-Path $helpOut 'SignalWire.PowerShell.dll-Help.xml')
    }
    # The about_ topics are plain text, shipped as written: Get-Help finds them in the module's en-US folder.
    Get-ChildItem $helpOut -Filter 'about_*.help.txt' | Remove-Item
    $topics = @(Get-ChildItem (Join-Path $Root 'docs/about') -Filter 'about_*.help.txt')
    $topics | Copy-Item -Destination $helpOut
    Write-Host "Staged $($topics.Count) about topics in $helpOut"
}

function Get-SwBuildTrxCount {
    param([string] $Directory)
    $passed = 0; $failed = 0
    foreach ($file in Get-ChildItem $Directory -Filter *.trx -Recurse) {
        $counters = ([xml](Get-Content -LiteralPath $file.FullName -Raw)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed }
}

# The files `dotnet format` (part of the .NET SDK) would change to meet .editorconfig, each with its first findings;
# none when the code is formatted. After a build, so the solution is already restored.
function Get-SwBuildFormatFinding {
    $output = @(dotnet format (Join-Path $Root 'SignalWire.sln') --verify-no-changes --no-restore 2>&1 | ForEach-Object { "$_" })
    $exit = $LASTEXITCODE
    # Each finding reads: path(line,col): error RULE: message [project]
    $findings = @(foreach ($line in $output) {
            if ($line -match '^(?<path>.+?)\((?<at>\d+,\d+)\): (?:error|warning) (?<rule>[^:]+): (?<text>.*?)(?: \[[^\]]+\])?$') {
                [pscustomobject]@{
                    File = [IO.Path]::GetRelativePath($Root, $Matches.path)
                    Text = "($($Matches.at)) $($Matches.rule): $($Matches.text)"
                }
            }
        })
    if ($exit -ne 0 -and $findings.Count -eq 0) {
        # A failure that names no file (the tool itself failed): show what it said.
        $output | Write-Host
        throw "dotnet format failed (exit code $exit)."
    }
    foreach ($group in $findings | Group-Object File) {
        [pscustomobject]@{ File = $group.Name; Findings = @($group.Group.Text) }
    }
}

function Write-SwBuildFormatFinding {
    param([object[]] $Files)
    Write-Host "format: $($Files.Count) files need formatting (dotnet format SignalWire.sln fixes them)"
    foreach ($file in $Files) {
        Write-Host "  $($file.File)"
        $file.Findings | Select-Object -First 3 | ForEach-Object { Write-Host "      $_" }
        if ($file.Findings.Count -gt 3) { Write-Host "      ... and $($file.Findings.Count - 3) more" }
    }
}

function Invoke-SwBuildTest {
    Invoke-SwBuildModule
    # Formatting first, so its findings show before the tests' output; it fails the task after the tests have run.
    $unformatted = @(Get-SwBuildFormatFinding)
    Write-SwBuildFormatFinding $unformatted
    $results = Join-Path $Out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }

    dotnet test (Join-Path $Root 'SignalWire.sln') -c $Configuration --no-build --nologo `
        --logger 'trx' --logger 'console;verbosity=minimal' --results-directory $results
    $xunitExit = $LASTEXITCODE
    $xunit = Get-SwBuildTrxCount $results
    Write-Host ''
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed"

    Invoke-SwBuildNative 'Pester restore' { dotnet restore (Join-Path $Root 'tools/TestDependencies/TestDependencies.csproj') --packages (Join-Path $Root '.tools/packages') --nologo -v quiet }
    dotnet $PwshDll -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Pester/Invoke-PesterSuite.ps1') -Configuration $Configuration
    $pesterExit = $LASTEXITCODE

    if ($unformatted.Count) { Write-Host ''; Write-SwBuildFormatFinding $unformatted }
    $ranNothing = ($xunit.Passed + $xunit.Failed) -eq 0
    if ($xunitExit -ne 0 -or $xunit.Failed -gt 0 -or $ranNothing) { throw 'xUnit tests failed or none ran.' }
    if ($pesterExit -ne 0) { throw 'Pester tests failed or none ran.' }
    if ($unformatted.Count) { throw 'Some files are not formatted to .editorconfig: run dotnet format SignalWire.sln.' }
}

function Invoke-SwBuildDemo {
    Invoke-SwBuildModule
    Import-Module (Join-Path $Root 'tools/EmulatorControl.psm1') -Force
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 1000
    try {
        dotnet $PwshDll -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Demo.ps1') -ModulePath (Join-Path $ModuleOut 'SignalWire.PowerShell.psd1') `
            -Space $emulator.Url -ProjectId $emulator.ProjectId -Token $emulator.Token
        if ($LASTEXITCODE -ne 0) { throw "The demo failed (exit code $LASTEXITCODE)." }
    }
    finally {
        Stop-SwEmulator $emulator
    }
}

function Invoke-SwBuildBench {
    Invoke-SwBuildModule
    & (Join-Path $Root 'tools/Bench.ps1') -ModulePath (Join-Path $ModuleOut 'SignalWire.PowerShell.psd1') -EmulatorDll $EmulatorDll -PwshDll $PwshDll
}

function Invoke-SwBuildPackage {
    Invoke-SwBuildModule
    & (Join-Path $Root 'tools/New-ModulePackage.ps1') -ModulePath $ModuleOut -OutputPath $Out
    # The emulator as a .NET tool, so users can rehearse their runbooks offline (about_SignalWire_Emulator).
    & (Join-Path $Root 'tools/New-EmulatorPackage.ps1') -OutputPath $Out -Configuration $Configuration -NoBuild
}

switch ($Task) {
    'Build' { Invoke-SwBuildModule }
    'Test' { Invoke-SwBuildTest }
    'Demo' { Invoke-SwBuildDemo }
    'Bench' { Invoke-SwBuildBench }
    'Package' { Invoke-SwBuildPackage }
    'Help' { Invoke-SwBuildHelp }
    'Clean' { if (Test-Path $Out) { Remove-Item $Out -Recurse -Force } }
}
