# Set-SwPhoneNumber -E911AddressId and -RemoveE911Address: the address is assigned by its own endpoint (POST, not the
# PUT), only where it differs, inside the same bulk machinery; an empty cell never removes an address.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 20 -ArgumentList '--e911-delay-ms', '0'
    $null = Connect-TestProject $emulator
    $cmdlet = $CmdletType['Set-SwPhoneNumber']
    $apiPath = '/api/relay/rest/phone_numbers'
    $hq = @{
        Label = 'Headquarters'; Country = 'US'; FirstName = 'Emmett'; LastName = 'Brown'
        StreetNumber = '1640'; StreetName = 'Riverside Drive'; City = 'Alexandria'; State = 'CA'; PostalCode = '91905'
    }
    function Get-Write { @(Get-WireRequest $emulator | Where-Object method -ne 'GET') }
}
AfterAll { Stop-SwEmulator $emulator }

Describe 'Set-SwPhoneNumber and the E911 address' {
    BeforeEach {
        Reset-SwEmulator $emulator -Numbers 20
        Set-SwEmulatorConfig $emulator @{ e911_provisioning_delay_ms = 0 }
        $address = New-SwE911Address @hq -EmergencyEnabled
        $numbers = @(Get-SwPhoneNumber | Where-Object NumberType -eq 'longcode')
        Clear-SwEmulatorRequest $emulator
    }

    It 'assigns an address to many numbers by POST, one each, and writes them out with their E911 status' {
        $targets = $numbers[0..4]
        $out = @($targets | Set-SwPhoneNumber -E911AddressId $address.Id)
        $out.Count | Should -Be 5
        $out | ForEach-Object { $_.E911AddressId | Should -Be $address.Id; $_.E911Status | Should -BeIn 'pending', 'active' }
        $writes = Get-Write
        $writes.Count | Should -Be 5
        foreach ($t in $targets) {
            $w = @($writes | Where-Object path -eq "$apiPath/$($t.Id)/e911_address")
            $w.Count | Should -Be 1
            $w[0].method | Should -Be 'POST'
            $w[0].body | Should -BeExactly ('{"e911_address_id":"' + $address.Id + '"}')
        }
    }

    It 'takes the address object itself, and sends nothing for a number already on it' {
        $null = $numbers[0] | Set-SwPhoneNumber -E911AddressId $address
        Clear-SwEmulatorRequest $emulator
        $again = @(Get-SwPhoneNumber -Id $numbers[0].Id | Set-SwPhoneNumber -E911AddressId $address)
        $again.Count | Should -Be 1
        (Get-Write).Count | Should -Be 0
    }

    It 'changes routing and the address in one call: the PUT, then the POST' {
        $null = $numbers[1] | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic office -E911AddressId $address.Id
        $writes = Get-Write
        $writes.method | Should -Be @('PUT', 'POST')
        $writes[0].body | Should -BeExactly '{"call_handler":"relay_topic","call_relay_topic":"office"}'
    }

    It 'puts an address back from a CSV backup where it differs, and never removes one for an empty cell' {
        $null = $numbers[2] | Set-SwPhoneNumber -E911AddressId $address.Id
        $csv = Join-Path $TestDrive 'backup.csv'
        Get-SwPhoneNumber -Id $numbers[2].Id, $numbers[3].Id | Export-Csv $csv -NoTypeInformation
        # Since the backup: numbers[2] loses its address, numbers[3] gets one.
        Set-SwEmulatorConfig $emulator @{ e911_provisioning_delay_ms = 0 }
        $null = Set-SwPhoneNumber -Id $numbers[2].Id -RemoveE911Address -Confirm:$false
        $null = $numbers[3] | Set-SwPhoneNumber -E911AddressId $address.Id
        Clear-SwEmulatorRequest $emulator

        $null = Import-Csv $csv | Set-SwPhoneNumber -ClearEmptyFields
        $writes = Get-Write
        $writes.Count | Should -Be 1
        $writes[0].method | Should -Be 'POST'
        $writes[0].path | Should -Be "$apiPath/$($numbers[2].Id)/e911_address"
        (Get-SwPhoneNumber -Id $numbers[3].Id).E911AddressId | Should -Be $address.Id
    }

    It 'removes an active address by DELETE, and refuses one that is not active before any write' {
        $null = $numbers[4] | Set-SwPhoneNumber -E911AddressId $address.Id
        Clear-SwEmulatorRequest $emulator
        $removed = Set-SwPhoneNumber -Id $numbers[4].Id -RemoveE911Address
        $removed.E911Status | Should -Be 'pending_removal'
        (Get-Write).method | Should -Be @('DELETE')

        Set-SwEmulatorConfig $emulator @{ e911_provisioning_delay_ms = 60000 }
        $null = $numbers[5] | Set-SwPhoneNumber -E911AddressId $address.Id
        Clear-SwEmulatorRequest $emulator
        Set-SwPhoneNumber -Id $numbers[5].Id -RemoveE911Address -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "E911RemovalNotAllowed,$cmdlet"
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $failures[0].Exception.Message | Should -Match "'pending'"
        (Get-Write).Count | Should -Be 0
    }

    It 'shows the assignment under -WhatIf and sends nothing' {
        $text = Get-HostOutput { $numbers[6] | Set-SwPhoneNumber -E911AddressId $address.Id -WhatIf }
        $text | Should -Match ([regex]::Escape("e911_address_id '' → '$($address.Id)' (assigned)"))
        (Get-Write).Count | Should -Be 0
    }

    It 'refuses -E911AddressId with -RemoveE911Address' {
        { Set-SwPhoneNumber -Id $numbers[0].Id -E911AddressId $address.Id -RemoveE911Address } | Should -Throw -ErrorId "TargetConflict,$cmdlet"
    }
}
