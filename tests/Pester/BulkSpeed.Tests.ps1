# Bulk jobs: Set-SwPhoneNumber keeps several requests in flight, stays under the write rate limit on its own, and loses
# nothing. These tests check behaviour from the emulator's request log (arrival order and times), never speed: the speed
# goals live in `build.ps1 -Task Bench`.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 50
    $null = Connect-TestProject $emulator

    # The PUTs the emulator logged, with their arrival time in milliseconds (the log keeps millisecond precision).
    function Get-WritesWithArrival {
        Get-WireRequest $emulator -Method PUT | ForEach-Object {
            $time = if ($_.time -is [datetime]) { $_.time.ToUniversalTime() }
                    else { [datetime]::Parse($_.time, [cultureinfo]::InvariantCulture, [Globalization.DateTimeStyles]::AdjustToUniversal) }
            [pscustomobject]@{ Seq = [long]$_.seq; Path = $_.path; Status = [int]$_.status; ArrivalMs = $time.Ticks / 10000.0 }
        } | Sort-Object Seq
    }

    # The most requests that arrived within any window of this many milliseconds. The emulator stamps a request when it
    # has read it (late, on a busy machine, never early) and only then holds it for the latency, so a request is in flight
    # from before its stamp until at least its stamp plus the latency: requests stamped within a window shorter than the
    # latency were all in flight at once, however late each was stamped. Both a lower and an upper bound of the concurrency.
    function Get-MostArrivalsWithin([object[]] $Writes, [double] $WindowMs) {
        $times = @($Writes.ArrivalMs | Sort-Object)
        $most = 0; $start = 0
        for ($end = 0; $end -lt $times.Count; $end++) {
            while ($times[$end] - $times[$start] -ge $WindowMs) { $start++ }
            $most = [Math]::Max($most, $end - $start + 1)
        }
        $most
    }

    function Set-Emulator([int] $LatencyMs = 0, [int] $WriteRateLimit = 13800, [int] $WindowMs = 10000) {
        Set-SwEmulatorConfig $emulator @{ latency_ms = $LatencyMs; write_rate_limit = $WriteRateLimit; write_rate_window_ms = $WindowMs }
    }
}
AfterAll { Stop-SwEmulator $emulator }

Describe 'Bulk updates with Set-SwPhoneNumber' {
    BeforeEach {
        Set-Emulator
        Reset-SwEmulator $emulator -Numbers 50
        $numbers = @(Get-SwPhoneNumber)
        Clear-SwEmulatorRequest $emulator
    }
    AfterAll { Set-Emulator }

    It 'keeps several requests in flight, never more than -ThrottleLimit' {
        # A long latency and a window 100 ms shorter: scheduling noise on a loaded machine neither merges two generations
        # of requests (too many at once) nor spreads one generation out (too few).
        $latencyMs = 500
        $windowMs = $latencyMs - 100
        Set-Emulator -LatencyMs $latencyMs
        $updated = @($numbers[0..47] | Set-SwPhoneNumber -CallRelayTopic bulk-speed -ThrottleLimit 16)
        $updated.Count | Should -Be 48

        $writes = @(Get-WritesWithArrival)
        $writes.Count | Should -Be 48
        # One at a time would be 1; 16 at once is what the client should reach, 8 leaves room for a slow start.
        Get-MostArrivalsWithin $writes $windowMs | Should -BeGreaterOrEqual 8
        Get-MostArrivalsWithin $writes $windowMs | Should -BeLessOrEqual 16
    }

    It '-ThrottleLimit 1 sends one request after another, in input order, and writes results in that order' {
        $latencyMs = 100
        Set-Emulator -LatencyMs $latencyMs
        # Not the listing's order, so keeping order is not an accident.
        $inputOrder = @($numbers[0..9] | Sort-Object Number -Descending)
        $updated = @($inputOrder | Set-SwPhoneNumber -CallRelayTopic bulk-speed -ThrottleLimit 1)
        $updated.Id | Should -Be $inputOrder.Id

        $writes = @(Get-WritesWithArrival)
        $writes.Path | Should -Be ($inputOrder | ForEach-Object { "/api/relay/rest/phone_numbers/$($_.Id)" })
        # Each request is sent only after the previous one was answered, at least the latency after the previous stamp
        # (a late stamp only delays the answer too). Half the latency allows for timers and the millisecond clock;
        # requests in flight together would be stamped within a few milliseconds of each other.
        for ($i = 1; $i -lt $writes.Count; $i++) {
            $writes[$i].ArrivalMs - $writes[$i - 1].ArrivalMs | Should -BeGreaterOrEqual ($latencyMs / 2)
        }
        Get-MostArrivalsWithin $writes ($latencyMs / 2) | Should -Be 1
    }

    It 'writes exactly one result per input under concurrency, retried failures included' {
        Reset-SwEmulator $emulator -Numbers 300
        $many = @(Get-SwPhoneNumber)
        Clear-SwEmulatorRequest $emulator
        Set-Emulator -LatencyMs 5
        # Transient 503s on some writes (retried) and one number that fails for good (one error, the batch goes on).
        Add-SwEmulatorFault $emulator @(
            @{ action = 'status'; status = 503; method = 'PUT'; every = 7; times = 20 },
            @{ action = 'status'; status = 404; method = 'PUT'; id = $many[123].Id })
        $updated = @($many | Set-SwPhoneNumber -CallRelayTopic bulk-speed -ErrorVariable failures -ErrorAction SilentlyContinue)

        $updated.Count | Should -Be 299
        @($updated.Id | Sort-Object -Unique).Count | Should -Be 299
        $updated.Id | Should -Not -Contain $many[123].Id
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PhoneNumberNotFound*'
        @(Get-WireRequest $emulator -Method PUT | Where-Object status -eq 503).Count | Should -Be 20
        (Get-SwEmulatorNumber $emulator | Where-Object call_relay_topic -ne 'bulk-speed').id | Should -Be $many[123].Id
    }
}

