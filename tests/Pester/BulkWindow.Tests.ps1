# The write window: at default settings Set-SwPhoneNumber keeps as many writes in flight as the session's write limit and
# the round trip it measures call for (Little's law), never more writes a second than the limit, and reads apart from
# writes. Proved by counts from the emulator's request log: how many requests of a method it was serving when each
# arrived (in_flight), and how many arrived within any span. Never by how long anything took.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 50

    function Set-Emulator([int] $LatencyMs = 0, [int] $WriteRateLimit = 13800, [int] $WindowMs = 10000) {
        Set-SwEmulatorConfig $emulator @{ latency_ms = $LatencyMs; write_rate_limit = $WriteRateLimit; write_rate_window_ms = $WindowMs }
    }

    # A fresh session: what it knows of the round trip comes from this test alone (its connect, at latency 0).
    function New-Session([hashtable] $Extra = @{}) {
        Set-Emulator
        Connect-TestProject $emulator -Extra $Extra
    }

    # The most requests of this method the emulator was serving at once.
    function Get-MostInFlight([string] $Method) {
        [int](@(Get-WireRequest $emulator -Method $Method) | Measure-Object in_flight -Maximum).Maximum
    }

    # The requests of this method in arrival order, with their arrival in milliseconds.
    function Get-Arrivals([string] $Method) {
        Get-WireRequest $emulator -Method $Method | ForEach-Object {
            $time = if ($_.time -is [datetime]) { $_.time.ToUniversalTime() }
                    else { [datetime]::Parse($_.time, [cultureinfo]::InvariantCulture, [Globalization.DateTimeStyles]::AdjustToUniversal) }
            [pscustomobject]@{ Seq = [long]$_.seq; Status = [int]$_.status; ArrivalMs = $time.Ticks / 10000.0 }
        } | Sort-Object Seq
    }

    # The most arrivals within any span of this many milliseconds.
    function Get-MostArrivalsWithin([object[]] $Arrivals, [double] $SpanMs) {
        $times = @($Arrivals.ArrivalMs | Sort-Object)
        $most = 0; $start = 0
        for ($end = 0; $end -lt $times.Count; $end++) {
            while ($times[$end] - $times[$start] -ge $SpanMs) { $start++ }
            $most = [Math]::Max($most, $end - $start + 1)
        }
        $most
    }

    function Reset-Numbers([int] $Count) {
        Set-Emulator
        Reset-SwEmulator $emulator -Numbers $Count
        $listed = @(Get-SwPhoneNumber -Session $session)
        Clear-SwEmulatorRequest $emulator
        $listed
    }

    $session = New-Session
}
AfterAll { Stop-SwEmulator $emulator }

