# A bulk Set-SwPhoneNumber stopped half-way in a real pwsh process, as a console user or a runbook meets it: Ctrl+C
# (SIGINT) or -ErrorAction Stop. Once the pipeline has stopped nothing more can be written out, so whatever changed on
# the server is either among the results written before or named in the one warning on the host; nothing starts after.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 200 -LatencyMs 300
    $runbook = Join-Path $TestDrive 'bulk.ps1'
    Set-Content $runbook -Value @'
param($Manifest, $Url, $ProjectId, $Token, $ErrorActionValue)
Import-Module $Manifest
$null = Connect-SwProject -Space $Url -ProjectId $ProjectId -Token (ConvertTo-SecureString $Token -AsPlainText -Force)
Get-SwPhoneNumber | Set-SwPhoneNumber -Name 'stopped' -ThrottleLimit 16 -ErrorAction $ErrorActionValue | ForEach-Object { [Console]::Out.WriteLine("OUT $($_.Number)") }
'@

    # Runs the runbook in its own pwsh; with -Interrupt, sends SIGINT once the emulator has seen 40 PUTs.
    function Invoke-Runbook([string] $ErrorActionValue, [switch] $Interrupt) {
        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($argument in @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-File', $runbook, $ModuleManifest, $emulator.Url, $emulator.ProjectId, $emulator.Token, $ErrorActionValue)) {
            $start.ArgumentList.Add($argument)
        }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($start)
        try {
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $stderr = $process.StandardError.ReadToEndAsync()
            if ($Interrupt) {
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                while (@(Get-WireRequest $emulator -Method PUT).Count -lt 40 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                kill -INT $process.Id
            }
            $process.WaitForExit(60000) | Should -BeTrue
        }
        finally { if (-not $process.HasExited) { $process.Kill() } }
        $lines = $stdout.Result -split "`r?`n"
        $warning = ($lines | Where-Object { $_ -match 'stopped early' }) -join ' '
        $named = 0
        foreach ($part in 'Applied while stopping', 'Outcome unknown') {
            if ($warning -match "$part[^:]*: ([^.]*)\.") { $named += @($Matches[1] -split ', ').Count }
        }
        [pscustomobject]@{
            Written = @($lines | Where-Object { $_ -like 'OUT +*' }).Count
            Named   = $named
            Warning = $warning
            Stderr  = $stderr.Result
        }
    }

    function Get-Applied { @(Get-WireRequest $emulator -Method PUT | Where-Object { $_.status -eq 200 -and $_.body -eq '{"name":"stopped"}' }).Count }

    function Assert-NothingStartsAfter {
        $sent = @(Get-WireRequest $emulator -Method PUT).Count
        Start-Sleep -Milliseconds 600
        @(Get-WireRequest $emulator -Method PUT).Count | Should -Be $sent
    }
}
AfterAll { Stop-SwEmulator $emulator }

Describe 'A bulk update that stops half-way' {
    BeforeEach {
        Clear-SwEmulatorFault $emulator
        Reset-SwEmulator $emulator -Numbers 200
        Clear-SwEmulatorRequest $emulator
    }

    It 'Ctrl+C: writes out or names every number it changed' {
        $result = Invoke-Runbook -ErrorActionValue Continue -Interrupt
        $result.Warning | Should -Not -BeNullOrEmpty -Because "stderr: $($result.Stderr)"
        $applied = Get-Applied
        $applied | Should -BeGreaterThan 0
        $applied | Should -BeLessThan 200
        ($result.Written + $result.Named) | Should -Be $applied
        Assert-NothingStartsAfter
    }

    It '-ErrorAction Stop and a 404 on row 10: writes out or names every number it changed' {
        $tenth = (Get-SwEmulatorNumber $emulator | Sort-Object created_at -Descending)[9].id
        Add-SwEmulatorFault $emulator @{ action = 'status'; status = 404; method = 'PUT'; id = $tenth }
        $result = Invoke-Runbook -ErrorActionValue Stop
        $result.Stderr | Should -Match '404'
        $applied = Get-Applied
        $applied | Should -BeGreaterThan 0
        $applied | Should -BeLessThan 200
        ($result.Written + $result.Named) | Should -Be $applied -Because "warning: $($result.Warning)"
        Assert-NothingStartsAfter
    }
}
