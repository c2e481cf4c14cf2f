# Set-SwPhoneNumber's judgement before it writes: targets that must exist (one lookup per distinct id), moves a backup
# cannot undo, E911 on numbers that cannot hold an address, rows with a misspelled column, and errors that say which row.
# Each asserts the requests the emulator saw.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 40 -ArgumentList '--e911-delay-ms', '0'
    $null = Connect-TestProject $emulator
    $cmdlet = $CmdletType['Set-SwPhoneNumber']
    $apiPath = '/api/relay/rest/phone_numbers'
    $resourcesPath = '/api/fabric/resources'

    function Get-Write { @(Get-WireRequest $emulator | Where-Object method -ne 'GET') }
    function Get-Put { @(Get-WireRequest $emulator -Method PUT) }
    function Get-ResourceRead([string] $Path) { @(Get-WireRequest $emulator -Method GET | Where-Object path -eq $Path) }

    # Runs a pipeline and returns what came out (objects, errors, warnings).
    # Errors are collected, not stopped at, whatever the caller's preference (the suite runs with Stop).
    function Invoke-Collecting([scriptblock] $Script) {
        $ErrorActionPreference = 'Continue'
        $collected = [System.Collections.Generic.List[object]]::new()
        & $Script 3>&1 2>&1 | ForEach-Object { $collected.Add($_) }
        [pscustomobject]@{
            Output   = @($collected | Where-Object { $_ -is [SignalWire.PowerShell.Models.PhoneNumber] })
            Errors   = @($collected | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            Warnings = @($collected | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object Message)
        }
    }
}
AfterAll { Stop-SwEmulator $emulator }