Describe 'The write window of Set-SwPhoneNumber' {
    AfterEach { Set-Emulator; Clear-SwEmulatorFault $emulator }

    It 'at default settings and a 300 ms round trip keeps far more than 64 writes in flight, each input one result' {
        $fresh = New-Session
        $numbers = Reset-Numbers 1000
        Set-Emulator -LatencyMs 300
        # Transient 503s on some writes (retried within the window) and one number that fails for good.
        Add-SwEmulatorFault $emulator @(
            @{ action = 'status'; status = 503; method = 'PUT'; every = 50; times = 10; retry_after = '0' },
            @{ action = 'status'; status = 404; method = 'PUT'; id = $numbers[500].Id })
        $updated = @($numbers | Set-SwPhoneNumber -CallRelayTopic window -Session $fresh -ErrorVariable failures -ErrorAction SilentlyContinue)

        $updated.Count | Should -Be 999
        @($updated.Id | Sort-Object -Unique).Count | Should -Be 999
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PhoneNumberNotFound*'
        $puts = @(Get-Arrivals PUT)
        @($puts | Where-Object Status -eq 429).Count | Should -Be 0
        @($puts | Where-Object Status -eq 503).Count | Should -Be 10
        # 1,380 writes a second at 300 ms is 414 in flight (Little's law); the former default kept 64. Twice that is
        # reached even when a loaded machine feeds the window slower than the limit.
        Get-MostInFlight PUT | Should -BeGreaterThan 128
        Get-MostInFlight PUT | Should -BeLessOrEqual 512
        # The session's limit holds from the server's side too: no second with more than 1,380 writes (5% more allows
        # for arrival stamps that a busy machine takes late, which only bunch arrivals together).
        Get-MostArrivalsWithin $puts 1000 | Should -BeLessOrEqual 1449
    }

    It 'grows with the round trip: <LatencyMs> ms at 200 writes a second keeps <Low> to <High> writes in flight' -TestCases @(
        # Little's law: 200 × 0.05 = 10 writes on the wire; 200 × 0.6 = 120. At the start, a burst of 4.
        @{ LatencyMs = 50; Low = 2; High = 32 }
        @{ LatencyMs = 600; Low = 90; High = 200 }
    ) {
        $paced = New-Session @{ WriteRateLimit = 200 }
        $numbers = Reset-Numbers 260
        # The server allows 220 writes a second: the session keeps under it by itself.
        Set-Emulator -LatencyMs $LatencyMs -WriteRateLimit 220 -WindowMs 1000
        $updated = @($numbers | Set-SwPhoneNumber -CallRelayTopic window -Session $paced)

        $updated.Count | Should -Be 260
        $puts = @(Get-Arrivals PUT)
        $puts.Count | Should -Be 260
        @($puts | Where-Object Status -eq 429).Count | Should -Be 0
        Get-MostInFlight PUT | Should -BeGreaterOrEqual $Low
        Get-MostInFlight PUT | Should -BeLessOrEqual $High
        Get-MostArrivalsWithin $puts 1000 | Should -BeLessOrEqual 220
    }

    It 'keeps an explicit -ThrottleLimit as the most requests in flight, reads and writes alike' {
        $numbers = Reset-Numbers 40
        Set-Emulator -LatencyMs 300
        $rows = $numbers | ForEach-Object { [pscustomobject]@{ Id = $_.Id; CallRelayTopic = 'capped' } }
        $updated = @($rows | Set-SwPhoneNumber -Session $session -ThrottleLimit 8)

        $updated.Count | Should -Be 40
        Get-MostInFlight PUT | Should -BeLessOrEqual 8
        Get-MostInFlight GET | Should -BeLessOrEqual 8
        (Get-MostInFlight GET) + (Get-MostInFlight PUT) | Should -BeGreaterOrEqual 4
    }
}

Describe 'Reads apart from writes' {
    AfterEach { Set-Emulator; Clear-SwEmulatorFault $emulator }

    It 'reads rows keyed by <Key> far ahead of writes held to the write limit' -TestCases @(
        @{ Key = 'Id' }
        @{ Key = 'Number' }
    ) {
        # 60 writes a second: the write window stays at its floor of 32, and most writes wait in the limiter.
        $paced = New-Session @{ WriteRateLimit = 60 }
        $numbers = Reset-Numbers 120
        Set-Emulator -LatencyMs 300
        $rows = $numbers | ForEach-Object { [pscustomobject]@{ $Key = $_.$Key; CallRelayTopic = 'read ahead' } }
        $updated = @($rows | Set-SwPhoneNumber -Session $paced)

        $updated.Count | Should -Be 120
        (Get-SwEmulatorNumber $emulator | Where-Object call_relay_topic -eq 'read ahead').Count | Should -Be 120
        $gets = @(Get-Arrivals GET)
        $puts = @(Get-Arrivals PUT)
        $gets.Count | Should -Be 120
        $puts.Count | Should -Be 120
        # Reads are not rate-limited: far more of them in flight than writes, and more than the former shared cap of 64.
        Get-MostInFlight GET | Should -BeGreaterThan 64
        Get-MostInFlight PUT | Should -BeLessOrEqual 32
        # Every read arrived before the 40th write: the writes never held the reads back.
        ($gets.Seq | Measure-Object -Maximum).Maximum | Should -BeLessThan $puts[39].Seq
    }
}

