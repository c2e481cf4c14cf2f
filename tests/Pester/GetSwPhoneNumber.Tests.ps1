BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 25
    $null = Connect-TestProject $emulator
}
AfterAll { Stop-SwEmulator $emulator }

Describe 'Get-SwPhoneNumber' {
    BeforeEach { Clear-SwEmulatorRequest $emulator }

    It 'lists every number, following links.next, with the largest page by default' {
        $numbers = @(Get-SwPhoneNumber)
        $numbers.Count | Should -Be 25
        ($numbers.Id | Sort-Object -Unique).Count | Should -Be 25
        $numbers[0] | Should -BeOfType 'SignalWire.PowerShell.Models.PhoneNumber'
        $requests = @(Get-WireRequest $emulator)
        $requests.Count | Should -Be 1
        $requests[0].query | Should -Be 'page_size=1000'
    }

    It 'follows links.next as given across pages' {
        $numbers = @(Get-SwPhoneNumber -PageSize 10)
        $numbers.Count | Should -Be 25
        ($numbers.Id | Sort-Object -Unique).Count | Should -Be 25
        $requests = @(Get-WireRequest $emulator)
        $requests.Count | Should -Be 3
        $requests[1].query | Should -Match 'page_number=1'
        $requests[1].query | Should -Match 'page_token='
    }

    It 'stops fetching once -First is satisfied, asking for no more than needed' {
        $numbers = @(Get-SwPhoneNumber -First 3)
        $numbers.Count | Should -Be 3
        $requests = @(Get-WireRequest $emulator)
        $requests.Count | Should -Be 1
        $requests[0].query | Should -Be 'page_size=3'
    }

    It 'honours -Skip and -First together across pages' {
        $all = @(Get-SwPhoneNumber)
        Clear-SwEmulatorRequest $emulator
        $some = @(Get-SwPhoneNumber -Skip 8 -First 5 -PageSize 4)
        $some.Id | Should -Be $all[8..12].Id
        @(Get-WireRequest $emulator).Count | Should -Be 4
    }

    It 'writes the first page before the last page is fetched, fetching one page ahead at most' {
        # What the emulator had been asked when each object came down the pipeline: a walk that read every page first
        # would show all 5 requests at the first object.
        $seen = [System.Collections.Generic.List[int]]::new()
        Get-SwPhoneNumber -PageSize 5 | ForEach-Object { $seen.Add(@(Get-WireRequest $emulator -Method GET).Count) }
        $seen.Count | Should -Be 25
        $seen[0] | Should -BeLessOrEqual 2
        @(Get-WireRequest $emulator -Method GET).Count | Should -Be 5
        # Page n (objects 5n-4 .. 5n) goes out while page n+1 is fetched, never later.
        for ($i = 0; $i -lt 25; $i++) { $seen[$i] | Should -BeLessOrEqual ([math]::Floor($i / 5) + 2) -Because "object $($i + 1) is on page $([math]::Floor($i / 5) + 1)" }
    }

    It 'reports an exact total only when it read the whole list (-IncludeTotalCount)' {
        $all = @(Get-SwPhoneNumber -IncludeTotalCount -PageSize 10)
        $all[-1].ToString() | Should -Be 'Total count: 25'
        $some = @(Get-SwPhoneNumber -First 2 -PageSize 50 -IncludeTotalCount)
        $some[-1].ToString() | Should -Not -Match '^Total count'
    }

    It 'stops with a warning when the server sends the same next link twice, never looping' {
        $number = Get-SwEmulatorNumber $emulator | Select-Object -First 1
        $loop = "$($emulator.Url)/api/relay/rest/phone_numbers?page_number=1&page_token=PAloop"
        $body = @{ links = @{ next = $loop }; data = @($number) } | ConvertTo-Json -Depth 5 -Compress
        Add-SwEmulatorFault $emulator @{ action = 'malformed'; path = '/phone_numbers'; body = $body }
        try {
            Clear-SwEmulatorRequest $emulator
            $out = @(Get-SwPhoneNumber -WarningVariable warnings -WarningAction SilentlyContinue)
            $out.Count | Should -Be 2
            $warnings.Count | Should -Be 1
            "$($warnings[0])" | Should -Match 'same next link twice'
            @(Get-WireRequest $emulator).Count | Should -Be 2
        }
        finally { Clear-SwEmulatorFault $emulator }
    }

    Context 'a page with a number it cannot read (the third of four)' {
        BeforeEach {
            $numbers = @(Get-SwEmulatorNumber $emulator | Select-Object -First 3)
            $items = (@($numbers[0], $numbers[1], @{ name = 'no id' }, $numbers[2]) | ForEach-Object { $_ | ConvertTo-Json -Depth 5 -Compress }) -join ','
            $page = @{ action = 'malformed'; method = 'GET'; path = '/phone_numbers'; times = 1; body = '{"links":{},"data":[' + $items + ']}' }
            $listError = "InvalidResponse,$($CmdletType['Get-SwPhoneNumber'])"
        }
        AfterEach { Clear-SwEmulatorFault $emulator; Reset-SwEmulator $emulator -Numbers 25 }

        It 'hands out the numbers before it, then one InvalidResponse error, when the links come first' {
            Add-SwEmulatorFault $emulator $page
            $out = @(Get-SwPhoneNumber -ErrorVariable failures -ErrorAction SilentlyContinue)
            $out.Id | Should -Be $numbers[0].id, $numbers[1].id
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be $listError
            $failures[0].Exception.Message | Should -Match 'without its "id"'
        }

        It 'reads every number before handing any out when the data comes before the links, so the page is refused whole' {
            $page.body = '{"data":[' + $items + '],"links":{}}'
            Add-SwEmulatorFault $emulator $page
            $out = @(Get-SwPhoneNumber -ErrorVariable failures -ErrorAction SilentlyContinue)
            $out.Count | Should -Be 0
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be $listError
        }

        It 'updates the numbers handed out before it, and says what stopped the list' {
            Add-SwEmulatorFault $emulator $page
            $out = @(Get-SwPhoneNumber -ErrorVariable failures -ErrorAction SilentlyContinue | Set-SwPhoneNumber -Name 'Streamed' -ErrorVariable +failures -ErrorAction SilentlyContinue)
            $out.Id | Sort-Object | Should -Be ($numbers[0].id, $numbers[1].id | Sort-Object)
            @(Get-WireRequest $emulator -Method PUT).path | Sort-Object | Should -Be ($numbers[0], $numbers[1] | ForEach-Object { "/api/relay/rest/phone_numbers/$($_.id)" } | Sort-Object)
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be $listError
        }
    }

    It 'passes -Name and -Number to the server filters' {
        $null = @(Get-SwPhoneNumber -Name 'Sales' -Number '*555*')
        (Get-WireRequest $emulator)[0].query | Should -Be 'filter_name=Sales&filter_number=555&page_size=1000'
    }

    Context '-Number means that number, -Name keeps the API''s search' {
        BeforeAll {
            $getCmdlet = $CmdletType['Get-SwPhoneNumber']
            $removeCmdlet = $CmdletType['Remove-SwPhoneNumber']
            $all = @(Get-SwEmulatorNumber $emulator)
            # The numbers the emulator holds that a PowerShell -like pattern matches, newest first as the API lists them.
            function Get-Like([string] $Property, [string] $Pattern) {
                @($all | Where-Object { $_.$Property -like $Pattern } | Sort-Object created_at -Descending | ForEach-Object number)
            }
        }

        It 'finds <Given> as +15552000010 alone, asking the server for its digits' -TestCases @(
            @{ Given = '+15552000010' }
            @{ Given = '(555) 200-0010' }
            @{ Given = '+1 555 200 0010' }
            @{ Given = '1-555-200-0010' }
            @{ Given = '15552000010' }
        ) {
            $found = @(Get-SwPhoneNumber -Number $Given -ErrorVariable failures -ErrorAction SilentlyContinue)
            $found.Number | Should -Be '+15552000010'
            $failures.Count | Should -Be 0
            $requests = @(Get-WireRequest $emulator)
            $requests.Count | Should -Be 1
            $requests[0].query | Should -Be 'filter_number=15552000010&page_size=1000'
        }

        It 'finds a number typed without quotes, which PowerShell reads as an integer' {
            $found = @(Get-SwPhoneNumber -Number 15552000012)
            $found.Number | Should -Be '+15552000012'
        }

        It 'returns no number one digit short, though ten numbers contain those digits, and says it is not in the project' {
            (Get-Like number '*1555200001*').Count | Should -Be 9 -Because 'the server''s filter alone would return them'
            $found = @(Get-SwPhoneNumber -Number '+1555200001' -ErrorVariable failures -ErrorAction SilentlyContinue)
            $found.Count | Should -Be 0
            (Get-WireRequest $emulator)[0].query | Should -Be 'filter_number=1555200001&page_size=1000'
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "PhoneNumberNotFound,$getCmdlet"
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be '+1555200001'
            $failures[0].Exception.Message | Should -Be 'No phone number +1555200001 in this project.'
        }

        It 'lists the numbers that start with a prefix given with a wildcard, and no others' {
            $expected = Get-Like number '+1555200001*'
            $expected.Count | Should -Be 9
            $found = @(Get-SwPhoneNumber -Number '+1555200001*' -ErrorVariable failures -ErrorAction SilentlyContinue)
            $found.Number | Should -Be $expected
            $failures.Count | Should -Be 0
            (Get-WireRequest $emulator)[0].query | Should -Be 'filter_number=1555200001&page_size=1000'
        }

        It 'matches <Pattern> against the whole number' -TestCases @(
            @{ Pattern = '*0012'; Like = '*0012' }
            @{ Pattern = '1555200002?'; Like = '+1555200002?' }
            @{ Pattern = '+1 (555) 200-000[1-3]'; Like = '+1555200000[1-3]' }
            @{ Pattern = '+1888*'; Like = '+1888*' }
        ) {
            $expected = Get-Like number $Like
            $expected.Count | Should -BeGreaterThan 0
            $found = @(Get-SwPhoneNumber -Number $Pattern)
            $found.Number | Should -Be $expected
        }

        It 'writes no error when a pattern matches nothing' {
            $found = @(Get-SwPhoneNumber -Number '+1999*' -ErrorVariable failures -ErrorAction SilentlyContinue)
            $found.Count | Should -Be 0
            $failures.Count | Should -Be 0
        }

        It 'refuses <Case> before any request, naming the parameter' -TestCases @(
            @{ Case = 'digits that are no whole number'; Given = '55520001'; Says = "use wildcards: -Number '\*55520001\*'" }
            @{ Case = 'a pattern with letters'; Given = 'abc*'; Says = 'not a phone number pattern' }
            @{ Case = 'a pattern with an unclosed set'; Given = '+1555[12*'; Says = 'not a phone number pattern' }
        ) {
            $thrown = { Get-SwPhoneNumber -Number $Given } | Should -Throw -ErrorId "ParameterArgumentValidationError,$getCmdlet" -PassThru
            $thrown.Exception.Message | Should -Match "parameter 'Number'"
            $thrown.Exception.Message | Should -Match $Says
            @(Get-WireRequest $emulator).Count | Should -Be 0
        }

        It 'releases nothing when a partial number is piped to Remove-SwPhoneNumber' {
            $before = @(Get-SwEmulatorNumber $emulator).Count
            $whatIf = Get-HostOutput { try { Get-SwPhoneNumber -Number 55520001 | Remove-SwPhoneNumber -WhatIf } catch { } }
            $whatIf | Should -Not -Match 'What if'
            @(Get-WireRequest $emulator).Count | Should -Be 0

            Get-SwPhoneNumber -Number +1555200001 -ErrorAction SilentlyContinue | Remove-SwPhoneNumber -Confirm:$false
            @(Get-WireRequest $emulator -Method DELETE).Count | Should -Be 0
            @(Get-SwEmulatorNumber $emulator).Count | Should -Be $before
        }

        It 'keeps -Name''s search for text: every name that contains it, in any case' {
            $expected = Get-Like name '*Line 00*'
            $expected.Count | Should -Be 3
            $found = @(Get-SwPhoneNumber -Name 'line 00')
            $found.Number | Should -Be $expected
            (Get-WireRequest $emulator)[0].query | Should -Be 'filter_name=line%2000&page_size=1000'
        }

        It 'matches the whole name against a -Name with wildcards, in any case, asking the server for its plain part' {
            $expected = Get-Like name 'Sal*'
            $expected.Count | Should -Be 3
            @(Get-SwPhoneNumber -Name 'Sal*').Number | Should -Be $expected
            (Get-WireRequest $emulator)[0].query | Should -Be 'filter_name=Sal&page_size=1000'
            @(Get-SwPhoneNumber -Name 'sal*').Number | Should -Be $expected
            @(Get-SwPhoneNumber -Name 'ales*').Count | Should -Be 0 -Because 'the whole name must match the pattern'
            @(Get-SwPhoneNumber -Name '*ales 0001?').Number | Should -Be (Get-Like name '*ales 0001?')
        }

        It 'says a number is not there whose name contains -Name, when both are given' {
            ($all | Where-Object number -eq '+15552000010').name | Should -Not -Match 'Support'
            $found = @(Get-SwPhoneNumber -Number '+15552000010' -Name 'Support' -ErrorVariable failures -ErrorAction SilentlyContinue)
            $found.Count | Should -Be 0
            (Get-WireRequest $emulator)[0].query | Should -Be 'filter_name=Support&filter_number=15552000010&page_size=1000'
            $failures[0].Exception.Message | Should -Be "No phone number +15552000010 in this project whose name contains 'Support'."
        }

        It 'counts -First among the numbers that match' {
            $expected = Get-Like number '+1555200001*'
            @(Get-SwPhoneNumber -Number '+1555200001*' -First 2 -PageSize 3).Number | Should -Be $expected[0..1]
        }
    }

    It 'retrieves by -Id, from the pipeline by property name, with ObjectNotFound for an unknown id and the rest going on' {
        $known = @(Get-SwPhoneNumber -First 2)
        Clear-SwEmulatorRequest $emulator
        $missing = '00000000-0000-4000-8000-000000000000'
        $inputs = @([pscustomobject]@{ Id = $known[0].Id }, [pscustomobject]@{ Id = $missing }, [pscustomobject]@{ Id = $known[1].Id })
        $found = @($inputs | Get-SwPhoneNumber -ErrorVariable failures -ErrorAction SilentlyContinue)
        $found.Id | Should -Be $known.Id
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "PhoneNumberNotFound,$($CmdletType['Get-SwPhoneNumber'])"
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be $missing
        (Get-WireRequest $emulator).path | Should -Be @($known[0].Id, $missing, $known[1].Id | ForEach-Object { "/api/relay/rest/phone_numbers/$_" })
    }

    It 'refuses an -Id that is not a UUID before any request' {
        { Get-SwPhoneNumber -Id 'abc' } | Should -Throw -ErrorId "ParameterArgumentValidationError,$($CmdletType['Get-SwPhoneNumber'])"
        @(Get-WireRequest $emulator).Count | Should -Be 0
    }

    It 'gives every field of the API object a PascalCase property with typed dates' {
        $number = Get-SwPhoneNumber -First 1
        $number.CreatedAt | Should -BeOfType [datetime]
        $number.CreatedAt.Kind | Should -Be 'Utc'
        $number.Number | Should -Match '^\+\d+$'
        $wire = Get-SwEmulatorNumber $emulator | Where-Object id -eq $number.Id
        foreach ($name in $wire.PSObject.Properties.Name) {
            $pascal = -join ($name -split '_' | ForEach-Object { $_.Substring(0, 1).ToUpper() + $_.Substring(1) })
            $pascal = $pascal -replace '^E911', 'E911'
            $number.PSObject.Properties.Name | Should -Contain $pascal
        }
    }
}
