# A round trip changes nothing: every number the API can return, exported and imported unedited through CSV, Clixml and
# JSON, then piped into Set-SwPhoneNumber, sends no update and writes no error. Handler rules are judged only on a
# handler value that actually changes, so a just-bought number (laml_webhooks with no URL), one on ai_agent or call_flow
# (whose target ids the API never returns) and one on a handler only the Fabric API sets (fabric_subscriber, ...) come
# back as they are.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 60
    $null = Connect-TestProject $emulator
    # A just-bought number, as the purchase returns it.
    $available = Find-SwAvailablePhoneNumber -AreaCode 503 -MaxResults 1
    $bought = $available | New-SwPhoneNumber -Confirm:$false
    # Numbers routed by the module too, besides the seeded ones: by an agent's agent_id, and to a call flow's version.
    $laml = @(Get-SwPhoneNumber | Where-Object CallHandler -eq 'laml_webhooks')
    $agent = Get-SwResource -Type ai_agent -Name 'Booking Assistant'
    $flow = Get-SwResource -Type call_flow -Name 'Holiday Routing'
    $null = Set-SwPhoneNumber -Id $laml[0].Id -CallHandler ai_agent -CallAiAgentId $agent.ObjectId
    $null = Set-SwPhoneNumber -Id $laml[1].Id -CallHandler call_flow -CallFlowId $flow -CallFlowVersion current_deployed
    $numbers = @(Get-SwPhoneNumber)
    $routed = @($numbers | Where-Object CallHandler -in 'ai_agent', 'call_flow')
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
    It 'covers the shapes that matter: a just-bought number, numbers on AI agents and call flows, "" and null mixed' {
        $bought.CallHandler | Should -Be 'laml_webhooks'
        $bought.CallRequestUrl | Should -BeNullOrEmpty
        ($numbers | Where-Object Id -eq $bought.Id) | Should -Not -BeNullOrEmpty
        @($numbers | Where-Object CallHandler -eq 'ai_agent').Count | Should -BeGreaterThan 1
        @($numbers | Where-Object CallHandler -eq 'call_flow').Count | Should -BeGreaterThan 1
        @($numbers | Where-Object CallHandler -eq 'fabric_subscriber').Count | Should -BeGreaterThan 0
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

Describe 'An unedited round trip of numbers on AI agents and call flows' {
    # Their call_ai_agent_id, call_flow_id and call_flow_version are never returned: a copy holds them empty, and empty
    # is not the unknown value to restore, nor a difference to show.
    It 'through <Shape> sends nothing, with or without -ClearEmptyFields, and the numbers still route where they did' -TestCases @(
        @{ Shape = 'CSV' }, @{ Shape = 'Clixml' }, @{ Shape = 'JSON' }
    ) {
        $routed.Count | Should -Be 4
        $copies = @(& $shapes[$Shape] | Where-Object Id -in $routed.Id)
        $copies.Count | Should -Be $routed.Count
        foreach ($clear in $false, $true) {
            Clear-SwEmulatorRequest $emulator
            $out = @($copies | Set-SwPhoneNumber -ClearEmptyFields:$clear -ErrorVariable failures -WarningVariable warnings)
            $failures.Count | Should -Be 0 -Because ($failures | Out-String)
            $warnings.Count | Should -Be 0
            $out.Count | Should -Be $routed.Count
            @(Get-WireRequest $emulator -Method PUT).Count | Should -Be 0
        }
        $server = @(Get-SwEmulatorNumber $emulator | Where-Object id -in $routed.Id)
        foreach ($number in $routed) {
            $now = $server | Where-Object id -eq $number.Id
            $now.call_handler | Should -Be $number.CallHandler
            $now.calling_handler_resource_id | Should -Be $number.CallingHandlerResourceId
        }
    }

    It 'through <Shape> shows no change under -WhatIf and no difference to Compare-SwPhoneNumber' -TestCases @(
        @{ Shape = 'CSV' }, @{ Shape = 'Clixml' }, @{ Shape = 'JSON' }
    ) {
        $copies = @(& $shapes[$Shape] | Where-Object Id -in $routed.Id)
        $shown = Get-HostOutput { $copies | Set-SwPhoneNumber -WhatIf }
        $shown | Should -Not -Match 'What if'
        @($copies | Compare-SwPhoneNumber).Count | Should -Be 0
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
