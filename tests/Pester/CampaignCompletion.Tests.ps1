# Tab completion of 10DLC campaigns and brands (every -Campaign, Get-SwCampaign -Name, -Id and -BrandId, Get-SwBrand -Name
# and -Id) from the session's registry, and of the registry's state filters, through TabExpansion2 as a prompt asks for it.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 4
    $registry = '/api/relay/rest/registry/beta'

    # What tab offers at the end of a command line: the text it puts in, or another property of the offers.
    function Get-Completion([string] $Line, [string] $Property = 'CompletionText') {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object $Property)
    }

    function Add-RegistryCampaign([string] $Name, [string] $Brand = 'Acme Health', [string] $State = 'active') {
        $null = Invoke-SwEmulatorControl $emulator POST registry -Body @{
            campaigns = @(@{ name = $Name; brand_name = $Brand; state = $State; sms_use_case = 'MIXED' })
        }
    }

    # A session of its own, so that its listings are fresh (completions keep them a minute per session), and an empty log.
    function Connect-Fresh([hashtable] $Extra = @{}) {
        $null = Connect-TestProject $emulator -Extra $Extra
        Clear-SwEmulatorRequest $emulator
    }
}
AfterAll {
    Disconnect-SwProject
    Stop-SwEmulator $emulator
}

Describe 'Completion of campaigns and brands when not connected' {
    It 'offers nothing for <Line>, without a request or an error' -ForEach @(
        @{ Line = 'Add-SwCampaignNumber -Campaign ' }
        @{ Line = 'Get-SwCampaignNumber -Campaign ' }
        @{ Line = 'Get-SwPhoneNumber -Campaign ' }
        @{ Line = 'Get-SwCampaign -Name ' }
        @{ Line = 'Get-SwCampaign -Id ' }
        @{ Line = 'Get-SwCampaign -BrandId ' }
        @{ Line = 'Get-SwBrand -Name ' }
        @{ Line = 'Get-SwBrand -Id ' }
    ) {
        Disconnect-SwProject
        Clear-SwEmulatorRequest $emulator
        $Error.Clear()
        Get-Completion $Line | Should -BeNullOrEmpty
        @(Get-WireRequest $emulator).Count | Should -Be 0
        $Error.Count | Should -Be 0
    }
}

