<#
.SYNOPSIS
    Measures the module's bulk job side by side with the scripts people write without it (build.ps1 -Task Bench).
.DESCRIPTION
    Against the local emulator, each variant runs in its own child pwsh process, so CPU time and peak memory belong to
    that variant alone; the child reports them itself (Process.TotalProcessorTime, Process.PeakWorkingSet64):
      (a) module:   Get-SwPhoneNumber | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic office
      (b) script:   Invoke-RestMethod following links.next, then one PUT per number in a loop
      (c) parallel: the same with ForEach-Object -Parallel -ThrottleLimit 32
    Each run is timed twice: the whole process (pwsh -File script.ps1: start, import, connect, list, update, exit), timed
    by this script around the child, and the job alone (connect, list, update), timed inside the child. At 200 ms added
    latency they are set against the floor: pwsh started with Import-Module, plus every write at the API's limit (1,380 a
    second). Then 50 ms and 0 ms (CPU per update), 10,000 numbers at 0 ms (memory) and at 200 ms (against 10,000 writes
    at the limit), the module's import time (pwsh start with and without Import-Module, median of several runs) and
    listing 100,000 numbers into Measure-Object (peak working set). The emulator is reset between runs, and each run is
    checked: every number updated, and no 429. Prints the machine and its load, a table, and whether each target was met,
    with the best (a) could do in the run beside the ratio targets. Each kind of run keeps its own PowerShell cache
    folder (its own JIT profile), and an untimed run of (a) and (c) warms the emulator first.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorDll,
    [Parameter(Mandatory)] [string] $PwshDll,
    [int] $Numbers = 1000,
    [int] $ManyNumbers = 10000,
    [int] $FarLatencyMs = 200,
    [int] $LatencyMs = 50,
    [int] $ListNumbers = 100000,
    # Runs of each fast variant (the median is reported); the sequential script at 50 ms runs once (about a minute).
    [int] $Repeat = 5,
    [int] $ImportRuns = 9,
    # The module before the change being measured (a staged module's .psd1): run side by side with (a) at 200 ms and 0 ms
    # as "(a) before", so CPU per update is compared on the same machine at the same load.
    [string] $BaselineModulePath,
    # The API's write limit, 13,800 per 10 s: the floor sends every write at this rate.
    [double] $WritesPerSecond = 1380
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
$peak = $process.PeakWorkingSet64
# What the job left behind, once garbage is collected: per-number state would show here.
$live = [GC]::GetTotalMemory($true)
[pscustomobject]@{
    WallMs        = $watch.Elapsed.TotalMilliseconds
    CpuMs         = ($process.TotalProcessorTime - $cpuBefore).TotalMilliseconds
    ProcessCpuMs  = $process.TotalProcessorTime.TotalMilliseconds
    PeakWorkingSet = $peak
    LiveBytes     = $live
    # Set by a job that runs several times (the 'again' variant): the live heap after each run but the last.
    LiveBetween   = $global:LiveBetween
    Count         = $count
} | ConvertTo-Json -Compress
'@

# How the module's variants begin: a session from the token, as a user's script makes one.
$connect = @'
$secureToken = ConvertTo-SecureString $Token -AsPlainText -Force
Connect-SwProject -Space $Url -ProjectId $ProjectId -Token $secureToken
'@ + [Environment]::NewLine   # a here-string ends without its last line break

