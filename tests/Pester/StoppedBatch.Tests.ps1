# A bulk Set-SwPhoneNumber stopped half-way in a real pwsh process, as a console user or a runbook meets it: Ctrl+C
# (SIGINT) or -ErrorAction Stop. Once the pipeline has stopped nothing more can be written out, so whatever changed on
# the server is either among the results written before or named in the one warning on the host; nothing starts after.
# How far the batch got when the stop came, and which writes came back within the stop's grace, vary with the load of
# the machine: the assertions compare the numbers the process told of with the emulator's request log, and hold for any
# of them. No clock decides anything.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 200 -LatencyMs 300
    $runbook = Join-Path $TestDrive 'bulk.ps1'
    Set-Content $runbook -Value @'
param($Manifest, $Url, $ProjectId, $Token, $ErrorActionValue, [int] $UpstreamDelayMs)
Import-Module $Manifest
$null = Connect-SwProject -Space $Url -ProjectId $ProjectId -Token (ConvertTo-SecureString $Token -AsPlainText -Force)
if ($UpstreamDelayMs -gt 0) {
    # Each number waits upstream before it is piped on: the pipeline thread is mostly in another command.
    Get-SwPhoneNumber | ForEach-Object { Start-Sleep -Milliseconds $UpstreamDelayMs; $_ } |
        Set-SwPhoneNumber -Name 'stopped' -ThrottleLimit 16 -ErrorAction $ErrorActionValue |
        ForEach-Object { [Console]::Out.WriteLine("OUT $($_.Number)") }
}
else {
    Get-SwPhoneNumber | Set-SwPhoneNumber -Name 'stopped' -ThrottleLimit 16 -ErrorAction $ErrorActionValue |
        ForEach-Object { [Console]::Out.WriteLine("OUT $($_.Number)") }
}
'@

    # The numbers of the emulator in the order Get-SwPhoneNumber lists them (newest first).
    function Get-Listed { @(Get-SwEmulatorNumber $emulator | Sort-Object created_at -Descending) }

    # Whether a process ignores SIGINT, as Linux reports it (false where it cannot be told).
    function Test-IgnoresInterrupt([int] $ProcessId) {
        $status = "/proc/$ProcessId/status"
        if (-not (Test-Path $status)) { return $false }
        $ignored = (Get-Content $status | Where-Object { $_ -like 'SigIgn:*' }) -replace '^SigIgn:\s*', ''
        ([Convert]::ToUInt64($ignored, 16) -band 2) -ne 0
    }

    # A test run started in the background by a non-interactive shell (a CI job) inherits SIGINT as ignored; .NET keeps it
    # so and passes it on, and a pwsh started from here would never see the Ctrl+C. A console user's pwsh has SIGINT at
    # its default: the runbook's pwsh is started so (coreutils env), as Ctrl+C is what these tests are about.
    $launcher = @(if (Test-IgnoresInterrupt $PID) { 'env', '--default-signal=INT', 'dotnet' } else { 'dotnet' })

    # Runs a script in its own pwsh with these arguments; with -InterruptWhen, sends it SIGINT (Ctrl+C) once that holds
    # (or after 60 s). Returns what it wrote to its output and its errors.
    function Invoke-Pwsh([string] $Script, [object[]] $Arguments, [scriptblock] $InterruptWhen) {
        $start = [System.Diagnostics.ProcessStartInfo]::new($launcher[0])
        foreach ($argument in @($launcher | Select-Object -Skip 1) + @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-File', $Script) + $Arguments) {
            $start.ArgumentList.Add([string] $argument)
        }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($start)
        try {
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $stderr = $process.StandardError.ReadToEndAsync()
            if ($InterruptWhen) {
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                while (-not (& $InterruptWhen) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                Test-IgnoresInterrupt $process.Id | Should -BeFalse -Because 'the runbook must be able to receive the Ctrl+C it is sent'
                kill -INT $process.Id
            }
            $process.WaitForExit(60000) | Should -BeTrue
        }
        finally { if (-not $process.HasExited) { $process.Kill() } }
        [pscustomobject]@{ Stdout = $stdout.Result; Stderr = $stderr.Result }
    }

    # Runs the runbook in its own pwsh; with -Interrupt, sends SIGINT once the emulator has seen 40 PUTs. Returns the
    # numbers written out, and those the stop's warning names in each of its parts.
    function Invoke-Runbook([string] $ErrorActionValue, [switch] $Interrupt, [int] $UpstreamDelayMs = 0) {
        $when = if ($Interrupt) { { @(Get-WireRequest $emulator -Method PUT).Count -ge 40 } }
        $ran = Invoke-Pwsh $runbook @($ModuleManifest, $emulator.Url, $emulator.ProjectId, $emulator.Token, $ErrorActionValue, $UpstreamDelayMs) $when
        $lines = $ran.Stdout -split "`r?`n"
        $warning = ($lines | Where-Object { $_ -match 'stopped early' }) -join ' '
        $named = @{}
        foreach ($part in 'Applied while stopping', 'Outcome unknown', 'Failed while stopping') {
            $named[$part] = if ($warning -match "$part[^:]*: ([^.]*)\.") { @($Matches[1] -split ', ') } else { @() }
        }
        [pscustomobject]@{
            Written      = @($lines | Where-Object { $_ -like 'OUT +*' } | ForEach-Object { $_.Substring(4) })
            AppliedNamed = $named['Applied while stopping']
            UnknownNamed = $named['Outcome unknown']
            FailedNamed  = $named['Failed while stopping']
            Warning      = $warning
            Stderr       = $ran.Stderr
        }
    }

    # Against the request log: the batch changed some numbers and not all; whatever was written out or named as applied
    # was changed; every change was written out or named; and every PUT that reached the server is accounted for (a
    # write started after the stop would be neither written out nor named). $Refused: numbers whose error ended it.
    function Assert-Accounted($Result, [string[]] $Refused = @()) {
        $numberOf = @{}
        foreach ($n in Get-SwEmulatorNumber $emulator) { $numberOf[$n.id] = $n.number }
        $puts = @(Get-WireRequest $emulator -Method PUT)
        $received = @($puts | ForEach-Object { $numberOf[($_.path -split '/')[-1]] })
        $applied = @($puts | Where-Object { $_.status -eq 200 -and $_.body -eq '{"name":"stopped"}' } |
                ForEach-Object { $numberOf[($_.path -split '/')[-1]] })
        $told = @($Result.Written) + @($Result.AppliedNamed)
        $accounted = $told + @($Result.UnknownNamed) + @($Result.FailedNamed) + $Refused

        $applied.Count | Should -BeGreaterThan 0
        $applied.Count | Should -BeLessThan 200
        $Result.Warning | Should -Not -Match ' more\.' -Because 'every number is named, so the names can be compared'
        @($told | Sort-Object -Unique).Count | Should -Be $told.Count -Because 'each number is told of once'
        foreach ($number in $told) { $number | Should -BeIn $applied -Because "$number was written out or named as applied" }
        foreach ($number in $applied) { $number | Should -BeIn $accounted -Because "$number was changed; warning: $($Result.Warning)" }
        foreach ($number in $received) { $number | Should -BeIn $accounted -Because "a PUT for $number reached the server: $($Result.Warning)" }
    }
}
AfterAll { Stop-SwEmulator $emulator }

