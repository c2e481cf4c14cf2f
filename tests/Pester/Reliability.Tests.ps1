# Reliability: retries that respect the server, Ctrl+C, nothing lost in a batch, errors people can act on,
# bad input refused before any request. Every fault is injected by the emulator; retries use small Retry-After values.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 220
    $session = Connect-TestProject $emulator
    # One attempt: each failure shows as it is, without waiting for retries. The default timeout, so a request that is
    # slow on a loaded machine is not mistaken for the failure under test.
    $noRetry = Connect-TestProject $emulator -Extra @{ MaximumRetryCount = 0 }
    # One attempt and a short timeout: only for the test of a timeout.
    $once = Connect-TestProject $emulator -Extra @{ MaximumRetryCount = 0; TimeoutSec = 1 }
    $setCmdlet = $CmdletType['Set-SwPhoneNumber']
    $getCmdlet = $CmdletType['Get-SwPhoneNumber']
    $connectCmdlet = $CmdletType['Connect-SwProject']
    $apiPath = '/api/relay/rest/phone_numbers'
    $StopBound = 10

    function Get-Numbers { @(Get-SwPhoneNumber -Session $session) }

    # Runs a command once for GET (Get-SwPhoneNumber -Id) or PUT (Set-SwPhoneNumber -Id -Name), with -Verbose captured.
    function Invoke-Target {
        param([string] $Method, [string] $Id, $Session, [string] $Name = 'retried')
        if ($Method -eq 'GET') { Get-SwPhoneNumber -Id $Id -Session $Session -Verbose 4>&1 }
        else { Set-SwPhoneNumber -Id $Id -Name $Name -Session $Session -Verbose 4>&1 }
    }

    function Get-RetryLine { param($Stream) @($Stream | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Retrying *' }) }
    function Get-Output { param($Stream) @($Stream | Where-Object { $_ -is [SignalWire.PowerShell.Models.PhoneNumber] }) }
    function Get-WireFor { param([string] $Method, [string] $Id) @(Get-WireRequest $emulator -Method $Method | Where-Object path -eq "$apiPath/$Id") }

    function New-ShellWithModule {
        $state = [initialsessionstate]::CreateDefault2()
        $state.ImportPSModule([string[]]@($ModuleManifest))
        [powershell]::Create($state)
    }

    # Runs a script in its own runspace (as a console would), stops it once the emulator has seen $Requests requests
    # matching $Method, and reports how long Stop() took, the state, and what came out. The waits stopped are 15 s or
    # longer: a Stop() under $StopBound seconds cut them short, with room to spare for a loaded machine.
    function Invoke-AndStop {
        param([scriptblock] $Script, [hashtable] $Arguments, [string] $Method, [int] $Requests = 1)
        # The module comes with the runspace, not as a first statement: a batch of statements that is stopped can have
        # its next statement start on a pool thread after Dispose, which crashes the whole process.
        $shell = New-ShellWithModule
        try {
            $null = $shell.AddScript($Script.ToString())
            foreach ($key in $Arguments.Keys) { $null = $shell.AddParameter($key, $Arguments[$key]) }
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $inputData = [System.Management.Automation.PSDataCollection[psobject]]::new(); $inputData.Complete()
            $handle = $shell.BeginInvoke($inputData, $output)
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while (@(Get-WireRequest $emulator -Method $Method).Count -lt $Requests -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            Start-Sleep -Milliseconds 200
            $runningBeforeStop = $shell.InvocationStateInfo.State
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $stopSeconds = $watch.Elapsed.TotalSeconds
            [pscustomobject]@{
                RunningBeforeStop = $runningBeforeStop
                StopSeconds       = $stopSeconds
                State             = $shell.InvocationStateInfo.State
                Output            = @($output)
                Verbose           = @($shell.Streams.Verbose)
                Completed         = $handle.IsCompleted
            }
        }
        finally { $shell.Dispose() }
    }
}
AfterAll { Stop-SwEmulator $emulator }

Describe 'Reliability' {
    BeforeEach {
        Clear-SwEmulatorFault $emulator
        Clear-SwEmulatorRequest $emulator
    }
    AfterEach { Clear-SwEmulatorFault $emulator; Set-SwEmulatorConfig $emulator @{ latency_ms = 0 } }

    Context 'session settings' {
        It 'carries -MaximumRetryCount and -TimeoutSec in the session, with defaults 4 and 30' {
            $session.MaximumRetryCount | Should -Be 4
            $session.TimeoutSec | Should -Be 30
            $once.MaximumRetryCount | Should -Be 0
            $once.TimeoutSec | Should -Be 1
            $noRetry.MaximumRetryCount | Should -Be 0
            $noRetry.TimeoutSec | Should -Be 30
        }

        It 'makes exactly 1 + MaximumRetryCount attempts, as the session says' {
            $three = Connect-TestProject $emulator -Extra @{ MaximumRetryCount = 2 }
            $target = (Get-Numbers)[0]
            Clear-SwEmulatorRequest $emulator
            Add-SwEmulatorFault $emulator @{ action = 'status'; status = 503; method = 'PUT'; id = $target.Id; retry_after = '0' }
            $null = Set-SwPhoneNumber -Id $target.Id -Name 'x' -Session $three -ErrorAction SilentlyContinue
            (Get-WireFor PUT $target.Id).Count | Should -Be 3
            Clear-SwEmulatorRequest $emulator
            $null = Set-SwPhoneNumber -Id $target.Id -Name 'x' -Session $noRetry -ErrorAction SilentlyContinue
            (Get-WireFor PUT $target.Id).Count | Should -Be 1
        }
    }

    Context 'retries' {
        It 'retries <Status> on <Method>, one -Verbose line per retry with reason and wait, then succeeds' -TestCases @(
            foreach ($method in 'GET', 'PUT') { foreach ($status in 429, 500, 502, 503, 504) { @{ Method = $method; Status = $status } } }
        ) {
            $target = (Get-Numbers)[7]
            Clear-SwEmulatorRequest $emulator
            Add-SwEmulatorFault $emulator @{ action = 'status'; status = $Status; times = 2; method = $Method; id = $target.Id; retry_after = '0' }
            $stream = Invoke-Target $Method $target.Id $session
            (Get-Output $stream).Id | Should -Be $target.Id
            $retries = Get-RetryLine $stream
            $retries.Count | Should -Be 2
            $retries[0].Message | Should -Match "^Retrying $Method $apiPath/$($target.Id) in 0(\.0+)? s \(attempt 2\): $Status "
            $retries[1].Message | Should -Match '\(attempt 3\)'
            (Get-WireFor $Method $target.Id).status | Should -Be @($Status, $Status, 200)
        }

        It 'waits the seconds Retry-After gives' {
            $target = (Get-Numbers)[8]
            Add-SwEmulatorFault $emulator @{ action = 'status'; status = 429; times = 1; method = 'PUT'; id = $target.Id; retry_after = '1' }
            $stream = Invoke-Target PUT $target.Id $session
            (Get-Output $stream).Count | Should -Be 1
            (Get-RetryLine $stream).Message | Should -Match ' in 1(\.0+)? s \(attempt 2\): 429 Too Many Requests'
        }

        It 'waits until the HTTP date Retry-After gives (not its own backoff)' {
            $target = (Get-Numbers)[9]
            Add-SwEmulatorFault $emulator @{ action = 'status'; status = 429; times = 1; method = 'GET'; id = $target.Id; retry_after = 'date+3' }
            $stream = Invoke-Target GET $target.Id $session
            (Get-Output $stream).Count | Should -Be 1
            $line = (Get-RetryLine $stream).Message
            $line | Should -Match ' in ([\d.]+) s \(attempt 2\): 429'
            $null = $line -match ' in ([\d.]+) s'
            # The date is whole seconds, 3 s ahead: the wait is over 1 s, which the first backoff (about 0.5 s) never is.
            [double]$Matches[1] | Should -BeGreaterThan 1.0
            [double]$Matches[1] | Should -BeLessOrEqual 3.0
        }

        It 'retries a dropped connection on <Method> (<When> the server acted)' -TestCases @(
            @{ Method = 'GET'; When = 'before' }
            @{ Method = 'PUT'; When = 'before' }
            @{ Method = 'PUT'; When = 'after' }
        ) {
            $target = (Get-Numbers)[10]
            Clear-SwEmulatorRequest $emulator
            Add-SwEmulatorFault $emulator @{ action = 'drop'; times = 1; method = $Method; id = $target.Id; when = $When }
            $stream = Invoke-Target $Method $target.Id $session -Name "drop-$When"
            (Get-Output $stream).Id | Should -Be $target.Id
            (Get-RetryLine $stream).Message | Should -Match "\(attempt 2\): network failure"
            (Get-WireFor $Method $target.Id).Count | Should -Be 2
            if ($Method -eq 'PUT') { (Get-SwEmulatorNumber $emulator | Where-Object id -eq $target.Id).name | Should -Be "drop-$When" }
        }

        It 'retries a request that timed out on <Method>' -TestCases @(@{ Method = 'GET' }, @{ Method = 'PUT' }) {
            $quick = Connect-TestProject $emulator -Extra @{ TimeoutSec = 1; MaximumRetryCount = 2 }
            $target = (Get-Numbers)[11]
            Clear-SwEmulatorRequest $emulator
            Add-SwEmulatorFault $emulator @{ action = 'latency'; latency_ms = 2500; times = 1; method = $Method; id = $target.Id }
            $stream = Invoke-Target $Method $target.Id $quick
            (Get-Output $stream).Id | Should -Be $target.Id
            (Get-RetryLine $stream).Message | Should -Match '\(attempt 2\): timed out'
            (Get-WireFor $Method $target.Id).Count | Should -Be 2
        }

        It 'after the last try writes an error with the status, the server''s message and the number of attempts' {
            $three = Connect-TestProject $emulator -Extra @{ MaximumRetryCount = 2 }
            $target = (Get-Numbers)[12]
            Add-SwEmulatorFault $emulator @{ action = 'status'; status = 503; method = 'PUT'; id = $target.Id; retry_after = '0'; body = '{"error":"Down for maintenance"}' }
            $stream = Set-SwPhoneNumber -Id $target.Id -Name 'x' -Session $three -Verbose -ErrorVariable failures -ErrorAction SilentlyContinue 4>&1
            (Get-RetryLine $stream).Count | Should -Be 2
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "ServerError,$setCmdlet"
            $failures[0].Exception.StatusCode | Should -Be 503
            $failures[0].Exception.ApiMessage | Should -Be 'Down for maintenance'
            $failures[0].Exception.Attempts | Should -Be 3
            $failures[0].ErrorDetails.Message | Should -Match '503'
            $failures[0].ErrorDetails.Message | Should -Match 'Down for maintenance'
            $failures[0].ErrorDetails.Message | Should -Match '3 attempts'
        }

        It 'does not retry <Status>: the answer will not change' -TestCases @(@{ Status = 400 }, @{ Status = 404 }, @{ Status = 422 }) {
            $target = (Get-Numbers)[13]
            Clear-SwEmulatorRequest $emulator
            Add-SwEmulatorFault $emulator @{ action = 'status'; status = $Status; method = 'PUT'; id = $target.Id }
            $stream = Set-SwPhoneNumber -Id $target.Id -Name 'x' -Session $session -Verbose -ErrorVariable failures -ErrorAction SilentlyContinue 4>&1
            (Get-RetryLine $stream).Count | Should -Be 0
            $failures.Count | Should -Be 1
            $failures[0].Exception.Attempts | Should -Be 1
            (Get-WireFor PUT $target.Id).Count | Should -Be 1
        }
    }

    Context 'Ctrl+C' {
        It 'stops Set-SwPhoneNumber with requests in flight without waiting for their replies, with no half-written output' {
            $numbers = Get-Numbers
            Add-SwEmulatorFault $emulator @{ action = 'latency'; latency_ms = 15000; method = 'PUT'; every = 3 }
            $result = Invoke-AndStop -Method PUT -Requests 14 -Arguments @{ Numbers = $numbers[0..29]; Session = $session } -Script {
                param($Numbers, $Session)
                $Numbers | Set-SwPhoneNumber -Name 'ctrl-c' -Session $Session -ThrottleLimit 8
            }
            $result.RunningBeforeStop | Should -Be 'Running'
            $result.StopSeconds | Should -BeLessThan $StopBound
            $result.State | Should -Be 'Stopped'
            # Whatever came out is whole: complete phone numbers, each updated.
            foreach ($item in $result.Output) {
                $item.PSObject.TypeNames[0] | Should -Be 'SignalWire.PowerShell.Models.PhoneNumber'
                $item.Id | Should -Not -BeNullOrEmpty
                $item.Name | Should -Be 'ctrl-c'
            }
            # The stopped pipeline sent nothing more.
            $sent = @(Get-WireRequest $emulator -Method PUT).Count
            Start-Sleep -Milliseconds 500
            @(Get-WireRequest $emulator -Method PUT).Count | Should -Be $sent
        }

        It 'stops Get-SwPhoneNumber waiting on a slow server without waiting for the reply' {
            Set-SwEmulatorConfig $emulator @{ latency_ms = 15000 }
            $result = Invoke-AndStop -Method GET -Arguments @{ Session = $session } -Script {
                param($Session)
                Get-SwPhoneNumber -Session $Session -PageSize 10
            }
            $result.RunningBeforeStop | Should -Be 'Running'
            $result.StopSeconds | Should -BeLessThan $StopBound
            $result.State | Should -Be 'Stopped'
            $result.Output.Count | Should -Be 0
        }

        It 'stops a retry that waits on a long Retry-After (capped at 60 s) without waiting it out' {
            $target = (Get-Numbers)[3]
            # Its own session: a 429 holds back every write of the session that got it, for as long as Retry-After says.
            $paused = Connect-TestProject $emulator
            Add-SwEmulatorFault $emulator @{ action = 'status'; status = 429; method = 'PUT'; id = $target.Id; retry_after = '3600' }
            $result = Invoke-AndStop -Method PUT -Arguments @{ Id = $target.Id; Session = $paused } -Script {
                param($Id, $Session)
                Set-SwPhoneNumber -Id $Id -Name 'never' -Session $Session -Verbose
            }
            $result.RunningBeforeStop | Should -Be 'Running'
            $result.StopSeconds | Should -BeLessThan $StopBound
            $result.State | Should -Be 'Stopped'
            ($result.Verbose.Message | Where-Object { $_ -like 'Retrying *' }) | Should -Match ' in 60(\.0+)? s '
            @(Get-WireFor PUT $target.Id).Count | Should -Be 1
        }
    }

    Context 'nothing lost in a batch' {
        It 'pipes 200 numbers through faults: one output or one error per input, and the server holds exactly the successes' {
            $numbers = @(Get-Numbers)[0..199]
            $numbers.Count | Should -Be 200
            @($numbers | Where-Object CallRelayTopic -eq 'batch-topic').Count | Should -Be 0
            $notFound = $numbers[20, 90, 150].Id
            $invalid = $numbers[40, 120, 180].Id
            $retrying = Connect-TestProject $emulator -Extra @{ MaximumRetryCount = 10 }
            Clear-SwEmulatorRequest $emulator
            $rules = @(
                foreach ($id in $notFound) { @{ action = 'status'; status = 404; method = 'PUT'; id = $id } }
                foreach ($id in $invalid) { @{ action = 'status'; status = 422; method = 'PUT'; id = $id } }
                @{ action = 'status'; status = 429; method = 'PUT'; probability = 0.05; retry_after = '0'; seed = 1 }
                @{ action = 'status'; status = 500; method = 'PUT'; probability = 0.03; retry_after = '0'; seed = 2 }
                @{ action = 'status'; status = 502; method = 'PUT'; probability = 0.03; retry_after = '0'; seed = 3; body = '<html><body>Bad Gateway</body></html>'; content_type = 'text/html' }
                @{ action = 'status'; status = 503; method = 'PUT'; probability = 0.03; retry_after = 'date+0'; seed = 4 }
                @{ action = 'status'; status = 504; method = 'PUT'; probability = 0.03; seed = 5; retry_after = '0' }
                @{ action = 'drop'; method = 'PUT'; probability = 0.03; seed = 6 }
                @{ action = 'drop'; method = 'PUT'; probability = 0.03; seed = 7; when = 'after' }
                @{ action = 'status'; status = 503; method = 'PUT'; probability = 0.03; seed = 8; when = 'after'; retry_after = '0' }
            )
            Add-SwEmulatorFault $emulator $rules

            $out = @($numbers | Set-SwPhoneNumber -CallRelayTopic 'batch-topic' -Session $retrying -ErrorVariable failures -ErrorAction SilentlyContinue)

            $faulted = @(Get-WireRequest $emulator -Method PUT | Where-Object { $_.fault })
            @($faulted | Where-Object fault -eq 'drop').Count | Should -BeGreaterThan 0
            @($faulted | Where-Object { $_.status -eq 429 }).Count | Should -BeGreaterThan 0
            @($faulted | Where-Object { $_.status -ge 500 }).Count | Should -BeGreaterThan 0

            ($out.Count + $failures.Count) | Should -Be 200
            $failures.Count | Should -Be 6
            $out | ForEach-Object { $_ | Should -BeOfType 'SignalWire.PowerShell.Models.PhoneNumber' }
            ($out.Id | Sort-Object -Unique).Count | Should -Be $out.Count
            $byNumber = @{}; foreach ($n in $numbers) { $byNumber[$n.Number] = $n.Id }
            $failedIds = @($failures | ForEach-Object { $byNumber[[string]$_.TargetObject] })
            ($failedIds | Sort-Object) | Should -Be (@($notFound + $invalid) | Sort-Object)
            @($failures | Where-Object FullyQualifiedErrorId -eq "PhoneNumberNotFound,$setCmdlet").Count | Should -Be 3
            @($failures | Where-Object FullyQualifiedErrorId -eq "ValidationFailed,$setCmdlet").Count | Should -Be 3

            $after = @{}; foreach ($n in Get-SwEmulatorNumber $emulator) { $after[$n.id] = $n.call_relay_topic }
            $changed = @($after.Keys | Where-Object { $after[$_] -eq 'batch-topic' })
            ($changed | Sort-Object) | Should -Be ($out.Id | Sort-Object)
        }
    }

    Context 'failures that doom every item stop the pipeline once' {
        It 'stops on <Status> with one <ErrorId> error, with <Throttle> in flight' -TestCases @(
            @{ Status = 401; ErrorId = 'AuthenticationFailed'; Category = 'AuthenticationError'; Throttle = 1 }
            @{ Status = 401; ErrorId = 'AuthenticationFailed'; Category = 'AuthenticationError'; Throttle = 8 }
            @{ Status = 403; ErrorId = 'PermissionDenied'; Category = 'PermissionDenied'; Throttle = 1 }
            @{ Status = 403; ErrorId = 'PermissionDenied'; Category = 'PermissionDenied'; Throttle = 8 }
        ) {
            $numbers = @(Get-Numbers)[0..39]
            Clear-SwEmulatorRequest $emulator
            Add-SwEmulatorFault $emulator @{ action = 'status'; status = $Status; method = 'PUT' }
            $before = $Error.Count
            $out = $null; $caught = $null
            try { $out = @($numbers | Set-SwPhoneNumber -Name 'doomed' -Session $session -ThrottleLimit $Throttle) }
            catch { $caught = $_ }
            $caught | Should -Not -BeNullOrEmpty
            $caught.FullyQualifiedErrorId | Should -Be "$ErrorId,$setCmdlet"
            $caught.CategoryInfo.Category | Should -Be $Category
            $caught.Exception.StatusCode | Should -Be $Status
            ($Error.Count - $before) | Should -Be 1
            @(Get-WireRequest $emulator -Method PUT).Count | Should -BeLessOrEqual $Throttle
        }

        It 'leaves nothing retrying in the background once the pipeline has ended (<Ending>)' -TestCases @(
            @{ Ending = 'a 403 on the first number' }
            @{ Ending = 'Select-Object -First 1 downstream' }
        ) {
            $numbers = @(Get-Numbers)[0..2]
            Clear-SwEmulatorRequest $emulator
            if ($Ending -like 'a 403*') { Add-SwEmulatorFault $emulator @{ action = 'status'; status = 403; method = 'PUT'; id = $numbers[0].Id } }
            foreach ($other in $numbers[1..2]) { Add-SwEmulatorFault $emulator @{ action = 'status'; status = 503; method = 'PUT'; id = $other.Id; retry_after = '1' } }
            try { $null = $numbers | Set-SwPhoneNumber -Name 'ended' -Session $session -ThrottleLimit 3 | Select-Object -First 1 } catch { $null = $_ }
            $sent = @(Get-WireRequest $emulator -Method PUT).Count
            Start-Sleep -Milliseconds 1600
            @(Get-WireRequest $emulator -Method PUT).Count | Should -Be $sent
        }

        It 'stops Get-SwPhoneNumber -Id on a 403 once, not once per id' {
            $ids = @(Get-Numbers)[0..9].Id
            Clear-SwEmulatorRequest $emulator
            Add-SwEmulatorFault $emulator @{ action = 'status'; status = 403; method = 'GET' }
            $before = $Error.Count
            { $ids | Get-SwPhoneNumber -Session $session } | Should -Throw -ErrorId "PermissionDenied,$getCmdlet"
            ($Error.Count - $before) | Should -Be 1
            @(Get-WireRequest $emulator -Method GET).Count | Should -Be 1
        }

        It 'stops with one NotConnected when there is no session, before any request' {
            $ids = @(Get-Numbers)[0..9].Id
            Clear-SwEmulatorRequest $emulator
            $shell = New-ShellWithModule
            try {
                $null = $shell.AddScript({
                        param($Ids)
                        try { $Ids | ForEach-Object { [pscustomobject]@{ Id = $_ } } | Set-SwPhoneNumber -Name x }
                        catch { $_.FullyQualifiedErrorId; [string]$_.CategoryInfo.Category }
                        $Error.Count
                    }.ToString()).AddParameter('Ids', $ids)
                $result = $shell.Invoke()
                $result[0] | Should -Be "NotConnected,$setCmdlet"
                $result[1] | Should -Be 'ConnectionError'
                $result[2] | Should -Be 1
            }
            finally { $shell.Dispose() }
            @(Get-WireRequest $emulator).Count | Should -Be 0
        }
    }

    Context 'errors people can act on' {
        It '<Fault> becomes <ErrorId> (<Category>) naming the number, with the API message and the status' -TestCases @(
            @{ Fault = '404'; Rule = @{ action = 'status'; status = 404 }; ErrorId = 'PhoneNumberNotFound'; Category = 'ObjectNotFound'; Status = 404; Text = 'Not Found' }
            @{ Fault = '422'; Rule = @{ action = 'status'; status = 422 }; ErrorId = 'ValidationFailed'; Category = 'InvalidArgument'; Status = 422; Text = 'Injected validation failure' }
            @{ Fault = '429'; Rule = @{ action = 'status'; status = 429; retry_after = '0' }; ErrorId = 'RateLimited'; Category = 'LimitsExceeded'; Status = 429; Text = 'Too Many Requests' }
            @{ Fault = '500'; Rule = @{ action = 'status'; status = 500 }; ErrorId = 'ServerError'; Category = 'ResourceUnavailable'; Status = 500; Text = 'Internal Server Error' }
            @{ Fault = 'a dropped connection'; Rule = @{ action = 'drop' }; ErrorId = 'NetworkError'; Category = 'ConnectionError'; Status = $null; Text = 'could not talk to' }
            @{ Fault = 'a timeout'; Rule = @{ action = 'latency'; latency_ms = 2500 }; ErrorId = 'Timeout'; Category = 'OperationTimeout'; Status = $null; Text = 'timed out'; ShortTimeout = $true }
            @{ Fault = 'a truncated body'; Rule = @{ action = 'malformed' }; ErrorId = 'InvalidResponse'; Category = 'InvalidResult'; Status = 200; Text = 'not JSON' }
        ) {
            $target = (Get-Numbers)[20]
            $Rule.method = 'PUT'; $Rule.id = $target.Id
            Add-SwEmulatorFault $emulator $Rule
            # Only the timeout case needs the 1 s timeout; any other case would turn into a Timeout on a slow machine.
            $oneAttempt = if ($ShortTimeout) { $once } else { $noRetry }
            $target | Set-SwPhoneNumber -Name 'err' -Session $oneAttempt -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "$ErrorId,$setCmdlet"
            $failures[0].CategoryInfo.Category | Should -Be $Category
            $failures[0].TargetObject | Should -Be $target.Number
            $failures[0].Exception | Should -BeOfType 'SignalWire.PowerShell.Client.SignalWireApiException'
            $failures[0].Exception.StatusCode | Should -Be $Status
            $failures[0].ErrorDetails.Message | Should -Match ([regex]::Escape($Text))
            $failures[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        }

        It 'lets a script catch the exception type and read StatusCode' {
            $target = (Get-Numbers)[21]
            Add-SwEmulatorFault $emulator @{ action = 'status'; status = 404; method = 'PUT'; id = $target.Id }
            $status = $null
            try { Set-SwPhoneNumber -Id $target.Id -Name x -Session $session -ErrorAction Stop }
            catch [SignalWire.PowerShell.Client.SignalWireApiException] { $status = $_.Exception.StatusCode }
            $status | Should -Be 404
        }

        It 'reads <Shape> without failing on it' -TestCases @(
            @{ Shape = 'an HTML error page'; Status = 502; ContentType = 'text/html'; Body = '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><hr>nginx</body></html>'; ErrorId = 'ServerError'; Text = 'Bad Gateway nginx' }
            @{ Shape = 'an empty 500'; Status = 500; ContentType = 'text/plain'; Body = ''; ErrorId = 'ServerError'; Text = '500 Internal Server Error' }
            @{ Shape = 'the relay shape'; Status = 404; ContentType = 'application/json'; Body = '{"error":"Number is gone"}'; ErrorId = 'PhoneNumberNotFound'; Text = 'Number is gone' }
            @{ Shape = 'the space shape'; Status = 422; ContentType = 'application/json'; Body = '{"errors":[{"detail":"call_relay_topic is too long","status":"422","title":"Invalid Attribute","code":"422"}]}'; ErrorId = 'ValidationFailed'; Text = 'call_relay_topic is too long' }
            @{ Shape = 'the fabric shape'; Status = 422; ContentType = 'application/json'; Body = '{"errors":[{"type":"validation_error","code":"invalid","message":"is not allowed","attribute":"name","url":"https://developer.signalwire.com"}]}'; ErrorId = 'ValidationFailed'; Text = 'name: is not allowed' }
            @{ Shape = 'the laml shape'; Status = 422; ContentType = 'application/json'; Body = '{"code":21452,"message":"Number not owned","more_info":"https://x","status":422}'; ErrorId = 'ValidationFailed'; Text = 'Number not owned' }
            @{ Shape = 'an unknown JSON shape'; Status = 500; ContentType = 'application/json'; Body = '{"oops":[1,2,3]}'; ErrorId = 'ServerError'; Text = 'oops' }
            @{ Shape = 'a JSON array error'; Status = 500; ContentType = 'application/json'; Body = '[null]'; ErrorId = 'ServerError'; Text = '500' }
        ) {
            $target = (Get-Numbers)[22]
            Add-SwEmulatorFault $emulator @{ action = 'status'; status = $Status; method = 'PUT'; id = $target.Id; body = $Body; content_type = $ContentType }
            Set-SwPhoneNumber -Id $target.Id -Name x -Session $noRetry -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "$ErrorId,$setCmdlet"
            $failures[0].Exception | Should -BeOfType 'SignalWire.PowerShell.Client.SignalWireApiException'
            $failures[0].Exception.StatusCode | Should -Be $Status
            $failures[0].ErrorDetails.Message | Should -Match ([regex]::Escape($Text))
        }

        It 'turns a 200 with <Shape> into InvalidResponse on <Command>, never a NullReferenceException' -TestCases @(
            foreach ($command in 'Get-SwPhoneNumber -Id', 'Get-SwPhoneNumber (list)', 'Set-SwPhoneNumber') {
                foreach ($shape in @(
                        @{ Shape = 'an empty body'; Body = '' }
                        @{ Shape = 'an HTML page'; Body = '<html><body>Welcome to our proxy</body></html>' }
                        @{ Shape = 'null'; Body = 'null' }
                        @{ Shape = 'an array'; Body = '[1,2]' }
                        @{ Shape = 'a wrong type'; Body = '{"id":{"x":1},"data":7,"links":[]}' }
                        @{ Shape = 'truncated JSON'; Body = '{"id":"3f2a' })) {
                    @{ Command = $command; Shape = $shape.Shape; Body = $shape.Body }
                }
            }
        ) {
            $target = (Get-Numbers)[23]
            $rule = @{ action = 'malformed'; body = $Body; content_type = 'application/json' }
            if ($Command -eq 'Get-SwPhoneNumber (list)') { $rule.method = 'GET'; $rule.path = 'phone_numbers' }
            else { $rule.id = $target.Id; $rule.method = if ($Command -like 'Get*') { 'GET' } else { 'PUT' } }
            Add-SwEmulatorFault $emulator $rule
            switch ($Command) {
                'Get-SwPhoneNumber -Id' { $out = Get-SwPhoneNumber -Id $target.Id -Session $noRetry -ErrorVariable failures -ErrorAction SilentlyContinue }
                'Get-SwPhoneNumber (list)' { $out = Get-SwPhoneNumber -Session $noRetry -ErrorVariable failures -ErrorAction SilentlyContinue }
                default { $out = Set-SwPhoneNumber -Id $target.Id -Name x -Session $noRetry -ErrorVariable failures -ErrorAction SilentlyContinue }
            }
            @($out).Where({ $_ }).Count | Should -Be 0
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidResponse,*'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidResult'
            $failures[0].Exception | Should -BeOfType 'SignalWire.PowerShell.Client.SignalWireApiException'
            $failures[0].Exception.StatusCode | Should -Be 200
        }
    }

    Context 'bad input refused before it is sent, naming the parameter' {
        It 'refuses <Case>' -TestCases @(
            @{ Case = '-Id with -Number'; Script = { Set-SwPhoneNumber -Id '233dffc2-2ad3-455e-a597-0e332c39662a' -Number '+15551234567' -Name x -Session $session }; ErrorId = 'TargetConflict'; Cmdlet = 'Set'; Text = '-Id and -Number' }
            @{ Case = '-Token with -Credential'; Script = { Connect-SwProject -Space $emulator.Url -ProjectId $emulator.ProjectId -Token (New-Object securestring) -Credential ([pscredential]::new($emulator.ProjectId, (ConvertTo-SecureString 'x' -AsPlainText -Force))) }; ErrorId = 'AmbiguousParameterSet'; Cmdlet = 'Connect'; Text = 'cannot be used together' }
            @{ Case = '-ProjectId with -Credential'; Script = { Connect-SwProject -Space $emulator.Url -ProjectId $emulator.ProjectId -Credential ([pscredential]::new($emulator.ProjectId, (ConvertTo-SecureString 'x' -AsPlainText -Force))) }; ErrorId = 'AmbiguousParameterSet'; Cmdlet = 'Connect'; Text = 'cannot be used together' }
            @{ Case = 'Get-SwPhoneNumber -Id with -Name'; Script = { Get-SwPhoneNumber -Id '233dffc2-2ad3-455e-a597-0e332c39662a' -Name Sales -Session $session }; ErrorId = 'AmbiguousParameterSet'; Cmdlet = 'Get'; Text = 'cannot be used together' }
            @{ Case = 'a -ThrottleLimit of 0'; Script = { Set-SwPhoneNumber -Id '233dffc2-2ad3-455e-a597-0e332c39662a' -Name x -ThrottleLimit 0 -Session $session }; ErrorId = 'ParameterArgumentValidationError'; Cmdlet = 'Set'; Text = 'ThrottleLimit' }
            @{ Case = 'a -PageSize over 1000'; Script = { Get-SwPhoneNumber -PageSize 1001 -Session $session }; ErrorId = 'ParameterArgumentValidationError'; Cmdlet = 'Get'; Text = 'PageSize' }
            @{ Case = 'a -MaximumRetryCount over 10'; Script = { Connect-SwProject -Space $emulator.Url -ProjectId $emulator.ProjectId -Token (ConvertTo-SecureString 'x' -AsPlainText -Force) -MaximumRetryCount 11 }; ErrorId = 'ParameterArgumentValidationError'; Cmdlet = 'Connect'; Text = 'MaximumRetryCount' }
            @{ Case = 'a -TimeoutSec of 0'; Script = { Connect-SwProject -Space $emulator.Url -ProjectId $emulator.ProjectId -Token (ConvertTo-SecureString 'x' -AsPlainText -Force) -TimeoutSec 0 }; ErrorId = 'ParameterArgumentValidationError'; Cmdlet = 'Connect'; Text = 'TimeoutSec' }
            @{ Case = 'a -Space that is no name'; Script = { Connect-SwProject -Space 'my space!' -ProjectId $emulator.ProjectId -Token (ConvertTo-SecureString 'x' -AsPlainText -Force) }; ErrorId = 'InvalidSpace'; Cmdlet = 'Connect'; Text = '-Space' }
            @{ Case = 'an -Id list with one bad id'; Script = { Get-SwPhoneNumber -Id '233dffc2-2ad3-455e-a597-0e332c39662a', 'nope' -Session $session }; ErrorId = 'ParameterArgumentValidationError'; Cmdlet = 'Get'; Text = 'Id' }
            @{ Case = 'a -CallRelayScriptUrl that is relative'; Script = { Set-SwPhoneNumber -Id '233dffc2-2ad3-455e-a597-0e332c39662a' -CallRelayScriptUrl '/swml' -Session $session }; ErrorId = 'InvalidFieldValue'; Cmdlet = 'Set'; Text = 'CallRelayScriptUrl' }
            @{ Case = 'a -CallFallbackMethod of PUT'; Script = { Set-SwPhoneNumber -Id '233dffc2-2ad3-455e-a597-0e332c39662a' -CallFallbackMethod PUT -Session $session }; ErrorId = 'InvalidFieldValue'; Cmdlet = 'Set'; Text = 'CallFallbackMethod' }
        ) {
            $type = @{ Set = $setCmdlet; Get = $getCmdlet; Connect = $connectCmdlet }[$Cmdlet]
            $failure = $Script | Should -Throw -ErrorId "$ErrorId,$type" -PassThru
            $failure.Exception.Message | Should -Match ([regex]::Escape($Text))
            @(Get-WireRequest $emulator).Count | Should -Be 0
        }

        It 'refuses a bad row in a pipeline with one error naming it, and the good rows go on' {
            $numbers = @(Get-Numbers)[0..2]
            Clear-SwEmulatorRequest $emulator
            # Rows with different columns, each value unique to its row: a value of one row carried into the next shows.
            $rows = @(
                [pscustomobject]@{ Id = $numbers[0].Id; CallHandler = 'relay_topic'; CallRelayTopic = 'rows-0'; Name = 'row 0' }
                [pscustomobject]@{ Id = $numbers[1].Id; CallHandler = 'carrier_pigeon'; Name = 'row 1' }
                [pscustomobject]@{ Id = $numbers[2].Id; CallRelayTopic = 'rows-2' }
            )
            $out = @($rows | Set-SwPhoneNumber -Session $session -ThrottleLimit 1 -ErrorVariable failures -ErrorAction SilentlyContinue)
            $out.Id | Should -Be $numbers[0].Id, $numbers[2].Id
            $failures.Count | Should -Be 1
            $failures[0].Exception.Message | Should -Match 'CallHandler'
            $failures[0].Exception.Message | Should -Match 'relay_topic'
            $failures[0].TargetObject | Should -Be $numbers[1].Number

            # Each good row's PUT carries exactly its own fields (those that differ from the number), nothing of another row.
            $expected = @(
                [ordered]@{ call_handler = 'relay_topic'; call_relay_topic = 'rows-0'; name = 'row 0' }
                [ordered]@{ call_relay_topic = 'rows-2' }
            )
            if ($numbers[0].CallHandler -eq 'relay_topic') { $expected[0].Remove('call_handler') }
            $puts = @(Get-WireRequest $emulator -Method PUT)
            $puts.path | Should -Be "$apiPath/$($numbers[0].Id)", "$apiPath/$($numbers[2].Id)"
            for ($i = 0; $i -lt 2; $i++) {
                $sent = $puts[$i].body | ConvertFrom-Json -AsHashtable
                ($sent.Keys | Sort-Object) -join ',' | Should -Be (($expected[$i].Keys | Sort-Object) -join ',') -Because "the PUT of row $(2 * $i) sends only its own fields"
                foreach ($key in $expected[$i].Keys) { $sent[$key] | Should -BeExactly $expected[$i][$key] -Because "$key of row $(2 * $i)" }
            }
        }
    }
}
