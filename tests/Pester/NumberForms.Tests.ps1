# Every cmdlet that names a number reads it the one way a row's Number cell is read: E.164, with spaces, brackets, dots
# or dashes, the digits with the country code first (quoted or typed as a PowerShell integer), or (555) 200-0010.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 25
    $null = Connect-TestProject $emulator
    $apiPath = '/api/relay/rest/phone_numbers'

    function Get-ServerNumber([string] $Number) { Get-SwEmulatorNumber $emulator | Where-Object number -eq $Number }
    function Get-Deleted { @(Get-WireRequest $emulator -Method DELETE | ForEach-Object { $_.path.Substring($apiPath.Length + 1) }) }
}
AfterAll { Stop-SwEmulator $emulator }

Describe 'One number format for every cmdlet' {
    BeforeEach { Reset-SwEmulator $emulator -Numbers 25; Clear-SwEmulatorRequest $emulator }

    Context 'Set-SwPhoneNumber' {
        It 'takes -Number <Case>' -TestCases @(
            @{ Case = 'typed without quotes (a PowerShell integer)'; Given = 15552000012 }
            @{ Case = 'in brackets'; Given = '(555) 200-0012' }
            @{ Case = 'with spaces'; Given = '+1 555 200 0012' }
            @{ Case = 'as digits with the country code'; Given = '15552000012' }
        ) {
            $target = Get-ServerNumber '+15552000012'
            $out = Set-SwPhoneNumber -Number $Given -Name 'one format'
            $out.Id | Should -Be $target.id
            $put = @(Get-WireRequest $emulator -Method PUT)
            $put.path | Should -Be "$apiPath/$($target.id)"
            $put.body | Should -Be '{"name":"one format"}'
        }

        It 'takes a JSON row whose Number is a number, as the same digits in a CSV' {
            $target = Get-ServerNumber '+15552000013'
            $rows = '[{"Number":15552000013,"Name":"from json"}]' | ConvertFrom-Json
            $out = @($rows | Set-SwPhoneNumber -ErrorVariable failures -ErrorAction SilentlyContinue)
            $failures.Count | Should -Be 0
            $out.Id | Should -Be $target.id
            (Get-ServerNumber '+15552000013').name | Should -Be 'from json'
        }

        It 'takes numbers piped by value in any of the forms' {
            $numbers = '+15552000014', '+15552000015', '+15552000016'
            $out = @('(555) 200-0014', 15552000015, '1.555.200.0016' | Set-SwPhoneNumber -Name 'piped')
            $out.Number | Sort-Object | Should -Be $numbers
            foreach ($number in $numbers) { (Get-ServerNumber $number).name | Should -Be 'piped' }
        }
    }

    Context 'New-SwPhoneNumber' {
        It 'buys numbers given in any of the forms, sending E.164' {
            $bought = @(New-SwPhoneNumber -Number 15037154424, '(503) 715-4425', '+1 503 715 4426' -Confirm:$false)
            $bought.Number | Should -Be '+15037154424', '+15037154425', '+15037154426'
            (Get-WireRequest $emulator -Method POST).body |
                Should -Be '{"number":"+15037154424"}', '{"number":"+15037154425"}', '{"number":"+15037154426"}'
        }

        It 'refuses a number in no accepted form before any request, listing the forms' {
            $thrown = { New-SwPhoneNumber -Number '503-715-4424' -Confirm:$false } |
                Should -Throw -ErrorId "ParameterArgumentValidationError,$($CmdletType['New-SwPhoneNumber'])" -PassThru
            $thrown.Exception.Message | Should -Match ([regex]::Escape('(555) 200-0010'))
            @(Get-WireRequest $emulator).Count | Should -Be 0
        }
    }

    Context 'Remove-SwPhoneNumber' {
        BeforeAll { $removeCmdlet = $CmdletType['Remove-SwPhoneNumber'] }

        It 'keeps ConfirmImpact High' {
            $cmdlet = (Get-Command Remove-SwPhoneNumber).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)
            $cmdlet.ConfirmImpact | Should -Be 'High'
        }

        It 'releases -Number <Case>, looking it up by its digits first' -TestCases @(
            @{ Case = 'typed without quotes (a PowerShell integer)'; Given = 15552000012 }
            @{ Case = 'in brackets'; Given = '(555) 200-0012' }
            @{ Case = 'in E.164 form'; Given = '+15552000012' }
        ) {
            $target = Get-ServerNumber '+15552000012'
            Remove-SwPhoneNumber -Number $Given -Confirm:$false
            $requests = @(Get-WireRequest $emulator)
            $requests.method | Should -Be 'GET', 'DELETE'
            $requests[0].query | Should -Be 'filter_number=15552000012&page_size=1000'
            Get-Deleted | Should -Be $target.id
            Get-ServerNumber '+15552000012' | Should -BeNullOrEmpty
        }

        It 'releases ids and numbers piped as text, in any of the forms' {
            $targets = '+15552000011', '+15552000012', '+15552000013' | ForEach-Object { Get-ServerNumber $_ }
            $targets[0].id, '(555) 200-0012', 15552000013 | Remove-SwPhoneNumber -Confirm:$false
            Get-Deleted | Should -Be $targets.id
        }

        It 'releases rows by their Number column' {
            $target = Get-ServerNumber '+15552000014'
            [pscustomobject]@{ Number = '1 555 200 0014' } | Remove-SwPhoneNumber -Confirm:$false
            Get-Deleted | Should -Be $target.id
        }

        It 'names the number and its id in -WhatIf for a number given as text, and releases nothing' {
            $target = Get-ServerNumber '+15552000015'
            $text = Get-HostOutput { '(555) 200-0015' | Remove-SwPhoneNumber -WhatIf }
            $text | Should -Match ([regex]::Escape("on target `"+15552000015 ($($target.id))`""))
            @(Get-WireRequest $emulator -Method DELETE).Count | Should -Be 0
            Get-ServerNumber '+15552000015' | Should -Not -BeNullOrEmpty
        }

        It 'writes PhoneNumberNotFound for a number the project does not have, and goes on' {
            $target = Get-ServerNumber '+15552000016'
            '+1555200001', '+15552000016' | Remove-SwPhoneNumber -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "PhoneNumberNotFound,$removeCmdlet"
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be '+1555200001'
            Get-Deleted | Should -Be $target.id
        }

        It 'refuses text that is neither an id nor a number, and goes on' {
            $target = Get-ServerNumber '+15552000017'
            'abc', '555-0017', '+15552000017' | Remove-SwPhoneNumber -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures.FullyQualifiedErrorId | Should -Be "InvalidId,$removeCmdlet", "InvalidId,$removeCmdlet"
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failures[1].Exception.Message | Should -Match "^'555-0017' is neither a phone number id"
            Get-Deleted | Should -Be $target.id
        }

        It 'refuses a row whose Id and Number name different numbers, releasing nothing' {
            $one = Get-ServerNumber '+15552000010'
            [pscustomobject]@{ Id = $one.id; Number = '+15552000011' } |
                Remove-SwPhoneNumber -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "IdNumberMismatch,$removeCmdlet"
            $failures[0].Exception.Message | Should -Match ([regex]::Escape('+15552000010'))
            @(Get-WireRequest $emulator -Method DELETE).Count | Should -Be 0
        }

        It 'releases a row with an Id and its own Number once the API confirms they agree' {
            $one = Get-ServerNumber '+15552000010'
            [pscustomobject]@{ Id = $one.id; Number = '15552000010' } | Remove-SwPhoneNumber -Confirm:$false
            (Get-WireRequest $emulator).method | Should -Be 'GET', 'DELETE'
            Get-Deleted | Should -Be $one.id
        }

        It 'refuses -Number in no accepted form before any request' {
            { Remove-SwPhoneNumber -Number '555-0017' -Confirm:$false } |
                Should -Throw -ErrorId "ParameterArgumentValidationError,$removeCmdlet"
            @(Get-WireRequest $emulator).Count | Should -Be 0
        }
    }

    Context 'Compare-SwPhoneNumber' {
        It 'reads numbers piped as text or integers in any of the forms' {
            $references = '+15552000010', '(555) 200-0011', 15552000012, '+1 555 200 0013', '(555) 999-0000'
            $out = @($references | Compare-SwPhoneNumber -ErrorVariable failures -ErrorAction SilentlyContinue)
            $failures.Count | Should -Be 0
            $out.Count | Should -Be 1
            $out[0].Kind | Should -Be 'NotInProject'
            $out[0].Number | Should -Be '+15559990000'
        }

        It 'reads a row''s Number cell in any of the forms' {
            $rows = @(
                [pscustomobject]@{ Number = '(555) 200-0010'; Name = (Get-ServerNumber '+15552000010').name }
                [pscustomobject]@{ Number = 15552000011; Name = 'not its name' }
            )
            $out = @($rows | Compare-SwPhoneNumber -ErrorVariable failures -ErrorAction SilentlyContinue)
            $failures.Count | Should -Be 0
            $out.Count | Should -Be 1
            $out[0].Number | Should -Be '+15552000011'
            $out[0].Desired | Should -Be 'not its name'
        }
    }
}
