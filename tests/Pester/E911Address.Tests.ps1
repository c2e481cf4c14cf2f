BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    # The carrier confirms at once: a number reads active right after the response that says pending.
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 10 -ArgumentList '--e911-delay-ms', '0'
    $null = Connect-TestProject $emulator
    $missingId = '00000000-0000-4000-8000-000000000000'
    $address = @{
        Label = 'Headquarters'; Country = 'US'; FirstName = 'Emmett'; LastName = 'Brown'
        StreetNumber = '1640'; StreetName = 'Riverside Drive'; City = 'Alexandria'; State = 'CA'; PostalCode = '91905'
    }
    $hqBody = '{"label":"Headquarters","country":"US","first_name":"Emmett","last_name":"Brown","street_number":"1640","street_name":"Riverside Drive","city":"Alexandria","state":"CA","postal_code":"91905","emergency_enabled":true}'


    # Assigns an address to a number straight through the API (Set-SwPhoneNumber does not do it yet).
    function Set-TestAssignment([string] $NumberId, [string] $AddressId) {
        $basic = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("$($emulator.ProjectId):$($emulator.Token)"))
        $null = Invoke-RestMethod -Method Post -Uri "$($emulator.Url)/api/relay/rest/phone_numbers/$NumberId/e911_address" `
            -Headers @{ Authorization = "Basic $basic" } -ContentType 'application/json' -Body "{`"e911_address_id`":`"$AddressId`"}"
    }
}
AfterAll {
    Disconnect-SwProject
    Stop-SwEmulator $emulator
}

