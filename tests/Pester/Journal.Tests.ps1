# The change journal and what a stopped batch tells, held to the emulator's request log: -ErrorAction Stop writes out
# every number it changed before its error; a pwsh killed with SIGKILL mid-batch leaves a journal that accounts for
# every PUT the server received and marks applied only what it answered with 200; Undo-SwChange puts back exactly what
# was applied, never a colleague's later edit. Counts come from the log, never from clocks.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 100 -LatencyMs 20 -ArgumentList '--e911-delay-ms', '0'
    $null = Connect-TestProject $emulator
    $apiPath = '/api/relay/rest/phone_numbers'

    # The numbers in the order Get-SwPhoneNumber lists them (newest first).
    function Get-Listed { @(Get-SwEmulatorNumber $emulator | Sort-Object created_at -Descending) }

    # The journal's records; a last line cut short (a killed process) is skipped, as Undo-SwChange skips it.
    function Read-Journal([string] $Path) {
        Get-Content $Path | ForEach-Object { try { $_ | ConvertFrom-Json } catch { } }
    }

    function Get-IdOf($Request) { ($Request.path -split '/')[-1] }

    # The numbers a stop warning names in one of its parts ("Outcome unknown ...: a, b.").
    function Get-Named([string] $Warning, [string] $Part) {
        if ($Warning -match "$Part[^:]*: ([^.]*)\.") { @($Matches[1] -split ', ') } else { @() }
    }
}
AfterAll {
    Disconnect-SwProject -ErrorAction SilentlyContinue
    Stop-SwEmulator $emulator
}

Describe 'A batch stopped by -ErrorAction Stop' {
    BeforeEach {
        Clear-SwEmulatorFault $emulator
        Reset-SwEmulator $emulator -Numbers 100
        Clear-SwEmulatorRequest $emulator
    }

    It 'writes out every number it changed and warns of the unknown ones before its error: together the PUTs answered 200' {
        $tenth = (Get-Listed)[9]
        Add-SwEmulatorFault $emulator @{ action = 'status'; status = 404; method = 'PUT'; id = $tenth.id }
        $caught = $null
        try {
            Get-SwPhoneNumber | Set-SwPhoneNumber -Name 'stopped' -ErrorAction Stop -OutVariable done -WarningVariable warned -WarningAction SilentlyContinue
        }
        catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty -Because 'the 404 ends the batch'
        "$caught" | Should -Match '404|not found|No phone number'

        $numberOf = @{}
        foreach ($n in Get-SwEmulatorNumber $emulator) { $numberOf[$n.id] = $n.number }
        $applied = @(Get-WireRequest $emulator -Method PUT | Where-Object status -eq 200 | ForEach-Object { $numberOf[(Get-IdOf $_)] })
        # A write answered within the stop's grace is written out; one whose answer came as the output closed is named
        # as applied in the warning; one with no answer is named as unknown. Together: every PUT the server applied.
        $unknown = @($warned | ForEach-Object { Get-Named "$_" 'Outcome unknown' })
        $appliedNamed = @($warned | ForEach-Object { Get-Named "$_" 'Applied while stopping' })
        $told = @($done.Number) + $appliedNamed + $unknown
        $applied.Count | Should -BeGreaterThan 0
        $applied.Count | Should -BeLessThan 100 -Because 'the batch stopped'
        ($told | Sort-Object) -join ',' | Should -Be (($applied | Sort-Object) -join ',')
        $done | ForEach-Object { $_.Name | Should -Be 'stopped' }
    }

    It 'does the same with $ErrorActionPreference = ''Stop'', the runbook way' {
        $tenth = (Get-Listed)[9]
        Add-SwEmulatorFault $emulator @{ action = 'status'; status = 404; method = 'PUT'; id = $tenth.id }
        $result = & {
            $ErrorActionPreference = 'Stop'
            try { Get-SwPhoneNumber | Set-SwPhoneNumber -Name 'stopped' -WarningAction SilentlyContinue } catch { }
        }
        $numberOf = @{}
        foreach ($n in Get-SwEmulatorNumber $emulator) { $numberOf[$n.id] = $n.number }
        $applied = @(Get-WireRequest $emulator -Method PUT | Where-Object status -eq 200 | ForEach-Object { $numberOf[(Get-IdOf $_)] })
        $applied.Count | Should -BeGreaterThan 0
        @($result.Number | Sort-Object) -join ',' | Should -Be (($applied | Sort-Object) -join ',') -Because 'no write was in doubt here'
    }

    It 'does the same for the E911 address Set-SwPhoneNumber assigns' {
        Set-SwEmulatorConfig $emulator @{ e911_provisioning_delay_ms = 0 }
        $hq = @{
            Label = 'HQ'; Country = 'US'; FirstName = 'Emmett'; LastName = 'Brown'
            StreetNumber = '1640'; StreetName = 'Riverside Drive'; City = 'Alexandria'; State = 'CA'; PostalCode = '91905'
        }
        $address = New-SwE911Address @hq -EmergencyEnabled
        $targets = @(Get-SwPhoneNumber | Where-Object NumberType -eq 'longcode')
        Clear-SwEmulatorRequest $emulator
        Add-SwEmulatorFault $emulator @{ action = 'status'; status = 404; method = 'POST'; path = "$($targets[9].Id)/e911_address" }
        $caught = $null
        try {
            $targets | Set-SwPhoneNumber -E911AddressId $address.Id -ErrorAction Stop -OutVariable done -WarningVariable warned -WarningAction SilentlyContinue
        }
        catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty

        $numberOf = @{}
        foreach ($n in Get-SwEmulatorNumber $emulator) { $numberOf[$n.id] = $n.number }
        $assigned = @(Get-WireRequest $emulator -Method POST | Where-Object status -eq 200 | ForEach-Object { $numberOf[($_.path -split '/')[-2]] })
        $told = @($done.Number) + @($warned | ForEach-Object { Get-Named "$_" 'Outcome unknown' })
        $assigned.Count | Should -BeGreaterThan 0
        $assigned.Count | Should -BeLessThan $targets.Count
        ($told | Sort-Object) -join ',' | Should -Be (($assigned | Sort-Object) -join ',')
    }
}

