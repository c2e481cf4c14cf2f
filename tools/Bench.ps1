<#
.SYNOPSIS
    Measures the module's bulk job side by side with the scripts people write without it (build.ps1 -Task Bench).
.DESCRIPTION
    Against the local emulator, each variant runs in its own child pwsh process, so CPU time and peak memory belong to
    that variant alone; the child reports them itself (Process.TotalProcessorTime, Process.PeakWorkingSet64):
      (a) module:   Get-SwPhoneNumber | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic office
      (b) script:   Invoke-RestMethod following links.next, then one PUT per number in a loop
      (c) parallel: the same with ForEach-Object -Parallel -ThrottleLimit 32
    at 50 ms added latency and at none (CPU per update), then the module's import time (pwsh start with and without
    Import-Module, median of several runs) and listing 100,000 numbers into Measure-Object (peak working set).
    The emulator is reset between runs. Prints a table and whether each performance target was met.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorDll,
    [Parameter(Mandatory)] [string] $PwshDll,
    [int] $Numbers = 1000,
    [int] $LatencyMs = 50,
    [int] $ListNumbers = 100000,
    # Runs of each fast variant (the median is reported); the sequential script at 50 ms runs once (about a minute).
    [int] $Repeat = 3,
    [int] $ImportRuns = 9
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'EmulatorControl.psm1') -Force

# What every child runs around its job: the variant's setup is not measured, the job is. The child prints one JSON line.
$childTemplate = @'
param([string] $Url, [string] $ProjectId, [string] $Token, [string] $ModulePath)
$ErrorActionPreference = 'Stop'
# Progress is left on, as a user has it: its cost is part of the measure.
#SETUP#
$process = [System.Diagnostics.Process]::GetCurrentProcess()
$cpuBefore = $process.TotalProcessorTime
$watch = [System.Diagnostics.Stopwatch]::StartNew()
$count = & {
#JOB#
}
$watch.Stop()
$process.Refresh()
[pscustomobject]@{
    WallMs        = $watch.Elapsed.TotalMilliseconds
    CpuMs         = ($process.TotalProcessorTime - $cpuBefore).TotalMilliseconds
    ProcessCpuMs  = $process.TotalProcessorTime.TotalMilliseconds
    PeakWorkingSet = $process.PeakWorkingSet64
    Count         = $count
} | ConvertTo-Json -Compress
'@