$variants = [ordered]@{
    'a' = @{
        Name  = '(a) module'
        Setup = 'Import-Module $ModulePath'
        Job   = $connect + '(Get-SwPhoneNumber | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic office | Measure-Object).Count'
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
    'again' = @{
        Name  = '(a) module, three times in one process'
        Setup = 'Import-Module $ModulePath'
        Job   = $connect + @'
$global:LiveBetween = [System.Collections.Generic.List[long]]::new()
Get-SwPhoneNumber | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic staging | Out-Null
$global:LiveBetween.Add([GC]::GetTotalMemory($true))
Get-SwPhoneNumber | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic standby | Out-Null
$global:LiveBetween.Add([GC]::GetTotalMemory($true))
(Get-SwPhoneNumber | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic office | Measure-Object).Count
'@
    }
    'import' = @{
        Name  = 'pwsh start and Import-Module'
        Setup = 'Import-Module $ModulePath'
        Job   = '0'
    }
    'base' = @{
        Name  = '(a) before: the module without it'
        Setup = 'Import-Module $ModulePath'
        Job   = $null
    }
    'list' = @{
        Name  = "list $ListNumbers (module)"
        Setup = 'Import-Module $ModulePath'
        Job   = $connect + @'
(Get-SwPhoneNumber | Measure-Object).Count
'@
    }
    'idle' = @{
        Name  = 'pwsh doing nothing'
        Setup = ''
        Job   = '0'
    }
}

$variants.base.Job = $variants.a.Job
$scratch = Join-Path ([IO.Path]::GetTempPath()) "sw-bench-$PID"
$null = New-Item -ItemType Directory -Path $scratch -Force
foreach ($key in $variants.Keys) {
    $text = $childTemplate.Replace('#SETUP#', $variants[$key].Setup).Replace('#JOB#', $variants[$key].Job)
    Set-Content -Path (Join-Path $scratch "$key.ps1") -Value $text
}

# Runs pwsh with the arguments, in a PowerShell cache folder of its own for each kind of run ($Cache): pwsh replays at
# start the JIT profile that the last pwsh left in that folder (StartupProfileData), so with one folder for all, each
# run would start with whatever the run before it had compiled. With its own, each starts as it does when run again on
# its machine. (Linux and macOS; on Windows the folder is under LOCALAPPDATA and the runs share it.)
function Invoke-Pwsh([string] $Cache) {
    $cacheBefore = $env:XDG_CACHE_HOME
    $env:XDG_CACHE_HOME = Join-Path $scratch "cache-$Cache"
    try {
        & dotnet $PwshDll @args
    }
    finally {
        $env:XDG_CACHE_HOME = $cacheBefore
    }
}

# Runs a variant in its own pwsh; WholeMs is the whole process as a user sees it (pwsh -File script.ps1, to its exit).
function Invoke-Child {
    param([string] $Key, $Emulator)
    $file = Join-Path $scratch "$Key.ps1"
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $module = if ($Key -eq 'base') { $BaselineModulePath } else { $ModulePath }
    $output = Invoke-Pwsh $Key -NoProfile -NonInteractive -File $file -Url $Emulator.Url -ProjectId $Emulator.ProjectId -Token $Emulator.Token -ModulePath $module
    $wholeMs = $watch.Elapsed.TotalMilliseconds
    if ($LASTEXITCODE -ne 0) { throw "The $($variants[$Key].Name) child failed (exit code $LASTEXITCODE): $output" }
    $result = @($output)[-1] | ConvertFrom-Json
    $result | Add-Member WholeMs $wholeMs
    $result
}

# Runs a bulk-update variant on a freshly reset emulator and checks that it did the job.
# One run of a variant on a freshly reset emulator, checked: every number updated. 'import' (pwsh start and
# Import-Module, the floor's first part) only runs.
function Invoke-Run {
    param([string] $Key, $Emulator, [int] $Latency, [int] $Count)
    Reset-SwEmulator $Emulator -Numbers $Count
    Set-SwEmulatorConfig $Emulator @{ latency_ms = $Latency }
    $result = Invoke-Child $Key $Emulator
    $result | Add-Member Numbers $Count
    $result | Add-Member Latency $Latency
    if ($Key -eq 'import') { return $result }
    $notDone = @(Get-SwEmulatorNumber $Emulator | Where-Object { $_.call_handler -ne 'relay_topic' -or $_.call_relay_topic -ne 'office' }).Count
    if ($notDone -gt 0) { throw "$($variants[$Key].Name) left $notDone numbers unchanged." }
    $requests = @(Get-SwEmulatorRequest $Emulator)
    $puts = @($requests | Where-Object method -eq 'PUT')
    $result | Add-Member Puts $puts.Count
    $result | Add-Member Gets @($requests | Where-Object method -eq 'GET').Count
    $result | Add-Member Status429 @($requests | Where-Object status -eq 429).Count
    # The most PUTs the emulator was serving at once: how many the variant kept in flight.
    $result | Add-Member MostInFlight ([int]($puts | Measure-Object in_flight -Maximum).Maximum)
    Write-Host ("  {0,-34} {1,6:N0} numbers {2,4} ms latency: {3,8:N0} ms whole, {4,8:N0} ms job, {5,7:N0} ms CPU, {6,4} PUTs in flight at most" -f `
        $variants[$Key].Name, $Count, $Latency, $result.WholeMs, $result.WallMs, $result.CpuMs, $result.MostInFlight)
    $result
}

# Runs the variants side by side, one round after another (a run of each per round, as many rounds as its count), so a
# change in the machine's load falls on all of them alike. Returns each variant's median run by whole-process time.
function Measure-Side {
    param([hashtable] $Runs, $Emulator, [int] $Latency, [int] $Count = $Numbers, [string[]] $Order)
    $results = @{}
    foreach ($key in $Order) { $results[$key] = [System.Collections.Generic.List[object]]::new() }
    $rounds = ($Runs.Values | Measure-Object -Maximum).Maximum
    foreach ($round in 1..$rounds) {
        # (a) and "(a) before" trade places every other round: whichever runs right after (c) pays for it (about 0.2 s
        # more CPU in a 1,000-number job, measured with the two in both orders, and still 0.17 s after a 2 s pause), so
        # neither may always be the one.
        $roundOrder = if ($round % 2 -eq 0 -and $Order -contains 'a' -and $Order -contains 'base') {
            $Order | ForEach-Object { if ($_ -eq 'a') { 'base' } elseif ($_ -eq 'base') { 'a' } else { $_ } }
        } else { $Order }
        foreach ($key in $roundOrder) {
            if ($Runs[$key] -ge $round) { $results[$key].Add((Invoke-Run $key $Emulator $Latency $Count)) }
        }
    }
    $medians = @{}
    foreach ($key in $Order) {
        $sorted = @($results[$key] | Sort-Object WholeMs)
        $median = $sorted[[int][Math]::Floor(($sorted.Count - 1) / 2)]
        # CPU time varies apart from wall time: its own median, for the CPU comparisons.
        $median | Add-Member CpuMedianMs (Get-Median @($results[$key].CpuMs))
        $medians[$key] = $median
    }
    $medians
}

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    if ($sorted.Count % 2) { $sorted[($sorted.Count - 1) / 2] } else { ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2 }
}

function Measure-PwshStart([string] $Cache, [string] $Command) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    Invoke-Pwsh $Cache -NoProfile -NonInteractive -Command $Command
    if ($LASTEXITCODE -ne 0) { throw "pwsh -Command '$Command' failed (exit code $LASTEXITCODE)." }
    $watch.Elapsed.TotalMilliseconds
}

$rows = [System.Collections.Generic.List[object]]::new()
function Add-Row([string] $Variant, [string] $Latency, $Result, [string] $Note = '') {
    $rows.Add([pscustomobject]@{
        Variant   = $Variant
        Numbers   = if ($Result.PSObject.Properties['Numbers']) { '{0:N0}' -f $Result.Numbers } else { '' }
        Latency   = $Latency
        'Whole s' = if ($Result.PSObject.Properties['WholeMs']) { [Math]::Round($Result.WholeMs / 1000, 2) } else { '' }
        'Job s'   = [Math]::Round($Result.WallMs / 1000, 2)
        'CPU s'   = [Math]::Round($Result.CpuMs / 1000, 2)
        'Peak MB' = [Math]::Round($Result.PeakWorkingSet / 1MB, 0)
        'Live MB' = if ($Result.PSObject.Properties['LiveBytes']) { [Math]::Round($Result.LiveBytes / 1MB, 1) } else { '' }
        Requests  = if ($Result.PSObject.Properties['Puts']) { "$($Result.Gets) GET, $($Result.Puts) PUT" + $(if ($Result.Status429) { ", $($Result.Status429) x 429" } else { '' }) } else { '' }
        'In flight' = if ($Result.PSObject.Properties['MostInFlight']) { $Result.MostInFlight } else { '' }
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
    # Other work on the machine slows every variant: the load average when the bench starts, and again when it ends.
    Load       = if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' ' } else { 'unknown' }
}
Write-Host 'Machine:'
$machine.GetEnumerator() | ForEach-Object { Write-Host ("  {0,-10} {1}" -f $_.Key, $_.Value) }

# The floor: pwsh started with the module imported, to its exit (timed as the whole-process runs are), then every write
# at the API's limit.
# Absolute links: the hand-written baselines (b, c) hand links.next straight to Invoke-RestMethod, which needs a full URL.
$emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers $Numbers -LatencyMs 0 -AbsoluteLinks
try {
    # Warm the disk cache, and the emulator: its first bulk runs after start compile its hot paths again, at full
    # optimisation, on a background thread, CPU that the first timed runs would otherwise share with it. And give each
    # variant that is timed for speed its JIT profile, so that none starts its first timed run without one ((b) at
    # 0 ms: at 200 ms it would take minutes).
    Write-Host "`nWarm-up (not counted)"
    $null = Invoke-Child import $emulator
    $null = Invoke-Child idle $emulator
    $null = Invoke-Run a $emulator $FarLatencyMs $Numbers
    if ($BaselineModulePath) { $null = Invoke-Run base $emulator $FarLatencyMs $Numbers }
    $null = Invoke-Run c $emulator $FarLatencyMs $Numbers
    $null = Invoke-Run b $emulator 0 $Numbers
    Write-Host "`nBulk update of $Numbers numbers at $FarLatencyMs ms latency, side by side with the floor's pwsh start and import"
    $withBase = [bool]$BaselineModulePath
    $farRuns = @{ import = $Repeat; a = $Repeat; c = $Repeat }
    if ($withBase) { $farRuns.base = $Repeat }
    $far = Measure-Side $farRuns $emulator $FarLatencyMs -Order (@('import', 'a') + @(if ($withBase) { 'base' }) + 'c')
    $startAndImport = $far.import.WholeMs
    $floorFor = { param([int] $Writes) $startAndImport + $Writes / $WritesPerSecond * 1000 }
    Write-Host ('  pwsh start and Import-Module {0:N0} ms (median of {1}); {2:N0} writes at the limit {3:N0} ms' -f `
        $startAndImport, $Repeat, $Numbers, ($Numbers / $WritesPerSecond * 1000))
    $aFar = $far.a
    $cFar = $far.c
    $floor = [pscustomobject]@{ WholeMs = (& $floorFor $Numbers); WallMs = $Numbers / $WritesPerSecond * 1000; CpuMs = 0; PeakWorkingSet = 0 }
    Add-Row $variants.a.Name "$FarLatencyMs ms" $aFar ('{0:N2}x the floor' -f ($aFar.WholeMs / $floor.WholeMs))
    if ($withBase) { Add-Row $variants.base.Name "$FarLatencyMs ms" $far.base ('{0:N1}x slower than (a)' -f ($far.base.WholeMs / $aFar.WholeMs)) }
    Add-Row $variants.c.Name "$FarLatencyMs ms" $cFar ('{0:N1}x slower than (a)' -f ($cFar.WholeMs / $aFar.WholeMs))
    Add-Row "floor: pwsh + import, $Numbers writes at $WritesPerSecond/s" "$FarLatencyMs ms" $floor ''

    Write-Host "`nBulk update of $Numbers numbers at $LatencyMs ms latency"
    $near = Measure-Side @{ a = $Repeat; b = 1; c = $Repeat } $emulator $LatencyMs -Order a, b, c
    $a = $near.a; $b = $near.b; $c = $near.c
    Add-Row $variants.a.Name "$LatencyMs ms" $a
    Add-Row $variants.b.Name "$LatencyMs ms" $b ('{0:N1}x slower than (a)' -f ($b.WholeMs / $a.WholeMs))
    Add-Row $variants.c.Name "$LatencyMs ms" $c ('{0:N1}x slower than (a)' -f ($c.WholeMs / $a.WholeMs))

    Write-Host "`nThe same at 0 ms latency (CPU per update)"
    $zeroRuns = @{ a = $Repeat; b = $Repeat; c = $Repeat }
    if ($withBase) { $zeroRuns.base = $Repeat }
    $zero = Measure-Side $zeroRuns $emulator 0 -Order (@('a') + @(if ($withBase) { 'base' }) + @('b', 'c'))
    $a0 = $zero.a; $b0 = $zero.b; $c0 = $zero.c
    $perUpdate = { param($r) '{0:N2} ms CPU per update (median)' -f ($r.CpuMedianMs / $r.Numbers) }
    Add-Row $variants.a.Name '0 ms' $a0 (& $perUpdate $a0)
    if ($withBase) { Add-Row $variants.base.Name '0 ms' $zero.base ((& $perUpdate $zero.base) + ('; {0:N2}x the CPU of (a)' -f ($zero.base.CpuMedianMs / $a0.CpuMedianMs))) }
    Add-Row $variants.b.Name '0 ms' $b0 ((& $perUpdate $b0) + ('; {0:N1}x the CPU of (a)' -f ($b0.CpuMedianMs / $a0.CpuMedianMs)))
    Add-Row $variants.c.Name '0 ms' $c0 ((& $perUpdate $c0) + ('; {0:N1}x the CPU of (a)' -f ($c0.CpuMedianMs / $a0.CpuMedianMs)))

    Write-Host "`n$ManyNumbers numbers: at 0 ms (memory), and at $FarLatencyMs ms against $ManyNumbers writes at the limit"
    $aMany0 = (Measure-Side @{ a = $Repeat } $emulator 0 $ManyNumbers -Order a).a
    $aManyFar = (Measure-Side @{ a = $Repeat } $emulator $FarLatencyMs $ManyNumbers -Order a).a
    # Per-number state would grow the live heap with every batch in the same process; caches and pools, which the first
    # batches fill, stop growing.
    $again = Invoke-Run again $emulator 0 $ManyNumbers
    # Flat memory: the peak stops growing with the count once the garbage collector has sized its budget, which a short
    # job of 1,000 never makes it do; twice the numbers must not raise it.
    $twiceMany = (Measure-Side @{ a = [Math]::Min($Repeat, 3) } $emulator 0 (2 * $ManyNumbers) -Order a).a
    $manyAtLimitMs = $ManyNumbers / $WritesPerSecond * 1000
    Add-Row $variants.a.Name '0 ms' $aMany0 ((& $perUpdate $aMany0) + ('; peak {0:N0} MB more than for {1:N0}' -f (($aMany0.PeakWorkingSet - $a0.PeakWorkingSet) / 1MB), $Numbers))
    Add-Row $variants.a.Name "$FarLatencyMs ms" $aManyFar ('job {0:N2}x {1:N0} writes at the limit ({2:N2} s)' -f ($aManyFar.WallMs / $manyAtLimitMs), $ManyNumbers, ($manyAtLimitMs / 1000))
    Add-Row $variants.a.Name '0 ms' $twiceMany ('peak {0:N0} MB, against {1:N0} MB for {2:N0}' -f ($twiceMany.PeakWorkingSet / 1MB), ($aMany0.PeakWorkingSet / 1MB), $ManyNumbers)
    Add-Row $variants.again.Name '0 ms' $again ('live heap after each {0:N0}: {1} MB' -f $ManyNumbers, ((@($again.LiveBetween) + $again.LiveBytes | ForEach-Object { '{0:N1}' -f ($_ / 1MB) }) -join ', '))

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
$null = Measure-PwshStart bare 'exit'   # warm the disk cache for both, and give each its JIT profile
$null = Measure-PwshStart imported "Import-Module '$ModulePath'; exit"
$bare = [System.Collections.Generic.List[double]]::new()
$imported = [System.Collections.Generic.List[double]]::new()
foreach ($run in 1..$ImportRuns) {
    $bare.Add((Measure-PwshStart bare 'exit'))
    $imported.Add((Measure-PwshStart imported "Import-Module '$ModulePath'; exit"))
}
$bareMedian = Get-Median $bare
$importedMedian = Get-Median $imported
$importCost = $importedMedian - $bareMedian
Write-Host ('  pwsh start {0:N0} ms, with Import-Module {1:N0} ms (medians): import adds {2:N0} ms' -f $bareMedian, $importedMedian, $importCost)

Remove-Item $scratch -Recurse -Force -ErrorAction SilentlyContinue

$machine.Load += ' at the start; ' + $(if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' ' } else { 'unknown' }) + ' at the end'
Write-Host "`nMachine load (1, 5, 15 min): $($machine.Load)"
Write-Host "Whole: the child pwsh from launch to exit (start, import, connect, list, update). Job: connect, list, update, timed"
Write-Host "inside the child. CPU is the job's; peak memory is the child's peak working set. Medians of $Repeat runs by whole time."
$rows | Format-Table -AutoSize | Out-String -Width 220 | Write-Host

$marginalCpu = ($aMany0.CpuMedianMs - $a0.CpuMedianMs) / ($ManyNumbers - $Numbers)
# The best (a) could do in this run: pwsh start and import, its three round trips (connect's credential check, the list,
# the last write's answer) and the writes it sent at the limit; a ratio target above what this allows cannot be met on
# this machine at this load, whatever the module does.
$bestFor = { param($r, [int] $Latency) $startAndImport + 3 * $Latency + $r.Puts / $WritesPerSecond * 1000 }
$bestFar = & $bestFor $aFar $FarLatencyMs
$bestNear = & $bestFor $a $LatencyMs
$targets = @(
    [pscustomobject]@{ Target = "(a) >= 4x faster than (c) at $FarLatencyMs ms, whole process"; Measured = '{0:N1}x (job alone {1:N1}x); at best {2:N1}x here ((a) at {3:N2} s)' -f ($cFar.WholeMs / $aFar.WholeMs), ($cFar.WallMs / $aFar.WallMs), ($cFar.WholeMs / $bestFar), ($bestFar / 1000); Met = ($cFar.WholeMs / $aFar.WholeMs) -ge 4 }
    [pscustomobject]@{ Target = "(a) within 1.5x of the floor at $FarLatencyMs ms, whole process"; Measured = '{0:N2} s against {1:N2} s: {2:N2}x' -f ($aFar.WholeMs / 1000), ($floor.WholeMs / 1000), ($aFar.WholeMs / $floor.WholeMs); Met = ($aFar.WholeMs / $floor.WholeMs) -le 1.5 }
    [pscustomobject]@{ Target = "(a) >= 25x faster than (b) at $LatencyMs ms"; Measured = '{0:N1}x whole, {1:N1}x job; at best {2:N1}x here ((a) at {3:N2} s)' -f ($b.WholeMs / $a.WholeMs), ($b.WallMs / $a.WallMs), ($b.WholeMs / $bestNear), ($bestNear / 1000); Met = ($b.WholeMs / $a.WholeMs) -ge 25 }
    [pscustomobject]@{ Target = "(a) >= 2.5x faster than (c) at $LatencyMs ms"; Measured = '{0:N1}x whole, {1:N1}x job' -f ($c.WholeMs / $a.WholeMs), ($c.WallMs / $a.WallMs); Met = ($c.WholeMs / $a.WholeMs) -ge 2.5 }
    [pscustomobject]@{ Target = '(a) CPU per update at 0 ms <= 0.70 ms'; Measured = '{0:N2} ms' -f ($a0.CpuMedianMs / $a0.Numbers); Met = [Math]::Round($a0.CpuMedianMs / $a0.Numbers, 2) -le 0.70 }
    # The same without what a fresh process pays once (compiling the code): the CPU the extra numbers of the larger job cost.
    [pscustomobject]@{ Target = "(a) CPU per update at 0 ms, one-time costs aside (($ManyNumbers - $Numbers) numbers' extra CPU) <= 0.70 ms"; Measured = '{0:N2} ms' -f $marginalCpu; Met = [Math]::Round($marginalCpu, 2) -le 0.70 }
    if ($withBase) {
        [pscustomobject]@{ Target = '(a) CPU per update at 0 ms no higher than before, side by side'; Measured = '{0:N2} ms against {1:N2} ms (medians)' -f ($a0.CpuMedianMs / $a0.Numbers), ($zero.base.CpuMedianMs / $zero.base.Numbers); Met = $a0.CpuMedianMs -le $zero.base.CpuMedianMs }
    }
    [pscustomobject]@{ Target = "(a) memory flat: $(2 * $ManyNumbers) numbers' peak within 10% of $ManyNumbers'"; Measured = '{0:N0} MB against {1:N0} MB ({2:N0}: {3:N0} MB)' -f ($twiceMany.PeakWorkingSet / 1MB), ($aMany0.PeakWorkingSet / 1MB), $Numbers, ($a0.PeakWorkingSet / 1MB); Met = $twiceMany.PeakWorkingSet -le $aMany0.PeakWorkingSet * 1.10 }
    # A PhoneNumber read from the API takes about 6 KB, its id alone some 150 bytes in a set: keeping either per number
    # would add 1.5 to 60 MB a batch of 10,000. Pools and caches grow while the first batches fill them, then stop: so
    # the third batch is set against the second.
    [pscustomobject]@{ Target = "(a) nothing kept per number: a third $ManyNumbers in one process adds < 1 MB to the live heap"; Measured = '{0:N1} MB after the third against {1:N1} MB after the second (after the first: {2:N1} MB)' -f ($again.LiveBytes / 1MB), (@($again.LiveBetween)[1] / 1MB), (@($again.LiveBetween)[0] / 1MB); Met = $again.LiveBytes -lt @($again.LiveBetween)[1] + 1MB }
    [pscustomobject]@{ Target = "(a) $ManyNumbers numbers at $FarLatencyMs ms within 1.3x of $ManyNumbers writes at the limit"; Measured = '{0:N2} s job ({1:N2} s whole) against {2:N2} s: {3:N2}x' -f ($aManyFar.WallMs / 1000), ($aManyFar.WholeMs / 1000), ($manyAtLimitMs / 1000), ($aManyFar.WallMs / $manyAtLimitMs); Met = ($aManyFar.WallMs / $manyAtLimitMs) -le 1.3 }
    [pscustomobject]@{ Target = '(a) no 429 in any run'; Measured = '{0} x 429' -f ($aFar.Status429 + $a.Status429 + $a0.Status429 + $aMany0.Status429 + $aManyFar.Status429); Met = ($aFar.Status429 + $a.Status429 + $a0.Status429 + $aMany0.Status429 + $aManyFar.Status429) -eq 0 }
    [pscustomobject]@{ Target = '(a) less CPU than (b) at 0 ms'; Measured = '{0:N2} s vs {1:N2} s' -f ($a0.CpuMedianMs / 1000), ($b0.CpuMedianMs / 1000); Met = $a0.CpuMedianMs -lt $b0.CpuMedianMs }
    [pscustomobject]@{ Target = 'Import-Module adds < 150 ms to pwsh start'; Measured = '{0:N0} ms' -f $importCost; Met = $importCost -lt 150 }
    [pscustomobject]@{ Target = "Listing $ListNumbers numbers < 200 MB peak"; Measured = '{0:N0} MB' -f ($list.PeakWorkingSet / 1MB); Met = $list.PeakWorkingSet -lt 200MB }
)
$targets | Format-Table -AutoSize | Out-String -Width 220 | Write-Host
