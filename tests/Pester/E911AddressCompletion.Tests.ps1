# Tab completion of E911 addresses (Remove-SwE911Address -Id, Get-SwE911Address -Id and -Label, Set-SwE911Address -Id,
# Set-SwPhoneNumber -E911AddressId) from the session's addresses, through TabExpansion2 as a prompt asks for it.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 2 -ArgumentList '--e911-delay-ms', '0'
    $address = @{
        Country = 'US'; FirstName = 'Emmett'; LastName = 'Brown'; StreetNumber = '1640'; StreetName = 'Riverside Drive'
        City = 'Alexandria'; State = 'CA'; PostalCode = '91905'; EmergencyEnabled = $true
    }

    # What tab offers at the end of a command line: the text it puts in, or the text it lists.
    function Get-Completion([string] $Line, [string] $Property = 'CompletionText') {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object $Property)
    }
}
AfterAll {
    Disconnect-SwProject
    Stop-SwEmulator $emulator
}

Describe 'Completion of E911 addresses' {
    It 'offers nothing, without a request or an error, when not connected' {
        Disconnect-SwProject
        Clear-SwEmulatorRequest $emulator
        $Error.Clear()
        Get-Completion 'Remove-SwE911Address -Id ' | Should -BeNullOrEmpty
        Get-Completion 'Get-SwE911Address -Label ' | Should -BeNullOrEmpty
        Get-Completion 'Set-SwPhoneNumber -Id 233dffc2-2ad3-455e-a597-0e332c39662a -E911AddressId ' | Should -BeNullOrEmpty
        @(Get-WireRequest $emulator).Count | Should -Be 0
        $Error.Count | Should -Be 0
    }

    Context 'connected to a project with two addresses' {
        BeforeAll {
            $null = Connect-TestProject $emulator
            $hq = New-SwE911Address @address -Label 'Headquarters'
            $store = New-SwE911Address @address -Label 'Warehouse store' -StreetNumber 12
            $ids = @($hq.Id, $store.Id) | Sort-Object
        }
        BeforeEach { Clear-SwEmulatorRequest $emulator }

        It 'completes the ids of Remove-SwE911Address -Id, listing each as its label and id, from one listing of the addresses' {
            (Get-Completion 'Remove-SwE911Address -Id ' | Sort-Object) | Should -Be $ids
            Get-Completion 'Remove-SwE911Address -Id ' ListItemText | Should -Contain "Headquarters ($($hq.Id))"
            (Get-Completion 'Get-SwE911Address -Id ' | Sort-Object) | Should -Be $ids
            (Get-Completion 'Set-SwE911Address -Id ' | Sort-Object) | Should -Be $ids
            $requests = @(Get-WireRequest $emulator)
            $requests.Count | Should -Be 1
            $requests[0].path | Should -Be '/api/relay/rest/addresses'
            $requests[0].query | Should -Be 'page_size=1000'
        }

        It 'completes the labels of Get-SwE911Address -Label, quoted where they need it, listing each with its id' {
            (Get-Completion 'Get-SwE911Address -Label ' | Sort-Object) | Should -Be @('''Warehouse store''', 'Headquarters')
            Get-Completion 'Get-SwE911Address -Label ' ListItemText | Should -Contain "Warehouse store ($($store.Id))"
            Get-Completion "Get-SwE911Address -Label 'ware" | Should -Be @('''Warehouse store''')
            Get-Completion 'Get-SwE911Address -Label "ware' | Should -Be @('"Warehouse store"')
            # What it completes finds the address.
            $completed = @(Get-Completion "Get-SwE911Address -Label 'ware")[0]
            (Get-SwE911Address -Label (Invoke-Expression $completed)).Id | Should -Be $store.Id
        }

        It 'quotes a label with quotes in it so that the completed text is the label' {
            $diner = New-SwE911Address @address -Label "Joe's ‘diner’ `$5"
            try {
                foreach ($line in "Get-SwE911Address -Label Joe", "Get-SwE911Address -Label 'Joe", 'Get-SwE911Address -Label "Joe') {
                    $completed = @(Get-Completion $line)
                    $completed.Count | Should -Be 1 -Because $line
                    Invoke-Expression $completed[0] | Should -BeExactly $diner.Label -Because $line
                }
            }
            finally { $diner | Remove-SwE911Address -Confirm:$false }
        }

        It 'completes Set-SwPhoneNumber -E911AddressId with the ids, found by the start of the id or by the label' {
            $line = 'Set-SwPhoneNumber -Id 233dffc2-2ad3-455e-a597-0e332c39662a -E911AddressId '
            (Get-Completion $line | Sort-Object) | Should -Be $ids
            Get-Completion "${line}ware" | Should -Be @($store.Id)
            Get-Completion "$line$($hq.Id.Substring(0, 13))" | Should -Be @($hq.Id)
            Get-Completion "${line}ware" ListItemText | Should -Be @("Warehouse store ($($store.Id))")
        }

        It 'offers the addresses, not the file names of the current folder' {
            $null = New-Item (Join-Path $TestDrive 'Heat.txt'), (Join-Path $TestDrive 'Harbor.txt') -ItemType File -Force
            Push-Location $TestDrive
            try {
                Get-Completion 'Get-SwE911Address -Label Hea' | Should -Be @('Headquarters')
                Get-Completion 'Remove-SwE911Address -Id Hea' | Should -Be @($hq.Id)
                Get-Completion 'Set-SwPhoneNumber -E911AddressId Harb' | Should -BeNullOrEmpty
            }
            finally { Pop-Location }
        }

        It 'lists again once an address cmdlet has changed the addresses' {
            $null = Get-Completion 'Remove-SwE911Address -Id '
            $spare = New-SwE911Address @address -Label 'Spare'
            Get-Completion 'Remove-SwE911Address -Id ' | Should -Contain $spare.Id
            $spare | Remove-SwE911Address -Confirm:$false
            Get-Completion 'Remove-SwE911Address -Id ' | Should -Not -Contain $spare.Id
        }
    }
}