Describe 'Set-SwPhoneNumber before it writes' {
    BeforeEach {
        Reset-SwEmulator $emulator -Numbers 40
        Set-SwEmulatorConfig $emulator @{ e911_provisioning_delay_ms = 0 }
        $numbers = @(Get-SwPhoneNumber)
        $plain = @($numbers | Where-Object { $_.CallHandler -eq 'laml_webhooks' -and $_.NumberType -eq 'longcode' })
        $agents = @(Get-SwResource -Type ai_agent)
        $missing = 'aaaaaaaa-0000-4000-8000-00000000dead'
        Clear-SwEmulatorRequest $emulator
    }

    Context 'targets that must exist' {
        It 'looks each distinct target up once, refuses the rows naming a missing one before any PUT, and sends the rest' {
            $rows = @(
                $plain[0..2] | ForEach-Object { [pscustomobject]@{ Id = $_.Id; CallHandler = 'ai_agent'; CallAiAgentId = $agents[0].Id } }
                $plain[3..5] | ForEach-Object { [pscustomobject]@{ Id = $_.Id; CallHandler = 'ai_agent'; CallAiAgentId = $missing } }
            )
            $result = Invoke-Collecting { $rows | Set-SwPhoneNumber }

            $result.Output.Count | Should -Be 3
            $result.Errors.Count | Should -Be 3
            foreach ($failure in $result.Errors) {
                $failure.FullyQualifiedErrorId | Should -Be "TargetNotFound,$cmdlet"
                $failure.CategoryInfo.Category | Should -Be 'ObjectNotFound'
                $failure.Exception.Message | Should -Match ([regex]::Escape("-CallAiAgentId (call_ai_agent_id) names $missing"))
            }
            @($result.Errors | ForEach-Object { $_.Exception.Message -match [regex]::Escape($plain[3].Number) }) | Should -Contain $true
            $puts = Get-Put
            @($puts.path | Sort-Object) | Should -Be @($plain[0..2] | ForEach-Object { "$apiPath/$($_.Id)" } | Sort-Object)
            $puts[0].body | Should -BeExactly ('{"call_handler":"ai_agent","call_ai_agent_id":"' + $agents[0].Id + '"}')
            # One lookup per distinct id, not per number; the missing one also costs one listing of its type.
            (Get-ResourceRead "$resourcesPath/$($agents[0].Id)").Count | Should -Be 1
            (Get-ResourceRead "$resourcesPath/$missing").Count | Should -Be 1
            (Get-ResourceRead "$resourcesPath/ai_agents").Count | Should -Be 1
        }

        It 'refuses every piped number for a missing target of the command line, after one lookup and without a PUT' {
            $result = Invoke-Collecting {
                $plain[0..4] | Set-SwPhoneNumber -CallHandler call_flow -CallFlowId $missing
            }
            $result.Errors.Count | Should -Be 5
            $result.Errors[0].FullyQualifiedErrorId | Should -Be "TargetNotFound,$cmdlet"
            $result.Errors[0].Exception.Message | Should -Match 'no call_flow resource'
            (Get-Put).Count | Should -Be 0
            (Get-ResourceRead "$resourcesPath/$missing").Count | Should -Be 1
            (Get-ResourceRead "$resourcesPath/call_flows").Count | Should -Be 1
        }

        It 'finds targets named by the id inside their object with one listing of the type' {
            $inner = @($agents[0].ObjectId, $agents[1].ObjectId)
            $inner | ForEach-Object { $_ | Should -Not -BeNullOrEmpty; $_ | Should -Not -BeIn $agents.Id }
            $rows = for ($i = 0; $i -lt 4; $i++) {
                [pscustomobject]@{ Id = $plain[$i].Id; CallHandler = 'ai_agent'; CallAiAgentId = $inner[$i % 2] }
            }
            $result = Invoke-Collecting { $rows | Set-SwPhoneNumber }
            $result.Errors.Count | Should -Be 0
            $result.Output.Count | Should -Be 4
            (Get-Put).Count | Should -Be 4
            (Get-ResourceRead "$resourcesPath/ai_agents").Count | Should -Be 1
            foreach ($id in $inner) { (Get-ResourceRead "$resourcesPath/$id").Count | Should -Be 1 }
        }

        It 'refuses a resource of another type named by its id, saying which type it is' {
            $flow = @(Get-SwResource -Type call_flow)[0]
            Clear-SwEmulatorRequest $emulator
            $plain[0] | Set-SwPhoneNumber -CallHandler ai_agent -CallAiAgentId $flow.Id -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "TargetNotFound,$cmdlet"
            $failures[0].Exception.Message | Should -Match "is a resource of type call_flow \('$([regex]::Escape($flow.DisplayName))'\), not ai_agent"
            (Get-Put).Count | Should -Be 0
        }

        It 'sends a cXML application, Dialogflow agent or SIP endpoint id as given, looking up no Fabric resource' {
            $result = Invoke-Collecting {
                $plain[0] | Set-SwPhoneNumber -CallHandler laml_application -CallLamlApplicationId $missing
                $plain[1] | Set-SwPhoneNumber -CallHandler dialogflow -CallDialogflowAgentId $missing
            }
            $result.Errors.Count | Should -Be 0
            $result.Output.Count | Should -Be 2
            (Get-Put).Count | Should -Be 2
            @(Get-WireRequest $emulator | Where-Object path -like "$resourcesPath*").Count | Should -Be 0
        }

        It 'looks up nothing for a target already in place on every number of a restore' {
            $onApp = @($numbers | Where-Object CallHandler -eq 'laml_application')
            $onApp.Count | Should -BeGreaterThan 0
            $csv = Join-Path $TestDrive 'apps.csv'
            $onApp | Export-Csv $csv -NoTypeInformation
            $null = Import-Csv $csv | Set-SwPhoneNumber
            @(Get-WireRequest $emulator | Where-Object path -like "$resourcesPath*").Count | Should -Be 0
            (Get-Write).Count | Should -Be 0
        }
    }

    Context 'moves a backup cannot undo' {
        It 'warns once under -WhatIf, naming every number moved off an AI agent or a call flow, the field and its handler resource' {
            $onTargets = @($numbers | Where-Object CallHandler -in 'ai_agent', 'call_flow')
            $onTargets.Count | Should -BeGreaterThan 1
            $onTargets.Count | Should -BeLessOrEqual 20 -Because 'the warning names up to 20 numbers of each kind of move'
            $text = Get-HostOutput {
                $script:warnings = (Invoke-Collecting { Get-SwPhoneNumber | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic office -WhatIf }).Warnings
            }
            $gaps = @($script:warnings | Where-Object { $_ -match 'no backup can undo' })
            $gaps.Count | Should -Be 1
            $gaps[0] | Should -Match "^$($onTargets.Count) numbers would be moved in ways no backup can undo\."
            foreach ($handler in 'ai_agent', 'call_flow') {
                $on = @($onTargets | Where-Object CallHandler -eq $handler)
                $field = if ($handler -eq 'ai_agent') { 'call_ai_agent_id' } else { 'call_flow_id' }
                $gaps[0] | Should -Match ([regex]::Escape("Off call_handler '$handler' ($($on.Count) number") + '.*' + "never returns $field")
                foreach ($number in $on) {
                    $named = if ($number.CallingHandlerResourceId) { "$($number.Number) ($($number.CallingHandlerResourceId))" } else { $number.Number }
                    $gaps[0] | Should -Match ([regex]::Escape($named))
                }
            }
            # Each number's What if line says its own.
            $text | Should -Match 'never returns call_ai_agent_id'
            (Get-Write).Count | Should -Be 0
        }

        It 'warns once, after the writes, naming each number with its handler resource; -Verbose names each as it is judged' {
            $onTargets = @($numbers | Where-Object CallHandler -in 'ai_agent', 'call_flow')
            $ErrorActionPreference = 'Continue'
            $all = @($onTargets | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic office -Verbose 3>&1 4>&1)
            $out = @($all | Where-Object { $_ -is [SignalWire.PowerShell.Models.PhoneNumber] })
            $warned = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
            $out.Count | Should -Be $onTargets.Count
            (Get-Put).Count | Should -Be $onTargets.Count
            $warned.Count | Should -Be 1
            $all[-1] | Should -Be $warned[0] -Because 'the warning comes at the end of the batch'
            $warned[0].Message | Should -Match "^$($onTargets.Count) numbers were moved in ways no backup can undo\."
            foreach ($number in $onTargets | Where-Object CallingHandlerResourceId) {
                $warned[0].Message | Should -Match ([regex]::Escape("$($number.Number) ($($number.CallingHandlerResourceId))"))
            }
            # Besides -Verbose's "Performing the operation" lines, which hold the gap too: one line per number, starting with it.
            $verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '^\+\d+: call_handler leaves' })
            $verbose.Count | Should -Be $onTargets.Count
            foreach ($number in $onTargets) { @($verbose | Where-Object { $_.Message.StartsWith("$($number.Number): ") }).Count | Should -Be 1 }
        }

        It 'leaves out of the warning a number whose update failed: it kept its handler' {
            $onTargets = @($numbers | Where-Object CallHandler -in 'ai_agent', 'call_flow')
            $failing = $onTargets[0]
            Add-SwEmulatorFault $emulator @{ action = 'status'; status = 422; method = 'PUT'; id = $failing.Id }
            try { $result = Invoke-Collecting { $onTargets | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic office } }
            finally { Clear-SwEmulatorFault $emulator }
            $result.Errors.Count | Should -Be 1
            $result.Warnings.Count | Should -Be 1
            $result.Warnings[0] | Should -Match "^$($onTargets.Count - 1) numbers? (was|were) moved"
            $result.Warnings[0] | Should -Not -Match ([regex]::Escape($failing.Number))
            $result.Warnings[0] | Should -Match ([regex]::Escape($onTargets[1].Number))
        }

        It 'still tells the numbers it moved when -ErrorAction Stop ends the batch, on the host' {
            $onTargets = @($numbers | Where-Object CallHandler -in 'ai_agent', 'call_flow')
            $last = $onTargets[-1]
            Add-SwEmulatorFault $emulator @{ action = 'status'; status = 422; method = 'PUT'; id = $last.Id }
            # In a pwsh of its own, as a runbook meets it: the host's words once the pipeline has stopped go to its output.
            $runbook = @"
Import-Module '$ModuleManifest'
`$null = Connect-SwProject -Space '$($emulator.Url)' -ProjectId '$($emulator.ProjectId)' -Token (ConvertTo-SecureString '$($emulator.Token)' -AsPlainText -Force)
`$targets = Get-SwPhoneNumber | Where-Object CallHandler -in 'ai_agent', 'call_flow'
try { `$targets | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic office -ThrottleLimit 1 -ErrorAction Stop } catch { }
"@
            try { $text = (& dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $runbook 2>&1) -join "`n" }
            finally { Clear-SwEmulatorFault $emulator }
            $text | Should -Match ("WARNING: Before the stop, $($onTargets.Count - 1) numbers? (was|were) to be moved in ways no backup can undo")
            $text | Should -Match ([regex]::Escape($onTargets[0].Number))
            $text | Should -Not -Match ([regex]::Escape("$($last.Number) ("))
        }

        It 'names the first 20 numbers of a larger batch in its one warning, and says -Verbose names every one' {
            $null = $plain | Set-SwPhoneNumber -CallHandler ai_agent -CallAiAgentId $agents[0].Id
            $onAgent = @(Get-SwPhoneNumber | Where-Object CallHandler -eq 'ai_agent')
            $onAgent.Count | Should -BeGreaterThan 20
            Clear-SwEmulatorRequest $emulator
            $result = Invoke-Collecting { $onAgent | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic office }
            $result.Output.Count | Should -Be $onAgent.Count
            $result.Warnings.Count | Should -Be 1
            $result.Warnings[0] | Should -Match "with the handler resource each had: ([^,]+, ){19}[^,]+ and $($onAgent.Count - 20) more\."
            $result.Warnings[0] | Should -Match '-Verbose names every number with its handler resource\.$'
        }

        It 'warns when a restored row switches messages to a relay application, whose name no backup holds' {
            $target = @($plain | Where-Object { $_.MessageHandler -eq 'laml_webhooks' })[0]
            $null = $target | Set-SwPhoneNumber -MessageHandler relay_application -MessageRelayApplication bot
            $csv = Join-Path $TestDrive 'relay.csv'
            Get-SwPhoneNumber -Id $target.Id | Export-Csv $csv -NoTypeInformation
            $null = Set-SwPhoneNumber -Id $target.Id -MessageHandler relay_topic -MessageRelayTopic sms-office
            $text = Get-HostOutput { Import-Csv $csv | Set-SwPhoneNumber -WhatIf -WarningAction SilentlyContinue }
            $text | Should -Match 'WARNING: message_handler becomes'
            Clear-SwEmulatorRequest $emulator

            $result = Invoke-Collecting { Import-Csv $csv | Set-SwPhoneNumber }
            $result.Errors.Count | Should -Be 0
            $result.Warnings.Count | Should -Be 1
            $result.Warnings[0] | Should -Match ([regex]::Escape("To message_handler 'relay_application' without message_relay_application (1 number)"))
            $result.Warnings[0] | Should -Match ([regex]::Escape("The numbers: $($target.Number)."))
            (Get-Put)[0].body | Should -Match '"message_handler":"relay_application"'
        }

        It 'refuses a restored row that puts calls back on an AI agent, saying no backup can hold the id' {
            $agentNumber = @($numbers | Where-Object CallHandler -eq 'ai_agent')[0]
            $csv = Join-Path $TestDrive 'agent.csv'
            $agentNumber | Export-Csv $csv -NoTypeInformation
            $null = $agentNumber | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic office -WarningAction SilentlyContinue
            Clear-SwEmulatorRequest $emulator

            Import-Csv $csv | Set-SwPhoneNumber -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "HandlerFieldMissing,$cmdlet"
            $failures[0].Exception.Message | Should -Match 'never returns call_ai_agent_id, so no backup or copy of a number can hold it'
            $failures[0].Exception.Message | Should -Match 'give -CallAiAgentId <id>'
            $failures[0].Exception.Message | Should -Match ([regex]::Escape($agentNumber.Number))
            (Get-Put).Count | Should -Be 0
        }
    }

    Context 'E911 on numbers that cannot hold an address, and failed assignments' {
        BeforeEach {
            $address = New-SwE911Address -Label HQ -Country US -FirstName Emmett -LastName Brown -StreetNumber 1640 `
                -StreetName 'Riverside Drive' -City Alexandria -State CA -PostalCode 91905 -EmergencyEnabled
            Clear-SwEmulatorRequest $emulator
        }

        It 'refuses an address for a toll-free number before any request for it, naming the number and why' {
            $tollFree = @($numbers | Where-Object NumberType -eq 'toll-free')[0..1]
            $result = Invoke-Collecting { @($tollFree) + $plain[0] | Set-SwPhoneNumber -E911AddressId $address.Id }
            $result.Output.Count | Should -Be 1
            $result.Errors.Count | Should -Be 2
            foreach ($i in 0, 1) {
                $result.Errors[$i].FullyQualifiedErrorId | Should -Be "E911NotSupported,$cmdlet"
                $result.Errors[$i].CategoryInfo.Category | Should -Be 'InvalidOperation'
                $result.Errors[$i].Exception.Message | Should -Match "^$([regex]::Escape($tollFree[$i].Number)) is a toll-free number"
            }
            @(Get-WireRequest $emulator | Where-Object { $_.path -match ($tollFree.Id -join '|') }).Count | Should -Be 0
            (Get-Write).path | Should -Be @("$apiPath/$($plain[0].Id)/e911_address")
        }

        It 'sends a failed assignment again, and says the way out when asked to remove it' {
            Set-SwEmulatorConfig $emulator @{ e911_carrier_confirms = $false }
            $null = $plain[1] | Set-SwPhoneNumber -E911AddressId $address.Id
            $failed = Get-SwPhoneNumber -E911Status failed
            $failed.Id | Should -Be $plain[1].Id
            Clear-SwEmulatorRequest $emulator

            $failed | Set-SwPhoneNumber -RemoveE911Address -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "E911RemovalNotAllowed,$cmdlet"
            $failures[0].Exception.Message | Should -Match 'its assignment failed'
            $failures[0].Exception.Message | Should -Match ([regex]::Escape("Set-SwPhoneNumber -Id $($plain[1].Id) -E911AddressId"))
            (Get-Write).Count | Should -Be 0

            Set-SwEmulatorConfig $emulator @{ e911_carrier_confirms = $true }
            $again = $failed | Set-SwPhoneNumber -E911AddressId $address.Id
            (Get-Write).path | Should -Be @("$apiPath/$($plain[1].Id)/e911_address")
            $again.E911Status | Should -BeIn 'pending', 'active'
            (Get-SwPhoneNumber -Id $plain[1].Id).E911Status | Should -Be 'active'
        }
    }

    Context 'rows' {
        It 'refuses a row with a misspelled column as a whole, and -Force applies the rest with a warning' {
            $rows = $plain[0..1] | ForEach-Object { [pscustomobject]@{ Id = $_.Id; CalHandler = 'relay_topic'; CallRelayTopic = 'office' } }
            $result = Invoke-Collecting { $rows | Set-SwPhoneNumber }
            $result.Errors.Count | Should -Be 2
            $result.Errors[0].FullyQualifiedErrorId | Should -Be "MisspelledColumn,$cmdlet"
            $result.Errors[0].Exception.Message | Should -Match "'CalHandler' binds to no field; did you mean CallHandler\?"
            $result.Errors[0].Exception.Message | Should -Match '-Force'
            @(Get-WireRequest $emulator).Count | Should -Be 0

            $forced = Invoke-Collecting { $rows | Set-SwPhoneNumber -Force }
            $forced.Errors.Count | Should -Be 0
            $forced.Output.Count | Should -Be 2
            $forced.Warnings.Count | Should -Be 1
            $forced.Warnings[0] | Should -Match "'CalHandler' binds to no parameter"
            (Get-Put).body | Should -Be @('{"call_relay_topic":"office"}', '{"call_relay_topic":"office"}')
        }

        It 'names the number and the row of a bad cell in the message itself' {
            $rows = @(
                [pscustomobject]@{ Number = $plain[0].Number; CallRequestUrl = 'https://example.com/voice' }
                [pscustomobject]@{ Number = $plain[1].Number; CallRequestUrl = 'example.com/voice' }
            )
            $result = Invoke-Collecting { $rows | Set-SwPhoneNumber }
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -Be "InvalidFieldValue,$cmdlet"
            $result.Errors[0].Exception.Message | Should -Match ('^' + [regex]::Escape("$($plain[1].Number) (row 2): -CallRequestUrl: 'example.com/voice'"))
            (Get-Put).Count | Should -Be 1
        }

        It 'says a CSV read with the wrong delimiter looks semicolon-delimited' {
            $csv = Join-Path $TestDrive 'semi.csv'
            Set-Content $csv "Id;Name`n$($plain[0].Id);Front"
            Import-Csv $csv | Set-SwPhoneNumber -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "NoTarget,$cmdlet"
            $failures[0].Exception.Message | Should -Match ([regex]::Escape("semicolon-delimited; read it with Import-Csv -Delimiter ';'"))
            @(Get-WireRequest $emulator).Count | Should -Be 0
        }
    }
}
