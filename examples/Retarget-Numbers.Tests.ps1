# Rehearses Retarget-Numbers.ps1 offline: the SignalWire emulator serves the numbers of a snapshot of the project,
# the runbook runs against it unchanged, and the tests read the request log for the exact writes it made.
#
# Needs the SignalWire.PowerShell module and the emulator tool:
#     dotnet tool install --global SignalWire.Emulator
#     Get-SwPhoneNumber | ConvertTo-Json -Depth 5 > numbers.json      # the snapshot, taken from the live project
#     Invoke-Pester ./Retarget-Numbers.Tests.ps1
# With the tool installed elsewhere (dotnet tool install --tool-path <dir> ...), pass its path:
#     Invoke-Pester -Container (New-PesterContainer -Path ./Retarget-Numbers.Tests.ps1 -Data @{ Emulator = '<dir>/signalwire-emulator' })
param(
    # The emulator command: signalwire-emulator on the PATH, or the path of the installed tool.
    [string] $Emulator = 'signalwire-emulator',
    # The snapshot to rehearse on.
    [string] $Snapshot = (Join-Path $PSScriptRoot 'numbers.json')
)

BeforeAll {
    $runbook = Join-Path $PSScriptRoot 'Retarget-Numbers.ps1'
    $numbers = Get-Content $Snapshot -Raw | ConvertFrom-Json
    # What the runbook should touch: Support numbers whose calls do not yet go to the topic.
    $support = @($numbers | Where-Object Name -Like 'Support*')
    $toChange = @($support | Where-Object { $_.CallHandler -ne 'relay_topic' -or $_.CallRelayTopic -ne 'support-v2' })

    # Starts the emulator on a free port, seeded from the snapshot, and points the SIGNALWIRE_* variables at it.
    function Start-Rehearsal {
        param([string[]] $Fault = @())
        $log = Join-Path $TestDrive "requests-$([guid]::NewGuid().ToString('N')).jsonl"
        $command = (Get-Command $Emulator -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
        $start = [System.Diagnostics.ProcessStartInfo]::new($command)
        # --parent-pid: the emulator exits with this test run, even an aborted one.
        foreach ($argument in @('--port', '0', '--seed', $Snapshot, '--request-log', $log, '--parent-pid', $PID) + ($Fault | ForEach-Object { '--fault', $_ })) {
            $start.ArgumentList.Add([string]$argument)
        }
        $start.RedirectStandardOutput = $true
        $start.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($start)
        # The first line says where it listens; the next ones give the project id and token to connect with.
        $lines = @()
        while (($line = $process.StandardOutput.ReadLine()) -ne $null -and $line -notmatch '^Press Ctrl\+C') { $lines += $line }
        if ($lines.Count -eq 0 -or $lines[0] -notmatch 'listening on (http://\S+)') { throw "The emulator did not start: $lines" }
        $env:SIGNALWIRE_SPACE = $Matches[1]
        $env:SIGNALWIRE_PROJECT_ID = ($lines -match '^\s+Project ID:' | Select-Object -First 1) -replace '^\s+Project ID:\s+'
        $env:SIGNALWIRE_API_TOKEN = ($lines -match '^\s+API token:' | Select-Object -First 1) -replace '^\s+API token:\s+'
        [pscustomobject]@{ Process = $process; Log = $log; Url = $Matches[1] }
    }

    function Stop-Rehearsal {
        param($Rehearsal)
        if ($Rehearsal -and -not $Rehearsal.Process.HasExited) { $Rehearsal.Process.Kill(); $Rehearsal.Process.WaitForExit() }
        Remove-Item Env:SIGNALWIRE_SPACE, Env:SIGNALWIRE_PROJECT_ID, Env:SIGNALWIRE_API_TOKEN -ErrorAction SilentlyContinue
    }

    # The requests the runbook made, one object per line of the request log.
    function Get-Request {
        param($Rehearsal, [string] $Method)
        Get-Content $Rehearsal.Log | ConvertFrom-Json | Where-Object { -not $Method -or $_.method -eq $Method }
    }

    function Get-NumberNow {
        param($Rehearsal)
        Invoke-RestMethod "$($Rehearsal.Url)/__emulator/numbers" | ForEach-Object { $_ }
    }
}

Describe 'Retarget-Numbers.ps1, rehearsed on a snapshot' {
    AfterEach { Stop-Rehearsal $rehearsal }

    It 'changes nothing with -WhatIf: the log holds reads only' {
        $rehearsal = Start-Rehearsal
        & $runbook -NameLike 'Support*' -Topic support-v2 -WhatIf
        @(Get-Request $rehearsal).Count | Should -BeGreaterThan 0
        Get-Request $rehearsal | Where-Object method -ne 'GET' | Should -BeNullOrEmpty
    }

    It 'sends one PUT per Support number not yet on the topic, with only the handler and the topic' {
        $toChange.Count | Should -BeGreaterThan 0
        $rehearsal = Start-Rehearsal
        $changed = & $runbook -NameLike 'Support*' -Topic support-v2

        $puts = @(Get-Request $rehearsal -Method PUT)
        $puts.path | Sort-Object | Should -Be ($toChange.Id | ForEach-Object { "/api/relay/rest/phone_numbers/$_" } | Sort-Object)
        $puts | ForEach-Object { $_.body | Should -Be '{"call_handler":"relay_topic","call_relay_topic":"support-v2"}' }
        $puts.status | Should -Be (@(200) * $toChange.Count)
        Get-Request $rehearsal | Where-Object method -notin 'GET', 'PUT' | Should -BeNullOrEmpty
        $changed.Id | Sort-Object | Should -Be ($support.Id | Sort-Object)
    }

    It 'leaves every other number exactly as the snapshot has it' {
        $rehearsal = Start-Rehearsal
        $before = Get-NumberNow $rehearsal
        & $runbook -NameLike 'Support*' -Topic support-v2 | Out-Null
        $after = Get-NumberNow $rehearsal
        $others = $before | Where-Object id -NotIn $toChange.Id
        $others.Count | Should -Be ($numbers.Count - $toChange.Count)
        foreach ($number in $others) {
            $now = $after | Where-Object id -EQ $number.id
            $now | ConvertTo-Json -Compress | Should -Be ($number | ConvertTo-Json -Compress)
        }
    }

    It 'finishes the job through two 429s and a dropped connection, and a second run sends nothing' {
        $rehearsal = Start-Rehearsal -Fault 'action=status,status=429,retry_after=1,method=PUT,times=2', 'action=drop,method=PUT,times=1,when=after'
        & $runbook -NameLike 'Support*' -Topic support-v2 | Out-Null

        $puts = @(Get-Request $rehearsal -Method PUT)
        @($puts | Where-Object status -EQ 429).Count | Should -Be 2
        @($puts | Where-Object fault -EQ 'drop').Count | Should -Be 1
        # Every number to change ends with a successful PUT, and only those numbers were written.
        $puts | Where-Object status -EQ 200 | ForEach-Object { $_.path -replace '.*/' } | Sort-Object -Unique | Should -Be ($toChange.Id | Sort-Object)
        $puts | ForEach-Object { $_.path -replace '.*/' } | Sort-Object -Unique | Should -Be ($toChange.Id | Sort-Object)
        Get-NumberNow $rehearsal | Where-Object id -In $support.Id | ForEach-Object {
            $_.call_handler | Should -Be 'relay_topic'
            $_.call_relay_topic | Should -Be 'support-v2'
        }

        $written = @(Get-Request $rehearsal -Method PUT).Count
        & $runbook -NameLike 'Support*' -Topic support-v2 | Out-Null
        @(Get-Request $rehearsal -Method PUT).Count | Should -Be $written
    }
}
