# The emulator as users get it: packed as a .NET tool, installed from the package folder into a temporary tool path,
# seeded from a snapshot taken with the module, driven by the module, read back through its request log.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $configuration = if ($env:SIGNALWIRE_TEST_CONFIGURATION) { $env:SIGNALWIRE_TEST_CONFIGURATION } else { 'Release' }
    $work = Join-Path ([IO.Path]::GetTempPath()) "signalwire-rehearse-$([guid]::NewGuid().ToString('N'))"
    $feed = New-Item -ItemType Directory -Path (Join-Path $work 'feed')
    $toolPath = Join-Path $work 'tools'

    # Packed once, from the build this suite runs on (build.ps1 -Task Package does the same into out/).
    $package = & (Join-Path $RepoRoot 'tools/New-EmulatorPackage.ps1') -OutputPath $feed -Configuration $configuration -NoBuild -PassThru 6>$null
    # Installed with the command the README gives; the nuget.config in the working folder keeps it off the network.
    Set-Content -Path (Join-Path $work 'nuget.config') -Value '<configuration><packageSources><clear /></packageSources></configuration>'
    Push-Location $work
    try { $installed = & dotnet tool install --tool-path $toolPath --add-source $feed.FullName SignalWire.Emulator 2>&1 }
    finally { Pop-Location }
    if ($LASTEXITCODE -ne 0) { throw "dotnet tool install failed: $installed" }
    $tool = Join-Path $toolPath $(if ($IsWindows) { 'signalwire-emulator.exe' } else { 'signalwire-emulator' })
    $started = [System.Collections.Generic.List[System.Diagnostics.Process]]::new()

    function New-ToolProcess {
        param([string[]] $Arguments, [string] $WorkingDirectory)
        $start = [System.Diagnostics.ProcessStartInfo]::new($tool)
        foreach ($argument in $Arguments) { $start.ArgumentList.Add($argument) }
        if ($WorkingDirectory) { $start.WorkingDirectory = $WorkingDirectory }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($start)
        $started.Add($process)
        $process
    }

    # Runs the tool to its end (--help, a refused snapshot).
    function Invoke-Tool {
        param([string[]] $Arguments)
        $process = New-ToolProcess $Arguments
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit(60000)) { $process.Kill(); throw "signalwire-emulator $Arguments did not exit." }
        [pscustomobject]@{ ExitCode = $process.ExitCode; Stdout = $stdout.Result; Stderr = $stderr.Result }
    }

    # Starts the tool and reads what it prints when ready: the listening line, then the connection details.
    function Start-Tool {
        param([string[]] $Arguments, [string] $WorkingDirectory)
        $process = New-ToolProcess (@('--port', '0', '--parent-pid', "$PID") + $Arguments) $WorkingDirectory
        $stderr = $process.StandardError.ReadToEndAsync()
        $lines = [System.Collections.Generic.List[string]]::new()
        while ($null -ne ($line = $process.StandardOutput.ReadLine())) {
            $lines.Add($line)
            if ($line -match '^Press Ctrl\+C') { break }
        }
        if ($lines.Count -eq 0 -or $lines[0] -notmatch '^SignalWire emulator listening on (http://127\.0\.0\.1:\d+)$') {
            throw "The emulator did not start: $lines $($stderr.Result)"
        }
        [pscustomobject]@{
            PSTypeName = 'SignalWire.EmulatorProcess'
            Url        = $Matches[1]
            ProjectId  = ($lines | Where-Object { $_ -match '^  Project ID:  (\S+)$' } | ForEach-Object { $Matches[1] })
            Token      = ($lines | Where-Object { $_ -match '^  API token:   (\S+)$' } | ForEach-Object { $Matches[1] })
            Lines      = $lines
            Stderr     = $stderr
            Process    = $process
        }
    }

    function Read-RequestLog {
        param([string] $Path)
        Get-Content -LiteralPath $Path | ForEach-Object { $_ | ConvertFrom-Json }
    }
}

