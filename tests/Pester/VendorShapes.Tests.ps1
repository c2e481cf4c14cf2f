# What SignalWire really sends, in every form its sources show: paging links relative (the Paging page) or absolute,
# the handlers only the Fabric API sets, E911 statuses, search replies in the live and the spec shape, and the error
# bodies captured in tests/fixtures. The emulator serves relative links unless started with -AbsoluteLinks.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 25
    $absolute = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 25 -AbsoluteLinks
    $token = ConvertTo-SecureString $emulator.Token -AsPlainText -Force
    $null = Connect-TestProject $emulator
    $fixture = { param($Name) Get-Content (Join-Path $FixturesPath $Name) -Raw }
}
AfterAll {
    Disconnect-SwProject
    Stop-SwEmulator $emulator
    Stop-SwEmulator $absolute
}

Describe 'Paging links in either form' {
    BeforeEach { $null = Connect-TestProject $emulator; Clear-SwEmulatorRequest $emulator; Clear-SwEmulatorRequest $absolute }

    It 'Get-SwPhoneNumber walks every page of <Form> links, with credentials on each request' -TestCases @(
        @{ Form = 'relative'; Target = 'emulator'; Start = '/api/relay/rest/phone_numbers?' }
        @{ Form = 'absolute'; Target = 'absolute'; Start = 'http://127.0.0.1:' }
    ) {
        $server = Get-Variable $Target -ValueOnly
        $session = Connect-TestProject $server
        $wire = Invoke-RestMethod -Uri "$($server.Url)/api/relay/rest/phone_numbers?page_size=7" -Authentication Basic -AllowUnencryptedAuthentication `
            -Credential ([pscredential]::new($server.ProjectId, $token))
        $wire.links.next | Should -BeLike "$Start*"
        Clear-SwEmulatorRequest $server

        $numbers = @(Get-SwPhoneNumber -PageSize 7 -Session $session)

        $numbers.Id | Should -Be (Get-SwEmulatorNumber $server).id
        $requests = @(Get-WireRequest $server)
        $requests.Count | Should -Be 4
        $requests.query[1..3] | ForEach-Object { $_ | Should -Match '^page_number=[123]&page_size=7&page_token=' }
        $requests | ForEach-Object { $_.headers.Authorization | Should -Be 'Basic ****'; $_.status | Should -Be 200 }
    }

    It 'Set-SwPhoneNumber -Number finds the number on the page a relative next link leads to' {
        $target = (Get-SwEmulatorNumber $emulator)[4]
        $digits = $target.number.TrimStart('+')
        $next = "/api/relay/rest/phone_numbers?page_number=0&page_size=1000&filter_number=$digits"
        Add-SwEmulatorFault $emulator @{ action = 'malformed'; path = '/phone_numbers'; method = 'GET'; times = 1
            body = (@{ links = @{ self = '/api/relay/rest/phone_numbers'; next = $next }; data = @() } | ConvertTo-Json -Compress) }
        try {
            $result = Set-SwPhoneNumber -Number $target.number -Name 'Found by a relative link'
            $result.Id | Should -Be $target.id
            $requests = @(Get-WireRequest $emulator)
            $requests[1].query | Should -Be "page_number=0&page_size=1000&filter_number=$digits"
            $requests[1].headers.Authorization | Should -Be 'Basic ****'
            $put = @(Get-WireRequest $emulator -Method PUT)
            $put.path | Should -Be "/api/relay/rest/phone_numbers/$($target.id)"
            $put.body | Should -BeExactly '{"name":"Found by a relative link"}'
        }
        finally { Clear-SwEmulatorFault $emulator }
    }

    It 'Connect-SwProject connects to a project of 2+ numbers whose page of one has a relative next link' {
        $wire = Invoke-RestMethod -Uri "$($emulator.Url)/api/relay/rest/phone_numbers?page_size=1" -Authentication Basic -AllowUnencryptedAuthentication `
            -Credential ([pscredential]::new($emulator.ProjectId, $token))
        $wire.links.next | Should -BeLike '/api/relay/rest/phone_numbers?page_number=1*'
        Clear-SwEmulatorRequest $emulator

        $session = Connect-SwProject -Space $emulator.Url -ProjectId $emulator.ProjectId -Token $token -PassThru

        $session.ProjectId | Should -Be $emulator.ProjectId
        $request = @(Get-WireRequest $emulator)
        $request.Count | Should -Be 1
        $request[0].query | Should -Be 'page_size=1'
    }

    It 'Connect-SwProject proves the credentials without reading the links: even an unreadable next link does not stop it' {
        Add-SwEmulatorFault $emulator @{ action = 'malformed'; path = '/phone_numbers'; body = '{"links":{"next":"ftp://elsewhere/x"},"data":[{"future":1}]}' }
        try {
            { Connect-SwProject -Space $emulator.Url -ProjectId $emulator.ProjectId -Token $token } | Should -Not -Throw
            (Get-SwSession).ProjectId | Should -Be $emulator.ProjectId
        }
        finally { Clear-SwEmulatorFault $emulator }
    }

    It 'sends no credentials where an absolute next link leads to another host' {
        $elsewhere = $emulator.Url -replace '127\.0\.0\.1', 'localhost'
        Add-SwEmulatorFault $emulator @{ action = 'malformed'; path = '/phone_numbers'; method = 'GET'; times = 1
            body = (@{ links = @{ next = "$elsewhere/api/relay/rest/phone_numbers?page_size=5" }; data = @() } | ConvertTo-Json -Compress) }
        try {
            $errorId = try { Get-SwPhoneNumber; 'no error' } catch { $_.FullyQualifiedErrorId }
            $errorId | Should -BeLike 'AuthenticationFailed,*'
            $requests = @(Get-WireRequest $emulator)
            $requests.Count | Should -Be 2
            $requests[0].headers.Authorization | Should -Be 'Basic ****'
            $requests[1].headers.PSObject.Properties.Name | Should -Not -Contain 'Authorization'
            $requests[1].headers.Host | Should -BeLike 'localhost:*'
        }
        finally { Clear-SwEmulatorFault $emulator }
    }
}

