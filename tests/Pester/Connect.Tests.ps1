BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 3
    $token = ConvertTo-SecureString $emulator.Token -AsPlainText -Force
}
AfterAll { Stop-SwEmulator $emulator }

Describe 'Connect-SwProject' {
    BeforeEach { Disconnect-SwProject; Clear-SwEmulatorRequest $emulator }

    It 'proves the credentials with one cheap request and becomes the default session' {
        $session = Connect-SwProject -Space $emulator.Url -ProjectId $emulator.ProjectId -Token $token -PassThru
        $session.ProjectId | Should -Be $emulator.ProjectId
        $session.SpaceUrl.AbsoluteUri | Should -Be "$($emulator.Url)/"
        (Get-SwSession).ProjectId | Should -Be $emulator.ProjectId
        $requests = @(Get-WireRequest $emulator)
        $requests.Count | Should -Be 1
        $requests[0].method | Should -Be 'GET'
        $requests[0].path | Should -Be '/api/relay/rest/phone_numbers'
        $requests[0].query | Should -Be 'page_size=1'
    }

    It 'accepts a PSCredential (user name = project ID, password = token)' {
        $credential = [pscredential]::new($emulator.ProjectId, $token)
        Connect-SwProject -Space $emulator.Url -Credential $credential
        (Get-SwSession).ProjectId | Should -Be $emulator.ProjectId
    }

    It 'reads SIGNALWIRE_SPACE, SIGNALWIRE_PROJECT_ID and SIGNALWIRE_API_TOKEN when nothing is given' {
        try {
            $env:SIGNALWIRE_SPACE = $emulator.Url; $env:SIGNALWIRE_PROJECT_ID = $emulator.ProjectId; $env:SIGNALWIRE_API_TOKEN = $emulator.Token
            Connect-SwProject
            (Get-SwSession).SpaceUrl.AbsoluteUri | Should -Be "$($emulator.Url)/"
        }
        finally { Remove-Item env:SIGNALWIRE_SPACE, env:SIGNALWIRE_PROJECT_ID, env:SIGNALWIRE_API_TOKEN -ErrorAction SilentlyContinue }
    }

    It 'also reads SIGNALWIRE_TOKEN' {
        try {
            $env:SIGNALWIRE_PROJECT_ID = $emulator.ProjectId; $env:SIGNALWIRE_TOKEN = $emulator.Token
            Connect-SwProject -Space $emulator.Url
            Get-SwSession | Should -Not -BeNullOrEmpty
        }
        finally { Remove-Item env:SIGNALWIRE_PROJECT_ID, env:SIGNALWIRE_TOKEN -ErrorAction SilentlyContinue }
    }

    It 'stops with AuthenticationFailed on a wrong token and leaves no session' {
        $wrong = ConvertTo-SecureString 'PTwrong' -AsPlainText -Force
        { Connect-SwProject -Space $emulator.Url -ProjectId $emulator.ProjectId -Token $wrong } |
            Should -Throw -ErrorId "AuthenticationFailed,$($CmdletType['Connect-SwProject'])"
        Get-SwSession | Should -BeNullOrEmpty
    }

    It 'refuses plain http to a host that is not loopback, before any request' {
        { Connect-SwProject -Space 'http://example.signalwire.com' -ProjectId $emulator.ProjectId -Token $token } |
            Should -Throw -ErrorId "InvalidSpace,$($CmdletType['Connect-SwProject'])"
        @(Get-WireRequest $emulator).Count | Should -Be 0
    }

    It 'refuses a project ID that is not a UUID, naming the parameter' {
        { Connect-SwProject -Space $emulator.Url -ProjectId 'not-a-uuid' -Token $token } |
            Should -Throw -ErrorId "ParameterArgumentValidationError,$($CmdletType['Connect-SwProject'])"
    }

    It 'has no plain-string token parameter' {
        (Get-Command Connect-SwProject).Parameters['Token'].ParameterType | Should -Be ([securestring])
    }

    It 'Disconnect-SwProject forgets the default session, and cmdlets then fail with NotConnected' {
        Connect-SwProject -Space $emulator.Url -ProjectId $emulator.ProjectId -Token $token
        Disconnect-SwProject
        Get-SwSession | Should -BeNullOrEmpty
        { Get-SwPhoneNumber } | Should -Throw -ErrorId "NotConnected,$($CmdletType['Get-SwPhoneNumber'])"
        { Set-SwPhoneNumber -Id ([guid]::NewGuid()) -Name x } | Should -Throw -ErrorId "NotConnected,$($CmdletType['Set-SwPhoneNumber'])"
    }

    It 'works with an explicit -Session when there is no default' {
        $session = Connect-SwProject -Space $emulator.Url -ProjectId $emulator.ProjectId -Token $token -PassThru
        Disconnect-SwProject
        @(Get-SwPhoneNumber -Session $session).Count | Should -Be 3
    }
}
