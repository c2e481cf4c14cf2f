# The worked example AFTER BUYING NUMBERS of about_SignalWire_Campaigns, run as it is written there: buy, route to an AI
# agent, give the long codes an E911 address, put the SMS-capable ones on a campaign; then the one pipeline for every
# number of the project that cannot text yet.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 12 -ArgumentList '--registry-delay-ms', '0'
    $null = Connect-TestProject $emulator
    $registry = '/api/relay/rest/registry/beta'

    # The section's code, as written: its lines indented as code, split into statements by the parser.
    $topic = Get-Content (Join-Path $RepoRoot 'docs/about/about_SignalWire_Campaigns.help.txt')
    $start = [array]::IndexOf($topic, 'AFTER BUYING NUMBERS')
    $end = [array]::IndexOf($topic, 'BRANDS AND CAMPAIGNS')
    $code = @($topic[($start + 1)..($end - 1)] | Where-Object { $_ -match '^ {8}' })
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput(($code -join "`n"), [ref] $null, [ref] $errors)
    $steps = @($ast.EndBlock.Statements | ForEach-Object { $_.Extent.Text })

    # What the example takes for granted: an E911 address labelled HQ (the seed has none).
    $null = New-SwE911Address -Label HQ -Country US -FirstName Emmett -LastName Brown -StreetNumber 1640 `
        -StreetName 'Riverside Drive' -City Alexandria -State CA -PostalCode 91905 -EmergencyEnabled -WarningAction SilentlyContinue
    $agentId = (Get-SwEmulatorResource $emulator | Where-Object { $_.type -eq 'ai_agent' -and $_.display_name -eq 'Front Desk' }).id
}
AfterAll {
    Disconnect-SwProject
    Stop-SwEmulator $emulator
}

Describe 'The worked example "AFTER BUYING NUMBERS" of about_SignalWire_Campaigns' {
    It 'is six statements that parse: buy, find the agent, route, E911, campaign, and the pipeline for the whole project' {
        $start | Should -BeGreaterThan 0
        $errors.Count | Should -Be 0
        $steps.Count | Should -Be 6
        $steps[0] | Should -Match '^\$new = Find-SwAvailablePhoneNumber'
        $steps[5] | Should -Match '^Get-SwPhoneNumber -Campaign none'
    }

    It 'runs as written: each number bought is routed, the long codes get the address, the SMS ones go on the campaign' {
        . ([scriptblock]::Create($steps[0]))
        $new.Count | Should -Be 5
        . ([scriptblock]::Create($steps[1]))
        $agent.Id | Should -Be $agentId

        Clear-SwEmulatorRequest $emulator
        $routed = @(. ([scriptblock]::Create($steps[2])))
        $routed.Count | Should -Be 5
        (Get-WireRequest $emulator -Method PUT).body | Sort-Object -Unique |
            Should -BeExactly ('{"call_handler":"ai_agent","call_ai_agent_id":"' + $agentId + '"}')

        $longCodes = @($new | Where-Object NumberType -eq longcode)
        $longCodes.Count | Should -BeGreaterThan 0
        $hq = Get-SwE911Address -Label HQ
        $withAddress = @(. ([scriptblock]::Create($steps[3])))
        ($withAddress.Id | Sort-Object) -join ',' | Should -Be (($longCodes.Id | Sort-Object) -join ',')
        $withAddress.E911AddressId | Sort-Object -Unique | Should -Be $hq.Id

        $sms = @($new | Where-Object { $_.Capabilities -contains 'sms' })
        $sms.Count | Should -BeGreaterThan 0
        Clear-SwEmulatorRequest $emulator
        $assigned = @(. ([scriptblock]::Create($steps[4])))
        $orders = @(Get-WireRequest $emulator -Method POST | Where-Object path -like "$registry/campaigns/*/orders")
        $orders.Count | Should -Be 1
        ($orders[0].body | ConvertFrom-Json).phone_numbers | Should -Be @($sms.Number)
        ($assigned.Number | Sort-Object) -join ',' | Should -Be (($sms.Number | Sort-Object) -join ',')
        $assigned.State | Sort-Object -Unique | Should -Be 'completed'
        $assigned.CampaignName | Sort-Object -Unique | Should -Be 'Support SMS'
    }

    It 'puts every SMS number of the project that no campaign holds on the campaign, in one order' {
        $waiting = @(Get-SwPhoneNumber -Campaign none | Where-Object { $_.Capabilities -contains 'sms' })
        $waiting.Count | Should -BeGreaterThan 0
        Clear-SwEmulatorRequest $emulator
        $order = @(. ([scriptblock]::Create($steps[5])))
        $order.Count | Should -Be 1
        $posts = @(Get-WireRequest $emulator -Method POST)
        $posts.Count | Should -Be 1
        ($posts[0].body | ConvertFrom-Json).phone_numbers | Should -Be @($waiting.Number)
        @(Get-SwPhoneNumber -Campaign none | Where-Object { $_.Capabilities -contains 'sms' }).Count | Should -Be 0
    }
}
