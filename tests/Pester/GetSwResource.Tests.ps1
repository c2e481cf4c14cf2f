# Get-SwResource against the emulator's Fabric resources: every page, each type's own list, names with and without
# wildcards, ids, the errors a user meets and the default view; and from resources to the numbers they handle
# (Get-SwResource | Get-SwPhoneNumber, -IncludeHandlerName), counted in the emulator's request log.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 100
    $null = Connect-TestProject $emulator
    $resourceCmdlet = $CmdletType['Get-SwResource']
    $resourcesPath = '/api/fabric/resources'
    $numbersPath = '/api/relay/rest/phone_numbers'
    $seeded = @(Get-SwEmulatorResource $emulator)

    # The API requests of the log to $Path.
    function Get-RequestTo([string] $Path) { @(Get-WireRequest $emulator | Where-Object path -eq $Path) }
}
AfterAll { Stop-SwEmulator $emulator }

Describe 'Get-SwResource lists' {
    BeforeEach { Clear-SwEmulatorRequest $emulator }

    It 'every resource of the project, each once, as FabricResource objects with the API''s fields' {
        $all = @(Get-SwResource)
        $all.Count | Should -Be $seeded.Count
        ($all.Id | Sort-Object) -join ',' | Should -Be (($seeded.id | Sort-Object) -join ',')
        $all | ForEach-Object { $_ | Should -BeOfType ([SignalWire.PowerShell.Models.FabricResource]) }
        $agent = $all | Where-Object { $_.Type -eq 'ai_agent' -and $_.DisplayName -eq 'Front Desk' }
        $wire = $seeded | Where-Object id -eq $agent.Id
        $agent.ObjectId | Should -Be $wire.ai_agent.agent_id
        $agent.ObjectId | Should -Not -Be $agent.Id
        $agent.TargetId | Should -Be $agent.Id
        $agent.ProjectId | Should -Be $emulator.ProjectId
        $agent.CreatedAt | Should -BeOfType ([datetime])
        (Get-RequestTo $resourcesPath).Count | Should -Be 1
    }

    It 'a cXML application''s TargetId is the application''s own id, the one its phone-number fields take' {
        $app = Get-SwResource -Type cxml_application -Name 'Reception App'
        $app.TargetId | Should -Be ($seeded | Where-Object id -eq $app.Id).cxml_application.id
    }

    It '-Type <Type> reads only <Path>, and only resources of that type' -TestCases @(
        @{ Type = 'ai_agent'; Path = '/api/fabric/resources/ai_agents' }
        @{ Type = 'call_flow'; Path = '/api/fabric/resources/call_flows' }
        @{ Type = 'sip_endpoint'; Path = '/api/fabric/resources/sip_endpoints' }
    ) {
        $listed = @(Get-SwResource -Type $Type)
        $expected = @($seeded | Where-Object type -eq $Type)
        $expected.Count | Should -BeGreaterThan 1
        ($listed.Id | Sort-Object) -join ',' | Should -Be (($expected.id | Sort-Object) -join ',')
        $listed.Type | Sort-Object -Unique | Should -Be $Type
        $requests = @(Get-WireRequest $emulator)
        $requests.Count | Should -Be 1
        $requests[0].method | Should -Be 'GET'
        $requests[0].path | Should -Be $Path
    }

    It '-Name <Name> matches <Expected>' -TestCases @(
        @{ Name = 'Booking'; Expected = 'Booking Assistant (call_flow), Booking Assistant (ai_agent)' }
        @{ Name = 'front desk'; Expected = 'Front Desk (ai_agent)' }
        @{ Name = '*Phone'; Expected = 'Warehouse Phone (sip_endpoint), Reception Desk Phone (sip_endpoint), Conference Room Phone (sip_endpoint)' }
        @{ Name = 'Re*'; Expected = 'Reception Desk Phone (sip_endpoint), Reception App (cxml_application)' }
        @{ Name = '?ain IVR'; Expected = 'Main IVR (call_flow)' }
        @{ Name = 'Desk'; Expected = 'Reception Desk Phone (sip_endpoint), Front Desk (ai_agent)' }
        @{ Name = 'Desk*'; Expected = '' }
    ) {
        $found = @(Get-SwResource -Name $Name -ErrorVariable failures)
        $failures.Count | Should -Be 0
        # The spec does not say in which order resources are listed.
        ($found | ForEach-Object { "$($_.DisplayName) ($($_.Type))" } | Sort-Object) -join ', ' |
            Should -Be (($Expected -split ', ' | Where-Object { $_ } | Sort-Object) -join ', ')
        # The API has no name filter: one listing, matched here.
        (Get-RequestTo $resourcesPath).Count | Should -Be 1
    }

    It 'finds a resource by an id given by position, in either form (<Form>)' -TestCases @(
        @{ Form = 'its Id'; Pick = { param($wire) $wire.id } }
        @{ Form = 'its agent_id'; Pick = { param($wire) $wire.ai_agent.agent_id } }
    ) {
        $wire = $seeded | Where-Object { $_.type -eq 'ai_agent' -and $_.display_name -eq 'Front Desk' }
        $found = @(Get-SwResource (& $Pick $wire))
        $found.Id | Should -Be $wire.id
        (Get-RequestTo $resourcesPath).Count | Should -Be 1
    }

    It '-Type and -Name together keep the resources of that type whose name matches' {
        $found = @(Get-SwResource -Type ai_agent -Name 'Booking')
        $found.Count | Should -Be 1
        $found[0].Type | Should -Be 'ai_agent'
        @(Get-WireRequest $emulator).path | Should -Be '/api/fabric/resources/ai_agents'
    }

    It 'shows a table of Type, DisplayName and the whole Id within 80 columns' {
        $resources = @(Get-SwResource)
        $text = $resources | Out-String -Width 80
        $lines = @($text -split "`n" | Where-Object { $_ -match '\S' })
        $lines[0] -split '\s+' | Where-Object { $_ } | Should -Be @('Type', 'DisplayName', 'Id')
        foreach ($resource in $resources) { $text | Should -Match ([regex]::Escape($resource.Id)) }
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
        $text | Should -Match 'ai_agent\s+Front Desk\s+[0-9a-f-]{36}'
    }
}