Describe 'Completion of campaigns' {
    BeforeAll {
        Reset-SwEmulator $emulator -Numbers 4
        $null = Connect-TestProject $emulator
        $brands = @(Get-SwBrand)
        $campaigns = @(Get-SwCampaign)
    }
    BeforeEach { Connect-Fresh }

    It 'completes <Line> with the campaigns'' names, quoted, listed with state and brand, the id as tooltip' -ForEach @(
        @{ Line = 'Add-SwCampaignNumber -Campaign ' }
        @{ Line = 'Get-SwCampaignNumber -Campaign ' }
        @{ Line = 'Get-SwCampaignNumber ' }
        @{ Line = 'Get-SwCampaign -Name ' }
        @{ Line = 'Get-SwCampaign ' }
    ) {
        $offers = @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
        $offers.CompletionText | Should -Be @($campaigns | ForEach-Object { "'$($_.Name)'" })
        $offers.ListItemText | Should -Be @($campaigns | ForEach-Object { "$($_.Name) ($($_.State), $($_.BrandName))" })
        $offers.ToolTip | Should -Be @($campaigns.Id)
        $offers.ListItemText | Should -Contain 'Support SMS (active, Acme Health)'
    }

    It 'reads one page of the brands, then one page of each brand''s campaigns, once for completions in a row' {
        $null = Get-Completion 'Add-SwCampaignNumber -Campaign '
        $null = Get-Completion 'Get-SwPhoneNumber -Campaign sup'
        $null = Get-Completion 'Get-SwCampaign -Id '
        $requests = @(Get-WireRequest $emulator)
        $requests.method | Sort-Object -Unique | Should -Be 'GET'
        ($requests.path | Sort-Object) | Should -Be (@("$registry/brands") + @($brands | ForEach-Object { "$registry/brands/$($_.Id)/campaigns" }) | Sort-Object)
        $requests.query | Where-Object { $_ } | Should -BeNullOrEmpty
    }

    It 'offers none first for Get-SwPhoneNumber -Campaign, then the campaigns' {
        Get-Completion 'Get-SwPhoneNumber -Campaign ' | Should -Be (@('none') + @($campaigns | ForEach-Object { "'$($_.Name)'" }))
        @(Get-Completion 'Get-SwPhoneNumber -Campaign No')[0] | Should -Be 'none'
        Get-Completion 'Get-SwPhoneNumber -Campaign sup' | Should -Not -Contain 'none'
        # Only Get-SwPhoneNumber takes none.
        Get-Completion 'Get-SwCampaignNumber -Campaign ' | Should -Not -Contain 'none'
    }

    It 'narrows to the names containing what was typed, in the quotes the user began with' {
        Get-Completion 'Get-SwCampaignNumber -Campaign sup' | Should -Be @('''Support Escalations''', '''Support SMS''')
        Get-Completion "Get-SwCampaignNumber -Campaign 'remind" | Should -Be @('''Appointment Reminders''')
        Get-Completion 'Get-SwCampaignNumber -Campaign "remind' | Should -Be @('"Appointment Reminders"')
        # What it completes names the campaign.
        $completed = @(Get-Completion "Get-SwCampaignNumber -Campaign 'remind")[0]
        @(Get-SwCampaignNumber -Campaign (Invoke-Expression $completed)).CampaignName | Sort-Object -Unique | Should -Be 'Appointment Reminders'
    }

    It 'completes Get-SwCampaign -Id with the ids, found by the start of the id or by the name, listed by name' {
        $sms = $campaigns | Where-Object Name -eq 'Support SMS'
        Get-Completion 'Get-SwCampaign -Id ' | Should -Be @($campaigns.Id)
        Get-Completion "Get-SwCampaign -Id $($sms.Id.Substring(0, 13))" | Should -Be @($sms.Id)
        Get-Completion 'Get-SwCampaign -Id sms' | Should -Be @($sms.Id)
        Get-Completion 'Get-SwCampaign -Id sms' ListItemText | Should -Be @('Support SMS (active, Acme Health)')
    }

    It 'offers only the campaigns of Get-SwCampaign -BrandId, when it is given' {
        $retail = $brands | Where-Object Name -eq 'Acme Retail'
        Get-Completion "Get-SwCampaign -BrandId $($retail.Id) -Name " | Should -Be @('''Spring Promotions''')
    }

    It 'offers the campaigns, not the file names of the current folder' {
        $null = New-Item (Join-Path $TestDrive 'Zebra.txt'), (Join-Path $TestDrive 'Support.txt') -ItemType File -Force
        Push-Location $TestDrive
        try {
            Get-Completion 'Get-SwCampaignNumber -Campaign Zeb' | Should -BeNullOrEmpty
            Get-Completion 'Add-SwCampaignNumber -Campaign Support.' | Should -BeNullOrEmpty
        }
        finally { Pop-Location }
    }

    Context 'names that need care' {
        BeforeAll {
            Reset-SwEmulator $emulator -Numbers 4
            Add-RegistryCampaign 'Alerts'
            Add-RegistryCampaign 'Support SMS' -Brand 'Acme Retail'
            $odd = "Joe's [spring] promo*"
            Add-RegistryCampaign $odd
            $null = Invoke-SwEmulatorControl $emulator POST registry -Body @{ numbers = @(@{ campaign_name = $odd; number = '+15552000003' }) }
        }
        AfterAll { Reset-SwEmulator $emulator -Numbers 4 }

        It 'leaves a name without spaces bare' {
            Get-Completion 'Add-SwCampaignNumber -Campaign Ale' | Should -Be @('Alerts')
        }

        It 'completes a name two campaigns share to each one''s id for -Campaign, told apart by brand; once for -Name' {
            $shared = @(Get-SwCampaign -Name 'Support SMS')
            $shared.Count | Should -Be 2
            Clear-SwEmulatorRequest $emulator
            Get-Completion 'Add-SwCampaignNumber -Campaign ''Support SMS' | Should -Be @($shared.Id)
            Get-Completion 'Add-SwCampaignNumber -Campaign ''Support SMS' ListItemText | Sort-Object |
                Should -Be @('Support SMS (active, Acme Health)', 'Support SMS (active, Acme Retail)')
            Get-Completion 'Get-SwCampaign -Name ''Support SMS' | Should -Be @('''Support SMS''')
        }

        It 'escapes quotes and wildcard characters, so that the completed text names the campaign' {
            foreach ($line in 'Get-SwCampaignNumber -Campaign Joe', "Get-SwCampaignNumber -Campaign 'Joe", 'Get-SwCampaignNumber -Campaign "Joe') {
                $completed = @(Get-Completion $line)
                $completed.Count | Should -Be 1 -Because $line
                $assignment = Get-SwCampaignNumber -Campaign (Invoke-Expression $completed[0]) -ErrorAction Stop
                $assignment.Number | Should -Be '+15552000003' -Because $line
                $assignment.CampaignName | Should -BeExactly $odd -Because $line
                # -Name reads the completed text as a pattern too, and sends the name itself as the server's filter.
                Clear-SwEmulatorRequest $emulator
                (Get-SwCampaign -Name (Invoke-Expression $completed[0]) -ErrorAction Stop).Name | Should -BeExactly $odd -Because $line
                $query = @(Get-WireRequest $emulator -Method GET | Where-Object path -like '*/campaigns')[0].query
                [uri]::UnescapeDataString(($query -replace '^filter_name=', '')) | Should -BeExactly $odd -Because $line
            }
        }
    }

    Context 'more brands and campaigns than one page' {
        BeforeAll {
            Reset-SwEmulator $emulator -Numbers 4
            # The newest brand, first of the brands' first page, gets more campaigns than a page holds.
            $null = Invoke-SwEmulatorControl $emulator POST registry -Body @{ brands = @(1..60 | ForEach-Object { @{ name = ('Brand {0:D2}' -f $_) } }) }
            $null = Invoke-SwEmulatorControl $emulator POST registry -Body @{
                campaigns = @(1..60 | ForEach-Object { @{ name = ('Bulk {0:D2}' -f $_); brand_name = 'Bulk Brand'; sms_use_case = 'MIXED' } })
            }
            $allBrands = @(Get-SwBrand)
            $bulkBrand = $allBrands | Where-Object Name -eq 'Bulk Brand'
            $bulk = @(Get-SwCampaign -BrandId $bulkBrand.Id)
        }
        AfterAll { Reset-SwEmulator $emulator -Numbers 4 }

        It 'offers the first page of the brands, from one request' {
            $offered = @(Get-Completion 'Get-SwBrand -Name ')
            $offered.Count | Should -BeGreaterThan 0
            $offered.Count | Should -BeLessThan $allBrands.Count
            (Get-WireRequest $emulator).path | Should -Be @("$registry/brands")
        }

        It 'offers the first page of each listed brand''s campaigns, from one request per brand' {
            $offered = @(Get-Completion 'Get-SwCampaign -Name bulk')
            $offered.Count | Should -BeGreaterThan 0
            $offered.Count | Should -BeLessThan $bulk.Count
            $requests = @(Get-WireRequest $emulator)
            @($requests | Where-Object path -eq "$registry/brands").Count | Should -Be 1
            $campaignLists = @($requests | Where-Object path -like "$registry/brands/*/campaigns")
            $campaignLists.Count | Should -BeLessThan $allBrands.Count
            @($campaignLists.path | Sort-Object -Unique).Count | Should -Be $campaignLists.Count
            $campaignLists.path | Should -Contain "$registry/brands/$($bulkBrand.Id)/campaigns"
            $requests.query | Where-Object { $_ } | Should -BeNullOrEmpty
        }
    }

    It 'offers nothing, without an error, when a campaign listing fails' {
        Connect-Fresh -Extra @{ MaximumRetryCount = 0 }
        Add-SwEmulatorFault $emulator @{ action = 'status'; status = 500; path = '/campaigns' }
        try {
            $Error.Clear()
            Get-Completion 'Add-SwCampaignNumber -Campaign ' | Should -BeNullOrEmpty
            Get-Completion 'Get-SwPhoneNumber -Campaign ' | Should -BeNullOrEmpty
            $Error.Count | Should -Be 0
        }
        finally { Clear-SwEmulatorFault $emulator }
    }

    It 'offers nothing, without an error, when the API is unreachable' {
        $gone = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 2
        $null = Connect-TestProject $gone -Extra @{ MaximumRetryCount = 0 }
        Stop-SwEmulator $gone
        $Error.Clear()
        Get-Completion 'Get-SwCampaignNumber -Campaign ' | Should -BeNullOrEmpty
        Get-Completion 'Get-SwBrand -Name ' | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }
}

