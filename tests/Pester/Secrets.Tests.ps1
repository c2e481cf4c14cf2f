# Secrets and trust: the token never shows in any text the module produces, https except loopback,
# credentials never follow a redirect to another host, sessions are per runspace.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 5
    # A second host: the target of cross-origin redirects, and another project for runspace tests.
    $elsewhere = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 2
    $connectCmdlet = $CmdletType['Connect-SwProject']
    $getCmdlet = $CmdletType['Get-SwPhoneNumber']
    $token = ConvertTo-SecureString $emulator.Token -AsPlainText -Force
    $wrongTokenText = 'PTwrong0123456789abcdef'
    $wrongToken = ConvertTo-SecureString $wrongTokenText -AsPlainText -Force

    # Every form a token could leak in: itself, the Basic credential, and the token alone in Base64.
    function Get-SecretForm {
        param([string] $ProjectId, [string] $Secret)
        $Secret
        [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("${ProjectId}:$Secret"))
        [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Secret))
        [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Secret))
    }
    $secrets = @(Get-SecretForm $emulator.ProjectId $emulator.Token) + @(Get-SecretForm $emulator.ProjectId $wrongTokenText)

    function Assert-NoSecret {
        param([string] $Text)
        foreach ($secret in $secrets) {
            if ($Text.Contains($secret)) { throw "The text holds a secret form ($($secret.Length) characters) at index $($Text.IndexOf($secret))." }
        }
    }
}
AfterAll {
    Stop-SwEmulator $emulator
    Stop-SwEmulator $elsewhere
}

