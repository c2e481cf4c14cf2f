BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 5
    $null = Connect-TestProject $emulator
}
AfterAll { Stop-SwEmulator $emulator }

Describe 'Find-SwAvailablePhoneNumber' {
    BeforeEach { Clear-SwEmulatorRequest $emulator }

    It 'sends the search filters by their API names and writes AvailablePhoneNumber objects' {
        $found = @(Find-SwAvailablePhoneNumber -AreaCode 503 -Contains 715 -MaxResults 4)
        $found.Count | Should -BeGreaterThan 0
        $found.Count | Should -BeLessOrEqual 4
        $found[0] | Should -BeOfType 'SignalWire.PowerShell.Models.AvailablePhoneNumber'
        $found.Number | ForEach-Object { $_ | Should -Match '^\+1503\d*715' }
        $request = @(Get-WireRequest $emulator)
        $request.Count | Should -Be 1
        $request[0].path | Should -Be '/api/relay/rest/phone_numbers/search'
        $request[0].query | Should -Be 'areacode=503&contains=715&max_results=4'
    }

    It 'refuses two number patterns at once, before any request' {
        { Find-SwAvailablePhoneNumber -StartsWith 555 -EndsWith 1234 } |
            Should -Throw -ErrorId "AmbiguousParameterSet,$($CmdletType['Find-SwAvailablePhoneNumber'])"
        @(Get-WireRequest $emulator).Count | Should -Be 0
    }

    It 'refuses <Case> before any request' -TestCases @(
        @{ Case = 'a pattern of 2 digits'; Arguments = @{ Contains = '55' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = 'an area code with letters'; Arguments = @{ AreaCode = '5a3' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = 'more than 100 results'; Arguments = @{ MaxResults = 101 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = 'a city without a region'; Arguments = @{ City = 'Austin' }; ErrorId = 'CityNeedsRegion' }
        @{ Case = 'a region for toll-free numbers'; Arguments = @{ NumberType = 'toll-free'; Region = 'TX' }; ErrorId = 'RegionNeedsLocal' }
    ) {
        { Find-SwAvailablePhoneNumber @Arguments } |
            Should -Throw -ErrorId "$ErrorId,$($CmdletType['Find-SwAvailablePhoneNumber'])"
        @(Get-WireRequest $emulator).Count | Should -Be 0
    }
}

Describe 'New-SwPhoneNumber' {
    BeforeEach { Reset-SwEmulator $emulator -Numbers 5; Clear-SwEmulatorRequest $emulator }

    It 'buys what Find-SwAvailablePhoneNumber found, piped by property name' {
        $available = Find-SwAvailablePhoneNumber -AreaCode 503 -MaxResults 2
        Clear-SwEmulatorRequest $emulator
        $bought = @($available | New-SwPhoneNumber -Confirm:$false)
        $bought.Count | Should -Be 2
        $bought[0] | Should -BeOfType 'SignalWire.PowerShell.Models.PhoneNumber'
        $bought.Number | Should -Be $available.Number
        $posts = @(Get-WireRequest $emulator -Method POST)
        $posts.body | Should -Be ($available.Number | ForEach-Object { "{`"number`":`"$_`"}" })
        @(Get-SwEmulatorNumber $emulator).Count | Should -Be 7
    }

    It 'sends nothing with -WhatIf' {
        New-SwPhoneNumber -Number '+15037154424' -WhatIf
        @(Get-WireRequest $emulator).Count | Should -Be 0
    }

    It 'asks before buying: ConfirmImpact is High' {
        (Get-Command New-SwPhoneNumber).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).ConfirmImpact |
            Should -Be 'High'
    }

    It 'writes the API refusal as ValidationFailed and goes on with the next number' {
        $owned = (Get-SwPhoneNumber -First 1).Number
        Clear-SwEmulatorRequest $emulator
        $bought = @(New-SwPhoneNumber -Number $owned, '+15037154424' -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue)
        $bought.Number | Should -Be '+15037154424'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "ValidationFailed,$($CmdletType['New-SwPhoneNumber'])"
        $failures[0].TargetObject | Should -Be $owned
        $failures[0].Exception.ApiMessage | Should -Match 'already'
    }

    It 'refuses a number that is not E.164 before any request' {
        { New-SwPhoneNumber -Number '503-715-4424' -Confirm:$false } |
            Should -Throw -ErrorId "ParameterArgumentValidationError,$($CmdletType['New-SwPhoneNumber'])"
        @(Get-WireRequest $emulator).Count | Should -Be 0
    }
}

Describe 'Remove-SwPhoneNumber' {
    BeforeEach { Reset-SwEmulator $emulator -Numbers 5; Clear-SwEmulatorRequest $emulator }

    It 'releases piped numbers with one DELETE each and writes nothing' {
        $numbers = @(Get-SwPhoneNumber -First 2)
        Clear-SwEmulatorRequest $emulator
        $out = @($numbers | Remove-SwPhoneNumber -Confirm:$false)
        $out.Count | Should -Be 0
        (Get-WireRequest $emulator).method | Should -Be @('DELETE', 'DELETE')
        (Get-WireRequest $emulator).path | Should -Be ($numbers.Id | ForEach-Object { "/api/relay/rest/phone_numbers/$_" })
        @(Get-SwEmulatorNumber $emulator).Count | Should -Be 3
    }

    It 'releases by -Id, from the command line or from rows with an Id column' {
        $ids = @(Get-SwPhoneNumber -First 3).Id
        Remove-SwPhoneNumber -Id $ids[0], $ids[1] -Confirm:$false
        [pscustomobject]@{ Id = $ids[2] } | Remove-SwPhoneNumber -Confirm:$false
        (Get-WireRequest $emulator -Method DELETE).path | Should -Be ($ids | ForEach-Object { "/api/relay/rest/phone_numbers/$_" })
        @(Get-SwEmulatorNumber $emulator).Count | Should -Be 2
    }

    It 'names the number in -WhatIf and sends nothing' {
        $number = Get-SwPhoneNumber -First 1
        Clear-SwEmulatorRequest $emulator
        $number | Remove-SwPhoneNumber -WhatIf
        @(Get-WireRequest $emulator).Count | Should -Be 0
        @(Get-SwEmulatorNumber $emulator).Count | Should -Be 5
    }

    It 'turns the captured 422 (purchased too recently) into ValidationFailed with the API detail, and goes on' {
        $numbers = @(Get-SwPhoneNumber -First 2)
        $detail = (Get-Content (Join-Path $FixturesPath 'error_422_space_api.json') -Raw | ConvertFrom-Json).errors[0].detail
        Add-SwEmulatorFault $emulator @{ action = 'status'; status = 422; method = 'DELETE'; id = $numbers[0].Id
            body = (Get-Content (Join-Path $FixturesPath 'error_422_space_api.json') -Raw); content_type = 'application/json' }
        try {
            $numbers | Remove-SwPhoneNumber -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "ValidationFailed,$($CmdletType['Remove-SwPhoneNumber'])"
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failures[0].TargetObject | Should -Be $numbers[0].Number
            $failures[0].Exception.ApiMessage | Should -Be $detail
            $failures[0].ErrorDetails.Message | Should -Match ([regex]::Escape($detail))
            (Get-SwEmulatorNumber $emulator).id | Should -Contain $numbers[0].Id
            (Get-SwEmulatorNumber $emulator).id | Should -Not -Contain $numbers[1].Id
        }
        finally { Clear-SwEmulatorFault $emulator }
    }

    It 'reports PhoneNumberNotFound for an unknown id' {
        Remove-SwPhoneNumber -Id '00000000-0000-4000-8000-000000000000' -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be "PhoneNumberNotFound,$($CmdletType['Remove-SwPhoneNumber'])"
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}
