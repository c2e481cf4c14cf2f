BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 25
    $null = Connect-TestProject $emulator
    $cmdlet = $CmdletType['Set-SwPhoneNumber']
    $missingId = '00000000-0000-4000-8000-000000000000'
}
AfterAll { Stop-SwEmulator $emulator }

Describe 'Set-SwPhoneNumber' {
    BeforeEach {
        Reset-SwEmulator $emulator -Numbers 25
        $numbers = @(Get-SwPhoneNumber)
        Clear-SwEmulatorRequest $emulator
    }

    Context 'the main job: Get-SwPhoneNumber | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic office' {
        It 'PUTs exactly the two fields for each number, and nothing else' {
            $updated = @(Get-SwPhoneNumber | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic office)
            $updated.Count | Should -Be 25
            $updated | ForEach-Object { $_ | Should -BeOfType 'SignalWire.PowerShell.Models.PhoneNumber' }
            ($updated.CallHandler | Sort-Object -Unique) | Should -Be 'relay_topic'
            # Each number gets exactly the fields that differ: both for most; a seeded relay_topic number only its topic.
            $expected = @{}
            foreach ($n in $numbers) {
                $fields = @()
                if ($n.CallHandler -ne 'relay_topic') { $fields += '"call_handler":"relay_topic"' }
                if ($n.CallRelayTopic -ne 'office') { $fields += '"call_relay_topic":"office"' }
                if ($fields) { $expected["/api/relay/rest/phone_numbers/$($n.Id)"] = '{' + ($fields -join ',') + '}' }
            }
            @($expected.Values | Where-Object { $_ -eq '{"call_handler":"relay_topic","call_relay_topic":"office"}' }).Count | Should -BeGreaterThan 20
            $puts = @(Get-WireRequest $emulator -Method PUT)
            $puts.Count | Should -Be $expected.Count
            foreach ($put in $puts) { $put.body | Should -BeExactly $expected[$put.path] }
            @(Get-WireRequest $emulator -Method GET).Count | Should -Be 1   # the listing; no read per number
            (Get-SwEmulatorNumber $emulator | Where-Object call_relay_topic -ne 'office').Count | Should -Be 0
        }

        It 'sends nothing for numbers already as asked, and still writes them out' {
            $null = Get-SwPhoneNumber | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic office
            Clear-SwEmulatorRequest $emulator
            $again = @(Get-SwPhoneNumber | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic office -Verbose 4>&1)
            @(Get-WireRequest $emulator -Method PUT).Count | Should -Be 0
            @($again | Where-Object { $_ -is [SignalWire.PowerShell.Models.PhoneNumber] }).Count | Should -Be 25
            @($again | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'no request sent' }).Count | Should -Be 25
        }

        It 'sends only the fields that differ from the piped number' {
            $target = $numbers[0]
            $null = $target | Set-SwPhoneNumber -CallHandler $target.CallHandler -Name 'Front desk'
            (Get-WireRequest $emulator -Method PUT).body | Should -BeExactly '{"name":"Front desk"}'
        }
    }

    Context 'what each input asks for' {
        It 'updates a number on ai_agent, whose agent id the API never returns, sending only the change' {
            $agent = $numbers | Where-Object CallHandler -eq 'ai_agent'
            $agent | Should -Not -BeNullOrEmpty
            $result = $agent | Set-SwPhoneNumber -Name 'Agent line'
            $result.Name | Should -Be 'Agent line'
            $result.CallHandler | Should -Be 'ai_agent'
            (Get-WireRequest $emulator -Method PUT).body | Should -BeExactly '{"name":"Agent line"}'
        }

        It 'takes from each input object only its own properties, never the previous object''s' {
            $rows = @(
                [pscustomobject]@{ Id = $numbers[0].Id; Name = 'First row' }
                [pscustomobject]@{ Id = $numbers[1].Id; CallRelayTopic = 'second-row' }
                [pscustomobject]@{ Id = $numbers[2].Id; MessageRelayTopic = 'third-row' }
            )
            $out = @($rows | Set-SwPhoneNumber -ThrottleLimit 1)
            $out.Count | Should -Be 3
            (Get-WireRequest $emulator -Method PUT).body | Should -Be @(
                '{"name":"First row"}', '{"call_relay_topic":"second-row"}', '{"message_relay_topic":"third-row"}')
        }

        It 'refuses a bad value from one row with InvalidFieldValue naming it, and the other rows go on' {
            $rows = @(
                [pscustomobject]@{ Id = $numbers[0].Id; CallHandler = 'carrier_pigeon' }
                [pscustomobject]@{ Id = $numbers[1].Id; Name = 'Fine' }
            )
            $out = @($rows | Set-SwPhoneNumber -ErrorVariable failures -ErrorAction SilentlyContinue)
            $out.Name | Should -Be 'Fine'
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "InvalidFieldValue,$cmdlet"
            $failures[0].Exception.Message | Should -Match ('^' + [regex]::Escape("$($numbers[0].Number) (row 1): ") + '-CallHandler:.*carrier_pigeon.*Allowed: relay_context')
            $failures[0].TargetObject | Should -Be $numbers[0].Number
            @(Get-WireRequest $emulator -Method PUT).Count | Should -Be 1
        }

        It 'writes each result while later input is still coming' {
            $events = [System.Collections.Generic.List[string]]::new()
            $null = 0..2 | ForEach-Object {
                if ($_ -gt 0) { Start-Sleep -Milliseconds 700 }
                $events.Add("in-$_"); $numbers[$_]
            } | Set-SwPhoneNumber -Name 'Streamed' | ForEach-Object { $events.Add('out') }
            $events.IndexOf('out') | Should -BeLessThan $events.IndexOf('in-2')
            @($events | Where-Object { $_ -eq 'out' }).Count | Should -Be 3
        }
    }

    Context 'targets' {
        It 'updates by -Id with exactly the given field and no read first' {
            $result = Set-SwPhoneNumber -Id $numbers[3].Id -Name 'Renamed'
            $result.Name | Should -Be 'Renamed'
            $requests = @(Get-WireRequest $emulator)
            $requests.Count | Should -Be 1
            $requests[0].method | Should -Be 'PUT'
            $requests[0].body | Should -BeExactly '{"name":"Renamed"}'
        }

        It 'updates by -Number, resolved by an exact match' {
            $target = $numbers[4]
            $result = Set-SwPhoneNumber -Number $target.Number -CallRelayTopic 'sales'
            $result.Id | Should -Be $target.Id
            $put = @(Get-WireRequest $emulator -Method PUT)
            $put.Count | Should -Be 1
            $put[0].path | Should -Be "/api/relay/rest/phone_numbers/$($target.Id)"
            $put[0].body | Should -BeExactly '{"call_relay_topic":"sales"}'
        }

        It 'reports PhoneNumberNotFound for a -Number that is not in the project' {
            Set-SwPhoneNumber -Number '+19990000000' -Name x -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -Be "PhoneNumberNotFound,$cmdlet"
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            @(Get-WireRequest $emulator -Method PUT).Count | Should -Be 0
        }

        It 'writes a non-terminating ObjectNotFound for an unknown id, and the others go on' {
            $inputs = @($numbers[0].Id, $missingId, $numbers[1].Id) | ForEach-Object { [pscustomobject]@{ Id = $_ } }
            $out = @($inputs | Set-SwPhoneNumber -CallRelayTopic 'night' -ErrorVariable failures -ErrorAction SilentlyContinue)
            $out.Count | Should -Be 2
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "PhoneNumberNotFound,$cmdlet"
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be $missingId
        }
    }

    Context 'handler rules' {
        It 'refuses switching to a handler whose field is neither given nor set, naming the parameter, with no PUT' {
            $target = $numbers | Where-Object { -not $_.CallRelayTopic } | Select-Object -First 1
            $target | Set-SwPhoneNumber -CallHandler relay_topic -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -Be "HandlerFieldMissing,$cmdlet"
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failures[0].Exception.Message | Should -Match '-CallRelayTopic'
            @(Get-WireRequest $emulator).Count | Should -Be 0
        }

        It 'reads the number first when only an id is known, and allows the switch when the field is already set' {
            $target = $numbers[5]
            $null = Set-SwPhoneNumber -Id $target.Id -CallRelayTopic 'support'
            Clear-SwEmulatorRequest $emulator
            $result = Set-SwPhoneNumber -Id $target.Id -CallHandler relay_topic
            $result.CallHandler | Should -Be 'relay_topic'
            $requests = @(Get-WireRequest $emulator)
            $requests.method | Should -Be @('GET', 'PUT')
            $requests[1].body | Should -BeExactly '{"call_handler":"relay_topic"}'
        }

        It 'refuses a message handler switch without its field' {
            $target = $numbers | Where-Object { -not $_.MessageRelayTopic } | Select-Object -First 1
            Set-SwPhoneNumber -Id $target.Id -MessageHandler relay_topic -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -Be "HandlerFieldMissing,$cmdlet"
            $failures[0].Exception.Message | Should -Match '-MessageRelayTopic'
            @(Get-WireRequest $emulator -Method PUT).Count | Should -Be 0
        }
    }

    Context 'input checked before any request' {
        It 'refuses <Parameter> = <Value>, naming the parameter' -TestCases @(
            @{ Parameter = 'CallHandler'; Value = 'carrier_pigeon' }
            @{ Parameter = 'MessageHandler'; Value = 'relay_script' }
            @{ Parameter = 'CallReceiveMode'; Value = 'telex' }
            @{ Parameter = 'CallRequestMethod'; Value = 'DELETE' }
            @{ Parameter = 'CallRequestUrl'; Value = 'not a url' }
            @{ Parameter = 'MessageRequestUrl'; Value = 'ftp://example.com/x' }
            @{ Parameter = 'CallVideoRoomId'; Value = 'room-1' }
        ) {
            $arguments = @{ Id = $numbers[0].Id; $Parameter = $Value }
            $failure = { Set-SwPhoneNumber @arguments } | Should -Throw -ErrorId "InvalidFieldValue,$cmdlet" -PassThru
            $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failure.Exception.Message | Should -Match "^-$Parameter"
            @(Get-WireRequest $emulator).Count | Should -Be 0
        }

        It 'refuses an update with no field, with NoFieldToUpdate' {
            $numbers[0] | Set-SwPhoneNumber -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -Be "NoFieldToUpdate,$cmdlet"
            @(Get-WireRequest $emulator).Count | Should -Be 0
        }

        It 'refuses a -Number that is not E.164' {
            { Set-SwPhoneNumber -Number '555-1234' -Name x } | Should -Throw -ErrorId "ParameterArgumentValidationError,$cmdlet"
        }

        It 'accepts allowed values case-insensitively and sends the API spelling' {
            $null = Set-SwPhoneNumber -Id $numbers[0].Id -CallRequestMethod get -CallReceiveMode FAX
            (Get-WireRequest $emulator -Method PUT).body | Should -BeExactly '{"call_receive_mode":"fax","call_request_method":"GET"}'
        }

        It 'sends text as typed, without needless escapes' {
            $null = Set-SwPhoneNumber -Id $numbers[0].Id -Name '+1 Café <Nord> & "Sud"'
            (Get-WireRequest $emulator -Method PUT).body | Should -BeExactly '{"name":"+1 Café <Nord> & \"Sud\""}'
        }

        It 'takes the API snake_case names as aliases' {
            $null = Set-SwPhoneNumber -Id $numbers[0].Id -call_relay_topic 'alias'
            (Get-WireRequest $emulator -Method PUT).body | Should -BeExactly '{"call_relay_topic":"alias"}'
        }

        It 'clears a field given explicitly as empty' {
            $null = Set-SwPhoneNumber -Id $numbers[0].Id -CallFallbackUrl ''
            (Get-WireRequest $emulator -Method PUT).body | Should -BeExactly '{"call_fallback_url":""}'
        }
    }

    Context 'deprecated fields' {
        It 'accepts -CallRelayContext with a warning that names the replacement' {
            $null = Set-SwPhoneNumber -Id $numbers[0].Id -CallRelayContext 'legacy' -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings[0] | Should -Match 'CallRelayApplication'
            (Get-WireRequest $emulator -Method PUT).body | Should -BeExactly '{"call_relay_context":"legacy"}'
        }
    }

    Context '-WhatIf' {
        It 'shows each field as old -> new per number, and sends nothing' {
            $text = Get-HostOutput { $numbers[0..1] | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic office -WhatIf }
            $text | Should -Match ([regex]::Escape("call_handler '$($numbers[0].CallHandler)' → 'relay_topic'"))
            $text | Should -Match ([regex]::Escape("call_relay_topic '' → 'office'"))
            $text | Should -Match ([regex]::Escape($numbers[1].Number))
            @(Get-WireRequest $emulator -Method PUT).Count | Should -Be 0
        }
    }

    Context 'CSV round trip' {
        It 'updates what the edited columns say, sends only differences, and never wipes on empty cells' {
            $csv = Join-Path $TestDrive 'numbers.csv'
            $numbers | Export-Csv $csv -NoTypeInformation
            $rows = Import-Csv $csv
            $rows[0].CallRelayTopic = 'csv-topic'
            $rows[1].Name = 'Edited by CSV'
            $rows[2].CallRequestUrl = ''      # an empty cell must not wipe the URL
            $rows | Export-Csv $csv -NoTypeInformation
            Clear-SwEmulatorRequest $emulator

            $out = @(Import-Csv $csv | Set-SwPhoneNumber -ErrorVariable failures)
            $failures.Count | Should -Be 0
            $out.Count | Should -Be 25
            $puts = @(Get-WireRequest $emulator -Method PUT)
            $puts.Count | Should -Be 2
            ($puts | Where-Object path -Match $numbers[0].Id).body | Should -BeExactly '{"call_relay_topic":"csv-topic"}'
            ($puts | Where-Object path -Match $numbers[1].Id).body | Should -BeExactly '{"name":"Edited by CSV"}'
            (Get-SwEmulatorNumber $emulator | Where-Object id -eq $numbers[2].Id).call_request_url | Should -Be $numbers[2].CallRequestUrl
        }
    }

    Context 'server errors' {
        It 'turns a 422 into a non-terminating InvalidArgument carrying the API detail' {
            Add-SwEmulatorFault $emulator @{ action = 'status'; status = 422; id = $numbers[0].Id; method = 'PUT' }
            try {
                $out = @($numbers[0..1] | Set-SwPhoneNumber -Name 'x' -ErrorVariable failures -ErrorAction SilentlyContinue)
                $out.Count | Should -Be 1
                $failures[0].FullyQualifiedErrorId | Should -Be "ValidationFailed,$cmdlet"
                $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
                $failures[0].Exception.StatusCode | Should -Be 422
                $failures[0].ErrorDetails.Message | Should -Match '422'
                $failures[0].TargetObject | Should -Be $numbers[0].Number
            }
            finally { Clear-SwEmulatorFault $emulator }
        }

        It 'stops the whole pipeline once on a 401' {
            Add-SwEmulatorFault $emulator @{ action = 'status'; status = 401; method = 'PUT' }
            try {
                $failure = { $numbers | Set-SwPhoneNumber -Name 'x' -ThrottleLimit 1 } | Should -Throw -ErrorId "AuthenticationFailed,$cmdlet" -PassThru
                $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
                @(Get-WireRequest $emulator -Method PUT).Count | Should -Be 1
            }
            finally { Clear-SwEmulatorFault $emulator }
        }

        It 'writes one -Verbose line per request with method, path, status and milliseconds' {
            $lines = @(Set-SwPhoneNumber -Id $numbers[0].Id -Name 'v' -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'PUT *' })
            $lines.Count | Should -Be 1
            $lines.Message | Should -Match "^PUT /api/relay/rest/phone_numbers/$($numbers[0].Id) 200 \d+ ms$"
        }

        # Request lines are made only when they would be shown; the caller's preference counts as much as the switch.
        It 'writes the request line under $VerbosePreference = Continue, and none with -Verbose:$false' {
            $VerbosePreference = 'Continue'
            $byPreference = @(Set-SwPhoneNumber -Id $numbers[0].Id -Name 'vp' 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'PUT *' })
            $switchedOff = @(Set-SwPhoneNumber -Id $numbers[0].Id -Name 'vq' -Verbose:$false 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
            $VerbosePreference = 'SilentlyContinue'
            $byPreference.Count | Should -Be 1
            $byPreference.Message | Should -Match "^PUT /api/relay/rest/phone_numbers/$($numbers[0].Id) 200 \d+ ms$"
            $switchedOff.Count | Should -Be 0
        }

        It 'writes the request in the debug stream under $DebugPreference = Continue' {
            $DebugPreference = 'Continue'
            $debug = @(Set-SwPhoneNumber -Id $numbers[0].Id -Name 'vd' 5>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] })
            $DebugPreference = 'SilentlyContinue'
            ($debug.Message -join "`n") | Should -Match "PUT .*phone_numbers/$($numbers[0].Id)"
        }
    }
}
