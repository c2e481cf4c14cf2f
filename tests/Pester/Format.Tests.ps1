BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 3
    $session = Connect-TestProject $emulator
    $number = Get-SwPhoneNumber -First 1
}
AfterAll {
    Disconnect-SwProject
    Stop-SwEmulator $emulator
}

Describe 'Views' {
    It 'has a table and a list view for <TypeName>' -ForEach @(
        @{ TypeName = 'SignalWire.PowerShell.Models.PhoneNumber' }
        @{ TypeName = 'SignalWire.PowerShell.Client.SwSession' }
        @{ TypeName = 'SignalWire.PowerShell.Models.E911Address' }
    ) {
        $controls = (Get-FormatData -TypeName $TypeName).FormatViewDefinition.Control | ForEach-Object { $_.GetType().Name }
        $controls | Should -Contain 'TableControl'
        $controls | Should -Contain 'ListControl'
    }

    It 'shows a phone number as a table of Number, Name, CallHandler, MessageHandler, E911Status that fits 80 columns' {
        # At 80 columns the header stays on one line: nothing wraps in a default console.
        $text = $number | Format-Table | Out-String -Width 80
        $header = ($text -split "`n" | Where-Object { $_ -match '\S' })[0]
        $header -split '\s+' | Where-Object { $_ } | Should -Be @('Number', 'Name', 'CallHandler', 'MessageHandler', 'E911Status')
        $header.TrimEnd().Length | Should -BeLessOrEqual 80
        $text | Should -Match ([regex]::Escape($number.Number))
        $number.Number | Should -Match '^\+[1-9][0-9]{1,14}$'
    }

    It 'shows the key fields of a phone number as a list, the E.164 number first' {
        $text = $number | Format-List | Out-String -Width 200
        $lines = @($text -split "`n" | Where-Object { $_ -match '\S' })
        $lines[0] | Should -Match "^Number\s+: $([regex]::Escape($number.Number))$"
        foreach ($key in 'Name', 'Id', 'Capabilities', 'CallHandler', 'MessageHandler') { $text | Should -Match "(?m)^$key\s+:" }
        $text | Should -Match ([regex]::Escape($number.Id))
    }

    It 'never shows the token in a session, whatever the view' {
        foreach ($text in @(
                ($session | Format-Table | Out-String -Width 300)
                ($session | Format-List | Out-String -Width 300)
                ($session | Format-List * | Out-String -Width 300)
                ($session | Format-Table * | Out-String -Width 300)
                (Get-SwSession | Out-String -Width 300)
                ($session | ConvertTo-Json -Depth 3)
            )) {
            $text | Should -Not -Match ([regex]::Escape($emulator.Token))
            $text | Should -Match ([regex]::Escape($emulator.ProjectId))
        }
    }

    It 'shows the session settings in the list view' {
        $text = $session | Format-List | Out-String -Width 200
        foreach ($key in 'SpaceUrl', 'ProjectId', 'ConnectedAt', 'MaximumRetryCount', 'TimeoutSec', 'WriteRateLimit') { $text | Should -Match "(?m)^$key\s+:" }
    }
}