Describe 'Every value the read model allows' {
    BeforeAll {
        # 100 numbers hold one of each handler that routes to a Fabric resource.
        Reset-SwEmulator $emulator -Numbers 100
        $all = @(Get-SwPhoneNumber)
    }
    AfterAll { Reset-SwEmulator $emulator -Numbers 25 }

    It 'lists numbers on each handler that routes to a Fabric resource (<_>)' -ForEach @(
        'call_flow', 'ai_agent', 'fabric_subscriber', 'sip_gateway', 'call_queue'
    ) {
        $all.Count | Should -Be 100
        $onHandler = @($all | Where-Object CallHandler -eq $_)
        $onHandler.Count | Should -BeGreaterThan 0
        $onHandler | ForEach-Object { $_.CallingHandlerResourceId | Should -Match '^[0-9a-f-]{36}$' }
    }

    It 'reads e911_status <Status>' -TestCases @(
        @{ Status = 'pending' }, @{ Status = 'active' }, @{ Status = 'failed' }, @{ Status = 'pending_removal' }, @{ Status = 'unregistered' }, @{ Status = $null }
    ) {
        $wire = (Get-SwEmulatorNumber $emulator)[0]
        $wire | Add-Member -NotePropertyName e911_status -NotePropertyValue $Status -Force
        Add-SwEmulatorFault $emulator @{ action = 'malformed'; id = $wire.id; body = ($wire | ConvertTo-Json -Compress) }
        try {
            $number = Get-SwPhoneNumber -Id $wire.id
            $number.E911Status | Should -Be $Status
            $number.Id | Should -Be $wire.id
        }
        finally { Clear-SwEmulatorFault $emulator }
    }
}

