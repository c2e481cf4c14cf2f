# The 10DLC campaign cmdlets against the emulator's registry (relay-rest/campaign-registry in the vendor's spec): the
# exact requests in its log, the objects out of the pipeline, the error ids.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 12 -ArgumentList '--registry-delay-ms', '0'
    $null = Connect-TestProject $emulator
    $registry = '/api/relay/rest/registry/beta'
    # The seeded numbers, oldest first: +15552000000 and +15552000001 are on Support SMS, +15552000002 on Appointment Reminders.
    function Get-SeedNumber([int] $Index) { '+1555{0:D7}' -f (2000000 + $Index) }
    function Get-RegistryRequest([string] $Method) { @(Get-WireRequest $emulator -Method $Method | Where-Object { $_.path -like "$registry/*" }) }
}
AfterAll {
    Disconnect-SwProject
    Stop-SwEmulator $emulator
}

Describe 'Get-SwBrand and Get-SwCampaign' {
    BeforeEach { Reset-SwEmulator $emulator -Numbers 12; Clear-SwEmulatorRequest $emulator }

    It 'lists the brands from one request' {
        $brands = @(Get-SwBrand)
        $brands.Name | Should -Be @('Acme Retail', 'Acme Health')
        $brands[0] | Should -BeOfType 'SignalWire.PowerShell.Models.Brand'
        (Get-RegistryRequest GET).path | Should -Be @("$registry/brands")
    }

    It 'lists every brand''s campaigns, each with its brand' {
        $campaigns = @(Get-SwCampaign)
        # Brand after brand, as the API lists them (newest first).
        $campaigns.Name | Should -Be @('Spring Promotions', 'Support Escalations', 'Appointment Reminders', 'Support SMS')
        ($campaigns | Where-Object Name -eq 'Spring Promotions').BrandName | Should -Be 'Acme Retail'
        $brands = Get-SwBrand
        (Get-RegistryRequest GET).path | Should -Contain "$registry/brands/$(($brands | Where-Object Name -eq 'Acme Retail').Id)/campaigns"
    }

    It 'matches -Name with wildcards, -Id, and reads only the campaigns of -BrandId' {
        @(Get-SwCampaign -Name 'support*').Name | Should -Be @('Support Escalations', 'Support SMS')
        $sms = Get-SwCampaign -Name 'Support SMS'
        (Get-SwCampaign -Id $sms.Id).Name | Should -Be 'Support SMS'
        $retail = Get-SwBrand -Name 'Acme Retail'
        Clear-SwEmulatorRequest $emulator
        @(Get-SwCampaign -BrandId $retail.Id).Name | Should -Be @('Spring Promotions')
        (Get-RegistryRequest GET).path | Should -Be @("$registry/brands", "$registry/brands/$($retail.Id)/campaigns")
    }

    It 'writes CampaignNotFound for a plain name that matches nothing' {
        $result = Get-SwCampaign -Name 'No Such Campaign' -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be "CampaignNotFound,$($CmdletType['Get-SwCampaign'])"
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Get-SwCampaignNumber' {
    BeforeEach { Reset-SwEmulator $emulator -Numbers 12; Clear-SwEmulatorRequest $emulator }

    It 'lists every campaign''s assignments with the campaign''s name' {
        $assignments = @(Get-SwCampaignNumber)
        $assignments.Count | Should -Be 3
        ($assignments | Where-Object Number -eq (Get-SeedNumber 2)).CampaignName | Should -Be 'Appointment Reminders'
        $assignments[0] | Should -BeOfType 'SignalWire.PowerShell.Models.CampaignNumber'
    }

    It 'sends -State as filter_state for the one campaign piped, without listing the campaigns' {
        $sms = Get-SwCampaign -Name 'Support SMS'
        Clear-SwEmulatorRequest $emulator
        @(Get-SwCampaignNumber -Campaign $sms -State completed).Number | Should -Be @((Get-SeedNumber 1), (Get-SeedNumber 0))
        $request = Get-RegistryRequest GET
        $request.path | Should -Be @("$registry/campaigns/$($sms.Id)/numbers")
        $request.query | Should -Match 'filter_state=completed'
    }

    It 'shows an assignment as a table of Number, CampaignName, State, Id' {
        $text = Get-SwCampaignNumber -Campaign 'Support SMS' | Format-Table | Out-String -Width 120
        $header = ($text -split "`n" | Where-Object { $_ -match '\S' })[0]
        $header -split '\s+' | Where-Object { $_ } | Should -Be @('Number', 'CampaignName', 'State', 'Id')
    }
}

Describe 'Add-SwCampaignNumber' {
    BeforeEach {
        Reset-SwEmulator $emulator -Numbers 12
        Set-SwEmulatorConfig $emulator @{ registry_order_delay_ms = 0 }
        Clear-SwEmulatorRequest $emulator
    }

    It 'sends every piped number, in any form, in one order with the exact body, and writes the order' {
        $object = Get-SwPhoneNumber -Number (Get-SeedNumber 6)
        $row = [pscustomobject]@{ Number = (Get-SeedNumber 7); Note = 'from a CSV' }
        Clear-SwEmulatorRequest $emulator
        $orders = @('+1 (555) 200-0004', '15552000005', $object, $row | Add-SwCampaignNumber -Campaign 'Support SMS' -Confirm:$false)
        $orders.Count | Should -Be 1
        $orders[0] | Should -BeOfType 'SignalWire.PowerShell.Models.CampaignOrder'
        $orders[0].State | Should -Be 'pending'
        $orders[0].CampaignName | Should -Be 'Support SMS'
        $orders[0].PhoneNumbers | Should -Be @((Get-SeedNumber 4), (Get-SeedNumber 5), (Get-SeedNumber 6), (Get-SeedNumber 7))
        $post = @(Get-RegistryRequest POST)
        $post.Count | Should -Be 1
        $post[0].path | Should -Be "$registry/campaigns/$((Get-SwCampaign -Name 'Support SMS').Id)/orders"
        $post[0].body | Should -BeExactly '{"phone_numbers":["+15552000004","+15552000005","+15552000006","+15552000007"]}'
    }

    It 'sends -StatusCallbackUrl in the order' {
        $null = Get-SeedNumber 4 | Add-SwCampaignNumber -Campaign 'Support SMS' -StatusCallbackUrl 'https://example.com/handle_callback'
        (Get-RegistryRequest POST).body | Should -BeExactly '{"phone_numbers":["+15552000004"],"status_callback_url":"https://example.com/handle_callback"}'
    }

    It 'refuses, before the order and without a request for it, a number on another campaign and one not in the project' {
        $result = @((Get-SeedNumber 0), '+15550000000', (Get-SeedNumber 4) |
                Add-SwCampaignNumber -Campaign 'Appointment Reminders' -ErrorVariable failures -ErrorAction SilentlyContinue)
        $failures.Count | Should -Be 2
        $failures[0].FullyQualifiedErrorId | Should -Be "AlreadyOnAnotherCampaign,$($CmdletType['Add-SwCampaignNumber'])"
        $failures[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $failures[0].TargetObject | Should -Be (Get-SeedNumber 0)
        $failures[0].Exception.Message | Should -Match "already on campaign 'Support SMS'"
        $failures[1].FullyQualifiedErrorId | Should -Be "PhoneNumberNotFound,$($CmdletType['Add-SwCampaignNumber'])"
        $failures[1].TargetObject | Should -Be '+15550000000'
        $result.Count | Should -Be 1
        @(Get-RegistryRequest POST).body | Should -BeExactly @('{"phone_numbers":["+15552000004"]}')
    }

    It 'sends no order when every number is refused' {
        $null = Get-SeedNumber 0 | Add-SwCampaignNumber -Campaign 'Appointment Reminders' -ErrorAction SilentlyContinue
        Get-RegistryRequest POST | Should -BeNullOrEmpty
    }

    It 'stops with CampaignNotActive before any order for a campaign that is not active' {
        { Get-SeedNumber 4 | Add-SwCampaignNumber -Campaign 'Support Escalations' -ErrorAction Stop } |
            Should -Throw -ErrorId "CampaignNotActive,$($CmdletType['Add-SwCampaignNumber'])"
        Get-RegistryRequest POST | Should -BeNullOrEmpty
    }

    It 'names each number with -WhatIf and sends nothing' {
        $text = Get-HostOutput { Get-SeedNumber 4 | Add-SwCampaignNumber -Campaign 'Support SMS' -WhatIf }
        $text | Should -Match ([regex]::Escape('on target "+15552000004"'))
        Get-RegistryRequest POST | Should -BeNullOrEmpty
    }

    It 'follows the order with -Wait and writes one completed assignment per number' {
        Set-SwEmulatorConfig $emulator @{ registry_order_delay_ms = 300 }
        $results = @((Get-SeedNumber 4), (Get-SeedNumber 5) | Add-SwCampaignNumber -Campaign 'Support SMS' -Wait)
        $results.Count | Should -Be 2
        $results | ForEach-Object { $_ | Should -BeOfType 'SignalWire.PowerShell.Models.CampaignNumber' }
        $results.Number | Should -Be @((Get-SeedNumber 4), (Get-SeedNumber 5))
        $results.State | Should -Be @('completed', 'completed')
        $results.CampaignName | Should -Be @('Support SMS', 'Support SMS')
        @(Get-RegistryRequest GET | Where-Object path -like "$registry/orders/*").Count | Should -BeGreaterThan 0
    }

    It 'gives up -Wait after -TimeoutSec with CampaignOrderTimeout, and writes the order as it is' {
        Set-SwEmulatorConfig $emulator @{ registry_order_delay_ms = 600000 }
        $results = @((Get-SeedNumber 4), (Get-SeedNumber 5) |
                Add-SwCampaignNumber -Campaign 'Support SMS' -Wait -TimeoutSec 1 -ErrorVariable failures -ErrorAction SilentlyContinue)
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "CampaignOrderTimeout,$($CmdletType['Add-SwCampaignNumber'])"
        $failures[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $results.Count | Should -Be 1
        $results[0] | Should -BeOfType 'SignalWire.PowerShell.Models.CampaignOrder'
        $results[0].State | Should -Be 'pending'
        $results[0].PhoneNumbers | Should -Be @((Get-SeedNumber 4), (Get-SeedNumber 5))
        $failures[0].Exception.Message | Should -Match "Order $($results[0].Id) .* is still pending"
        @(Get-RegistryRequest POST).Count | Should -Be 1
    }

    It 'refuses -TimeoutSec without -Wait before any request' {
        { Get-SeedNumber 4 | Add-SwCampaignNumber -Campaign 'Support SMS' -TimeoutSec 5 -ErrorAction Stop } |
            Should -Throw -ErrorId "TimeoutWithoutWait,$($CmdletType['Add-SwCampaignNumber'])"
        Get-WireRequest $emulator | Should -BeNullOrEmpty
    }

    It 'writes a failed assignment for a toll-free number with -Wait' {
        $result = '+18882000009' | Add-SwCampaignNumber -Campaign 'Support SMS' -Wait
        $result.State | Should -Be 'failed'
    }
}

Describe 'The change journal of the campaign cmdlets' {
    BeforeEach {
        Reset-SwEmulator $emulator -Numbers 12
        Set-SwEmulatorConfig $emulator @{ registry_order_delay_ms = 0 }
        Clear-SwEmulatorRequest $emulator
    }

    It 'records an order as sent then applied, one record per number, around its one POST' {
        $journal = Join-Path $TestDrive "order-$([guid]::NewGuid()).jsonl"
        $sms = Get-SwCampaign -Name 'Support SMS'
        $ids = @{}
        Get-SwPhoneNumber | ForEach-Object { $ids[$_.Number] = $_.Id }
        Clear-SwEmulatorRequest $emulator
        $order = (Get-SeedNumber 4), (Get-SeedNumber 5) | Add-SwCampaignNumber -Campaign $sms.Id -JournalPath $journal -Confirm:$false
        @(Get-RegistryRequest POST).Count | Should -Be 1
        $records = @(Get-Content $journal | ConvertFrom-Json)
        $records.outcome | Should -Be @('sent', 'sent', 'applied', 'applied')
        $records.action | Sort-Object -Unique | Should -Be 'campaign_order'
        $records.cmdlet | Sort-Object -Unique | Should -Be 'Add-SwCampaignNumber'
        $records.number | Should -Be @((Get-SeedNumber 4), (Get-SeedNumber 5), (Get-SeedNumber 4), (Get-SeedNumber 5))
        $records.id | Should -Be @($ids[(Get-SeedNumber 4)], $ids[(Get-SeedNumber 5)], $ids[(Get-SeedNumber 4)], $ids[(Get-SeedNumber 5)])
        foreach ($record in $records) {
            $record.changes.Count | Should -Be 1
            $record.changes[0].field | Should -Be 'campaign_id'
            $record.changes[0].old | Should -BeNullOrEmpty
            $record.changes[0].new | Should -Be $sms.Id
        }
        $records[2].write_id | Should -Be $records[0].write_id
        $records[3].write_id | Should -Be $records[1].write_id
        $records[2].returned.order_id | Should -Be $order.Id
    }

    It 'records a removal as campaign_remove, from the campaign to none' {
        $journal = Join-Path $TestDrive "remove-$([guid]::NewGuid()).jsonl"
        $assignment = Get-SwCampaignNumber -Campaign 'Appointment Reminders'
        $assignment | Remove-SwCampaignNumber -JournalPath $journal -Confirm:$false
        $records = @(Get-Content $journal | ConvertFrom-Json)
        $records.outcome | Should -Be @('sent', 'applied')
        $records.action | Sort-Object -Unique | Should -Be 'campaign_remove'
        $records[0].number | Should -Be $assignment.Number
        $records[0].id | Should -Be $assignment.PhoneNumberId
        $records[0].changes[0].field | Should -Be 'campaign_id'
        $records[0].changes[0].old | Should -Be $assignment.CampaignId
        $records[0].changes[0].new | Should -BeNullOrEmpty
        $records[1].returned.assignment_id | Should -Be $assignment.Id
    }

    It 'is not undone by Undo-SwChange, which says so and sends nothing' {
        $journal = Join-Path $TestDrive "undo-$([guid]::NewGuid()).jsonl"
        $null = Get-SeedNumber 4 | Add-SwCampaignNumber -Campaign 'Support SMS' -JournalPath $journal
        Get-SwCampaignNumber -Campaign 'Appointment Reminders' | Remove-SwCampaignNumber -JournalPath $journal -Confirm:$false
        Clear-SwEmulatorRequest $emulator
        $result = Undo-SwChange -Path $journal -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        @(Get-WireRequest $emulator | Where-Object method -ne 'GET').Count | Should -Be 0
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Match '^2 10DLC campaign assignments or removals in the journal were not undone'
    }

    It 'gives -JournalPath to the two writing cmdlets only' {
        (Get-Command Add-SwCampaignNumber).Parameters.Keys | Should -Contain 'JournalPath'
        (Get-Command Remove-SwCampaignNumber).Parameters.Keys | Should -Contain 'JournalPath'
        foreach ($name in 'Get-SwBrand', 'Get-SwCampaign', 'Get-SwCampaignNumber') {
            (Get-Command $name).Parameters.Keys | Should -Not -Contain 'JournalPath'
        }
    }
}

Describe 'Remove-SwCampaignNumber' {
    BeforeEach { Reset-SwEmulator $emulator -Numbers 12; Clear-SwEmulatorRequest $emulator }

    It 'deletes piped assignments by their own id' {
        $assignments = @(Get-SwCampaignNumber -Campaign 'Support SMS')
        $assignments | Remove-SwCampaignNumber -Confirm:$false
        # Sent side by side, so in any order: each once.
        (Get-RegistryRequest DELETE).path | Sort-Object | Should -Be @($assignments | ForEach-Object { "$registry/numbers/$($_.Id)" } | Sort-Object)
        Get-SwCampaignNumber -Campaign 'Support SMS' | Should -BeNullOrEmpty
    }

    It 'finds a number''s assignment in one listing per campaign, and refuses a number on none' {
        $assignment = Get-SwCampaignNumber -Campaign 'Appointment Reminders'
        Clear-SwEmulatorRequest $emulator
        '(555) 200-0002', (Get-SeedNumber 8) | Remove-SwCampaignNumber -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        (Get-RegistryRequest DELETE).path | Should -Be @("$registry/numbers/$($assignment.Id)")
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "NotOnCampaign,$($CmdletType['Remove-SwCampaignNumber'])"
        @(Get-RegistryRequest GET | Where-Object path -like '*/numbers').Count | Should -Be 4
    }

    It 'takes many numbers off side by side, each journaled, and lists none left' {
        Reset-SwEmulator $emulator -Numbers 40
        $null = Get-SwPhoneNumber -Campaign none | Add-SwCampaignNumber -Campaign 'Support SMS' -Wait -Confirm:$false
        $assignments = @(Get-SwCampaignNumber -Campaign 'Support SMS')
        $assignments.Count | Should -Be 39
        $journal = Join-Path $TestDrive "many-$([guid]::NewGuid()).jsonl"
        Set-SwEmulatorConfig $emulator @{ latency_ms = 40 }
        try {
            Clear-SwEmulatorRequest $emulator
            $output = $assignments | Remove-SwCampaignNumber -Confirm:$false -JournalPath $journal
        }
        finally { Set-SwEmulatorConfig $emulator @{ latency_ms = 0 } }
        $output | Should -BeNullOrEmpty
        $deletes = Get-RegistryRequest DELETE
        $deletes.path | Sort-Object | Should -Be @($assignments | ForEach-Object { "$registry/numbers/$($_.Id)" } | Sort-Object)
        ($deletes | Measure-Object in_flight -Maximum).Maximum | Should -BeGreaterThan 1
        $applied = @(Get-Content $journal | ConvertFrom-Json | Where-Object outcome -eq 'applied')
        $applied.returned.assignment_id | Sort-Object | Should -Be @($assignments.Id | Sort-Object)
        Get-SwCampaignNumber -Campaign 'Support SMS' | Should -BeNullOrEmpty
    }

    It 'takes a number named twice off once, in any form' {
        $assignment = Get-SwCampaignNumber -Campaign 'Appointment Reminders'
        Clear-SwEmulatorRequest $emulator
        '(555) 200-0002', (Get-SeedNumber 2), $assignment | Remove-SwCampaignNumber -Confirm:$false -ErrorVariable failures `
            -WarningVariable warnings -WarningAction SilentlyContinue
        $failures | Should -BeNullOrEmpty
        (Get-RegistryRequest DELETE).path | Should -Be @("$registry/numbers/$($assignment.Id)")
        "$warnings" | Should -Match ([regex]::Escape((Get-SeedNumber 2)) + ' more than once: each was taken off its campaign once')
    }

    It 'takes a number off when the answer to its DELETE was lost: the retry''s 404 says the first one did it' {
        $assignment = Get-SwCampaignNumber -Campaign 'Appointment Reminders'
        $journal = Join-Path $TestDrive "lost-$([guid]::NewGuid()).jsonl"
        Add-SwEmulatorFault $emulator @{ action = 'drop'; times = 1; method = 'DELETE'; path = "$registry/numbers/"; when = 'after' }
        try {
            Clear-SwEmulatorRequest $emulator
            $assignment | Remove-SwCampaignNumber -Confirm:$false -JournalPath $journal -ErrorVariable failures
        }
        finally { Clear-SwEmulatorFault $emulator }
        $failures | Should -BeNullOrEmpty
        (Get-RegistryRequest DELETE).path | Should -Be @("$registry/numbers/$($assignment.Id)", "$registry/numbers/$($assignment.Id)")
        (Get-Content $journal | ConvertFrom-Json).outcome | Should -Be @('sent', 'applied')
        Get-SwCampaignNumber -Campaign 'Appointment Reminders' | Should -BeNullOrEmpty
    }

    It 'writes one error for an assignment already gone, and takes the others off' {
        $assignments = @(Get-SwCampaignNumber)
        $assignments[0] | Remove-SwCampaignNumber -Confirm:$false
        Clear-SwEmulatorRequest $emulator
        $assignments | Remove-SwCampaignNumber -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "AssignmentNotFound,$($CmdletType['Remove-SwCampaignNumber'])"
        $failures[0].TargetObject.Id | Should -Be $assignments[0].Id
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        @(Get-RegistryRequest DELETE).Count | Should -Be $assignments.Count
        Get-SwCampaignNumber | Should -BeNullOrEmpty
    }

    It 'names each number and its campaign with -WhatIf, and sends nothing' {
        $assignments = @(Get-SwCampaignNumber)
        Clear-SwEmulatorRequest $emulator
        $text = Get-HostOutput { $assignments | Remove-SwCampaignNumber -WhatIf }
        foreach ($assignment in $assignments) {
            $text | Should -Match ([regex]::Escape("on target `"$($assignment.Number) on campaign '$($assignment.CampaignName)'`""))
        }
        Get-RegistryRequest DELETE | Should -BeNullOrEmpty
        @(Get-SwCampaignNumber).Count | Should -Be $assignments.Count
    }

    It 'stops at the first failure with -ErrorAction Stop, and sends nothing after it' {
        $assignments = @(Get-SwCampaignNumber)
        $assignments[0] | Remove-SwCampaignNumber -Confirm:$false
        Clear-SwEmulatorRequest $emulator
        { $assignments | Remove-SwCampaignNumber -Confirm:$false -ThrottleLimit 1 -ErrorAction Stop } |
            Should -Throw -ErrorId "AssignmentNotFound,$($CmdletType['Remove-SwCampaignNumber'])"
        (Get-RegistryRequest DELETE).path | Should -Be @("$registry/numbers/$($assignments[0].Id)")
        @(Get-SwCampaignNumber).Count | Should -Be ($assignments.Count - 1)
    }

    It 'asks first: ConfirmImpact High' {
        (Get-Command Remove-SwCampaignNumber).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).ConfirmImpact |
            Should -Be 'High'
        (Get-Command Add-SwCampaignNumber).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).ConfirmImpact |
            Should -Be 'Medium'
    }
}

