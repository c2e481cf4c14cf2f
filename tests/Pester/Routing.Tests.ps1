# Routing numbers to AI agents and call flows with Set-SwPhoneNumber, as SignalWire's SDKs do it with the phone-number
# update: the exact bodies in the emulator's request log, resource objects as values, tab completion of the targets,
# the handler rules, the handlers that stay the Fabric API's, and the worked example of about_SignalWire_PhoneNumbers
# run as it is written there.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 100
    $cmdlet = $CmdletType['Set-SwPhoneNumber']
    $apiPath = '/api/relay/rest/phone_numbers'

    function Get-Put { @(Get-WireRequest $emulator -Method PUT) }
    function Get-ServerNumber([string] $Id) { Get-SwEmulatorNumber $emulator | Where-Object id -eq $Id }

    # Runs a pipeline and returns what came out, errors (written or thrown) apart.
    function Invoke-Collecting([scriptblock] $Script) {
        $collected = [System.Collections.Generic.List[object]]::new()
        try { & $Script 2>&1 | ForEach-Object { $collected.Add($_) } } catch { $collected.Add($_) }
        [pscustomobject]@{
            Output = @($collected | Where-Object { $_ -is [SignalWire.PowerShell.Models.PhoneNumber] })
            Errors = @($collected | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
    }

    # What a completion of $Line offers.
    function Get-Completion([string] $Line) { @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches) }
}
AfterAll { Stop-SwEmulator $emulator }

