# A round trip changes nothing: every number the API can return, exported and imported unedited through CSV, Clixml and
# JSON, then piped into Set-SwPhoneNumber, sends no update and writes no error. Handler rules are judged only on a
# handler value that actually changes, so a just-bought number (laml_webhooks with no URL) or one on a Fabric-only
# handler (ai_agent, call_flow, ...) comes back as it is.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 60
    $null = Connect-TestProject $emulator
    # A just-bought number, as the purchase returns it.
    $available = Find-SwAvailablePhoneNumber -AreaCode 503 -MaxResults 1
    $bought = $available | New-SwPhoneNumber -Confirm:$false
    $numbers = @(Get-SwPhoneNumber)
    $dir = Join-Path ([IO.Path]::GetTempPath()) "sw-roundtrip-$([guid]::NewGuid())"
    $null = New-Item -ItemType Directory $dir
    $shapes = @{
        CSV    = { $numbers | Export-Csv (Join-Path $dir 'n.csv') -NoTypeInformation; Import-Csv (Join-Path $dir 'n.csv') }
        Clixml = { $numbers | Export-Clixml (Join-Path $dir 'n.xml'); Import-Clixml (Join-Path $dir 'n.xml') }
        JSON   = { $numbers | ConvertTo-Json -Depth 5 | ConvertFrom-Json }
    }
}
AfterAll {
    Stop-SwEmulator $emulator
    Remove-Item $dir -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'An unedited round trip' {
    It 'covers the shapes that matter: a just-bought number, Fabric-only handlers, "" and null mixed' {
        $bought.CallHandler | Should -Be 'laml_webhooks'
        $bought.CallRequestUrl | Should -BeNullOrEmpty
        ($numbers | Where-Object Id -eq $bought.Id) | Should -Not -BeNullOrEmpty
        @($numbers | Where-Object CallHandler -eq 'ai_agent').Count | Should -BeGreaterThan 0
        $raw = Get-SwEmulatorNumber $emulator
        @($raw | Where-Object { $_.call_relay_topic -eq '' }).Count | Should -BeGreaterThan 0
        @($raw | Where-Object { $null -eq $_.call_request_url }).Count | Should -BeGreaterThan 0
    }

    It 'through <Shape> sends no update and writes no error, with or without -ClearEmptyFields' -TestCases @(
        @{ Shape = 'CSV' }, @{ Shape = 'Clixml' }, @{ Shape = 'JSON' }
    ) {
        $copies = @(& $shapes[$Shape])
        $copies.Count | Should -Be $numbers.Count
        foreach ($clear in $false, $true) {
            Clear-SwEmulatorRequest $emulator
            $out = @($copies | Set-SwPhoneNumber -ClearEmptyFields:$clear -ErrorVariable failures -WarningVariable warnings)
            $failures.Count | Should -Be 0 -Because ($failures | Out-String)
            $warnings.Count | Should -Be 0
            $out.Count | Should -Be $numbers.Count
            @(Get-WireRequest $emulator | Where-Object method -ne 'GET').Count | Should -Be 0
        }
    }
}

Describe 'An unedited round trip of the captured real numbers' {
    BeforeAll {
        # The live API's own bodies (tests/fixtures), served as they are: a full number with "" and null mixed, a
        # just-bought one (partial: name, URL and methods null) and one on relay_script.
        $captured = 'get_phone_number.json', 'purchase_phone_number_partial.json', 'update_phone_number_partial.json' |
            ForEach-Object { Get-Content (Join-Path $FixturesPath $_) -Raw }
        $seed = Join-Path $dir 'captured.json'
        Set-Content $seed -Value ('[' + ($captured -join ',') + ']')
        $real = Start-SwEmulator -EmulatorDll $EmulatorDll -Seed $seed
        $null = Connect-TestProject $real
        $realNumbers = @(Get-SwPhoneNumber)
    }
    AfterAll { Stop-SwEmulator $real }

    It 'serves the three captured numbers' {
        $realNumbers.Count | Should -Be 3
        ($realNumbers | Where-Object Number -eq '+19254809561').CallHandler | Should -Be 'laml_webhooks'
    }

    It 'through <Shape> sends no update and writes no error' -TestCases @(
        @{ Shape = 'CSV'; Copy = { param($n) $n | Export-Csv (Join-Path $dir 'r.csv') -NoTypeInformation; Import-Csv (Join-Path $dir 'r.csv') } }
        @{ Shape = 'Clixml'; Copy = { param($n) $n | Export-Clixml (Join-Path $dir 'r.xml'); Import-Clixml (Join-Path $dir 'r.xml') } }
        @{ Shape = 'JSON'; Copy = { param($n) $n | ConvertTo-Json -Depth 5 | ConvertFrom-Json } }
    ) {
        $copies = @(& $Copy $realNumbers)
        Clear-SwEmulatorRequest $real
        $out = @($copies | Set-SwPhoneNumber -ErrorVariable failures -WarningVariable warnings)
        $failures.Count | Should -Be 0 -Because ($failures | Out-String)
        $warnings.Count | Should -Be 0
        $out.Count | Should -Be 3
        @(Get-WireRequest $real | Where-Object method -ne 'GET').Count | Should -Be 0
    }
}