Describe 'Get-SwPhoneNumber -Campaign' {
    BeforeEach { Reset-SwEmulator $emulator -Numbers 12; Clear-SwEmulatorRequest $emulator }

    It 'lists the numbers no campaign holds, from one listing per campaign' {
        $numbers = @(Get-SwPhoneNumber -Campaign none)
        $numbers.Count | Should -Be 9
        $numbers.Number | Should -Not -Contain (Get-SeedNumber 0)
        $numbers.Number | Should -Not -Contain (Get-SeedNumber 2)
        $get = @(Get-WireRequest $emulator -Method GET)
        @($get | Where-Object path -eq "$registry/brands").Count | Should -Be 1
        @($get | Where-Object path -like "$registry/brands/*/campaigns").Count | Should -Be 2
        @($get | Where-Object path -like "$registry/campaigns/*/numbers").Count | Should -Be 4
        @($get | Where-Object path -eq '/api/relay/rest/phone_numbers').Count | Should -Be 1
    }

    It 'lists the numbers on one campaign, reading only its assignments' {
        @(Get-SwPhoneNumber -Campaign 'Support SMS').Number | Should -Be @((Get-SeedNumber 1), (Get-SeedNumber 0))
        @(Get-WireRequest $emulator -Method GET | Where-Object path -like "$registry/campaigns/*/numbers").Count | Should -Be 1
    }

    It 'writes CampaignNotFound and lists nothing for an unknown campaign' {
        $result = Get-SwPhoneNumber -Campaign 'Nope' -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be "CampaignNotFound,$($CmdletType['Get-SwPhoneNumber'])"
        @(Get-WireRequest $emulator -Method GET | Where-Object path -eq '/api/relay/rest/phone_numbers').Count | Should -Be 0
    }
}