Describe 'A pwsh killed with SIGKILL half-way through a journaled batch' -Skip:$IsWindows {
    BeforeAll {
        $slow = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 300 -LatencyMs 200
        $journal = Join-Path $TestDrive 'killed.jsonl'
        $runbook = Join-Path $TestDrive 'killed.ps1'
        Set-Content $runbook -Value @'
param($Manifest, $Url, $ProjectId, $Token, $Journal)
Import-Module $Manifest
$null = Connect-SwProject -Space $Url -ProjectId $ProjectId -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -JournalPath $Journal
Get-SwPhoneNumber | Set-SwPhoneNumber -Name 'killed' -ThrottleLimit 16 | Out-Null
'@
    }
    AfterAll { Stop-SwEmulator $slow }

    It 'leaves every PUT the server received in the journal, and marks applied only PUTs answered 200' {
        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($argument in @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-File', $runbook, $ModuleManifest, $slow.Url, $slow.ProjectId,
                $slow.Token, $journal)) {
            $start.ArgumentList.Add($argument)
        }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($start)
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(120)
            # 50 PUTs at the server, and the journal has marked at least one applied (so both rules are put to the test).
            while (-not $process.HasExited -and [DateTime]::UtcNow -lt $deadline -and (@(Get-WireRequest $slow -Method PUT).Count -lt 50 -or
                    -not ((Test-Path $journal) -and (Select-String -Path $journal -Pattern '"outcome":"applied"' -SimpleMatch -Quiet)))) {
                Start-Sleep -Milliseconds 20
            }
            $process.HasExited | Should -BeFalse -Because 'the batch of 300 is killed half-way'
            Stop-Process -Id $process.Id -Force
            $process.WaitForExit(30000) | Should -BeTrue
        }
        finally { if (-not $process.HasExited) { $process.Kill() } }

        $puts = @(Get-WireRequest $slow -Method PUT)
        $records = @(Read-Journal $journal)
        $puts.Count | Should -BeGreaterOrEqual 50
        $puts.Count | Should -BeLessThan 300 -Because 'the process was killed before the end'
        $journaled = @{}
        foreach ($record in $records) { $journaled[$record.id] = $true }
        foreach ($put in $puts) { $journaled.ContainsKey((Get-IdOf $put)) | Should -BeTrue -Because "a PUT for $(Get-IdOf $put) reached the server" }
        $answered200 = @{}
        foreach ($put in $puts | Where-Object status -eq 200) { $answered200[(Get-IdOf $put)] = $put.body }
        $appliedRecords = @($records | Where-Object outcome -eq 'applied')
        $appliedRecords.Count | Should -BeGreaterThan 0
        foreach ($record in $appliedRecords) {
            $answered200.ContainsKey($record.id) | Should -BeTrue -Because "$($record.number) is marked applied"
            $answered200[$record.id] | Should -Be '{"name":"killed"}'
            $record.changes[0].field | Should -Be 'name'
            $record.changes[0].new | Should -Be 'killed'
        }
        foreach ($record in $records) { $record.outcome | Should -BeIn 'sent', 'applied' -Because 'nothing failed and the process never learnt of a stop' }
    }
}