Describe 'A bulk update that stops half-way' {
    BeforeEach {
        Clear-SwEmulatorFault $emulator
        Reset-SwEmulator $emulator -Numbers 200
        Clear-SwEmulatorRequest $emulator
    }

    It 'Ctrl+C: writes out or names every number it changed (<Case>)' -TestCases @(
        @{ Case = 'the pipeline thread in Set-SwPhoneNumber'; UpstreamDelayMs = 0 }
        @{ Case = 'the pipeline thread upstream'; UpstreamDelayMs = 40 }
    ) {
        # The last number's PUT hangs, so the batch cannot end before the signal however slowly the machine runs it.
        Add-SwEmulatorFault $emulator @{ action = 'latency'; latency_ms = 30000; method = 'PUT'; id = (Get-Listed)[-1].id }
        $result = Invoke-Runbook -ErrorActionValue Continue -Interrupt -UpstreamDelayMs $UpstreamDelayMs
        $result.Warning | Should -Not -BeNullOrEmpty -Because "stderr: $($result.Stderr)"
        Assert-Accounted $result
    }

    It '-ErrorAction Stop and a 404 on row 10: writes out or names every number it changed' {
        $tenth = (Get-Listed)[9]
        Add-SwEmulatorFault $emulator @{ action = 'status'; status = 404; method = 'PUT'; id = $tenth.id }
        $result = Invoke-Runbook -ErrorActionValue Stop
        $result.Stderr | Should -Match '404'
        Assert-Accounted $result -Refused $tenth.number
    }
}