Describe 'Registry control' {
    BeforeAll {
        # The emulator's registry as /__emulator/registry shows it: brands, campaigns, numbers (assignments), orders.
        function Get-Registry { Invoke-SwEmulatorControl $emulator GET registry }
    }
    BeforeEach {
        Reset-SwEmulator $emulator -Numbers 12
        Set-SwEmulatorConfig $emulator @{ registry_order_delay_ms = 0 }
        Clear-SwEmulatorRequest $emulator
    }

    It 'removes the others and writes one ObjectNotFound error for an assignment a colleague removed after the listing' {
        $assignments = @(Get-SwCampaignNumber)
        $assignments.Count | Should -Be 3
        $stale = $assignments | Where-Object Number -eq (Get-SeedNumber 0)
        # The colleague's change, made elsewhere: no request of this session, nothing in the API's log.
        $null = Invoke-SwEmulatorControl $emulator DELETE "registry/numbers/$($stale.Id)"
        Clear-SwEmulatorRequest $emulator

        $result = $assignments | Remove-SwCampaignNumber -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "AssignmentNotFound,$($CmdletType['Remove-SwCampaignNumber'])"
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        "$($failures[0].TargetObject)" | Should -BeLike "$(Get-SeedNumber 0)*"
        # Sent side by side, so in any order: each once, the stale one answered 404.
        Get-RegistryRequest DELETE | ForEach-Object { "$($_.path) $($_.status)" } | Sort-Object |
            Should -Be @($assignments | ForEach-Object { "$registry/numbers/$($_.Id) $(if ($_.Id -eq $stale.Id) { 404 } else { 204 })" } | Sort-Object)
        (Get-Registry).numbers | Should -BeNullOrEmpty
    }

    It 'shows what Add-SwCampaignNumber did: its order on the campaign and one completed assignment per number' {
        $sms = Get-SwCampaign -Name 'Support SMS'
        $order = (Get-SeedNumber 4), (Get-SeedNumber 5) | Add-SwCampaignNumber -Campaign $sms.Id -Confirm:$false
        $state = Get-Registry
        $state.orders.id | Should -Be @($order.Id)
        $state.orders[0].campaign_id | Should -Be $sms.Id
        $state.orders[0].state | Should -Be 'processed'
        $onSms = @($state.numbers | Where-Object campaign_id -eq $sms.Id)
        $onSms.phone_number.number | Should -Be @((Get-SeedNumber 5), (Get-SeedNumber 4), (Get-SeedNumber 1), (Get-SeedNumber 0))
        $onSms.state | Sort-Object -Unique | Should -Be 'completed'
    }

    It 'adds a campaign and an assignment the campaign cmdlets then list and remove' {
        $added = Invoke-SwEmulatorControl $emulator POST registry -Body @{
            campaigns = @(@{ name = 'Clinic Alerts'; sms_use_case = 'ACCOUNT_NOTIFICATION'; brand_name = 'Acme Health' })
            numbers   = @(@{ campaign_name = 'Clinic Alerts'; number = (Get-SeedNumber 6) })
        }
        $added.campaigns.brand_id | Should -Be (Get-SwBrand -Name 'Acme Health').Id
        $assignment = Get-SwCampaignNumber -Campaign 'Clinic Alerts'
        $assignment.Number | Should -Be (Get-SeedNumber 6)
        $assignment.Id | Should -Be $added.numbers[0].id
        $assignment.State | Should -Be 'completed'
        $assignment | Remove-SwCampaignNumber -Confirm:$false
        (Get-Registry).numbers.id | Should -Not -Contain $assignment.Id
    }

    It 'refuses a number that is not the project''s with 400 and the reason' {
        $body = @{ numbers = @(@{ campaign_name = 'Support SMS'; number = '+15559999999' }) }
        $failure = $null
        try { $null = Invoke-SwEmulatorControl $emulator POST registry -Body $body } catch { $failure = $_ }
        [int]$failure.Exception.Response.StatusCode | Should -Be 400
        ($failure.ErrorDetails.Message | ConvertFrom-Json).error |
            Should -BeExactly 'numbers item 1: the number +15559999999 is not a number of the project: a campaign holds only the project''s numbers.'
        @((Get-Registry).numbers).Count | Should -Be 3
    }
}

