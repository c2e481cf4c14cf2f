# Set-SwPhoneNumber with the inputs admins really have: rows keyed by Id or Number, copies from Clixml and JSON, plain
# ids, duplicate rows, restores, misspelled columns, and batches that stop half-way. Each asserts the exact requests the
# emulator saw and what came out of the pipeline.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 120
    $session = Connect-TestProject $emulator
    $cmdlet = $CmdletType['Set-SwPhoneNumber']
    $apiPath = '/api/relay/rest/phone_numbers'

    function Get-Put { @(Get-WireRequest $emulator -Method PUT) }
    function Get-PutFor([string] $Id) { @(Get-Put | Where-Object path -eq "$apiPath/$Id") }
    function Get-ServerNumber([string] $Id) { Get-SwEmulatorNumber $emulator | Where-Object id -eq $Id }

    # Runs a pipeline and returns what came out (objects, errors, warnings) even when it ends with a terminating error.
    function Invoke-Collecting([scriptblock] $Script) {
        $collected = [System.Collections.Generic.List[object]]::new()
        $thrown = $null
        try { & $Script 3>&1 2>&1 | ForEach-Object { $collected.Add($_) } } catch { $thrown = $_ }
        [pscustomobject]@{
            Output   = @($collected | Where-Object { $_ -is [SignalWire.PowerShell.Models.PhoneNumber] })
            Errors   = @($collected | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            Warnings = @($collected | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object Message)
            Thrown   = $thrown
        }
    }

}
AfterAll { Stop-SwEmulator $emulator }