Describe 'Set-SwPhoneNumber to an AI agent or a call flow' {
    BeforeAll {
        $null = Connect-TestProject $emulator
        $wireResources = @(Get-SwEmulatorResource $emulator)
        $frontDesk = Get-SwResource -Type ai_agent -Name 'Front Desk'
        $mainIvr = Get-SwResource -Type call_flow -Name 'Main IVR'
    }
    BeforeEach {
        Reset-SwEmulator $emulator -Numbers 100
        $targets = @(Get-SwPhoneNumber | Where-Object CallHandler -eq 'laml_webhooks')
        Clear-SwEmulatorRequest $emulator
    }

    It 'sends exactly call_handler and call_ai_agent_id, and the number then routes to the agent''s resource' {
        $result = Set-SwPhoneNumber -Id $targets[0].Id -CallHandler ai_agent -CallAiAgentId $frontDesk.Id
        $put = Get-Put
        $put.Count | Should -Be 1
        $put[0].path | Should -Be "$apiPath/$($targets[0].Id)"
        $put[0].body | Should -BeExactly ('{"call_handler":"ai_agent","call_ai_agent_id":"' + $frontDesk.Id + '"}')
        $result.CallHandler | Should -Be 'ai_agent'
        $result.CallingHandlerResourceId | Should -Be $frontDesk.Id
        (Get-ServerNumber $targets[0].Id).calling_handler_resource_id | Should -Be $frontDesk.Id
    }

    It 'sends an agent''s agent_id as it is given, which names the same resource' {
        $result = Set-SwPhoneNumber -Id $targets[0].Id -CallHandler ai_agent -CallAiAgentId $frontDesk.ObjectId
        (Get-Put).body | Should -BeExactly ('{"call_handler":"ai_agent","call_ai_agent_id":"' + $frontDesk.ObjectId + '"}')
        $result.CallingHandlerResourceId | Should -Be $frontDesk.Id
    }

    It 'sends call_handler, call_flow_id and call_flow_version <Version> for a call flow' -TestCases @(
        @{ Version = 'working_copy' }, @{ Version = 'current_deployed' }
    ) {
        $result = Set-SwPhoneNumber -Id $targets[0].Id -CallHandler call_flow -CallFlowId $mainIvr.Id -CallFlowVersion $Version
        $expected = '{"call_handler":"call_flow","call_flow_id":"' + $mainIvr.Id + '","call_flow_version":"' + $Version + '"}'
        (Get-Put).body | Should -BeExactly $expected
        $result.CallHandler | Should -Be 'call_flow'
        $result.CallingHandlerResourceId | Should -Be $mainIvr.Id
    }

    It 'leaves call_flow_version out when it is not given' {
        $null = Set-SwPhoneNumber -Id $targets[0].Id -CallHandler call_flow -CallFlowId $mainIvr.Id
        (Get-Put).body | Should -BeExactly ('{"call_handler":"call_flow","call_flow_id":"' + $mainIvr.Id + '"}')
    }

    It 'refuses a call_flow_version that is neither working_copy nor current_deployed, before any request' {
        $failure = { Set-SwPhoneNumber -Id $targets[0].Id -CallHandler call_flow -CallFlowId $mainIvr.Id -CallFlowVersion latest } |
            Should -Throw -ErrorId "InvalidFieldValue,$cmdlet" -PassThru
        $failure.Exception.Message | Should -Match 'working_copy'
        @(Get-WireRequest $emulator).Count | Should -Be 0
    }

    Context 'a resource object as the target' {
        It '-CallAiAgentId (Get-SwResource ...) sends the agent''s TargetId, its resource id' {
            $result = Set-SwPhoneNumber -Id $targets[0].Id -CallHandler ai_agent -CallAiAgentId (Get-SwResource -Type ai_agent -Name 'Front Desk')
            $frontDesk.TargetId | Should -Be $frontDesk.Id
            (Get-Put).body | Should -BeExactly ('{"call_handler":"ai_agent","call_ai_agent_id":"' + $frontDesk.TargetId + '"}')
            $result.CallingHandlerResourceId | Should -Be $frontDesk.Id
        }

        It '-CallFlowId takes a call flow resource and sends its resource id' {
            $null = Set-SwPhoneNumber -Id $targets[0].Id -CallHandler call_flow -CallFlowId $mainIvr -CallFlowVersion working_copy
            $expected = '{"call_handler":"call_flow","call_flow_id":"' + $mainIvr.Id + '","call_flow_version":"working_copy"}'
            (Get-Put).body | Should -BeExactly $expected
        }

        It 'takes a copy of the resource from Import-Clixml' {
            $file = Join-Path $TestDrive 'agent.xml'
            $frontDesk | Export-Clixml $file
            $null = Set-SwPhoneNumber -Id $targets[0].Id -CallHandler ai_agent -CallAiAgentId (Import-Clixml $file)
            (Get-Put).body | Should -BeExactly ('{"call_handler":"ai_agent","call_ai_agent_id":"' + $frontDesk.Id + '"}')
        }

        It 'takes a resource in a piped row''s CallAiAgentId property' {
            $rows = $targets[0..1] | ForEach-Object { [pscustomobject]@{ Id = $_.Id; CallHandler = 'ai_agent'; CallAiAgentId = $frontDesk } }
            $out = @($rows | Set-SwPhoneNumber -ErrorVariable failures)
            $failures.Count | Should -Be 0
            $out.Count | Should -Be 2
            $puts = Get-Put
            $puts.Count | Should -Be 2
            $puts.body | Sort-Object -Unique | Should -BeExactly ('{"call_handler":"ai_agent","call_ai_agent_id":"' + $frontDesk.Id + '"}')
        }

        It 'refuses several resources (a -Name that matched more than one), naming each, before any request' {
            $several = @(Get-SwResource -Type ai_agent -Name 'Assistant')
            $several.Count | Should -Be 2
            Clear-SwEmulatorRequest $emulator
            $failure = { Set-SwPhoneNumber -Id $targets[0].Id -CallHandler ai_agent -CallAiAgentId $several } |
                Should -Throw -ErrorId "ParameterArgumentTransformationError,$cmdlet" -PassThru
            $failure.CategoryInfo.Category | Should -Be 'InvalidData'
            $failure.Exception.Message | Should -Match 'CallAiAgentId'
            foreach ($resource in $several) { $failure.Exception.Message | Should -Match ([regex]::Escape($resource.DisplayName)) }
            @(Get-WireRequest $emulator).Count | Should -Be 0
        }

        It 'never routes a number to a call flow given to -CallAiAgentId' {
            $before = Get-ServerNumber $targets[0].Id
            $result = Invoke-Collecting { Set-SwPhoneNumber -Id $targets[0].Id -CallHandler ai_agent -CallAiAgentId $mainIvr }
            $result.Output.Count | Should -Be 0
            $result.Errors.Count | Should -Be 1
            @(Get-Put | Where-Object status -lt 300).Count | Should -Be 0
            $after = Get-ServerNumber $targets[0].Id
            $after.call_handler | Should -Be $before.call_handler
            $after.calling_handler_resource_id | Should -Be $before.calling_handler_resource_id
        }
    }

    Context 'tab completion' {
        BeforeAll {
            # A session of its own: completions are kept a minute per session.
            $null = Connect-TestProject $emulator
        }
        BeforeEach { Clear-SwEmulatorRequest $emulator }

        It 'completes -CallFlowVersion with working_copy and current_deployed' {
            (Get-Completion 'Set-SwPhoneNumber -Id x -CallFlowVersion ').CompletionText | Should -Be @('working_copy', 'current_deployed')
        }

        It 'completes -CallHandler with ai_agent and call_flow, and not the handlers only the Fabric API sets' {
            $offered = (Get-Completion 'Set-SwPhoneNumber -Id x -CallHandler ').CompletionText
            $offered | Should -Contain 'ai_agent'
            $offered | Should -Contain 'call_flow'
            foreach ($handler in 'fabric_subscriber', 'sip_gateway', 'call_queue') { $offered | Should -Not -Contain $handler }
        }

        It 'completes -CallAiAgentId with the project''s AI agents: the id to insert, the display name to choose by' {
            $agents = @($wireResources | Where-Object type -eq 'ai_agent')
            $completions = Get-Completion 'Set-SwPhoneNumber -Id x -CallAiAgentId '
            ($completions.CompletionText | Sort-Object) -join ',' | Should -Be (($agents.id | Sort-Object) -join ',')
            foreach ($agent in $agents) {
                ($completions | Where-Object CompletionText -eq $agent.id).ListItemText | Should -Be $agent.display_name
            }
            $requests = @(Get-WireRequest $emulator)
            $requests.Count | Should -Be 1
            $requests[0].path | Should -Be '/api/fabric/resources/ai_agents'
        }

        It 'completes -CallFlowId from what is typed of a call flow''s name' {
            $completions = Get-Completion "Set-SwPhoneNumber -Id x -CallFlowId 'Main"
            $completions.CompletionText | Should -Be @($mainIvr.Id)
            $completions.ListItemText | Should -Be @('Main IVR')
        }
    }

    Context 'handler rules' {
        It 'refuses a switch to <Handler> without <Parameter>, with no request for a piped number' -TestCases @(
            @{ Handler = 'ai_agent'; Parameter = 'CallAiAgentId' }, @{ Handler = 'call_flow'; Parameter = 'CallFlowId' }
        ) {
            $result = Invoke-Collecting { $targets[0] | Set-SwPhoneNumber -CallHandler $Handler }
            $result.Output.Count | Should -Be 0
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -Be "HandlerFieldMissing,$cmdlet"
            $result.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $result.Errors[0].Exception.Message | Should -Match "-$Parameter"
            @(Get-WireRequest $emulator).Count | Should -Be 0
        }

        It 'refuses a switch to ai_agent without -CallAiAgentId given only an id, sending no update' {
            $result = Invoke-Collecting { Set-SwPhoneNumber -Id $targets[0].Id -CallHandler ai_agent }
            $result.Output.Count | Should -Be 0
            $result.Errors.FullyQualifiedErrorId | Should -Be "HandlerFieldMissing,$cmdlet"
            # The number is read to learn whether it is on ai_agent already (then nothing would change).
            @(Get-WireRequest $emulator | Where-Object method -ne 'GET').Count | Should -Be 0
        }

        It 'refuses <Handler>, which only the Fabric API sets, naming it, before any request' -TestCases @(
            @{ Handler = 'fabric_subscriber' }, @{ Handler = 'sip_gateway' }, @{ Handler = 'call_queue' }
        ) {
            $failure = { Set-SwPhoneNumber -Id $targets[0].Id -CallHandler $Handler } | Should -Throw -ErrorId "InvalidFieldValue,$cmdlet" -PassThru
            $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failure.Exception.Message | Should -Match 'Fabric API'
            $failure.Exception.Message | Should -Match "'$Handler'"
            @(Get-WireRequest $emulator).Count | Should -Be 0
        }

        It 'changes the name of a number on an AI agent without touching its routing' {
            $onAgent = Get-SwPhoneNumber | Where-Object CallHandler -eq 'ai_agent' | Select-Object -First 1
            Clear-SwEmulatorRequest $emulator
            $result = $onAgent | Set-SwPhoneNumber -Name 'Agent line'
            (Get-Put).body | Should -BeExactly '{"name":"Agent line"}'
            $result.CallingHandlerResourceId | Should -Be $onAgent.CallingHandlerResourceId
        }
    }
}