AfterAll {
    foreach ($process in $started) {
        if (-not $process.HasExited) { $process.Kill(); $null = $process.WaitForExit(5000) }
    }
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The emulator tool package' {
    It 'is SignalWire.Emulator.{version}.nupkg, a .NET tool named signalwire-emulator with the module''s version' {
        $version = (Import-PowerShellDataFile (Join-Path $RepoRoot 'SignalWire.PowerShell.psd1')).ModuleVersion
        $package.Name | Should -Be "SignalWire.Emulator.$version.nupkg"
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($package.FullName)
        try {
            $read = { param($name) $reader = [IO.StreamReader]::new($zip.GetEntry($name).Open()); try { $reader.ReadToEnd() } finally { $reader.Dispose() } }
            $nuspec = [xml](& $read 'SignalWire.Emulator.nuspec')
            $settingsEntry = $zip.Entries | Where-Object FullName -Like 'tools/*/any/DotnetToolSettings.xml'
            $settings = [xml](& $read $settingsEntry.FullName)
        }
        finally { $zip.Dispose() }
        $nuspec.package.metadata.id | Should -Be 'SignalWire.Emulator'
        $nuspec.package.metadata.version | Should -Be $version
        $nuspec.package.metadata.packageTypes.packageType.name | Should -Be 'DotnetTool'
        $settings.DotNetCliTool.Commands.Command.Name | Should -Be 'signalwire-emulator'
    }

    It 'installs into a tool path as signalwire-emulator, whose --help explains every option with an example' {
        $tool | Should -Exist
        $help = Invoke-Tool '--help'
        $help.ExitCode | Should -Be 0
        $help.Stderr | Should -BeNullOrEmpty
        # Every option the command line accepts (read from its parser) is explained.
        $parser = Get-Content (Join-Path $RepoRoot 'src/SignalWire.Emulator/Program.cs') -Raw
        $accepted = [regex]::Matches($parser, 'case "(--[a-z-]+)"') | ForEach-Object { $_.Groups[1].Value }
        $accepted | Should -Contain '--seed'
        $accepted | Should -Contain '--request-log'
        foreach ($option in $accepted + '--help') {
            $help.Stdout | Should -Match "(?m)^\s+(-h, )?$option\b" -Because "$option is an option"
        }
        foreach ($option in '--port', '--seed', '--numbers', '--project-id', '--token', '--request-log', '--latency-ms', '--write-rate-limit', '--fault') {
            $help.Stdout | Should -Match "(?m)^\s+e\.g\. $option " -Because "$option needs an example"
        }
        # The fault grammar: every key FaultRule.Parse accepts.
        foreach ($key in 'action', 'status', 'retry_after', 'method', 'id', 'path', 'times', 'every', 'probability', 'seed', 'latency_ms', 'when', 'location', 'content_type', 'body') {
            $help.Stdout | Should -Match "\b$key=" -Because "the fault key $key is explained"
        }
    }

    It 'refuses an unknown option with the usage, before it listens' {
        $result = Invoke-Tool '--colour', 'blue'
        $result.ExitCode | Should -Be 2
        $result.Stdout | Should -BeNullOrEmpty
        $result.Stderr | Should -Match 'unknown option --colour'
        $result.Stderr | Should -Match 'usage: signalwire-emulator'
    }
}

