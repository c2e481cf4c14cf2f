BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 12

    # What tab offers at the end of a command line.
    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
    }
}
AfterAll {
    Disconnect-SwProject
    Stop-SwEmulator $emulator
}

Describe 'Completion of enum-like parameters' {
    It 'offers every allowed value of -<Parameter>' -ForEach @(
        @{
            Parameter = 'CallHandler'
            Values    = @('relay_context', 'relay_topic', 'relay_script', 'relay_application', 'relay_connector', 'relay_sip_endpoint',
                'relay_verto_endpoint', 'laml_webhooks', 'laml_application', 'dialogflow', 'video_room', 'ai_agent', 'call_flow')
        }
        @{ Parameter = 'MessageHandler'; Values = @('relay_context', 'relay_topic', 'relay_application', 'laml_webhooks', 'laml_application') }
        @{ Parameter = 'CallReceiveMode'; Values = @('voice', 'fax') }
        @{ Parameter = 'CallRequestMethod'; Values = @('GET', 'POST') }
        @{ Parameter = 'CallFallbackMethod'; Values = @('GET', 'POST') }
        @{ Parameter = 'CallStatusCallbackMethod'; Values = @('GET', 'POST') }
        @{ Parameter = 'MessageRequestMethod'; Values = @('GET', 'POST') }
        @{ Parameter = 'MessageFallbackMethod'; Values = @('GET', 'POST') }
        @{ Parameter = 'CallFlowVersion'; Values = @('working_copy', 'current_deployed') }
    ) {
        $offered = Get-Completion "Set-SwPhoneNumber -Id 233dffc2-2ad3-455e-a597-0e332c39662a -$Parameter "
        ($offered | Sort-Object) -join ',' | Should -Be (($Values | Sort-Object) -join ',')
    }

    It 'narrows to what was typed' {
        Get-Completion 'Set-SwPhoneNumber -CallHandler relay_s' | Should -Be @('relay_script', 'relay_sip_endpoint')
        Get-Completion 'Set-SwPhoneNumber -CallRequestMethod p' | Should -Be @('POST')
    }

    It 'completes the snake_case alias too' {
        Get-Completion 'Set-SwPhoneNumber -call_receive_mode ' | Should -Be @('voice', 'fax')
    }

    It 'gives every enum-like parameter a completer' {
        $parameters = (Get-Command Set-SwPhoneNumber).Parameters.Values | Where-Object {
            $field = (Get-ModuleInternalType 'SignalWire.PowerShell.Models.PhoneNumberFields')::FindByParameter($_.Name)
            $field -and $field.AllowedValues.Count -gt 0
        }
        @($parameters).Count | Should -Be 9
        foreach ($p in $parameters) {
            $p.Attributes | Where-Object { $_ -is [ArgumentCompleter] } | Should -Not -BeNullOrEmpty -Because "-$($p.Name) has allowed values"
        }
    }
}

Describe 'Completion of -Id and -Number from the session' {
    It 'offers nothing, without a request or an error, when not connected' {
        Disconnect-SwProject
        Clear-SwEmulatorRequest $emulator
        $Error.Clear()
        Get-Completion 'Set-SwPhoneNumber -Number ' | Should -BeNullOrEmpty
        Get-Completion 'Set-SwPhoneNumber -Id ' | Should -BeNullOrEmpty
        @(Get-WireRequest $emulator).Count | Should -Be 0
        $Error.Count | Should -Be 0
    }

    It 'offers the session numbers for -Number and -Id, and lists them once for completions in a row' {
        $null = Connect-TestProject $emulator
        $numbers = @(Get-SwEmulatorNumber $emulator)
        Clear-SwEmulatorRequest $emulator

        $first = Get-Completion 'Set-SwPhoneNumber -Number +'
        $second = Get-Completion 'Get-SwPhoneNumber -Id '

        ($first | Sort-Object) -join ',' | Should -Be ((@($numbers.number) | Sort-Object) -join ',')
        ($second | Sort-Object) -join ',' | Should -Be ((@($numbers.id) | Sort-Object) -join ',')
        $requests = @(Get-WireRequest $emulator)
        $requests.Count | Should -Be 1
        $requests[0].method | Should -Be 'GET'
        $requests[0].query | Should -Be 'page_size=1000'
    }

    It 'narrows -Number to what was typed, and -Id by id prefix' {
        $numbers = @(Get-SwEmulatorNumber $emulator)
        $target = $numbers[3]
        Get-Completion "Set-SwPhoneNumber -Number $($target.number)" | Should -Be @($target.number)
        Get-Completion "Set-SwPhoneNumber -Id $($target.id.Substring(0, 13))" | Should -Be @($target.id)
    }

    It 'does not hang the prompt when the API is slow, and does not start a second listing meanwhile' {
        $slow = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 2
        try {
            $null = Connect-TestProject $slow
            Clear-SwEmulatorRequest $slow
            # Far longer than the completer's patience (2 s each): a completion that waited for the listing would come
            # back with the numbers, so coming back empty is the proof it did not wait.
            Set-SwEmulatorConfig $slow @{ latency_ms = 20000 }
            Get-Completion 'Set-SwPhoneNumber -Number ' | Should -BeNullOrEmpty
            Get-Completion 'Set-SwPhoneNumber -Number ' | Should -BeNullOrEmpty
            # The second completion joined the listing the first one started.
            @(Get-WireRequest $slow).Count | Should -BeLessOrEqual 1
        }
        finally { Stop-SwEmulator $slow }
    }

    It 'offers nothing, without an error, when the API is unreachable' {
        $gone = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 2
        $null = Connect-TestProject $gone -Extra @{ MaximumRetryCount = 0 }
        Stop-SwEmulator $gone
        $Error.Clear()
        Get-Completion 'Set-SwPhoneNumber -Id ' | Should -BeNullOrEmpty
        Get-Completion 'Set-SwPhoneNumber -Number +' | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }
}