$variants = [ordered]@{
    'a' = @{
        Name  = '(a) module'
        Setup = 'Import-Module $ModulePath'
        Job   = @'
$secureToken = ConvertTo-SecureString $Token -AsPlainText -Force
Connect-SwProject -Space $Url -ProjectId $ProjectId -Token $secureToken
(Get-SwPhoneNumber | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic office | Measure-Object).Count
'@
    }
    'b' = @{
        Name  = '(b) Invoke-RestMethod loop'
        Setup = ''
        Job   = @'
$headers = @{ Authorization = 'Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("${ProjectId}:$Token")) }
$numbers = @()
$uri = "$Url/api/relay/rest/phone_numbers"
while ($uri) {
    $page = Invoke-RestMethod -Uri $uri -Headers $headers
    $numbers += $page.data
    $uri = $page.links.next
}
$done = 0
foreach ($number in $numbers) {
    $body = @{ call_handler = 'relay_topic'; call_relay_topic = 'office' } | ConvertTo-Json
    $null = Invoke-RestMethod -Method Put -Uri "$Url/api/relay/rest/phone_numbers/$($number.id)" -Headers $headers -Body $body -ContentType 'application/json'
    $done++
}
$done
'@
    }
    'c' = @{
        Name  = '(c) ForEach-Object -Parallel 32'
        Setup = ''
        Job   = @'
$headers = @{ Authorization = 'Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("${ProjectId}:$Token")) }
$numbers = [System.Collections.Generic.List[object]]::new()
$uri = "$Url/api/relay/rest/phone_numbers?page_size=1000"
while ($uri) {
    $page = Invoke-RestMethod -Uri $uri -Headers $headers
    $numbers.AddRange(@($page.data))
    $uri = $page.links.next
}
($numbers | ForEach-Object -Parallel {
    $body = @{ call_handler = 'relay_topic'; call_relay_topic = 'office' } | ConvertTo-Json
    Invoke-RestMethod -Method Put -Uri "$using:Url/api/relay/rest/phone_numbers/$($_.id)" -Headers $using:headers -Body $body -ContentType 'application/json'
} -ThrottleLimit 32 | Measure-Object).Count
'@
    }
    'list' = @{
        Name  = "list $ListNumbers (module)"
        Setup = 'Import-Module $ModulePath'
        Job   = @'
$secureToken = ConvertTo-SecureString $Token -AsPlainText -Force
Connect-SwProject -Space $Url -ProjectId $ProjectId -Token $secureToken
(Get-SwPhoneNumber | Measure-Object).Count
'@
    }
    'idle' = @{
        Name  = 'pwsh doing nothing'
        Setup = ''
        Job   = '0'
    }
}

$scratch = Join-Path ([IO.Path]::GetTempPath()) "sw-bench-$PID"
$null = New-Item -ItemType Directory -Path $scratch -Force
foreach ($key in $variants.Keys) {
    $text = $childTemplate.Replace('#SETUP#', $variants[$key].Setup).Replace('#JOB#', $variants[$key].Job)
    Set-Content -Path (Join-Path $scratch "$key.ps1") -Value $text
}

function Invoke-Child {
    param([string] $Key, $Emulator)
    $file = Join-Path $scratch "$Key.ps1"
    $output = & dotnet $PwshDll -NoProfile -NonInteractive -File $file -Url $Emulator.Url -ProjectId $Emulator.ProjectId -Token $Emulator.Token -ModulePath $ModulePath
    if ($LASTEXITCODE -ne 0) { throw "The $($variants[$Key].Name) child failed (exit code $LASTEXITCODE): $output" }
    @($output)[-1] | ConvertFrom-Json
}

# Runs a bulk-update variant on a freshly reset emulator and checks that it did the job.
function Measure-Variant {
    param([string] $Key, $Emulator, [int] $Latency, [int] $Runs)
    $results = foreach ($run in 1..$Runs) {
        Reset-SwEmulator $Emulator -Numbers $Numbers
        Set-SwEmulatorConfig $Emulator @{ latency_ms = $Latency }
        $result = Invoke-Child $Key $Emulator
        $notDone = @(Get-SwEmulatorNumber $Emulator | Where-Object { $_.call_handler -ne 'relay_topic' -or $_.call_relay_topic -ne 'office' }).Count
        if ($notDone -gt 0) { throw "$($variants[$Key].Name) left $notDone numbers unchanged." }
        $requests = @(Get-SwEmulatorRequest $Emulator)
        $result | Add-Member Puts @($requests | Where-Object method -eq 'PUT').Count
        $result | Add-Member Gets @($requests | Where-Object method -eq 'GET').Count
        $result | Add-Member Status429 @($requests | Where-Object status -eq 429).Count
        Write-Host ("  {0,-34} {1,4} ms latency: {2,8:N0} ms wall, {3,7:N0} ms CPU" -f $variants[$Key].Name, $Latency, $result.WallMs, $result.CpuMs)
        $result
    }
    # The median run by wall time, with its own CPU and memory.
    $sorted = @($results | Sort-Object WallMs)
    $sorted[[int][Math]::Floor(($sorted.Count - 1) / 2)]
}

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    if ($sorted.Count % 2) { $sorted[($sorted.Count - 1) / 2] } else { ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2 }
}

function Measure-PwshStart([string] $Command) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    & dotnet $PwshDll -NoProfile -NonInteractive -Command $Command
    if ($LASTEXITCODE -ne 0) { throw "pwsh -Command '$Command' failed (exit code $LASTEXITCODE)." }
    $watch.Elapsed.TotalMilliseconds
}

$rows = [System.Collections.Generic.List[object]]::new()
function Add-Row([string] $Variant, [string] $Latency, $Result, [string] $Note = '') {
    $rows.Add([pscustomobject]@{
        Variant   = $Variant
        Latency   = $Latency
        'Wall s'  = [Math]::Round($Result.WallMs / 1000, 2)
        'CPU s'   = [Math]::Round($Result.CpuMs / 1000, 2)
        'Peak MB' = [Math]::Round($Result.PeakWorkingSet / 1MB, 0)
        Requests  = if ($Result.PSObject.Properties['Puts']) { "$($Result.Gets) GET, $($Result.Puts) PUT" + $(if ($Result.Status429) { ", $($Result.Status429) x 429" } else { '' }) } else { '' }
        Note      = $Note
    })
}