Describe 'Set-SwPhoneNumber input shapes' {
    BeforeEach {
        Clear-SwEmulatorFault $emulator
        Reset-SwEmulator $emulator -Numbers 120
        $numbers = @(Get-SwPhoneNumber)
        Clear-SwEmulatorRequest $emulator
    }

    Context 'rows keyed by Number' {
        It 'applies a row keyed by <Case> to that number' -TestCases @(
            @{ Case = 'E.164'; Format = { param($n) $n } }
            @{ Case = 'digits without +'; Format = { param($n) $n.TrimStart('+') } }
            @{ Case = 'a formatted number'; Format = { param($n) '+1 ({0}) {1}-{2}' -f $n.Substring(2, 3), $n.Substring(5, 3), $n.Substring(8) } }
        ) {
            $target = $numbers[7]
            $row = [pscustomobject]@{ Number = (& $Format $target.Number); Name = "keyed $Case" }
            $out = @($row | Set-SwPhoneNumber -ErrorVariable failures)
            $failures.Count | Should -Be 0
            $out.Count | Should -Be 1
            $out[0].Id | Should -Be $target.Id
            $put = Get-Put
            $put.Count | Should -Be 1
            $put[0].path | Should -Be "$apiPath/$($target.Id)"
            $put[0].body | Should -BeExactly ('{"name":"keyed ' + $Case + '"}')
        }

        It 'applies a CSV with the columns Number,Name,CallHandler,CallRelayTopic' {
            $csv = Join-Path $TestDrive 'by-number.csv'
            $targets = $numbers[10..12]
            $targets | ForEach-Object { [pscustomobject]@{ Number = $_.Number; Name = "Desk $($_.Number)"; CallHandler = 'relay_topic'; CallRelayTopic = 'front-desk' } } |
                Export-Csv $csv -NoTypeInformation
            $out = @(Import-Csv $csv | Set-SwPhoneNumber -ErrorVariable failures)
            $failures.Count | Should -Be 0
            $out.Count | Should -Be 3
            foreach ($t in $targets) {
                $put = Get-PutFor $t.Id
                $put.Count | Should -Be 1
                $put[0].body | Should -Match '"call_relay_topic":"front-desk"'
                $put[0].body | Should -Match ('"name":"Desk \' + $t.Number + '"')
                (Get-ServerNumber $t.Id).call_handler | Should -Be 'relay_topic'
            }
        }

        It 'accepts -Number without its plus on the command line, as Get-SwPhoneNumber -Number does' {
            $target = $numbers[3]
            $result = Set-SwPhoneNumber -Number $target.Number.TrimStart('+') -Name 'no plus'
            $result.Id | Should -Be $target.Id
            (Get-PutFor $target.Id).body | Should -BeExactly '{"name":"no plus"}'
        }

        It 'refuses a row whose Id and Number name different numbers, changing nothing' {
            $row = [pscustomobject]@{ Id = $numbers[0].Id; Number = $numbers[1].Number; Name = 'which one?' }
            $row | Set-SwPhoneNumber -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "IdNumberMismatch,$cmdlet"
            $failures[0].Exception.Message | Should -Match ([regex]::Escape($numbers[1].Number))
            (Get-Put).Count | Should -Be 0
        }
    }

    Context 'ids' {
        It 'takes plain ids piped by value' {
            $ids = $numbers[0..2].Id
            $out = @($ids | Set-SwPhoneNumber -Name 'by value')
            $out.Count | Should -Be 3
            (Get-Put).Count | Should -Be 3
            foreach ($id in $ids) { (Get-PutFor $id).body | Should -BeExactly '{"name":"by value"}' }
        }

        It 'sends an upper-case id in the API''s lower case' {
            $target = $numbers[4]
            $null = Set-SwPhoneNumber -Id $target.Id.ToUpperInvariant() -Name 'upper'
            (Get-Put)[0].path | Should -BeExactly "$apiPath/$($target.Id)"
        }

        It 'refuses -Id on the command line together with pipeline input, before any request' {
            { Get-SwPhoneNumber -Id $numbers[0].Id | Set-SwPhoneNumber -Id $numbers[1].Id -Name mix } |
                Should -Throw -ErrorId "TargetConflict,$cmdlet"
            (Get-Put).Count | Should -Be 0
            (Get-ServerNumber $numbers[1].Id).name | Should -Be $numbers[1].Name
        }
    }

    Context 'a copy never reverts what others changed since it was taken' {
        It 'sends only the command line''s fields for a <Case> copy' -TestCases @(
            @{ Case = 'Clixml'; Copy = { param($n, $dir) $path = Join-Path $dir 'copy.xml'; $n | Export-Clixml $path; Import-Clixml $path } }
            @{ Case = 'JSON'; Copy = { param($n, $dir) $n | ConvertTo-Json -Depth 5 | ConvertFrom-Json } }
            @{ Case = 'full CSV export'; Copy = { param($n, $dir) $path = Join-Path $dir 'copy.csv'; $n | Export-Csv $path -NoTypeInformation; Import-Csv $path } }
        ) {
            $targets = $numbers[20..22]
            $copies = @(& $Copy $targets $TestDrive)
            # A colleague renames the numbers and points their calls elsewhere after the copy was taken.
            foreach ($t in $targets) { $null = Set-SwPhoneNumber -Id $t.Id -Name "colleague $($t.Number)" -CallRequestUrl 'https://colleague.example.com/voice' }
            Clear-SwEmulatorRequest $emulator

            $out = @($copies | Set-SwPhoneNumber -MessageHandler relay_topic -MessageRelayTopic bot -ErrorVariable failures)
            $failures.Count | Should -Be 0
            $out.Count | Should -Be 3
            foreach ($t in $targets) {
                $put = Get-PutFor $t.Id
                $put.Count | Should -Be 1
                $put[0].body | Should -Not -Match '"name"|call_request_url'
                $server = Get-ServerNumber $t.Id
                $server.name | Should -Be "colleague $($t.Number)"
                $server.call_request_url | Should -Be 'https://colleague.example.com/voice'
                $server.message_relay_topic | Should -Be 'bot'
            }
        }

        It 'keeps per-row columns beside command-line fields (Id,CallRelayTopic with -CallHandler relay_topic)' {
            $rows = $numbers[30..31] | ForEach-Object { [pscustomobject]@{ Id = $_.Id; CallRelayTopic = "topic-$($_.Number)" } }
            $null = $rows | Set-SwPhoneNumber -CallHandler relay_topic
            foreach ($t in $numbers[30..31]) {
                (Get-PutFor $t.Id).body | Should -Match ('"call_relay_topic":"topic-\' + $t.Number + '"')
                (Get-ServerNumber $t.Id).call_handler | Should -Be 'relay_topic'
            }
        }
    }

    Context 'one number, one outcome per batch' {
        It 'applies five rows for one id in input order at any -ThrottleLimit, and warns once' {
            $target = $numbers[40]
            $rows = 1..5 | ForEach-Object { [pscustomobject]@{ Id = $target.Id; Name = "v$_" } }
            $result = Invoke-Collecting { $rows | Set-SwPhoneNumber -ThrottleLimit 64 }
            $result.Output.Count | Should -Be 5
            (Get-PutFor $target.Id).body | Should -Be @('{"name":"v1"}', '{"name":"v2"}', '{"name":"v3"}', '{"name":"v4"}', '{"name":"v5"}')
            (Get-ServerNumber $target.Id).name | Should -Be 'v5'
            $result.Warnings.Count | Should -Be 1
            $result.Warnings[0] | Should -Match ([regex]::Escape($target.Number))
            $result.Warnings[0] | Should -Match 'more than once'
        }

        It 'orders rows for one number keyed by Number too' {
            $target = $numbers[41]
            $rows = 1..4 | ForEach-Object { [pscustomobject]@{ Number = $target.Number; CallRelayTopic = "t$_" } }
            $null = $rows | Set-SwPhoneNumber -WarningAction SilentlyContinue
            (Get-PutFor $target.Id).body | Should -Be @('{"call_relay_topic":"t1"}', '{"call_relay_topic":"t2"}', '{"call_relay_topic":"t3"}', '{"call_relay_topic":"t4"}')
        }
    }

    Context 'a restore' {
        BeforeEach {
            $targets = @($numbers | Where-Object { -not $_.CallRelayTopic -and -not $_.CallFallbackUrl -and -not $_.CallStatusCallbackUrl } | Select-Object -First 3)
            $targets.Count | Should -Be 3
            $backupCsv = Join-Path $TestDrive 'backup.csv'
            $backupXml = Join-Path $TestDrive 'backup.xml'
            $targets | Export-Csv $backupCsv -NoTypeInformation
            $targets | Export-Clixml $backupXml
            $backupJson = $targets | ConvertTo-Json -Depth 5
            # Fields that were empty at backup time get values.
            foreach ($t in $targets) {
                $null = Set-SwPhoneNumber -Id $t.Id -CallRelayTopic 'later' -CallFallbackUrl 'https://later.example.com/fb' -CallStatusCallbackUrl 'https://later.example.com/status'
            }
            Clear-SwEmulatorRequest $emulator
        }

        It 'leaves fields empty in the backup as they are without -ClearEmptyFields, and -WhatIf says so' {
            $text = Get-HostOutput { Import-Csv $backupCsv | Set-SwPhoneNumber -WhatIf }
            $text | Should -Match "left as they are.*call_relay_topic 'later'"
            (Get-Put).Count | Should -Be 0
            $null = Import-Csv $backupCsv | Set-SwPhoneNumber
            (Get-Put).Count | Should -Be 0
            (Get-ServerNumber $targets[0].Id).call_relay_topic | Should -Be 'later'
        }

        It 'puts every field back with -ClearEmptyFields from <Case>' -TestCases @(
            @{ Case = 'CSV'; Read = { Import-Csv $backupCsv } }
            @{ Case = 'Clixml'; Read = { Import-Clixml $backupXml } }
            @{ Case = 'JSON'; Read = { $backupJson | ConvertFrom-Json } }
        ) {
            $text = Get-HostOutput { & $Read | Set-SwPhoneNumber -ClearEmptyFields -WhatIf }
            $text | Should -Match "call_relay_topic 'later' → ''"
            (Get-Put).Count | Should -Be 0

            $out = @(& $Read | Set-SwPhoneNumber -ClearEmptyFields -ErrorVariable failures)
            $failures.Count | Should -Be 0
            $out.Count | Should -Be 3
            foreach ($t in $targets) {
                $put = Get-PutFor $t.Id
                $put.Count | Should -Be 1
                $body = $put[0].body | ConvertFrom-Json
                @($body.PSObject.Properties.Name | Sort-Object) | Should -Be @('call_fallback_url', 'call_relay_topic', 'call_status_callback_url')
                $server = Get-ServerNumber $t.Id
                foreach ($field in 'call_relay_topic', 'call_fallback_url', 'call_status_callback_url') {
                    [string]$server.$field | Should -BeNullOrEmpty
                }
                $server.name | Should -Be $t.Name
            }
        }
    }

    Context 'columns that bind to nothing' {
        It 'refuses each row with <Column>, naming the field it resembles, and sends nothing' -TestCases @(
            @{ Column = 'CalHandler' }
            @{ Column = 'CallHandler ' }
        ) {
            $rows = $numbers[60..61] | ForEach-Object { $r = [ordered]@{ Id = $_.Id; Name = 'not applied' }; $r[$Column] = 'relay_topic'; [pscustomobject]$r }
            $result = Invoke-Collecting { $rows | Set-SwPhoneNumber -ErrorAction Continue }
            $result.Output.Count | Should -Be 0
            $result.Errors.Count | Should -Be 2
            $result.Errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be "MisspelledColumn,$cmdlet" }
            $result.Errors[0].Exception.Message | Should -Match ([regex]::Escape("'$Column'"))
            $result.Errors[0].Exception.Message | Should -Match 'CallHandler\?'
            (Get-Put).Count | Should -Be 0
        }

        It 'with -Force warns once per batch about <Column>, naming the field it resembles, and applies the rest' -TestCases @(
            @{ Column = 'CalHandler' }
            @{ Column = 'CallHandler ' }
        ) {
            $rows = $numbers[60..61] | ForEach-Object { $r = [ordered]@{ Id = $_.Id; Name = 'still applied' }; $r[$Column] = 'relay_topic'; [pscustomobject]$r }
            $result = Invoke-Collecting { $rows | Set-SwPhoneNumber -Force }
            $result.Output.Count | Should -Be 2
            $result.Warnings.Count | Should -Be 1
            $result.Warnings[0] | Should -Match ([regex]::Escape("'$Column'"))
            $result.Warnings[0] | Should -Match 'CallHandler\?'
            (Get-Put).body | Should -Be @('{"name":"still applied"}', '{"name":"still applied"}')
        }

        It 'names the unknown columns in the error of a row that has no other field' {
            $row = [pscustomobject]@{ Id = $numbers[62].Id; CalHandler = 'relay_topic' }
            $row | Set-SwPhoneNumber -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "NoFieldToUpdate,$cmdlet"
            $failures[0].Exception.Message | Should -Match "'CalHandler' \(did you mean CallHandler\?\)"
            (Get-Put).Count | Should -Be 0
        }
    }

    Context 'what it reports' {
        It 'names a bare -Id by its number and shows old values under -WhatIf' {
            $target = $numbers[70]
            $text = Get-HostOutput { Set-SwPhoneNumber -Id $target.Id -Name 'what if' -WhatIf }
            $text | Should -Match ([regex]::Escape("$($target.Number) ($($target.Id))"))
            $text | Should -Match ([regex]::Escape("name '$($target.Name)' → 'what if'"))
            (Get-Put).Count | Should -Be 0
        }

        It 'says the current value of message_relay_application is unknown rather than empty' {
            $text = Get-HostOutput { Set-SwPhoneNumber -Id $numbers[71].Id -MessageRelayApplication 'bot' -WhatIf }
            $text | Should -Match 'message_relay_application \(current value unknown'
        }

        It 'always sends a change to a field the API does not return, and allows the handler switch that needs it' {
            $target = $numbers[72]
            $null = $target | Set-SwPhoneNumber -MessageRelayApplication 'bot'
            $null = $target | Set-SwPhoneNumber -MessageRelayApplication 'bot'
            (Get-PutFor $target.Id).Count | Should -Be 2
            Clear-SwEmulatorRequest $emulator
            $result = $target | Set-SwPhoneNumber -MessageHandler relay_application -ErrorVariable failures
            $failures.Count | Should -Be 0
            $result.MessageHandler | Should -Be 'relay_application'
        }

        It 'refuses a handler only the Fabric API sets, before any request' {
            $failure = { Set-SwPhoneNumber -Id $numbers[73].Id -CallHandler fabric_subscriber } |
                Should -Throw -ErrorId "InvalidFieldValue,$cmdlet" -PassThru
            $failure.Exception.Message | Should -Match 'Fabric API'
            @(Get-WireRequest $emulator).Count | Should -Be 0
        }

        It 'exports Capabilities to CSV as the capabilities, not a type name' {
            $csv = Join-Path $TestDrive 'caps.csv'
            $numbers[0] | Export-Csv $csv -NoTypeInformation
            (Import-Csv $csv).Capabilities | Should -Be ($numbers[0].Capabilities -join ',')
            (Import-Csv $csv).Capabilities | Should -Not -Match 'System'
        }
    }

    Context 'an uncertain write is checked, not guessed' {
        BeforeAll { $shortTimeout = Connect-TestProject $emulator -Extra @{ MaximumRetryCount = 0; TimeoutSec = 1 } }

        It 'writes the number out when a timed-out PUT was applied' {
            $target = $numbers[80]
            Add-SwEmulatorFault $emulator @{ action = 'latency'; latency_ms = 2500; method = 'PUT'; id = $target.Id; when = 'after' }
            $stream = @(Set-SwPhoneNumber -Id $target.Id -Name 'slow but done' -Session $shortTimeout -Verbose -ErrorVariable failures 4>&1)
            $failures.Count | Should -Be 0
            $out = @($stream | Where-Object { $_ -is [SignalWire.PowerShell.Models.PhoneNumber] })
            $out.Count | Should -Be 1
            $out[0].Name | Should -Be 'slow but done'
            ($stream | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match 'change in place'
        }

        It 'says the change was not applied when the read-back shows it is not' {
            $target = $numbers[81]
            Add-SwEmulatorFault $emulator @{ action = 'drop'; method = 'PUT'; id = $target.Id }
            $out = @(Set-SwPhoneNumber -Id $target.Id -Name 'never arrives' -Session $shortTimeout -ErrorVariable failures -ErrorAction SilentlyContinue)
            $out.Count | Should -Be 0
            $failures.Count | Should -Be 1
            $failures[0].Exception.Message | Should -Match 'not applied'
            (Get-ServerNumber $target.Id).name | Should -Be $target.Name
        }
    }

    Context 'a batch that stops reports every change it made' {
        # -ErrorAction Stop and Ctrl+C close the pipeline: StoppedBatch.Tests.ps1 runs them in their own process.
        # Which writes came back before the stop varies with the machine's load; the numbers written out and named are
        # compared with the request log, which holds for any of them.
        It 'accounts for every successful write when <Case> ends the batch' -TestCases @(
            @{ Case = 'a 403'; Status = 403 }
            @{ Case = 'a 401'; Status = 401 }
        ) {
            Set-SwEmulatorConfig $emulator @{ latency_ms = 150 }
            try {
                $targets = $numbers[0..99]
                Add-SwEmulatorFault $emulator @{ action = 'status'; status = $Status; method = 'PUT'; id = $targets[9].Id }
                $result = Invoke-Collecting { $targets | Set-SwPhoneNumber -Name 'stopped batch' -ThrottleLimit 16 }
                $result.Thrown | Should -Not -BeNullOrEmpty
                $numberOf = @{}; foreach ($t in $targets) { $numberOf[$t.Id] = $t.Number }
                $puts = @(Get-Put)
                $received = @($puts | ForEach-Object { $numberOf[($_.path -split '/')[-1]] })
                $applied = @($puts | Where-Object { $_.status -eq 200 -and $_.body -eq '{"name":"stopped batch"}' } |
                        ForEach-Object { $numberOf[($_.path -split '/')[-1]] })
                $applied.Count | Should -BeGreaterThan 0
                $applied.Count | Should -BeLessThan 100
                $named = @{}
                $stopText = $result.Warnings -join ' '
                foreach ($part in 'Applied while stopping', 'Outcome unknown', 'Failed while stopping') {
                    $named[$part] = if ($stopText -match "$part[^:]*: ([^.]*)\.") { @($Matches[1] -split ', ') } else { @() }
                }
                $told = @($result.Output.Number) + $named['Applied while stopping']
                $accounted = $told + $named['Outcome unknown'] + $named['Failed while stopping'] + $targets[9].Number
                foreach ($number in $told) { $number | Should -BeIn $applied -Because "$number was written out or named as applied" }
                foreach ($number in $applied) { $number | Should -BeIn $accounted -Because "$number was changed; warning: $stopText" }
                # No request started after the stop: every PUT the server received is accounted for.
                foreach ($number in $received) { $number | Should -BeIn $accounted -Because "a PUT for $number reached the server: $stopText" }
            }
            finally { Set-SwEmulatorConfig $emulator @{ latency_ms = 0 } }
        }
    }
}