Describe 'Completion of brands' {
    BeforeAll {
        Reset-SwEmulator $emulator -Numbers 4
        $null = Connect-TestProject $emulator
        $brands = @(Get-SwBrand)
    }
    BeforeEach { Connect-Fresh }

    It 'completes Get-SwBrand -Name with the names, quoted, the id as tooltip, from one request' {
        $offers = @((TabExpansion2 -inputScript 'Get-SwBrand -Name ' -cursorColumn 18).CompletionMatches)
        $offers.CompletionText | Should -Be @($brands | ForEach-Object { "'$($_.Name)'" })
        $offers.ListItemText | Should -Be @($brands.Name)
        $offers.ToolTip | Should -Be @($brands.Id)
        Get-Completion 'Get-SwBrand retail' | Should -Be @('''Acme Retail''')
        $requests = @(Get-WireRequest $emulator)
        $requests.path | Should -Be @("$registry/brands")
    }

    It 'completes <Line> with the ids, listed by name, found by the start of the id or by the name' -ForEach @(
        @{ Line = 'Get-SwBrand -Id ' }
        @{ Line = 'Get-SwCampaign -BrandId ' }
    ) {
        $retail = $brands | Where-Object Name -eq 'Acme Retail'
        Get-Completion $Line | Should -Be @($brands.Id)
        Get-Completion $Line ListItemText | Should -Be @($brands.Name)
        Get-Completion "${Line}retail" | Should -Be @($retail.Id)
        Get-Completion "$Line$($retail.Id.Substring(0, 8))" | Should -Be @($retail.Id)
    }
}