Describe 'New-SwE911Address' {
    BeforeEach { Reset-SwEmulator $emulator -Numbers 10; Clear-SwEmulatorRequest $emulator }

    It 'POSTs the whole address and writes the stored E911Address' {
        $created = @(New-SwE911Address @address -EmergencyEnabled)
        $created.Count | Should -Be 1
        $created[0] | Should -BeOfType 'SignalWire.PowerShell.Models.E911Address'
        $created[0].Id | Should -Match '^[0-9a-f-]{36}$'
        $created[0].Validated | Should -BeTrue
        $created[0].EmergencyEnabled | Should -BeTrue
        $created[0].ZipCode | Should -Be '91905'
        $request = @(Get-WireRequest $emulator)
        $request.Count | Should -Be 1
        $request[0].method | Should -Be 'POST'
        $request[0].path | Should -Be '/api/relay/rest/addresses'
        $request[0].body | Should -BeExactly $hqBody
    }

    It 'warns when the carrier corrects the address, and writes the corrected one' {
        $created = New-SwE911Address @address -StreetName 'Riverside Dr' -City alexandria -EmergencyEnabled -WarningVariable warnings -WarningAction SilentlyContinue
        $created.StreetName | Should -Be 'Riverside Drive'
        $created.City | Should -Be 'Alexandria'
        $warnings.Count | Should -Be 1
        $warnings[0] | Should -Match ([regex]::Escape("street_name 'Riverside Dr' → 'Riverside Drive', city 'alexandria' → 'Alexandria'"))
    }

    It 'accepts a label over 32 characters with a warning that shows what the dispatcher sees' {
        $label = 'Headquarters, front desk and lobby (building A)'
        $created = New-SwE911Address @address -Label $label -EmergencyEnabled -WarningVariable warnings -WarningAction SilentlyContinue
        $created.Label | Should -Be $label
        (Get-WireRequest $emulator -Method POST).body | Should -Match ([regex]::Escape("`"label`":`"$label`""))
        $warnings.Count | Should -Be 1
        $warnings[0] | Should -Match "is 47 characters"
        $warnings[0] | Should -Match ([regex]::Escape("'$($label.Substring(0, 32))'"))
    }

    It 'writes a refusal as AddressValidationFailed whose exception carries the candidates, and a candidate piped back creates the address' {
        $created = @(New-SwE911Address @address -City Portland -State OR -EmergencyEnabled -ErrorVariable refused -ErrorAction SilentlyContinue)
        $created.Count | Should -Be 0
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -Be "AddressValidationFailed,$($CmdletType['New-SwE911Address'])"
        $refused[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $refused[0].TargetObject | Should -Be 'Headquarters'
        $refused[0].Exception | Should -BeOfType 'SignalWire.PowerShell.Client.AddressValidationException'
        $candidates = $refused[0].Exception.Candidates
        $candidates.Count | Should -Be 3
        $candidates | ForEach-Object { $_ | Should -BeOfType 'SignalWire.PowerShell.Models.AddressCandidate' }
        $candidates.PostalCode | Should -Be @('97201', '97204', '97205')
        $refused[0].Exception.Message | Should -Match ([regex]::Escape('(2) 1640 Riverside Drive, Portland, OR 97204'))
        $refused[0].ErrorDetails.RecommendedAction | Should -Match 'Candidates'

        Clear-SwEmulatorRequest $emulator
        $rest = @{ Label = 'Headquarters'; Country = 'US'; FirstName = 'Emmett'; LastName = 'Brown' }
        $fixed = $candidates[1] | New-SwE911Address @rest -EmergencyEnabled
        $fixed.PostalCode | Should -Be '97204'
        $fixed.City | Should -Be 'Portland'
        (Get-WireRequest $emulator -Method POST).body | Should -BeExactly ($hqBody -replace 'Alexandria', 'Portland' -replace '"CA"', '"OR"' -replace '91905', '97204')
    }

    It 'writes AddressValidationFailed without candidates when the carrier has none' {
        New-SwE911Address @address -StreetName 'Nowhere Lane' -EmergencyEnabled -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused[0].FullyQualifiedErrorId | Should -Be "AddressValidationFailed,$($CmdletType['New-SwE911Address'])"
        $refused[0].Exception.Candidates.Count | Should -Be 0
        $refused[0].Exception.StatusCode | Should -Be 422
        $refused[0].Exception.ApiMessage | Should -Match 'no such street'
    }

    It 'sends auto_correct_address false with -AutoCorrectAddress:$false, and gets the correction as a candidate' {
        New-SwE911Address @address -StreetName 'Riverside Dr' -EmergencyEnabled -AutoCorrectAddress:$false -ErrorVariable refused -ErrorAction SilentlyContinue
        (Get-WireRequest $emulator -Method POST).body | Should -Match '"emergency_enabled":true,"auto_correct_address":false}$'
        $refused[0].Exception.Candidates.StreetName | Should -Be 'Riverside Drive'
    }

    It 'warns that an address created without -EmergencyEnabled cannot be assigned to a number until it is validated' {
        $created = New-SwE911Address @address -WarningVariable warnings -WarningAction SilentlyContinue
        (Get-WireRequest $emulator -Method POST).body | Should -Match '"emergency_enabled":false}$'
        $created.Validated | Should -BeFalse
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Match "'Headquarters' is stored without carrier validation"
        "$($warnings[0])" | Should -Match 'cannot be assigned to a phone number until it is validated'
        "$($warnings[0])" | Should -Match ([regex]::Escape("Set-SwE911Address -Id $($created.Id) -EmergencyEnabled"))

        # The warning tells the truth: the API refuses to assign the address to a number.
        $number = @(Get-SwPhoneNumber)[0]
        Set-SwPhoneNumber -Id $number.Id -E911AddressId $created.Id -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused.Count | Should -Be 1

        New-SwE911Address @address -Label 'Abroad' -Country DE -State BE -WarningVariable abroad -WarningAction SilentlyContinue
        "$($abroad[0])" | Should -Match 'the carrier validates US addresses only \(this one is in DE\)'
    }

    It 'does not warn so when -EmergencyEnabled is given, in a CSV column or on the command line' {
        $null = New-SwE911Address @address -EmergencyEnabled -WarningVariable warnings -WarningAction SilentlyContinue
        $row = $address.Clone()
        $row.Label = 'Row'
        $row.EmergencyEnabled = 'True'
        $null = [pscustomobject]$row | New-SwE911Address -WarningVariable rowWarnings -WarningAction SilentlyContinue
        @($warnings) + @($rowWarnings) | Should -BeNullOrEmpty
    }

    It 'sends nothing with -WhatIf, and says what would be created' {
        $text = Get-HostOutput { New-SwE911Address @address -EmergencyEnabled -WhatIf }
        $text | Should -Match ([regex]::Escape("Create E911 address (validated by the carrier)"))
        $text | Should -Match ([regex]::Escape("'Headquarters': 1640 Riverside Drive, Alexandria, CA 91905 (US)"))
        @(Get-WireRequest $emulator).Count | Should -Be 0
    }

    It 'has ConfirmImpact Medium: creating an address is free and changes no number' {
        (Get-Command New-SwE911Address).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).ConfirmImpact |
            Should -Be 'Medium'
    }

    It 'refuses <Case> before any request' -TestCases @(
        @{ Case = 'a US state that is not two letters'; Arguments = @{ State = 'California' }; ErrorId = 'InvalidFieldValue' }
        @{ Case = 'an unknown address type'; Arguments = @{ AddressType = 'Castle' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = 'a country that is not two letters'; Arguments = @{ Country = 'USA' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = 'a label over 250 characters'; Arguments = @{ Label = 'x' * 251 }; ErrorId = 'ParameterArgumentValidationError' }
    ) {
        # (PowerShell variables ignore case: $Arguments is the test case's, $splat the whole address.)
        $splat = $address.Clone()
        foreach ($key in $Arguments.Keys) { $splat[$key] = $Arguments[$key] }
        { New-SwE911Address @splat -ErrorAction Stop } |
            Should -Throw -ErrorId "$ErrorId,$($CmdletType['New-SwE911Address'])"
        @(Get-WireRequest $emulator).Count | Should -Be 0
    }

    It 'sends the address type in the API spelling whatever case it is given in' {
        $null = New-SwE911Address @address -AddressType suite -AddressNumber 300
        (Get-WireRequest $emulator -Method POST).body | Should -Match '"street_name":"Riverside Drive","address_type":"Suite","address_number":"300","city"'
    }

    It 'creates addresses from CSV rows, EmergencyEnabled column included' {
        $csv = Join-Path $TestDrive 'offices.csv'
        @(
            [pscustomobject]@{ Label = 'Office A'; Country = 'US'; FirstName = 'A'; LastName = 'B'; StreetNumber = '1'; StreetName = 'Harbor Road'; City = 'Austin'; State = 'TX'; PostalCode = '78701'; EmergencyEnabled = 'True' }
            [pscustomobject]@{ Label = 'Office B'; Country = 'US'; FirstName = 'C'; LastName = 'D'; StreetNumber = '2'; StreetName = 'Harbor Road'; City = 'Austin'; State = 'TX'; PostalCode = '78702'; EmergencyEnabled = 'False' }
        ) | Export-Csv $csv -NoTypeInformation
        $created = @(Import-Csv $csv | New-SwE911Address -ErrorVariable failures)
        $failures.Count | Should -Be 0
        $created.Label | Should -Be @('Office A', 'Office B')
        $created.EmergencyEnabled | Should -Be @($true, $false)
        (Get-WireRequest $emulator -Method POST).body | ForEach-Object { $_ } | Should -Match '"emergency_enabled":(true|false)}$'
    }
}

Describe 'Get-SwE911Address' {
    BeforeAll {
        Reset-SwEmulator $emulator -Numbers 10
        $hq = New-SwE911Address @address -EmergencyEnabled
        $store = New-SwE911Address @address -Label 'Warehouse store' -StreetNumber 12 -EmergencyEnabled
    }
    BeforeEach { Clear-SwEmulatorRequest $emulator; Clear-SwEmulatorFault $emulator }

    It 'lists every address, newest first, in one request for up to 1,000' {
        $all = @(Get-SwE911Address)
        $all.Id | Should -Be @($store.Id, $hq.Id)
        $all[0] | Should -BeOfType 'SignalWire.PowerShell.Models.E911Address'
        $request = @(Get-WireRequest $emulator)
        $request.Count | Should -Be 1
        $request[0].path | Should -Be '/api/relay/rest/addresses'
        $request[0].query | Should -Be 'page_size=1000'
    }

    It 'follows a next link that is a path on the space to the last page' {
        $item = '{"id":"' + $hq.Id + '","label":"From page 1","country":"US","first_name":"E","last_name":"B","street_number":"1","street_name":"S","address_type":null,"address_number":null,"city":"C","state":"CA","postal_code":"91905","zip_code":"91905","emergency_enabled":false,"validated":false,"validated_at":null}'
        Add-SwEmulatorFault $emulator @{ action = 'malformed'; path = '/addresses'; times = 1; body = '{"links":{"next":"/api/relay/rest/addresses?page_size=1000&filter_label=store"},"data":[' + $item + ']}' }
        $all = @(Get-SwE911Address)
        $all.Label | Should -Be @('From page 1', 'Warehouse store')
        (Get-WireRequest $emulator).query | Should -Be @('page_size=1000', 'page_size=1000&filter_label=store')
    }

    It 'filters by label on the server' {
        (Get-SwE911Address -Label Store).Id | Should -Be $store.Id
        (Get-WireRequest $emulator).query | Should -Be 'filter_label=Store&page_size=1000'
    }

    It 'gets addresses by id from the pipeline; an unknown id writes AddressNotFound and the others go on' {
        $found = @($hq.Id, $missingId, $store.Id | Get-SwE911Address -ErrorVariable failures -ErrorAction SilentlyContinue)
        $found.Id | Should -Be @($hq.Id, $store.Id)
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "AddressNotFound,$($CmdletType['Get-SwE911Address'])"
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be $missingId
        (Get-WireRequest $emulator).path | Should -Be @("/api/relay/rest/addresses/$($hq.Id)", "/api/relay/rest/addresses/$missingId", "/api/relay/rest/addresses/$($store.Id)")
    }

    It 'shows addresses in a table of Label, StreetAddress, Country, EmergencyEnabled, Validated' {
        $text = $hq | Format-Table | Out-String -Width 200
        $header = ($text -split "`n" | Where-Object { $_ -match '\S' })[0]
        $header -split '\s+' | Where-Object { $_ } | Should -Be @('Label', 'StreetAddress', 'Country', 'EmergencyEnabled', 'Validated')
        $text | Should -Match ([regex]::Escape('1640 Riverside Drive, Alexandria, CA 91905'))
        $list = $hq | Format-List | Out-String -Width 200
        $list | Should -Match ([regex]::Escape($hq.Id))
    }
}

Describe 'Set-SwE911Address' {
    BeforeEach {
        Reset-SwEmulator $emulator -Numbers 10
        $hq = New-SwE911Address @address -EmergencyEnabled
        Clear-SwEmulatorRequest $emulator
    }

    It 'reads the address, then PUTs the whole address with the change' {
        $updated = Set-SwE911Address -Id $hq.Id -AddressType Suite -AddressNumber 300
        $updated | Should -BeOfType 'SignalWire.PowerShell.Models.E911Address'
        $updated.AddressType | Should -Be 'Suite'
        $requests = @(Get-WireRequest $emulator)
        $requests.method | Should -Be @('GET', 'PUT')
        $requests.path | Should -Be @("/api/relay/rest/addresses/$($hq.Id)", "/api/relay/rest/addresses/$($hq.Id)")
        $requests[1].body | Should -BeExactly ($hqBody -replace '"city"', '"address_type":"Suite","address_number":"300","city"')
    }

    It 'sends only the read when nothing differs, and still writes the address' {
        $same = Get-SwE911Address -Id $hq.Id | Set-SwE911Address -Verbose 4>&1
        @($same | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and "$_" -match 'no request sent' }).Count | Should -Be 1
        @($same | Where-Object { $_ -is [SignalWire.PowerShell.Models.E911Address] }).Id | Should -Be $hq.Id
        @(Get-WireRequest $emulator -Method PUT).Count | Should -Be 0
    }

    It 'shows old and new values with -WhatIf and sends no update' {
        $text = Get-HostOutput { Set-SwE911Address -Id $hq.Id -Label 'HQ reception' -PostalCode 91906 -WhatIf }
        $text | Should -Match ([regex]::Escape("label 'Headquarters' → 'HQ reception', postal_code '91905' → '91906'"))
        $text | Should -Match ([regex]::Escape("E911 address 'Headquarters' ($($hq.Id))"))
        (Get-WireRequest $emulator).method | Should -Be 'GET'
    }

    It 'takes a candidate piped in with -Id, and turns emergency calling off with -EmergencyEnabled:$false' {
        $candidate = [SignalWire.PowerShell.Models.AddressCandidate]@{ StreetNumber = '12'; StreetName = 'Harbor Road'; City = 'Austin'; State = 'TX'; PostalCode = '78701' }
        $updated = $candidate | Set-SwE911Address -Id $hq.Id
        $updated.StreetAddress | Should -Be '12 Harbor Road, Austin, TX 78701'
        $updated = Set-SwE911Address -Id $hq.Id -EmergencyEnabled:$false
        $updated.EmergencyEnabled | Should -BeFalse
        (Get-WireRequest $emulator -Method PUT)[-1].body | Should -Match '"emergency_enabled":false}$'
    }

    It 'removes the sub-address with -AddressType '''' and -AddressNumber ''''' {
        $null = Set-SwE911Address -Id $hq.Id -AddressType Suite -AddressNumber 300
        $cleared = Set-SwE911Address -Id $hq.Id -AddressType '' -AddressNumber ''
        $cleared.AddressType | Should -BeNullOrEmpty
        (Get-WireRequest $emulator -Method PUT)[-1].body | Should -BeExactly $hqBody
    }

    It 'writes a refusal as AddressValidationFailed and leaves the address as it was' {
        Set-SwE911Address -Id $hq.Id -StreetName 'Nowhere Lane' -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused[0].FullyQualifiedErrorId | Should -Be "AddressValidationFailed,$($CmdletType['Set-SwE911Address'])"
        (Get-SwE911Address -Id $hq.Id).StreetName | Should -Be 'Riverside Drive'
    }

    It 'writes AddressNotFound for an unknown id' {
        Set-SwE911Address -Id $missingId -Label x -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be "AddressNotFound,$($CmdletType['Set-SwE911Address'])"
        @(Get-WireRequest $emulator -Method PUT).Count | Should -Be 0
    }

    It 'refuses to empty a field the API requires, before any request' {
        { Set-SwE911Address -Id $hq.Id -City '' } | Should -Throw -ErrorId "InvalidFieldValue,$($CmdletType['Set-SwE911Address'])"
        @(Get-WireRequest $emulator).Count | Should -Be 0
    }
}

Describe 'Remove-SwE911Address' {
    BeforeEach {
        Reset-SwEmulator $emulator -Numbers 10
        $hq = New-SwE911Address @address -EmergencyEnabled
        $spare = New-SwE911Address @address -Label 'Spare' -EmergencyEnabled
        $local = @(Get-SwPhoneNumber | Where-Object NumberType -EQ 'longcode')
        Clear-SwEmulatorRequest $emulator
    }

    It 'has ConfirmImpact High: a deletion cannot be undone' {
        (Get-Command Remove-SwE911Address).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).ConfirmImpact |
            Should -Be 'High'
    }

    It 'names the address with -WhatIf and sends nothing' {
        $text = Get-HostOutput { $hq | Remove-SwE911Address -WhatIf }
        $text | Should -Match ([regex]::Escape("Delete E911 address"))
        $text | Should -Match ([regex]::Escape("'Headquarters' ($($hq.Id))"))
        @(Get-WireRequest $emulator).Count | Should -Be 0
    }

    It 'checks the numbers once, then deletes each unused address' {
        $out = @($hq, $spare | Remove-SwE911Address -Confirm:$false)
        $out.Count | Should -Be 0
        $requests = @(Get-WireRequest $emulator)
        $requests.method | Should -Be @('GET', 'DELETE', 'DELETE')
        $requests[0].path | Should -Be '/api/relay/rest/phone_numbers'
        $requests[0].query | Should -Be 'page_size=1000'
        $requests[1].path | Should -Be "/api/relay/rest/addresses/$($hq.Id)"
        @(Get-SwE911Address).Count | Should -Be 0
    }

    It 'refuses an address still assigned to numbers, naming them, and sends no DELETE' {
        Set-TestAssignment $local[0].Id $hq.Id
        Set-TestAssignment $local[1].Id $hq.Id
        Clear-SwEmulatorRequest $emulator
        $hq, $spare | Remove-SwE911Address -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "AddressInUse,$($CmdletType['Remove-SwE911Address'])"
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $failures[0].TargetObject | Should -Be 'Headquarters'
        $failures[0].Exception.Message | Should -Match ([regex]::Escape("is assigned to 2 phone numbers: $($local[0].Number) (active), $($local[1].Number) (active)"))
        (Get-WireRequest $emulator -Method DELETE).path | Should -Be "/api/relay/rest/addresses/$($spare.Id)"
        (Get-SwE911Address).Id | Should -Be $hq.Id
    }

    It 'reads the numbers again when the API refuses the deletion (400), to name them' {
        Set-TestAssignment $local[2].Id $spare.Id
        # The first listing is stale (it predates the assignment), so the check passes and the API answers 400.
        Add-SwEmulatorFault $emulator @{ action = 'malformed'; method = 'GET'; path = '/phone_numbers'; times = 1; body = '{"links":{},"data":[]}' }
        Clear-SwEmulatorRequest $emulator
        Remove-SwE911Address -Id $spare.Id -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "AddressInUse,$($CmdletType['Remove-SwE911Address'])"
        $failures[0].Exception.Message | Should -Match ([regex]::Escape("$($local[2].Number) (active)"))
        $requests = @(Get-WireRequest $emulator)
        $requests.method | Should -Be @('GET', 'DELETE', 'GET')
        $requests[1].status | Should -Be 400
    }

    It 'writes the API''s 400 as BadRequest when no number uses the address' {
        Add-SwEmulatorFault $emulator @{ action = 'status'; status = 400; method = 'DELETE'; path = '/addresses'; times = 1 }
        Remove-SwE911Address -Id $spare.Id -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be "BadRequest,$($CmdletType['Remove-SwE911Address'])"
        $failures[0].Exception.StatusCode | Should -Be 400
        Clear-SwEmulatorFault $emulator
    }

    It 'writes AddressNotFound for an unknown id and goes on' {
        Remove-SwE911Address -Id $missingId, $spare.Id -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "AddressNotFound,$($CmdletType['Remove-SwE911Address'])"
        (Get-WireRequest $emulator -Method DELETE).Count | Should -Be 2
    }
}

Describe 'Get-SwPhoneNumber -E911Status' {
    BeforeAll {
        Reset-SwEmulator $emulator -Numbers 10
        $hq = New-SwE911Address @address -EmergencyEnabled
        $numbers = @(Get-SwPhoneNumber)
        $tollFree = $numbers | Where-Object NumberType -EQ 'toll-free' | Select-Object -First 1
        $local = @($numbers | Where-Object NumberType -EQ 'longcode')
        Set-TestAssignment $local[0].Id $hq.Id
        Set-TestAssignment $local[1].Id $hq.Id
        Set-TestAssignment $tollFree.Id $hq.Id    # the emulated carrier does not confirm toll-free numbers: failed
    }
    BeforeEach { Clear-SwEmulatorRequest $emulator }

    It 'lists the numbers without an emergency address with "none", filtering every page here' {
        $without = @(Get-SwPhoneNumber -E911Status none)
        $without.Count | Should -Be 7
        $without | ForEach-Object { $_.E911AddressId | Should -BeNullOrEmpty }
        $without.Id | Should -Not -Contain $local[0].Id
        (Get-WireRequest $emulator).query | Should -Be 'page_size=1000' # no server filter exists: all numbers are read
    }

    It 'takes several states, and counts -First against the numbers that pass' {
        (Get-SwPhoneNumber -E911Status active).Id | Sort-Object | Should -Be (@($local[0].Id, $local[1].Id) | Sort-Object)
        (Get-SwPhoneNumber -E911Status failed).Id | Should -Be $tollFree.Id
        @(Get-SwPhoneNumber -E911Status none, failed).Count | Should -Be 8
        @(Get-SwPhoneNumber -E911Status active -First 1).Count | Should -Be 1
    }

    It 'refuses a state that does not exist, before any request' {
        { Get-SwPhoneNumber -E911Status activ } |
            Should -Throw -ErrorId "ParameterArgumentValidationError,$($CmdletType['Get-SwPhoneNumber'])"
        @(Get-WireRequest $emulator).Count | Should -Be 0
    }

    It 'shows E911Status in the phone number table' {
        $text = Get-SwPhoneNumber -Id $local[0].Id | Format-Table | Out-String -Width 200
        $text | Should -Match 'E911Status'
        $text | Should -Match '\sactive\s'
    }
}