Describe 'Rehearsing on a snapshot of a project' {
    BeforeAll {
        # The "live project": another emulator with generated numbers, every handler variant among them.
        $live = Start-Tool '--numbers', '40'
        $liveSession = Connect-TestProject $live
        $snapshot = Join-Path $work 'numbers.json'
        Get-SwPhoneNumber -Session $liveSession | ConvertTo-Json -Depth 5 > $snapshot
        $csvSnapshot = Join-Path $work 'numbers.csv'
        Get-SwPhoneNumber -Session $liveSession | Export-Csv $csvSnapshot
        $liveNumbers = @(Get-SwEmulatorNumber $live)
    }

    It 'prints where it listens on loopback and the project id and token to connect with' {
        $rehearsal = Start-Tool '--seed', $snapshot, '--project-id', '0f3c2a1e-0000-4000-8000-00000000abcd', '--token', 'PTrehearsal'
        $rehearsal.Url | Should -Match '^http://127\.0\.0\.1:\d+$'
        $rehearsal.ProjectId | Should -Be '0f3c2a1e-0000-4000-8000-00000000abcd'
        $rehearsal.Token | Should -Be 'PTrehearsal'
        $rehearsal.Lines | Should -Contain "  Numbers:     $($liveNumbers.Count) from $snapshot"
        $session = Connect-TestProject $rehearsal
        @(Get-SwPhoneNumber -Session $session).Count | Should -Be $liveNumbers.Count
    }

    It 'serves exactly the numbers of a Get-SwPhoneNumber | ConvertTo-Json snapshot: ids, order and every field' {
        $rehearsal = Start-Tool '--seed', $snapshot
        $served = @(Get-SwEmulatorNumber $rehearsal)
        $served.Count | Should -Be 40
        for ($i = 0; $i -lt $served.Count; $i++) {
            $served[$i] | ConvertTo-Json -Compress | Should -Be ($liveNumbers[$i] | ConvertTo-Json -Compress)
        }
        $rehearsal.Process.Kill()
        $rehearsal.Stderr.Result | Should -BeNullOrEmpty # nothing in the snapshot was guessed or ignored
    }

    It 'serves exactly the numbers of an Export-Csv snapshot, capabilities included' {
        $rehearsal = Start-Tool '--seed', $csvSnapshot
        $served = @(Get-SwEmulatorNumber $rehearsal)
        $served.Count | Should -Be 40
        for ($i = 0; $i -lt $served.Count; $i++) {
            $served[$i] | ConvertTo-Json -Compress | Should -Be ($liveNumbers[$i] | ConvertTo-Json -Compress)
        }
        $rehearsal.Process.Kill()
        $rehearsal.Stderr.Result | Should -BeNullOrEmpty
    }

    It 'logs the exact writes of a bulk change, one JSON line each, never the Authorization header' {
        $log = Join-Path $work 'requests.jsonl'
        $rehearsal = Start-Tool '--seed', $snapshot, '--request-log', $log
        $session = Connect-TestProject $rehearsal
        Get-SwPhoneNumber -Session $session -Name Support | Set-SwPhoneNumber -Session $session -CallHandler relay_topic -CallRelayTopic office | Out-Null

        $lines = @(Read-RequestLog $log)
        $lines.Count | Should -Be @(Get-SwEmulatorRequest $rehearsal).Count
        $lines | ForEach-Object { ($_.PSObject.Properties.Name -join ',') | Should -Be 'seq,time,method,path,query,body,status,fault' }
        @($lines | Where-Object { $_.method -eq 'GET' -and $_.query -match '(^|&)filter_name=Support(&|$)' }).Count | Should -Be 1
        # Only what differs is sent: the handler and the topic, or the topic alone.
        $expected = foreach ($number in $liveNumbers | Where-Object name -Match 'Support') {
            $changes = [ordered]@{}
            if ($number.call_handler -ne 'relay_topic') { $changes.call_handler = 'relay_topic' }
            if ($number.call_relay_topic -ne 'office') { $changes.call_relay_topic = 'office' }
            if ($changes.Count) { "PUT /api/relay/rest/phone_numbers/$($number.id) $($changes | ConvertTo-Json -Compress) 200" }
        }
        @($expected).Count | Should -BeGreaterThan 0
        $writes = $lines | Where-Object method -NE 'GET' | ForEach-Object { "$($_.method) $($_.path) $($_.body) $($_.status)" }
        $writes | Sort-Object | Should -Be ($expected | Sort-Object)

        $text = Get-Content -LiteralPath $log -Raw
        $text | Should -Not -Match 'Authorization|Basic '
        $text | Should -Not -Match ([regex]::Escape($rehearsal.Token))
    }

    It 'is what Start-SwEmulator -Seed -RequestLog starts from the build, for the project''s own scripts' {
        $log = Join-Path $work 'control.jsonl'
        $built = Start-SwEmulator -EmulatorDll $EmulatorDll -Seed $snapshot -RequestLog $log
        try {
            (Get-SwEmulatorNumber $built | ConvertTo-Json -Compress -Depth 5) | Should -Be ($liveNumbers | ConvertTo-Json -Compress -Depth 5)
            (Read-RequestLog $log).Count | Should -Be 0 # control requests are not API requests
            $null = Get-SwPhoneNumber -Session (Connect-TestProject $built)
            @(Read-RequestLog $log).method | Should -Be @('GET', 'GET')
        }
        finally { Stop-SwEmulator $built }
    }

    It 'refuses a snapshot it cannot read with the item, its line and the reason, before it listens' {
        $lines = Get-Content -LiteralPath $snapshot
        $secondItem = @(0..($lines.Count - 1) | Where-Object { $lines[$_] -eq '  {' })[1]
        $numberLine = @($secondItem..($lines.Count - 1) | Where-Object { $lines[$_] -match '^    "Number":' })[0]
        $lines[$numberLine] = '    "Number": "555-2000",'
        $bad = Join-Path $work 'bad.json'
        Set-Content -LiteralPath $bad -Value $lines

        $result = Invoke-Tool '--seed', $bad, '--port', '0'
        $result.ExitCode | Should -Be 2
        $result.Stdout | Should -Not -Match 'listening'
        $result.Stderr.Trim() | Should -Be "SignalWire emulator: cannot seed from ${bad}: item 2 (line $($secondItem + 1)): ""Number"" '555-2000' is not an E.164 number such as +15551234567."

        $csv = Join-Path $work 'bad.csv'
        Set-Content -LiteralPath $csv -Value 'Id,Number,Name', '3970ca4f-e58f-4324-b09c-6b1dbb30383c,+15552000002,Sales', '2553e8a3-0502-483f-b59d-c6ec9c3cc0e4,+15552000001'
        $result = Invoke-Tool '--seed', $csv
        $result.ExitCode | Should -Be 2
        $result.Stderr | Should -Match ([regex]::Escape("cannot seed from ${csv}: line 3: 2 values, but the header names 3 columns."))
    }

    It 'stops cleanly on Ctrl+C (SIGINT) with exit code 0, its request log complete' -Skip:$IsWindows {
        $log = Join-Path $work 'interrupted.jsonl'
        $rehearsal = Start-Tool '--seed', $snapshot, '--request-log', $log
        $session = Connect-TestProject $rehearsal
        Get-SwPhoneNumber -Session $session -First 1 | Set-SwPhoneNumber -Session $session -Name 'Rehearsed' | Out-Null

        $kill = (Get-Command kill -CommandType Application | Select-Object -First 1).Source
        & $kill -INT $rehearsal.Process.Id
        $rehearsal.Process.WaitForExit(30000) | Should -BeTrue
        $rehearsal.Process.ExitCode | Should -Be 0
        $rehearsal.Stderr.Result | Should -BeNullOrEmpty
        (Read-RequestLog $log | Where-Object method -EQ 'PUT').body | Should -Be '{"name":"Rehearsed"}'
    }
}

