# Answers that are not the SignalWire API's (a captive portal's sign-in page, a proxy's refusal) and a space whose host
# name does not resolve, as the user sees them: the error id, its category, its message and recommended action, and how
# many requests went out.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 5
    $token = ConvertTo-SecureString $emulator.Token -AsPlainText -Force
    $portal = '<html><head><title>Guest Wi-Fi</title><style>h1 { color: red }</style></head>' +
        '<body><h1>Welcome to Guest Wi-Fi</h1><p>Accept the terms to continue.</p></body></html>'
}
AfterAll { Stop-SwEmulator $emulator }

Describe 'Responses that are not the API' {
    BeforeEach { Clear-SwEmulatorFault $emulator; Clear-SwEmulatorRequest $emulator }
    AfterAll { Clear-SwEmulatorFault $emulator }

    Context 'a host name that does not resolve' {
        It 'fails Connect-SwProject at once with HostNotFound, after one attempt, leaving no session' {
            Disconnect-SwProject
            $verbose = [System.Collections.Generic.List[object]]::new()
            $thrown = $null
            try { Connect-SwProject -Space 'nosuchspace.invalid' -ProjectId $emulator.ProjectId -Token $token -Verbose 4>&1 | ForEach-Object { $verbose.Add($_) } }
            catch { $thrown = $_ }
            $thrown | Should -Not -BeNullOrEmpty
            $thrown.FullyQualifiedErrorId | Should -Be "HostNotFound,$($CmdletType['Connect-SwProject'])"
            $thrown.CategoryInfo.Category | Should -Be 'ConnectionError'
            $thrown.Exception.Attempts | Should -Be 1
            @($verbose | Where-Object { "$_" -like 'GET /api/relay/rest/phone_numbers*' }).Count | Should -Be 1 -Because 'no attempt is repeated'
            $thrown.Exception.Message | Should -Match 'the host name nosuchspace\.invalid does not resolve'
            $thrown.ErrorDetails.RecommendedAction | Should -Match '-Space'
            Get-SwSession | Should -BeNullOrEmpty
        }
    }

    Context 'with a session' {
        BeforeAll { $session = Connect-TestProject $emulator }

        It 'says an HTML page with 200 is not the API''s answer, naming its content type, without "try again later"' {
            Add-SwEmulatorFault $emulator @{ action = 'malformed'; method = 'GET'; path = '/phone_numbers'; body = $portal; content_type = 'text/html' }
            $out = [System.Collections.Generic.List[object]]::new()
            $failures = @(try { Get-SwPhoneNumber -Session $session | ForEach-Object { $out.Add($_) } } catch { $_ })
            $out.Count | Should -Be 0
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "NotApiResponse,$($CmdletType['Get-SwPhoneNumber'])"
            $failures[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            $failures[0].Exception.ContentType | Should -Be 'text/html'
            $failures[0].ErrorDetails.Message | Should -BeExactly ("127.0.0.1 did not answer GET /api/relay/rest/phone_numbers as the SignalWire API does: " +
                "it sent 200 OK with text/html, not the API's JSON. Something other than the API answered: a captive portal's sign-in page, " +
                "a proxy or a firewall, or a site that is not a SignalWire space. The page says: Guest Wi-Fi Welcome to Guest Wi-Fi Accept the terms to continue.")
            "$($failures[0].ErrorDetails.Message) $($failures[0].ErrorDetails.RecommendedAction)" | Should -Not -Match 'try again'
            $failures[0].ErrorDetails.RecommendedAction | Should -Match 'browser'
            @(Get-WireRequest $emulator).Count | Should -Be 1
        }

        It 'stops a pipeline of ids once: every request would get the same page' {
            Add-SwEmulatorFault $emulator @{ action = 'malformed'; method = 'GET'; body = $portal; content_type = 'text/html' }
            $ids = @(Get-SwEmulatorNumber $emulator | Select-Object -First 3).id
            $thrown = $null
            try { $ids | Get-SwPhoneNumber -Session $session } catch { $thrown = $_ }
            $thrown.FullyQualifiedErrorId | Should -Be "NotApiResponse,$($CmdletType['Get-SwPhoneNumber'])"
            @(Get-WireRequest $emulator).Count | Should -Be 1
        }

        It 'does not blame a proxy''s HTML 403 on the token''s scopes' {
            $target = Get-SwEmulatorNumber $emulator | Select-Object -First 1
            Add-SwEmulatorFault $emulator @{ action = 'status'; status = 403; method = 'PUT'; body = '<html><body><h1>Blocked by policy</h1></body></html>'
                content_type = 'text/html; charset=utf-8' }
            $thrown = $null
            try { Set-SwPhoneNumber -Id $target.id -Name 'through the proxy' -Session $session } catch { $thrown = $_ }
            $thrown.FullyQualifiedErrorId | Should -Be "NotApiResponse,$($CmdletType['Set-SwPhoneNumber'])"
            $thrown.CategoryInfo.Category | Should -Be 'ConnectionError'
            $thrown.Exception.StatusCode | Should -Be 403
            $thrown.ErrorDetails.Message | Should -Match ([regex]::Escape('it sent 403 Forbidden with text/html; charset=utf-8, not the API''s JSON'))
            $thrown.ErrorDetails.Message | Should -Match 'says nothing about the token'
            $thrown.ErrorDetails.Message | Should -Match 'The page says: Blocked by policy$'
            "$($thrown.ErrorDetails.Message) $($thrown.ErrorDetails.RecommendedAction)" | Should -Not -Match 'scope'
            @(Get-WireRequest $emulator -Method PUT).Count | Should -Be 1
        }

        It 'still blames the API''s own JSON 403 on the token''s scopes' {
            $target = Get-SwEmulatorNumber $emulator | Select-Object -First 1
            Add-SwEmulatorFault $emulator @{ action = 'status'; status = 403; method = 'PUT' }
            $thrown = $null
            try { Set-SwPhoneNumber -Id $target.id -Name 'not allowed' -Session $session } catch { $thrown = $_ }
            $thrown.FullyQualifiedErrorId | Should -Be "PermissionDenied,$($CmdletType['Set-SwPhoneNumber'])"
            $thrown.ErrorDetails.RecommendedAction | Should -Match 'scopes'
        }
    }
}