Describe 'Completion of the registry''s state filters' {
    It 'completes <Line> with its allowed values, before connecting' -ForEach @(
        @{ Line = 'Get-SwCampaignNumber -State '; Values = @('completed', 'failed', 'pending') }
        @{ Line = 'Get-SwPhoneNumber -E911Status '; Values = @('active', 'failed', 'none', 'pending', 'pending_removal', 'unregistered') }
    ) {
        Disconnect-SwProject
        (Get-Completion $Line | Sort-Object) | Should -Be $Values
        Get-Completion "${Line}p" | Sort-Object | Should -Be @($Values | Where-Object { $_ -like 'p*' })
    }
}

Describe 'Every campaign and brand parameter completes' {
    It 'gives every -Campaign and -BrandId of the module a completer' {
        $parameters = @(foreach ($command in Get-Command -Module SignalWire.PowerShell -CommandType Cmdlet) {
                foreach ($parameter in $command.Parameters.Values | Where-Object Name -in 'Campaign', 'BrandId') {
                    [pscustomobject]@{ Name = "$($command.Name) -$($parameter.Name)"; Parameter = $parameter }
                }
            })
        ($parameters.Name | Sort-Object) |
            Should -Be @('Add-SwCampaignNumber -Campaign', 'Get-SwCampaign -BrandId', 'Get-SwCampaignNumber -Campaign', 'Get-SwPhoneNumber -Campaign')
        foreach ($found in $parameters) {
            $found.Parameter.Attributes | Where-Object { $_ -is [ArgumentCompleter] } | Should -Not -BeNullOrEmpty -Because "$($found.Name) names a campaign or a brand"
        }
    }
}