Describe 'The example rehearsal (examples/Retarget-Numbers.Tests.ps1)' {
    It 'passes against the installed tool, run by Pester as a user runs it' {
        $pester = Join-Path $RepoRoot '.tools/packages/pester/5.7.1/tools/Pester.psd1'
        $example = Join-Path $RepoRoot 'examples/Retarget-Numbers.Tests.ps1'
        $modules = Split-Path (Split-Path $ModuleManifest)
        $script = "`$env:PSModulePath = '$modules' + [IO.Path]::PathSeparator + `$env:PSModulePath; " +
            "Import-Module '$pester'; " +
            "`$result = Invoke-Pester -Container (New-PesterContainer -Path '$example' -Data @{ Emulator = '$tool' }) -Output Detailed -PassThru; " +
            "'RESULT {0} passed, {1} failed' -f `$result.PassedCount, (`$result.FailedCount + `$result.FailedBlocksCount + `$result.FailedContainersCount)"
        $output = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $script 2>&1
        $summary = $output | Where-Object { "$_" -match '^RESULT ' } | Select-Object -Last 1
        "$summary" | Should -Be 'RESULT 4 passed, 0 failed' -Because ($output -join [Environment]::NewLine)
    }
}

Describe 'Rehearse a runbook, as about_SignalWire_Emulator shows it' {
    BeforeAll {
        $topic = @(Get-Content (Join-Path $RepoRoot 'docs/about/about_SignalWire_Emulator.help.txt'))

        # The commands the topic shows after a line of its text: the lines indented by 8 spaces, up to a blank line.
        function Get-TopicBlock([string] $After) {
            $i = [array]::FindIndex([string[]]$topic, [Predicate[string]] { param($line) $line.Contains($After) })
            if ($i -lt 0) { throw "The topic has no line with '$After'." }
            while ($topic[$i] -notmatch '^ {8}\S') { $i++ }
            while ($i -lt $topic.Count -and $topic[$i].Trim()) { $topic[$i].Substring(8); $i++ }
        }

        # Runs the topic's lines in a fresh pwsh from the root of the repository, as a second terminal would.
        function Invoke-SecondTerminal([string[]] $Lines) {
            Push-Location $RepoRoot
            try { $output = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command ($Lines -join "`n") 2>&1 }
            finally { Pop-Location }
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
        }

        # Step 1 without a project: the repository's snapshot, copied to numbers.json in the emulator's folder.
        $folder = New-Item -ItemType Directory -Path (Join-Path $work 'as-written')
        Copy-Item (Join-Path $RepoRoot 'examples/numbers.json') (Join-Path $folder 'numbers.json')
        $snapshot = @(Get-Content (Join-Path $folder 'numbers.json') -Raw | ConvertFrom-Json)

        # Step 2: the emulator's command line as written, on a free port rather than 5599.
        $commandLine = (@(Get-TopicBlock '2. Start the emulator') -join ' ') -replace '`', ' '
        $words = @($commandLine -split '\s+' | Where-Object { $_ })
        $port = [array]::IndexOf($words, '--port')
        $arguments = for ($i = 1; $i -lt $words.Count; $i++) { if ($i -eq $port) { $i++ } else { $words[$i] } }
        $emulator = Start-Tool -Arguments $arguments -WorkingDirectory $folder
        $terminal = @(Get-TopicBlock '3. In another PowerShell') -replace 'http://127\.0\.0\.1:5599', $emulator.Url
    }

    It 'starts the emulator with the command line shown, printing what the topic shows' {
        $words[0] | Should -Be 'signalwire-emulator'
        $words[$port + 1] | Should -Be '5599'
        $shown = @(Get-TopicBlock 'It prints where it listens') | Where-Object { $_.Trim() -ne '...' }
        $shown[0] -replace '5599$', ($emulator.Url -replace '^.*:') | Should -Be $emulator.Lines[0]
        foreach ($line in $shown | Select-Object -Skip 1) { $emulator.Lines | Should -Contain $line }
    }

    It 'needs the lines that put the built module on the module path: without them the runbook finds no module' {
        $result = Invoke-SecondTerminal @($terminal | Where-Object { $_ -notmatch 'PSModulePath|\$sep =' })
        $result.ExitCode | Should -Not -Be 0
        $result.Output | Should -Match "module 'SignalWire\.PowerShell' was not loaded"
        @(Read-RequestLog (Join-Path $folder 'requests.jsonl')).Count | Should -Be 0
    }

    It 'runs the runbook from the built module: -WhatIf sends nothing, then the rehearsal retargets the Support numbers' {
        $terminal[0..1] -join "`n" | Should -Match 'env:PSModulePath ='
        $result = Invoke-SecondTerminal $terminal
        $result.ExitCode | Should -Be 0 -Because $result.Output
        $toChange = @($snapshot | Where-Object { $_.Name -like 'Support*' -and $_.CallRelayTopic -ne 'support-v2' })
        $toChange.Count | Should -Be 2
        foreach ($number in $toChange) { $result.Output | Should -Match "What if: .*$($number.Id)" }
        # The plan came before any write: the first PUT the verbose run reports follows the last "What if".
        $result.Output.LastIndexOf('What if:') | Should -BeLessThan $result.Output.IndexOf('VERBOSE: PUT ')
    }

    It 'reads the request log with the command shown: five PUTs of two numbers, two 429s and a dropped response' {
        Push-Location $folder
        try { $shown = (& ([scriptblock]::Create(@(Get-TopicBlock '4. Read the request log') -join "`n")) | Out-String) -replace '\s+', ' ' }
        finally { Pop-Location }
        $entries = @([regex]::Matches($shown, 'seq : \d+ path : (\S+) status : (\d+) fault : (\w*) ?body : (\S+)'))
        $entries.Count | Should -Be 5 -Because $shown
        $toChange = @($snapshot | Where-Object { $_.Name -like 'Support*' -and $_.CallRelayTopic -ne 'support-v2' })
        ($entries | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique) -join ',' |
            Should -Be (($toChange | ForEach-Object { "/api/relay/rest/phone_numbers/$($_.Id)" } | Sort-Object) -join ',')
        ($entries | ForEach-Object { "$($_.Groups[2].Value) $($_.Groups[3].Value)".Trim() } | Sort-Object) -join ',' |
            Should -Be '0 drop,200,200,429 status,429 status'
        $entries | ForEach-Object { $_.Groups[4].Value | Should -Be '{"call_handler":"relay_topic","call_relay_topic":"support-v2"}' }
    }
}