Describe 'Undo-SwChange' {
    BeforeEach {
        Clear-SwEmulatorFault $emulator
        Reset-SwEmulator $emulator -Numbers 20
        $journal = Join-Path $TestDrive "undo-$([guid]::NewGuid()).jsonl"
        # Numbers whose handler reads a target the API never returns cannot have it put back (the undo warns): left out.
        $before = @{}
        $batch = @(Get-SwPhoneNumber | Where-Object CallHandler -NotIn 'ai_agent', 'call_flow')
        foreach ($n in $batch) { $before[$n.Id] = $n }
        $null = $batch | Set-SwPhoneNumber -Name 'batch' -CallHandler relay_topic -CallRelayTopic 'night' -JournalPath $journal
        Clear-SwEmulatorRequest $emulator
    }

    It 'restores every other number exactly and leaves the one a colleague changed since, with one warning' {
        $colleague = @($before.Values)[3]
        $null = Set-SwPhoneNumber -Id $colleague.Id -Name 'colleague'
        Clear-SwEmulatorRequest $emulator

        $out = @(Undo-SwChange -Path $journal -Confirm:$false -WarningVariable warned -WarningAction SilentlyContinue)

        $puts = @(Get-WireRequest $emulator -Method PUT)
        $puts.Count | Should -Be $before.Count -Because 'every number had something to put back, the colleague''s its handler'
        foreach ($put in $puts) {
            $was = $before[(Get-IdOf $put)]
            $body = $put.body | ConvertFrom-Json -AsHashtable
            $put.status | Should -Be 200
            if ($was.Id -eq $colleague.Id) {
                $body.Keys | Should -Not -Contain 'name' -Because 'the colleague''s name stays'
            }
            else {
                $body['name'] | Should -BeExactly $was.Name
            }
            # Only the fields the batch changed go back: a number already on relay_topic had only its topic changed.
            if ($was.CallHandler -ne 'relay_topic') { $body['call_handler'] | Should -BeExactly $was.CallHandler }
            else { $body.Keys | Should -Not -Contain 'call_handler' }
        }
        $now = @{}
        foreach ($n in Get-SwEmulatorNumber $emulator) { $now[$n.id] = $n }
        foreach ($n in $before.Values) {
            $expected = if ($n.Id -eq $colleague.Id) { 'colleague' } else { $n.Name }
            $now[$n.Id].name | Should -BeExactly $expected
            $now[$n.Id].call_handler | Should -BeExactly $n.CallHandler
        }
        $out.Count | Should -Be $before.Count
        @($warned | Where-Object { "$_" -match 'Changed since' }).Count | Should -Be 1
        "$warned" | Should -Match ([regex]::Escape("$($colleague.Number) name"))
    }

    It '-WhatIf sends no write' {
        $null = Undo-SwChange -Path $journal -WhatIf
        @(Get-WireRequest $emulator | Where-Object method -ne 'GET') | Should -BeNullOrEmpty
    }

    It 'journals its own writes, so an undo can be undone; piped records choose what is undone' {
        $second = Join-Path $TestDrive "second-$([guid]::NewGuid()).jsonl"
        $first = @($before.Values)[0]
        $null = Read-Journal $journal | Where-Object id -eq $first.Id | Undo-SwChange -Confirm:$false -JournalPath $second
        @(Get-WireRequest $emulator -Method PUT).Count | Should -Be 1
        $records = @(Read-Journal $second)
        ($records.outcome -join ',') | Should -Be 'sent,applied'
        $records[1].cmdlet | Should -Be 'Undo-SwChange'
        $records[1].id | Should -Be $first.Id

        $again = @(Undo-SwChange -Path $second -Confirm:$false)
        $again[0].Name | Should -Be 'batch'
    }

    It 'undoes an E911 assignment: removes the address the number did not have' {
        $hq = @{
            Label = 'HQ'; Country = 'US'; FirstName = 'Emmett'; LastName = 'Brown'
            StreetNumber = '1640'; StreetName = 'Riverside Drive'; City = 'Alexandria'; State = 'CA'; PostalCode = '91905'
        }
        Set-SwEmulatorConfig $emulator @{ e911_provisioning_delay_ms = 0 }
        $address = New-SwE911Address @hq -EmergencyEnabled
        $target = Get-SwPhoneNumber | Where-Object NumberType -eq 'longcode' | Select-Object -First 1
        $e911Journal = Join-Path $TestDrive "e911-$([guid]::NewGuid()).jsonl"
        $null = $target | Set-SwPhoneNumber -E911AddressId $address.Id -JournalPath $e911Journal
        Clear-SwEmulatorRequest $emulator

        $null = Undo-SwChange -Path $e911Journal -Confirm:$false
        $writes = @(Get-WireRequest $emulator | Where-Object method -ne 'GET')
        $writes.Count | Should -Be 1
        $writes[0].method | Should -Be 'DELETE'
        $writes[0].path | Should -Be "$apiPath/$($target.Id)/e911_address"
    }
}