Describe 'Get-SwResource walks every page' {
    BeforeAll {
        # The emulator's default page holds 50: 60 more agents make the list three pages and the agents' own list two.
        $added = @(Add-SwEmulatorResource $emulator (1..60 | ForEach-Object { @{ type = 'ai_agent'; display_name = ('Agent {0:D2}' -f $_) } }))
        $total = $seeded.Count + $added.Count
    }
    AfterAll { $added | ForEach-Object { Remove-SwEmulatorResource $emulator -Id $_.id } }
    BeforeEach { Clear-SwEmulatorRequest $emulator }

    It 'lists every resource of <Path>, following links.next to the last page' -TestCases @(
        @{ Type = $null; Path = '/api/fabric/resources'; Pages = 2 }
        @{ Type = 'ai_agent'; Path = '/api/fabric/resources/ai_agents'; Pages = 2 }
    ) {
        $parameters = if ($Type) { @{ Type = $Type } } else { @{} }
        $listed = @(Get-SwResource @parameters)
        $expected = if ($Type) { @(Get-SwEmulatorResource $emulator | Where-Object type -eq $Type) } else { @(Get-SwEmulatorResource $emulator) }
        $expected.Count | Should -BeGreaterThan 50
        $listed.Count | Should -Be $expected.Count
        @($listed.Id | Sort-Object -Unique).Count | Should -Be $expected.Count
        $requests = @(Get-WireRequest $emulator)
        $requests.Count | Should -Be $Pages
        $requests.path | Sort-Object -Unique | Should -Be $Path
        $requests[0].query | Should -BeExactly ''
        $requests[1].query | Should -Match '(^|&)page_number=1(&|$)'
        $requests[1].query | Should -Match '(^|&)page_token=[^&]+'
    }

    It 'finds by name the oldest resource, on the last page' {
        $found = @(Get-SwResource -Name 'Front Desk')
        $found.Id | Should -Be ($seeded | Where-Object display_name -eq 'Front Desk').id
        @(Get-WireRequest $emulator).Count | Should -Be 2
    }
}