Describe 'The write rate limit of a session' {
    BeforeEach {
        Set-Emulator
        Reset-SwEmulator $emulator -Numbers 300
        $numbers = @(Get-SwPhoneNumber)
        Clear-SwEmulatorRequest $emulator
    }
    AfterAll { Set-Emulator }

    It 'keeps a batch under the server limit on its own: no 429 at all' {
        # The server allows 150 writes in any second; the session allows itself a little less.
        Set-Emulator -WriteRateLimit 150 -WindowMs 1000
        $limited = Connect-TestProject $emulator -Extra @{ WriteRateLimit = 130 }
        $updated = @($numbers | Set-SwPhoneNumber -CallRelayTopic bulk-speed -Session $limited)

        $updated.Count | Should -Be 300
        $writes = @(Get-WritesWithArrival)
        $writes.Count | Should -Be 300
        @($writes | Where-Object Status -eq 429).Count | Should -Be 0
        # The client's bucket, seen from the server: never more than the limit plus its small burst in any second.
        Get-MostArrivalsWithin $writes 1000 | Should -BeLessOrEqual 150
    }

    It 'without its own limit a batch does provoke 429s, and every number is still updated once' {
        # The control for the test above: the same batch with the client's limit off runs into the server's.
        Set-Emulator -WriteRateLimit 150 -WindowMs 1000
        $unlimited = Connect-TestProject $emulator -Extra @{ WriteRateLimit = 0 }
        $updated = @($numbers | Set-SwPhoneNumber -CallRelayTopic bulk-speed -Session $unlimited)

        @(Get-WritesWithArrival | Where-Object Status -eq 429).Count | Should -BeGreaterThan 0
        $updated.Count | Should -Be 300
        @($updated.Id | Sort-Object -Unique).Count | Should -Be 300
        @(Get-WritesWithArrival | Where-Object Status -eq 200).Count | Should -Be 300
    }

    It 'a 429 holds back the whole session, not only the request that got it' {
        Set-Emulator -LatencyMs 0
        # The third write is refused with Retry-After: 1; the writes behind it must wait too.
        Add-SwEmulatorFault $emulator @{ action = 'status'; status = 429; method = 'PUT'; every = 3; times = 1; retry_after = '1' }
        $updated = @($numbers[0..19] | Set-SwPhoneNumber -CallRelayTopic bulk-speed -ThrottleLimit 4)
        $updated.Count | Should -Be 20

        $writes = @(Get-WritesWithArrival)
        $refused = $writes | Where-Object Status -eq 429
        @($refused).Count | Should -Be 1
        # Whatever arrived after the 429 (bar the ones already on the wire) came at least about a second later.
        $later = @($writes | Where-Object { $_.Seq -gt $refused.Seq + 4 })
        $later.Count | Should -BeGreaterThan 0
        $later | ForEach-Object { $_.ArrivalMs - $refused.ArrivalMs | Should -BeGreaterOrEqual 900 }
    }
}