Describe 'The journal file' {
    BeforeEach {
        Reset-SwEmulator $emulator -Numbers 40
        Clear-SwEmulatorRequest $emulator
    }

    It 'holds every field of the record, and never the token' {
        $path = Join-Path $TestDrive 'fields.jsonl'
        $null = Get-SwPhoneNumber | Select-Object -First 3 | Set-SwPhoneNumber -Name 'audited' -JournalPath $path
        $text = Get-Content $path -Raw
        $text | Should -Not -Match ([regex]::Escape($emulator.Token))
        $text | Should -Not -Match 'Authorization|Basic '
        $records = @(Read-Journal $path)
        $records.Count | Should -Be 6
        $applied = $records | Where-Object outcome -eq 'applied' | Select-Object -First 1
        $applied.cmdlet | Should -Be 'Set-SwPhoneNumber'
        $applied.action | Should -Be 'update'
        $applied.space | Should -Be ([uri]$emulator.Url).Host
        $applied.project_id | Should -Be $emulator.ProjectId
        $applied.user | Should -Be ([Environment]::UserName)
        $applied.machine | Should -Be ([Environment]::MachineName)
        $applied.returned.name | Should -Be 'audited'
        $applied.changes[0].old_known | Should -BeTrue
        @($records | Where-Object write_id -eq $applied.write_id).outcome -join ',' | Should -Be 'sent,applied'
    }

    It 'is written without -JournalPath once Connect-SwProject -JournalPath set it; -JournalPath '''' turns it off' {
        $path = Join-Path $TestDrive 'session.jsonl'
        $session = Connect-TestProject $emulator -Extra @{ JournalPath = $path }
        try {
            $session.JournalPath | Should -Be $path
            $target = Get-SwPhoneNumber | Select-Object -First 1
            $null = Set-SwPhoneNumber -Id $target.Id -Name 'from the session'
            $records = @(Read-Journal $path)
            ($records.outcome -join ',') | Should -Be 'sent,applied'
            $records[1].id | Should -Be $target.Id
            $null = Set-SwPhoneNumber -Id $target.Id -Name 'not journaled' -JournalPath ''
            @(Read-Journal $path).Count | Should -Be 2
        }
        finally { $null = Connect-TestProject $emulator }
    }

    It 'refuses a journal it cannot open with JournalNotWritable, before any request: Connect-SwProject and a writing cmdlet alike' {
        $path = Join-Path $TestDrive 'no-such-folder/journal.jsonl'
        $target = Get-SwPhoneNumber | Select-Object -First 1
        Clear-SwEmulatorRequest $emulator
        $set = $null
        try { Set-SwPhoneNumber -Id $target.Id -Name 'not sent' -JournalPath $path } catch { $set = $_ }
        $set.FullyQualifiedErrorId | Should -Be "JournalNotWritable,$($CmdletType['Set-SwPhoneNumber'])"
        $set.CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$set" | Should -Match ([regex]::Escape("-JournalPath: the change journal '$path' cannot be opened for appending (") + '.*\)\. Nothing was sent\.$')
        $connect = $null
        try { $null = Connect-TestProject $emulator -Extra @{ JournalPath = $path } } catch { $connect = $_ }
        $connect.FullyQualifiedErrorId | Should -Be "JournalNotWritable,$($CmdletType['Connect-SwProject'])"
        "$connect" | Should -Match ([regex]::Escape("-JournalPath: the change journal '$path' cannot be opened for appending (") + '.*\)\.$')
        @(Get-WireRequest $emulator).Count | Should -Be 0
        (Get-SwSession).JournalPath | Should -BeNullOrEmpty -Because 'the default session stays the one made before'
    }

    It 'records purchases and releases' {
        $path = Join-Path $TestDrive 'buy.jsonl'
        $available = Find-SwAvailablePhoneNumber -AreaCode 503 -MaxResults 1
        $bought = New-SwPhoneNumber -Number $available.Number -Confirm:$false -JournalPath $path
        Remove-SwPhoneNumber -Id $bought.Id -Confirm:$false -JournalPath $path
        $records = @(Read-Journal $path)
        ($records | ForEach-Object { "$($_.action):$($_.outcome)" }) -join ',' | Should -Be 'purchase:sent,purchase:applied,release:sent,release:applied'
        $records[1].id | Should -Be $bought.Id
        $records[3].id | Should -Be $bought.Id
    }

    It 'takes appends from two processes at once without mixing their lines' {
        $path = Join-Path $TestDrive 'shared.jsonl'
        $jobs = foreach ($name in 'first', 'second') {
            Start-Job -ArgumentList $ModuleManifest, $emulator.Url, $emulator.ProjectId, $emulator.Token, $path, $name -ScriptBlock {
                param($Manifest, $Url, $ProjectId, $Token, $Journal, $Name)
                Import-Module $Manifest
                $null = Connect-SwProject -Space $Url -ProjectId $ProjectId -Token (ConvertTo-SecureString $Token -AsPlainText -Force)
                $null = Get-SwPhoneNumber | Set-SwPhoneNumber -Name "$Name $('x' * 60)" -JournalPath $Journal
            }
        }
        $null = $jobs | Wait-Job -Timeout 120
        $jobs | Receive-Job -ErrorAction Stop
        $jobs | Remove-Job -Force
        $lines = @(Get-Content $path)
        $lines.Count | Should -Be 160 -Because 'two batches of 40 writes, each sent and then applied'
        foreach ($line in $lines) { { $line | ConvertFrom-Json } | Should -Not -Throw -Because "each line is one record: $line" }
        $records = $lines | ConvertFrom-Json
        @($records | Group-Object batch_id).Count | Should -Be 2
        @($records | Group-Object write_id | Where-Object Count -ne 2) | Should -BeNullOrEmpty
    }
}