Describe 'Find-SwAvailablePhoneNumber in both reply shapes' {
    AfterEach { Set-SwEmulatorConfig $emulator @{ search_shape = 'live' }; Clear-SwEmulatorFault $emulator }

    It 'writes the spec shape''s city and LATA' {
        Set-SwEmulatorConfig $emulator @{ search_shape = 'spec' }
        $found = @(Find-SwAvailablePhoneNumber -AreaCode 512 -MaxResults 2)
        $found.Count | Should -Be 2
        $found | ForEach-Object {
            $_.City | Should -Be 'Austin'
            $_.Lata | Should -Be '558'
            $_.Region | Should -Be 'TX'
            $_.Capabilities | Should -Be @('voice', 'sms', 'mms', 'fax')
        }
        ($found[0] | Format-List * | Out-String) | Should -Match '(?m)^Lata\s+: 558'
    }

    It 'writes nothing and no error when <Case>' -TestCases @(
        @{ Case = 'the spec shape finds nothing (no data at all)'; Shape = 'spec'; Body = $null }
        @{ Case = 'the live shape finds nothing (an empty data)'; Shape = 'live'; Body = $null }
        @{ Case = 'data is null'; Shape = 'live'; Body = '{"links":{},"data":null}' }
        @{ Case = 'data is absent'; Shape = 'live'; Body = '{"links":{}}' }
    ) {
        Set-SwEmulatorConfig $emulator @{ search_shape = $Shape }
        if ($Body) { Add-SwEmulatorFault $emulator @{ action = 'malformed'; path = '/search'; body = $Body } }
        $out = @(Find-SwAvailablePhoneNumber -AreaCode 212 -EndsWith 1234567 -ErrorVariable failures -Verbose 4>&1)
        @($out | Where-Object { $_ -is [SignalWire.PowerShell.Models.AvailablePhoneNumber] }).Count | Should -Be 0
        @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'No available number' }).Count | Should -Be 1
        $failures.Count | Should -Be 0
    }
}

Describe 'The captured error bodies, as errors a person can act on' {
    BeforeEach { Reset-SwEmulator $emulator -Numbers 5; $number = (Get-SwPhoneNumber -First 1) }
    AfterEach { Clear-SwEmulatorFault $emulator }

    It 'says what failed when a 422 has no detail: the status, the title, the request and the fields it set' {
        Add-SwEmulatorFault $emulator @{ action = 'status'; status = 422; method = 'PUT'; body = (& $fixture 'error_422_detail_null.json') }
        Set-SwPhoneNumber -Id $number.Id -Name 'x' -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ValidationFailed,*'
        $failures[0].ErrorDetails.Message | Should -BeExactly "PUT /api/relay/rest/phone_numbers/$($number.Id) failed with 422 Unprocessable Entity: Invalid Attribute (the API gave no detail; the request set name)"
    }

    It 'shows the attribute and the message of the newer shape, and offers its link' {
        Add-SwEmulatorFault $emulator @{ action = 'status'; status = 422; method = 'PUT'; body = (& $fixture 'error_rest_validation.json') }
        Set-SwPhoneNumber -Id $number.Id -Name 'x' -ErrorVariable failures -ErrorAction SilentlyContinue
        $url = 'https://developer.signalwire.com/rest/overview/error-codes/#not_routable'
        $failures[0].ErrorDetails.Message | Should -Match ([regex]::Escape('to: The call is not routable'))
        $failures[0].ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape($url))
        $failures[0].Exception.HelpUrl | Should -Be $url
        $failures[0].Exception.ApiErrorCode | Should -Be 'not_routable'
    }

    It 'says plainly from when a refused release will work' {
        Add-SwEmulatorFault $emulator @{ action = 'status'; status = 422; method = 'DELETE'; body = (& $fixture 'error_422_space_api.json') }
        $number | Remove-SwPhoneNumber -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ValidationFailed,*'
        $failures[0].Exception.ReleasableAt | Should -Be ([datetime]::new(2025, 6, 18, 5, 49, 47, [DateTimeKind]::Utc))
        $failures[0].Exception.ReleasableAt.Kind | Should -Be 'Utc'
        $failures[0].ErrorDetails.Message | Should -BeLike "$($number.Number) ($($number.Id)) cannot be released before 2025-06-18 05:49:47 UTC. DELETE /api/relay/rest/phone_numbers/*"
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'again after 2025-06-18 05:49:47 UTC'
        (Get-SwEmulatorNumber $emulator).id | Should -Contain $number.Id
    }
}