Describe 'Listing once' {
    BeforeEach {
        Reset-SwEmulator $emulator -Numbers 12
        $brands = @(Get-SwBrand)
        $campaigns = @(Get-SwCampaign)
        Clear-SwEmulatorRequest $emulator
        function Get-ListingCount([string] $Like) { @(Get-RegistryRequest GET | Where-Object path -like "$registry/$Like").Count }
    }

    It 'Get-SwCampaign lists the brands and each brand''s campaigns once for every piped campaign' {
        $campaigns.Count | Should -BeGreaterThan 2
        @($campaigns | Get-SwCampaign).Id | Should -Be $campaigns.Id
        Get-ListingCount 'brands' | Should -Be 1
        Get-ListingCount 'brands/*/campaigns' | Should -Be $brands.Count
    }

    It 'Get-SwCampaign -BrandId lists that brand''s campaigns once, and names the piped ids of other brands as not found' {
        $retail = $brands | Where-Object Name -eq 'Acme Retail'
        $result = @($campaigns | Get-SwCampaign -BrandId $retail.Id -ErrorVariable failures -ErrorAction SilentlyContinue)
        $result.Name | Should -Be @('Spring Promotions')
        $failures.Count | Should -Be ($campaigns.Count - 1)
        $failures[0].FullyQualifiedErrorId | Should -Be "CampaignNotFound,$($CmdletType['Get-SwCampaign'])"
        @(Get-RegistryRequest GET).path | Should -Be @("$registry/brands", "$registry/brands/$($retail.Id)/campaigns")
    }

    It 'Get-SwBrand lists the brands once for every piped brand' {
        $brands.Count | Should -BeGreaterThan 1
        @($brands | Get-SwBrand).Id | Should -Be $brands.Id
        @(Get-RegistryRequest GET).path | Should -Be @("$registry/brands")
    }

    It 'Get-SwCampaignNumber lists the campaigns once for every piped campaign name' {
        $assignments = @('Support SMS', 'Appointment Reminders' | Get-SwCampaignNumber)
        $assignments.Count | Should -Be 3
        Get-ListingCount 'brands' | Should -Be 1
        Get-ListingCount 'brands/*/campaigns' | Should -Be $brands.Count
        Get-ListingCount 'campaigns/*/numbers' | Should -Be 2
    }
}