Describe 'The worked example "ROUTE NUMBERS TO AN AI AGENT" of about_SignalWire_PhoneNumbers' {
    BeforeAll {
        Reset-SwEmulator $emulator -Numbers 100
        $null = Connect-TestProject $emulator
        # The section's first example, as written: its lines indented as code, split into statements by the parser.
        $topic = Get-Content (Join-Path $RepoRoot 'docs/about/about_SignalWire_PhoneNumbers.help.txt')
        $start = [array]::IndexOf($topic, 'ROUTE NUMBERS TO AN AI AGENT')
        $lines = $topic[($start + 1)..($topic.Count - 1)]
        $first = 0
        while ($lines[$first] -notmatch '^ {8}\S') { $first++ }
        $last = $first
        while ($lines[$last + 1] -match '^ {8}') { $last++ }
        $block = $lines[$first..$last]
        $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput(($block -join "`n"), [ref] $null, [ref] $errors)
        $steps = @($ast.EndBlock.Statements | ForEach-Object { $_.Extent.Text })
        $agentId = (Get-SwEmulatorResource $emulator | Where-Object { $_.type -eq 'ai_agent' -and $_.display_name -eq 'Front Desk' }).id
        $sales = @(Get-SwPhoneNumber -Name Sales)
    }

    It 'is four statements that parse: find, -WhatIf, apply, list' {
        $start | Should -BeGreaterThan 0
        $errors.Count | Should -Be 0
        $steps.Count | Should -Be 4
        $steps[0] | Should -Match '^\$agent = Get-SwResource'
        $steps[1] | Should -Match '-WhatIf$'
        $steps[3] | Should -Match 'Get-SwPhoneNumber$'
        $sales.Count | Should -BeGreaterThan 1
        @($sales | Where-Object CallHandler -eq 'ai_agent').Count | Should -Be 0
    }

    It 'runs as written: finds the agent, shows the change, applies it with one PUT per number, and lists them' {
        Clear-SwEmulatorRequest $emulator
        . ([scriptblock]::Create($steps[0]))
        $agent.Id | Should -Be $agentId
        @(Get-WireRequest $emulator).path | Should -Be '/api/fabric/resources/ai_agents'

        Clear-SwEmulatorRequest $emulator
        $shown = Get-HostOutput ([scriptblock]::Create($steps[1]))
        foreach ($number in $sales) {
            $shown | Should -Match ([regex]::Escape("$($number.Number) ($($number.Id))"))
        }
        $shown | Should -Match ([regex]::Escape("call_handler '$($sales[0].CallHandler)' → 'ai_agent'"))
        $shown | Should -Match ([regex]::Escape("call_ai_agent_id (current value unknown"))
        @(Get-Put).Count | Should -Be 0

        Clear-SwEmulatorRequest $emulator
        $applied = @(. ([scriptblock]::Create($steps[2])))
        $applied.Count | Should -Be $sales.Count
        $puts = Get-Put
        $puts.Count | Should -Be $sales.Count
        ($puts.path | Sort-Object) -join ',' | Should -Be (($sales.Id | ForEach-Object { "$apiPath/$_" } | Sort-Object) -join ',')
        $puts.body | Sort-Object -Unique | Should -BeExactly ('{"call_handler":"ai_agent","call_ai_agent_id":"' + $agentId + '"}')

        Clear-SwEmulatorRequest $emulator
        $reaching = @(. ([scriptblock]::Create($steps[3])))
        $expected = @(Get-SwEmulatorNumber $emulator | Where-Object calling_handler_resource_id -eq $agentId | ForEach-Object id)
        ($reaching.Id | Sort-Object) -join ',' | Should -Be (($expected | Sort-Object) -join ',')
        $sales.Id | ForEach-Object { $reaching.Id | Should -Contain $_ }
        $reaching.Count | Should -Be ($sales.Count + 1) -Because 'the project had one number on Front Desk already'
        @(Get-WireRequest $emulator).Count | Should -Be 1
    }
}