Describe 'Get-SwResource -Id' {
    BeforeEach { Clear-SwEmulatorRequest $emulator }

    It 'gets each resource with one request, by value or from an Id property' {
        $two = @($seeded | Where-Object type -eq 'call_flow' | Select-Object -First 2)
        $byValue = @(Get-SwResource -Id $two.id)
        $byProperty = @($two | Select-Object @{ n = 'Id'; e = { $_.id } } | Get-SwResource)
        $byValue.Id | Should -Be $two.id
        $byProperty.Id | Should -Be $two.id
        $byValue[0].DisplayName | Should -Be $two[0].display_name
        $requests = @(Get-WireRequest $emulator)
        $requests.Count | Should -Be 4
        $requests.path | Sort-Object -Unique | Should -Be ($two.id | ForEach-Object { "$resourcesPath/$_" } | Sort-Object)
    }

    It 'writes a non-terminating ResourceNotFound (ObjectNotFound) for an unknown id, and gets the others' {
        $unknown = [guid]::NewGuid().ToString()
        $known = $seeded[0].id
        $out = @(Get-SwResource -Id $unknown, $known -ErrorVariable failures -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 1
        $out[0].Id | Should -Be $known
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "ResourceNotFound,$resourceCmdlet"
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be $unknown
        $failures[0].ToString() | Should -Match ([regex]::Escape($unknown))
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'Get-SwResource'
    }

    It 'refuses an id that is not a UUID before any request' {
        { Get-SwResource -Id 'front-desk' } | Should -Throw -ErrorId "ParameterArgumentValidationError,$resourceCmdlet"
        @(Get-WireRequest $emulator).Count | Should -Be 0
    }
}

Describe 'Get-SwResource -Type that is no Fabric type' {
    It 'is refused with InvalidResourceType (InvalidArgument) before any request, naming the allowed types' {
        Clear-SwEmulatorRequest $emulator
        $failure = { Get-SwResource -Type ai_agents } | Should -Throw -ErrorId "InvalidResourceType,$resourceCmdlet" -PassThru
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.Exception.Message | Should -Match "-Type: 'ai_agents'"
        $failure.Exception.Message | Should -Match 'ai_agent, call_flow'
        @(Get-WireRequest $emulator).Count | Should -Be 0
    }

    It 'completes -Type with the Fabric types' {
        $line = 'Get-SwResource -Type ca'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $completions.CompletionText | Should -Be @('call_flow')
    }
}

Describe 'From resources to the numbers they handle' {
    BeforeAll {
        Reset-SwEmulator $emulator -Numbers 100
        $numbers = @(Get-SwPhoneNumber)
        $frontDesk = Get-SwResource -Type ai_agent -Name 'Front Desk'
        $booking = Get-SwResource -Type ai_agent -Name 'Booking Assistant'
        $mainIvr = Get-SwResource -Type call_flow -Name 'Main IVR'
        # Two numbers more on Front Desk (one named by the agent's own agent_id), one on Booking Assistant.
        $laml = @($numbers | Where-Object CallHandler -eq 'laml_webhooks')
        $null = Set-SwPhoneNumber -Id $laml[0].Id -CallHandler ai_agent -CallAiAgentId $frontDesk
        $null = Set-SwPhoneNumber -Id $laml[1].Id -CallHandler ai_agent -CallAiAgentId $frontDesk.ObjectId
        $null = Set-SwPhoneNumber -Id $laml[2].Id -CallHandler ai_agent -CallAiAgentId $booking
        $server = @(Get-SwEmulatorNumber $emulator)
        function Get-HandledBy([string[]] $ResourceId) {
            @($server | Where-Object { $_.calling_handler_resource_id -in $ResourceId -or $_.messaging_handler_resource_id -in $ResourceId } |
                    ForEach-Object id | Sort-Object)
        }
    }
    BeforeEach { Clear-SwEmulatorRequest $emulator }

    It 'lists exactly the numbers one agent answers, from one listing of the numbers' {
        $expected = Get-HandledBy $frontDesk.Id
        $expected.Count | Should -Be 3
        $listed = @(Get-SwResource -Type ai_agent -Name 'Front Desk' | Get-SwPhoneNumber)
        ($listed.Id | Sort-Object) -join ',' | Should -Be ($expected -join ',')
        $listed | ForEach-Object { $_ | Should -BeOfType ([SignalWire.PowerShell.Models.PhoneNumber]) }
        (Get-RequestTo $numbersPath).Count | Should -Be 1
        (Get-RequestTo '/api/fabric/resources/ai_agents').Count | Should -Be 1
    }

    It 'lists the numbers of several piped resources of different types with one listing of the numbers' {
        $expected = Get-HandledBy $frontDesk.Id, $booking.Id, $mainIvr.Id
        $expected.Count | Should -Be 5
        $listed = @($frontDesk, $booking, $mainIvr | Get-SwPhoneNumber)
        ($listed.Id | Sort-Object) -join ',' | Should -Be ($expected -join ',')
        $requests = @(Get-WireRequest $emulator)
        $requests.Count | Should -Be 1
        $requests[0].path | Should -Be $numbersPath
    }

    It 'lists no number, and reads none, when no resource is piped' {
        $listed = @(Get-SwResource -Type ai_agent -Name 'Nobody at all' | Get-SwPhoneNumber)
        $listed.Count | Should -Be 0
        (Get-RequestTo $numbersPath).Count | Should -Be 0
    }

    It 'lists the numbers whose messages a resource handles too' {
        # A project whose one number's messages go to a RELAY application resource, from a snapshot the emulator serves.
        $dir = Join-Path $TestDrive 'snapshot'
        $null = New-Item -ItemType Directory $dir
        $wire = @(Get-SwEmulatorNumber $emulator | Select-Object -First 3)
        $app = $seeded | Where-Object type -eq 'relay_application' | Select-Object -First 1
        $wire[1] | Add-Member -NotePropertyName message_handler -NotePropertyValue 'relay_application' -Force
        $wire[1] | Add-Member -NotePropertyName messaging_handler_resource_id -NotePropertyValue $app.id -Force
        $wire | ConvertTo-Json -Depth 5 | Set-Content (Join-Path $dir 'numbers.json')
        $seeded | ConvertTo-Json -Depth 10 | Set-Content (Join-Path $dir 'resources.json')
        $snapshot = Start-SwEmulator -EmulatorDll $EmulatorDll -Seed (Join-Path $dir 'numbers.json'), (Join-Path $dir 'resources.json')
        try {
            $other = Connect-TestProject $snapshot
            $resource = Get-SwResource -Id $app.id -Session $other
            $listed = @($resource | Get-SwPhoneNumber -Session $other)
            $listed.Id | Should -Be $wire[1].id
            $listed[0].MessagingHandlerResourceId | Should -Be $app.id
            $named = @(Get-SwPhoneNumber -IncludeHandlerName -Session $other | Where-Object Id -eq $wire[1].id)
            $named[0].MessagingHandlerName | Should -Be $app.display_name
        }
        finally {
            Stop-SwEmulator $snapshot
            $null = Connect-TestProject $emulator
        }
    }

    It '-IncludeHandlerName names each number''s handler resources from one listing of the resources' {
        $named = @(Get-SwPhoneNumber -IncludeHandlerName)
        $named.Count | Should -Be $numbers.Count
        $names = @{}
        foreach ($resource in $seeded) { $names[$resource.id] = $resource.display_name }
        foreach ($number in $named) {
            $number.PSObject.Properties.Name | Should -Contain 'CallingHandlerName'
            $number.PSObject.Properties.Name | Should -Contain 'MessagingHandlerName'
            $expected = if ($number.CallingHandlerResourceId) { $names[$number.CallingHandlerResourceId] } else { $null }
            $number.CallingHandlerName | Should -Be $expected
        }
        ($named | Where-Object Id -eq $laml[0].Id).CallingHandlerName | Should -Be 'Front Desk'
        ($named | Where-Object Id -eq $laml[2].Id).CallingHandlerName | Should -Be 'Booking Assistant'
        @($named | Where-Object CallingHandlerName).Count | Should -BeGreaterOrEqual 5
        $named[0] | Should -BeOfType ([SignalWire.PowerShell.Models.PhoneNumber])
        (Get-RequestTo $resourcesPath).Count | Should -Be 1
        (Get-RequestTo $numbersPath).Count | Should -Be 1
        @(Get-WireRequest $emulator).Count | Should -Be 2
    }

    It '-IncludeHandlerName with ids piped reads the resources once for all of them' {
        $ids = $laml[0].Id, $laml[1].Id, $laml[2].Id
        $named = @($ids | Get-SwPhoneNumber -IncludeHandlerName)
        $named.CallingHandlerName | Should -Be @('Front Desk', 'Front Desk', 'Booking Assistant')
        (Get-RequestTo $resourcesPath).Count | Should -Be 1
        @(Get-WireRequest $emulator).Count | Should -Be 4
    }
}