Describe 'A single write stopped with its request on the wire' {
    BeforeAll {
        $null = Connect-TestProject $emulator
        $singleRunbook = Join-Path $TestDrive 'single.ps1'
        Set-Content $singleRunbook -Value @'
param($Manifest, $Url, $ProjectId, $Token, $Journal, $Command)
Import-Module $Manifest
$null = Connect-SwProject -Space $Url -ProjectId $ProjectId -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -JournalPath $Journal
& ([scriptblock]::Create($Command))
'@
        # Runs the command in its own pwsh with a journal, and sends SIGINT once the journal says its write was sent (the
        # request leaves right after, and hangs in the emulator). Returns what the host was told and the journal's records.
        function Invoke-StoppedWrite([string] $Command) {
            $journal = Join-Path $TestDrive "single-$([guid]::NewGuid()).jsonl"
            $ran = Invoke-Pwsh $singleRunbook @($ModuleManifest, $emulator.Url, $emulator.ProjectId, $emulator.Token, $journal, $Command) {
                (Test-Path $journal) -and (Get-Content $journal -Raw) -match '"outcome":"sent"'
            }
            [pscustomobject]@{
                Told    = (($ran.Stdout -split "`r?`n") | Where-Object { $_ -match 'sent and no answer' }) -join ' '
                Stopped = (($ran.Stdout -split "`r?`n") | Where-Object { $_ -match 'stopped early' }) -join ' '
                Records = @(Get-Content $journal | ForEach-Object { $_ | ConvertFrom-Json })
                Journal = $journal
                Stderr  = $ran.Stderr
            }
        }
    }
    AfterAll { Disconnect-SwProject }

    BeforeEach {
        Clear-SwEmulatorFault $emulator
        Reset-SwEmulator $emulator -Numbers 200
        Set-SwEmulatorConfig $emulator @{ registry_order_delay_ms = 0 }
        Clear-SwEmulatorRequest $emulator
    }

    It 'Ctrl+C: <Cmdlet> records the write as unknown and tells the host it may have been <Done>' -TestCases @(
        @{ Cmdlet = 'New-SwPhoneNumber'; Done = 'bought'; Method = 'POST'; Path = '/phone_numbers' }
        @{ Cmdlet = 'Remove-SwPhoneNumber'; Done = 'released'; Method = 'DELETE'; Path = '/phone_numbers/' }
        @{ Cmdlet = 'Add-SwCampaignNumber'; Done = 'made'; Method = 'POST'; Path = '/orders' }
    ) {
        $listed = @(Get-SwEmulatorNumber $emulator | Sort-Object created_at)
        # The oldest numbers are on campaigns; the last one is on none.
        $free = $listed[-1]
        $available = (Find-SwAvailablePhoneNumber -AreaCode 503 -MaxResults 1).Number
        $sms = Get-SwCampaign -Name 'Support SMS'
        $case = @{
            'New-SwPhoneNumber'    = @("New-SwPhoneNumber -Number $available -Confirm:`$false", "the purchase of $available",
                "Get-SwPhoneNumber -Number $available", 'purchase')
            'Remove-SwPhoneNumber' = @("Remove-SwPhoneNumber -Id $($free.id) -Confirm:`$false", "the release of $($free.id)",
                "Get-SwPhoneNumber -Id $($free.id)", 'release')
            'Add-SwCampaignNumber' = @("Add-SwCampaignNumber -Campaign $($sms.Id) -Number $($free.number) -Confirm:`$false",
                "the order for campaign 'Support SMS' ($($sms.Id))", 'Get-SwCampaignNumber', 'campaign_order')
        }[$Cmdlet]
        Add-SwEmulatorFault $emulator @{ action = 'latency'; latency_ms = 60000; method = $Method; path = $Path }

        $result = Invoke-StoppedWrite $case[0]

        $result.Told | Should -BeExactly ("WARNING: $Cmdlet stopped with $($case[1]) sent and no answer: it may have been $Done. " +
            "Check with $($case[2]). The change journal $($result.Journal) records it.") -Because "stderr: $($result.Stderr)"
        $result.Records.outcome | Should -Be @('sent', 'unknown')
        $result.Records.action | Should -Be @($case[3], $case[3])
        $result.Records[1].write_id | Should -Be $result.Records[0].write_id
    }

    It 'Ctrl+C: Remove-SwCampaignNumber names the number whose removal was sent, and records it unknown' {
        $assignment = Get-SwCampaignNumber -Campaign 'Appointment Reminders'
        Add-SwEmulatorFault $emulator @{ action = 'latency'; latency_ms = 60000; method = 'DELETE'; path = '/registry/beta/numbers/' }

        $result = Invoke-StoppedWrite "Get-SwCampaignNumber -Campaign 'Appointment Reminders' | Remove-SwCampaignNumber -Confirm:`$false"

        $result.Stopped | Should -BeExactly ('WARNING: Remove-SwCampaignNumber stopped early after 0 numbers were taken off their campaign. ' +
            "Outcome unknown (sent, no answer before the stop), check with Get-SwCampaignNumber: $($assignment.Number). " +
            "The change journal $($result.Journal) records every write sent and its outcome.") -Because "stderr: $($result.Stderr)"
        $result.Records.outcome | Should -Be @('sent', 'unknown')
        $result.Records.action | Should -Be @('campaign_remove', 'campaign_remove')
        $result.Records[0].number | Should -Be $assignment.Number
    }
}