Describe 'Secrets' {
    BeforeEach {
        Clear-SwEmulatorFault $emulator
        Clear-SwEmulatorRequest $emulator
        Clear-SwEmulatorRequest $elsewhere
    }

    It 'never shows the token in any stream, error, $Error, transcript or view of the session' {
        $transcript = Join-Path $TestDrive 'transcript.txt'
        $Error.Clear()
        $null = Start-Transcript -Path $transcript -Force
        try {
            $text = & {
                $s = Connect-SwProject -Space $emulator.Url -ProjectId $emulator.ProjectId -Token $token -PassThru -MaximumRetryCount 1 -Verbose -Debug
                $numbers = @(Get-SwPhoneNumber -Session $s -Verbose -Debug)
                $numbers | Out-String
                $numbers | Set-SwPhoneNumber -Name 'secret-test' -Session $s -Verbose -Debug
                Set-SwPhoneNumber -Id $numbers[0].Id -CallRelayContext 'legacy' -Session $s -Verbose -Debug   # a warning
                Set-SwPhoneNumber -Id $numbers[0].Id -Name 'x' -Session $s -WhatIf
                # Retries and failures after the last try.
                Add-SwEmulatorFault $emulator @{ action = 'status'; status = 503; times = 1; method = 'PUT'; retry_after = '0' }
                Set-SwPhoneNumber -Id $numbers[1].Id -Name 'retried' -Session $s -Verbose -Debug
                Add-SwEmulatorFault $emulator @{ action = 'status'; status = 500; method = 'GET'; id = $numbers[2].Id; retry_after = '0' }
                Get-SwPhoneNumber -Id $numbers[2].Id -Session $s -Verbose -Debug -ErrorAction Continue
                Add-SwEmulatorFault $emulator @{ action = 'drop'; method = 'GET'; id = $numbers[3].Id }
                Get-SwPhoneNumber -Id $numbers[3].Id -Session $s -Verbose -Debug -ErrorAction Continue
                Add-SwEmulatorFault $emulator @{ action = 'status'; status = 401; method = 'PUT' }
                try { Set-SwPhoneNumber -Id $numbers[4].Id -Name 'x' -Session $s -Verbose -Debug } catch { $_ | Out-String; $_ | Format-List * -Force | Out-String }
                Clear-SwEmulatorFault $emulator
                # A wrong token: AuthenticationFailed.
                try { Connect-SwProject -Space $emulator.Url -ProjectId $emulator.ProjectId -Token $wrongToken -Verbose -Debug } catch { $_ | Out-String; $_.Exception.ToString() }
                try { Connect-SwProject -Space $emulator.Url -Credential ([pscredential]::new($emulator.ProjectId, $wrongToken)) -Verbose -Debug } catch { $_ | Out-String }
                # The session object every way a user may look at it.
                $s | Format-List * -Force | Out-String
                $s | Format-Table -Property * | Out-String
                $s | Out-String
                $s | Select-Object * | Out-String
                $s.ToString()
                "$s"
                $s | ConvertTo-Json -Depth 5
                $s | Export-Clixml (Join-Path $TestDrive 'session.xml'); Get-Content (Join-Path $TestDrive 'session.xml') -Raw
                $s | Get-Member -Force | Out-String
                Get-SwSession | Format-List * -Force | Out-String
                Get-SwSession -Verbose
                Disconnect-SwProject -Verbose
            } *>&1 | Out-String -Width 4096
        }
        finally { $null = Stop-Transcript }

        $errors = ($Error | Out-String -Width 4096) + ($Error | Format-List * -Force | Out-String -Width 4096) +
            (($Error | ForEach-Object { if ($_ -is [Management.Automation.ErrorRecord]) { $_.Exception.ToString(); $_.ErrorDetails; $_.InvocationInfo | Out-String } else { $_.ToString() } }) -join "`n")
        $all = $text + $errors + (Get-Content $transcript -Raw)

        # The capture really holds what the commands said: requests, retries, warnings, errors.
        $text | Should -Match 'Authorization: Basic \*{8}'
        $text | Should -Match 'Retrying PUT'
        $text | Should -Match 'deprecated'
        $text | Should -Match 'AuthenticationFailed'
        $text | Should -Match '500 Internal Server Error'
        $text | Should -Match 'could not talk to'
        $text | Should -Match ([regex]::Escape($emulator.ProjectId))
        $Error.Count | Should -BeGreaterThan 3
        { Assert-NoSecret "...$($emulator.Token)..." } | Should -Throw   # the search itself works
        Assert-NoSecret $all
    }

    It 'never shows a token read from SIGNALWIRE_API_TOKEN' {
        try {
            $env:SIGNALWIRE_API_TOKEN = $emulator.Token
            $text = & {
                Connect-SwProject -Space $emulator.Url -ProjectId $emulator.ProjectId -Verbose -Debug -PassThru | Format-List * | Out-String
                $env:SIGNALWIRE_API_TOKEN = $wrongTokenText
                try { Connect-SwProject -Space $emulator.Url -ProjectId $emulator.ProjectId -Verbose -Debug } catch { $_ | Format-List * -Force | Out-String }
            } *>&1 | Out-String -Width 4096
        }
        finally { Remove-Item env:SIGNALWIRE_API_TOKEN -ErrorAction SilentlyContinue }
        $text | Should -Match 'AuthenticationFailed'
        Assert-NoSecret $text
    }

    It 'masks the Authorization header in every -Debug dump of a request' {
        $s = Connect-TestProject $emulator
        $debug = @(Get-SwPhoneNumber -Session $s -Debug 5>&1 | Where-Object { $_ -is [Management.Automation.DebugRecord] })
        $dumps = @($debug.Message -like 'GET http*')
        $dumps.Count | Should -Be 1
        foreach ($line in $dumps) { $line | Should -Match '\| Authorization: Basic \*{8} \|' }
        # The emulator did get a real Authorization header: the mask is the module's, not an absent header.
        (Get-WireRequest $emulator | Select-Object -Last 1).headers.Authorization | Should -BeLike 'Basic *'
    }

    It 'runs with -Debug alone without stopping to ask, verbose and warning text going to the debug stream' {
        $s = Connect-SwProject -Space $emulator.Url -ProjectId $emulator.ProjectId -Token $token -PassThru -Debug 5>$null
        $target = @(Get-SwPhoneNumber -Session $s)[0]
        $stream = @(Set-SwPhoneNumber -Id $target.Id -CallRelayContext 'legacy' -Session $s -Debug -ErrorVariable failures 5>&1)
        $failures.Count | Should -Be 0
        @($stream | Where-Object { $_ -is [SignalWire.PowerShell.Models.PhoneNumber] }).Count | Should -Be 1
        $debug = @($stream | Where-Object { $_ -is [Management.Automation.DebugRecord] }).Message
        ($debug -match "^PUT /api/relay/rest/phone_numbers/$($target.Id) 200 \d+ ms$").Count | Should -Be 1
        ($debug -match '^WARNING: .*deprecated').Count | Should -Be 1
        # With -WarningAction or -Verbose given, each stream is its own again.
        $null = Set-SwPhoneNumber -Id $target.Id -CallRelayContext 'legacy2' -Session $s -Debug -Verbose -WarningAction SilentlyContinue -WarningVariable warned 5>$null 4>$null
        $warned.Count | Should -Be 1
    }

    It 'has no property that could hold the token, on the session or its type' {
        $s = Connect-TestProject $emulator
        $s.PSObject.Properties.Name | Should -Not -Contain 'Token'
        $s.PSObject.Properties.Name | Should -Not -Contain 'Client'
        @($s.PSObject.Properties | Where-Object { $_.TypeNameOfValue -match 'SecureString|PSCredential|SignalWireClient' }).Count | Should -Be 0
        (Get-Command Connect-SwProject).Parameters['Token'].ParameterType | Should -Be ([securestring])
        (Get-Command Connect-SwProject).Parameters['Credential'].ParameterType | Should -Be ([pscredential])
    }

    Context 'https, except for loopback' {
        It 'refuses plain http to <Space> before any request, saying why' -TestCases @(
            @{ Space = 'http://example.signalwire.com' }
            @{ Space = 'http://10.0.0.5:8080' }
            @{ Space = 'http://127.0.0.1.nip.io' }
            @{ Space = 'http://localhost.example.com' }
        ) {
            $failure = { Connect-SwProject -Space $Space -ProjectId $emulator.ProjectId -Token $token } |
                Should -Throw -ErrorId "InvalidSpace,$connectCmdlet" -PassThru
            $failure.Exception.Message | Should -Match 'https'
            $failure.Exception.Message | Should -Match '-Space'
            @(Get-WireRequest $emulator).Count | Should -Be 0
        }

        It 'allows plain http to a loopback address: <Form>' -TestCases @(@{ Form = '127.0.0.1' }, @{ Form = 'localhost' }) {
            $port = ([uri]$emulator.Url).Port
            $s = Connect-SwProject -Space "http://${Form}:$port" -ProjectId $emulator.ProjectId -Token $token -PassThru
            $s.SpaceUrl.Scheme | Should -Be 'http'
        }

        It 'does not refuse http to [::1] as insecure (it fails only because nothing listens there)' {
            { Connect-SwProject -Space 'http://[::1]:1' -ProjectId $emulator.ProjectId -Token $token -MaximumRetryCount 0 } |
                Should -Throw -ErrorId "NetworkError,$connectCmdlet"
        }
    }

    Context 'credentials never follow a redirect to another host' {
        It 'drops the Authorization header when <Method> is redirected to another host' -TestCases @(@{ Method = 'GET' }, @{ Method = 'PUT' }) {
            $s = Connect-TestProject $emulator
            $target = @(Get-SwPhoneNumber -Session $s)[0]
            Clear-SwEmulatorRequest $emulator
            $path = "/api/relay/rest/phone_numbers/$($target.Id)"
            Add-SwEmulatorFault $emulator @{ action = 'redirect'; method = $Method; id = $target.Id; location = "$($elsewhere.Url)$path" }
            $command = if ($Method -eq 'GET') { { Get-SwPhoneNumber -Id $target.Id -Session $s } } else { { Set-SwPhoneNumber -Id $target.Id -Name 'redirected' -Session $s } }
            # The other host sees no credentials, so it answers 401.
            $command | Should -Throw -ErrorId 'AuthenticationFailed,*'
            $origin = @(Get-WireRequest $emulator)
            $origin.Count | Should -Be 1
            $origin[0].headers.PSObject.Properties.Name | Should -Contain 'Authorization'
            $followed = @(Get-WireRequest $elsewhere)
            $followed.Count | Should -Be 1
            $followed[0].method | Should -Be $Method
            $followed[0].path | Should -Be $path
            $followed[0].headers.PSObject.Properties.Name | Should -Not -Contain 'Authorization'
            $followed[0].headers.PSObject.Properties.Name | Should -Not -Contain 'Proxy-Authorization'
        }

        It 'keeps the credentials on a redirect within the same host' {
            $s = Connect-TestProject $emulator
            $target = @(Get-SwPhoneNumber -Session $s)[0]
            Clear-SwEmulatorRequest $emulator
            $path = "/api/relay/rest/phone_numbers/$($target.Id)"
            Add-SwEmulatorFault $emulator @{ action = 'redirect'; method = 'GET'; id = $target.Id; times = 1; location = "$($emulator.Url)$path" }
            (Get-SwPhoneNumber -Id $target.Id -Session $s).Id | Should -Be $target.Id
            $requests = @(Get-WireRequest $emulator)
            $requests.Count | Should -Be 2
            $requests | ForEach-Object { $_.headers.Authorization | Should -BeLike 'Basic *' }
        }
    }

    Context 'sessions are per runspace' {
        BeforeAll {
            # The main runspace's default session points at the first emulator.
            $main = Connect-TestProject $emulator
        }

        It 'works in ForEach-Object -Parallel with -Session passed in' {
            $counts = 1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
                Import-Module $using:ModuleManifest
                @(Get-SwPhoneNumber -Session $using:main).Count
            }
            $counts | Should -Be @(5, 5, 5, 5)
        }

        It 'has no default session in a parallel runspace: NotConnected there' {
            $results = 1..2 | ForEach-Object -ThrottleLimit 2 -Parallel {
                Import-Module $using:ModuleManifest
                [pscustomobject]@{
                    HasDefault = [bool](Get-SwSession)
                    Error      = try { $null = Get-SwPhoneNumber; 'none' } catch { $_.FullyQualifiedErrorId }
                }
            }
            $results.HasDefault | Should -Be @($false, $false)
            $results.Error | Should -Be @("NotConnected,$getCmdlet", "NotConnected,$getCmdlet")
        }

        It 'connecting in one runspace changes neither the main runspace''s default nor another''s' {
            $targets = @(
                @{ Url = $emulator.Url; ProjectId = $emulator.ProjectId; Token = $emulator.Token }
                @{ Url = $elsewhere.Url; ProjectId = $elsewhere.ProjectId; Token = $elsewhere.Token }
            )
            $seen = $targets | ForEach-Object -ThrottleLimit 2 -Parallel {
                Import-Module $using:ModuleManifest
                $secure = ConvertTo-SecureString $_.Token -AsPlainText -Force
                Connect-SwProject -Space $_.Url -ProjectId $_.ProjectId -Token $secure
                Start-Sleep -Milliseconds 300   # both runspaces connected at once
                [pscustomobject]@{ Wanted = "$($_.Url)/"; Default = (Get-SwSession).SpaceUrl.AbsoluteUri; Count = @(Get-SwPhoneNumber).Count }
            }
            foreach ($one in $seen) { $one.Default | Should -Be $one.Wanted }
            ($seen | Where-Object Wanted -eq "$($elsewhere.Url)/").Count | Should -Be 2
            ($seen | Where-Object Wanted -eq "$($emulator.Url)/").Count | Should -Be 5
            (Get-SwSession).SpaceUrl.AbsoluteUri | Should -Be "$($emulator.Url)/"
            [object]::ReferenceEquals((Get-SwSession), $main) | Should -BeTrue
        }
    }
}