Describe 'A 429 in a full window' {
    AfterEach { Set-Emulator; Clear-SwEmulatorFault $emulator }

    It 'holds back every write waiting in the window, which then resume at the steady rate, not all at once' {
        # 50 writes a second, a burst of one: nearly the whole window of 32 waits in the limiter's line.
        $paced = New-Session @{ WriteRateLimit = 50 }
        $numbers = Reset-Numbers 60
        Add-SwEmulatorFault $emulator @{ action = 'status'; status = 429; method = 'PUT'; every = 5; times = 1; retry_after = '1' }
        $updated = @($numbers | Set-SwPhoneNumber -CallRelayTopic paused -Session $paced)
        $updated.Count | Should -Be 60

        $puts = @(Get-Arrivals PUT)
        $refused = @($puts | Where-Object Status -eq 429)
        $refused.Count | Should -Be 1
        # Only writes already past the limiter could arrive before the pause ends: at 50 a second, a few.
        $after = @($puts | Where-Object { $_.Seq -gt $refused[0].Seq })
        $early = @($after | Where-Object { $_.ArrivalMs - $refused[0].ArrivalMs -lt 900 })
        $early.Count | Should -BeLessOrEqual 3
        # Then 49 a second: about 5 in 100 ms. A limiter that let every waiting write go when the pause ended would put
        # some 25 there at once.
        $resumed = @($after | Where-Object { $_.ArrivalMs - $refused[0].ArrivalMs -ge 900 })
        $first = $resumed[0].ArrivalMs
        @($resumed | Where-Object { $_.ArrivalMs - $first -lt 100 }).Count | Should -BeLessOrEqual 15
    }
}

Describe 'A batch that stops with hundreds of writes in flight' {
    AfterEach { Set-Emulator; Clear-SwEmulatorFault $emulator }

    It 'sends none of the writes still waiting for their turn, and nothing after the stop' {
        $fresh = New-Session
        $numbers = Reset-Numbers 1000
        Set-Emulator -LatencyMs 500
        # The 150th write fails and -ErrorAction Stop ends the batch when its answer comes. The 149 before it were sent
        # before it (writes leave in input order) and so answered before it, however fast the machine fed the window;
        # the window (512 at most) holds those sent after it, so hundreds of inputs are never sent.
        Add-SwEmulatorFault $emulator @{ action = 'status'; status = 404; method = 'PUT'; id = $numbers[149].Id }
        $output = [System.Collections.Generic.List[object]]::new()
        $thrown = $null
        try {
            $numbers | Set-SwPhoneNumber -Name 'stopped window' -Session $fresh -ErrorAction Stop -WarningAction SilentlyContinue |
                ForEach-Object { $output.Add($_) }
        }
        catch { $thrown = $_ }

        $thrown.FullyQualifiedErrorId | Should -BeLike 'PhoneNumberNotFound*'
        $puts = @(Get-WireRequest $emulator -Method PUT)
        $applied = @($puts | Where-Object { $_.status -eq 200 -and $_.body -eq '{"name":"stopped window"}' }).Count
        $applied | Should -BeGreaterThan 100
        $puts.Count | Should -BeLessThan 1000 -Because 'the inputs still waiting when the stop came were never sent'
        ($puts.in_flight | Measure-Object -Maximum).Maximum | Should -BeLessOrEqual 512
        # What came out was applied, each once.
        $output.Count | Should -BeLessOrEqual $applied
        foreach ($number in $output) { $number.Name | Should -Be 'stopped window' }
        @($output.Id | Sort-Object -Unique).Count | Should -Be $output.Count
        # No request started after the stop.
        Start-Sleep -Milliseconds 800
        @(Get-WireRequest $emulator -Method PUT).Count | Should -Be $puts.Count
    }
}