$machine = [ordered]@{
    CPU        = ((Get-Content /proc/cpuinfo -ErrorAction SilentlyContinue | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -replace '^model name\s*:\s*', '')
    Cores      = [Environment]::ProcessorCount
    OS         = if (Test-Path /etc/os-release) { (Get-Content /etc/os-release | Where-Object { $_ -like 'PRETTY_NAME=*' }) -replace '^PRETTY_NAME="?(.*?)"?$', '$1' } else { [Runtime.InteropServices.RuntimeInformation]::OSDescription }
    Kernel     = if ($IsLinux) { (& uname -sr) } else { [Runtime.InteropServices.RuntimeInformation]::OSDescription }
    '.NET'     = [Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
    PowerShell = $PSVersionTable.PSVersion.ToString()
}
Write-Host 'Machine:'
$machine.GetEnumerator() | ForEach-Object { Write-Host ("  {0,-10} {1}" -f $_.Key, $_.Value) }

# Absolute links: the hand-written baselines (b, c) hand links.next straight to Invoke-RestMethod, which needs a full URL.
$emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers $Numbers -LatencyMs $LatencyMs -AbsoluteLinks
try {
    Write-Host "`nBulk update of $Numbers numbers at $LatencyMs ms latency"
    $a = Measure-Variant a $emulator $LatencyMs $Repeat
    $b = Measure-Variant b $emulator $LatencyMs 1
    $c = Measure-Variant c $emulator $LatencyMs $Repeat
    Add-Row $variants.a.Name "$LatencyMs ms" $a
    Add-Row $variants.b.Name "$LatencyMs ms" $b ('{0:N1}x slower than (a)' -f ($b.WallMs / $a.WallMs))
    Add-Row $variants.c.Name "$LatencyMs ms" $c ('{0:N1}x slower than (a)' -f ($c.WallMs / $a.WallMs))

    Write-Host "`nThe same at 0 ms latency (CPU per update)"
    $a0 = Measure-Variant a $emulator 0 $Repeat
    $b0 = Measure-Variant b $emulator 0 $Repeat
    $c0 = Measure-Variant c $emulator 0 $Repeat
    $perUpdate = { param($r) '{0:N2} ms CPU per update' -f ($r.CpuMs / $Numbers) }
    Add-Row $variants.a.Name '0 ms' $a0 (& $perUpdate $a0)
    Add-Row $variants.b.Name '0 ms' $b0 ((& $perUpdate $b0) + ('; {0:N1}x the CPU of (a)' -f ($b0.CpuMs / $a0.CpuMs)))
    Add-Row $variants.c.Name '0 ms' $c0 ((& $perUpdate $c0) + ('; {0:N1}x the CPU of (a)' -f ($c0.CpuMs / $a0.CpuMs)))

    Write-Host "`nListing $ListNumbers numbers into Measure-Object"
    Reset-SwEmulator $emulator -Numbers $ListNumbers
    Set-SwEmulatorConfig $emulator @{ latency_ms = 0 }
    $list = Invoke-Child list $emulator
    if ($list.Count -ne $ListNumbers) { throw "Listing wrote $($list.Count) numbers, not $ListNumbers." }
    $idle = Invoke-Child idle $emulator
    Add-Row $variants.list.Name '0 ms' $list ('{0:N0} numbers' -f $list.Count)
    Add-Row $variants.idle.Name '' $idle 'baseline for peak memory'
}
finally {
    Stop-SwEmulator $emulator
}

Write-Host "`nImport time: pwsh start with and without Import-Module, $ImportRuns runs each, alternating"
$null = Measure-PwshStart 'exit'   # warm the disk cache for both
$null = Measure-PwshStart "Import-Module '$ModulePath'; exit"
$bare = [System.Collections.Generic.List[double]]::new()
$imported = [System.Collections.Generic.List[double]]::new()
foreach ($run in 1..$ImportRuns) {
    $bare.Add((Measure-PwshStart 'exit'))
    $imported.Add((Measure-PwshStart "Import-Module '$ModulePath'; exit"))
}
$bareMedian = Get-Median $bare
$importedMedian = Get-Median $imported
$importCost = $importedMedian - $bareMedian
Write-Host ('  pwsh start {0:N0} ms, with Import-Module {1:N0} ms (medians): import adds {2:N0} ms' -f $bareMedian, $importedMedian, $importCost)

Remove-Item $scratch -Recurse -Force -ErrorAction SilentlyContinue

Write-Host "`nWall and CPU time are the job's, measured inside each child pwsh (startup excluded); peak memory is the child's peak working set."
$rows | Format-Table -AutoSize | Out-String -Width 200 | Write-Host

$targets = @(
    [pscustomobject]@{ Target = "(a) >= 20x faster than (b) at $LatencyMs ms"; Measured = '{0:N1}x' -f ($b.WallMs / $a.WallMs); Met = ($b.WallMs / $a.WallMs) -ge 20 }
    [pscustomobject]@{ Target = "(a) >= 2x faster than (c) at $LatencyMs ms"; Measured = '{0:N1}x' -f ($c.WallMs / $a.WallMs); Met = ($c.WallMs / $a.WallMs) -ge 2 }
    [pscustomobject]@{ Target = '(a) less CPU than (b) at 0 ms'; Measured = '{0:N2} s vs {1:N2} s' -f ($a0.CpuMs / 1000), ($b0.CpuMs / 1000); Met = $a0.CpuMs -lt $b0.CpuMs }
    [pscustomobject]@{ Target = 'Import-Module adds < 150 ms to pwsh start'; Measured = '{0:N0} ms' -f $importCost; Met = $importCost -lt 150 }
    [pscustomobject]@{ Target = "Listing $ListNumbers numbers < 200 MB peak"; Measured = '{0:N0} MB' -f ($list.PeakWorkingSet / 1MB); Met = $list.PeakWorkingSet -lt 200MB }
)
$targets | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
