# Compare-SwPhoneNumber against the emulator: a routing file under version control compared with the project, the
# differences as objects, and the round trip that puts the file's values back with Set-SwPhoneNumber. Each asserts the
# exact requests the emulator saw, the objects out of the pipeline and the error ids.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    # More numbers than one page of 1,000 holds: the listing follows a next link.
    $seeded = 1200
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers $seeded
    $session = Connect-TestProject $emulator
    $compare = $CmdletType['Compare-SwPhoneNumber']
    $set = $CmdletType['Set-SwPhoneNumber']
    $apiPath = '/api/relay/rest/phone_numbers'
    $differenceType = 'SignalWire.PowerShell.Models.PhoneNumberDifference'

    function Get-Put { @(Get-WireRequest $emulator -Method PUT) }
    function Get-ServerNumber([string] $Id) { Get-SwEmulatorNumber $emulator | Where-Object id -eq $Id }

    # Runs a pipeline and returns what came out (objects, errors, warnings, verbose lines) even when it ends with a
    # terminating error. Non-terminating errors stay so whatever the suite's preference (the runner sets Stop).
    function Invoke-Collecting([scriptblock] $Script) {
        $ErrorActionPreference = 'Continue'
        $collected = [System.Collections.Generic.List[object]]::new()
        $thrown = $null
        try { & $Script 4>&1 3>&1 2>&1 | ForEach-Object { $collected.Add($_) } } catch { $thrown = $_ }
        [pscustomobject]@{
            Differences = @($collected | Where-Object { $_ -is [SignalWire.PowerShell.Models.PhoneNumberDifference] })
            Numbers     = @($collected | Where-Object { $_ -is [SignalWire.PowerShell.Models.PhoneNumber] })
            Errors      = @($collected | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            Warnings    = @($collected | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object Message)
            Verbose     = @($collected | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
            Thrown      = $thrown
        }
    }


    # The listing requests: the first at the largest page size, then the next links.
    function Get-Listing { @(Get-WireRequest $emulator -Method GET | Where-Object path -eq $apiPath) }
}
AfterAll {
    Disconnect-SwProject
    Stop-SwEmulator $emulator
}

Describe 'Compare-SwPhoneNumber' {
    BeforeEach {
        Clear-SwEmulatorFault $emulator
        Reset-SwEmulator $emulator -Numbers $seeded
        $numbers = @(Get-SwPhoneNumber)
        $webhooks = @($numbers | Where-Object { $_.CallHandler -eq 'laml_webhooks' -and $_.CallRequestUrl -and $_.CallRequestMethod })
        Clear-SwEmulatorRequest $emulator
    }

    Context 'one listing, nothing out when the project matches' {
        It 'compares a full export of every number with one listing at the largest page size, no read per number, and writes nothing' {
            $csv = Join-Path $TestDrive 'all.csv'
            $numbers | Export-Csv $csv -NoTypeInformation
            Clear-SwEmulatorRequest $emulator

            $result = Invoke-Collecting { Compare-SwPhoneNumber -ReferenceObject (Import-Csv $csv) }
            $result.Differences.Count | Should -Be 0
            $result.Errors.Count | Should -Be 0
            $result.Thrown | Should -BeNullOrEmpty

            $requests = @(Get-WireRequest $emulator)
            $requests.Count | Should -Be 2
            $requests.method | Should -Be @('GET', 'GET')
            $requests.path | Should -Be @($apiPath, $apiPath)
            $requests[0].query | Should -BeExactly 'page_size=1000'
            $requests[1].query | Should -Match 'page_size=1000'
        }

        It 'lets a runbook test for drift with if (...) { throw }' {
            $rows = $webhooks[0..9] | Select-Object Number, CallHandler, CallRequestUrl, CallRequestMethod
            { if (Compare-SwPhoneNumber -ReferenceObject $rows) { throw 'drift' } } | Should -Not -Throw
            $null = Set-SwPhoneNumber -Id $webhooks[3].Id -CallRequestUrl 'https://dashboard.example.com/changed'
            { if (Compare-SwPhoneNumber -ReferenceObject $rows) { throw 'drift' } } | Should -Throw 'drift'
        }

        It 'reads nothing for an empty reference' {
            $result = Invoke-Collecting { Compare-SwPhoneNumber -ReferenceObject @() }
            $result.Differences.Count | Should -Be 0
            $result.Errors.Count | Should -Be 0
            @(Get-WireRequest $emulator).Count | Should -Be 0
        }
    }

    Context 'what a difference says' {
        It 'reports a field changed in the dashboard as one object: Number, Id, Property, ApiName, Current, Desired, Kind' {
            $target = $webhooks[5]
            $rows = $webhooks[0..9] | Select-Object Number, CallHandler, CallRequestUrl, CallRequestMethod
            $null = Set-SwPhoneNumber -Id $target.Id -CallRequestUrl 'https://dashboard.example.com/changed'
            Clear-SwEmulatorRequest $emulator

            $result = Invoke-Collecting { $rows | Compare-SwPhoneNumber }
            $result.Errors.Count | Should -Be 0
            $result.Differences.Count | Should -Be 1
            $d = $result.Differences[0]
            $d.PSObject.TypeNames[0] | Should -Be $differenceType
            $d.Number | Should -BeExactly $target.Number
            $d.Id | Should -BeExactly $target.Id
            $d.Property | Should -BeExactly 'CallRequestUrl'
            $d.ApiName | Should -BeExactly 'call_request_url'
            $d.Current | Should -BeExactly 'https://dashboard.example.com/changed'
            $d.Desired | Should -BeExactly $target.CallRequestUrl
            "$($d.Kind)" | Should -BeExactly 'Changed'
            (Get-Listing).Count | Should -Be 2
            @(Get-WireRequest $emulator).Count | Should -Be 2
        }

        It 'reads the reference from <Case>' -TestCases @(
            @{ Case = 'Import-Csv'; Make = { param($rows, $dir) $p = Join-Path $dir 'r.csv'; $rows | Export-Csv $p -NoTypeInformation; Import-Csv $p } }
            @{ Case = 'Import-Clixml'; Make = { param($rows, $dir) $p = Join-Path $dir 'r.xml'; $rows | Export-Clixml $p; Import-Clixml $p } }
            @{ Case = 'ConvertFrom-Json'; Make = { param($rows, $dir) $rows | ConvertTo-Json -Depth 5 | ConvertFrom-Json } }
            @{ Case = 'Import-Csv with numbers written without + or formatted'; Make = {
                    param($rows, $dir)
                    $p = Join-Path $dir 'f.csv'
                    $i = 0
                    $rows | ForEach-Object {
                        $n = $_.Number
                        $written = if ($i++ % 2) { $n.TrimStart('+') } else { '+1 ({0}) {1}-{2}' -f $n.Substring(2, 3), $n.Substring(5, 3), $n.Substring(8) }
                        [pscustomobject]@{ Number = $written; Name = $_.Name; CallRequestUrl = $_.CallRequestUrl }
                    } | Export-Csv $p -NoTypeInformation
                    Import-Csv $p
                }
            }
        ) {
            # The file was taken before someone changed three numbers in the dashboard.
            $targets = $webhooks[20..22]
            $file = & $Make $webhooks[20..29] $TestDrive
            foreach ($t in $targets) { $null = Set-SwPhoneNumber -Id $t.Id -CallRequestUrl "https://dashboard.example.com/$($t.Id)" }
            Clear-SwEmulatorRequest $emulator

            $result = Invoke-Collecting { Compare-SwPhoneNumber -ReferenceObject $file }
            $result.Errors.Count | Should -Be 0
            $result.Differences.Count | Should -Be 3
            $result.Differences.Id | Should -Be $targets.Id
            $result.Differences.Number | Should -Be $targets.Number
            $result.Differences.Property | Should -Be (@('CallRequestUrl') * 3)
            $result.Differences.Desired | Should -Be $targets.CallRequestUrl
            (Get-Listing).Count | Should -Be 2
        }

        It 'matches another project''s numbers by Number (their ids differ) and reports this project''s ids' {
            $targets = $webhooks[30..32]
            $other = $targets | ForEach-Object {
                [SignalWire.PowerShell.Models.PhoneNumber]@{ Id = [guid]::NewGuid().ToString(); Number = $_.Number; CallRequestUrl = 'https://other-project.example.com/voice'; CallRequestMethod = $_.CallRequestMethod }
            }
            $result = Invoke-Collecting { $other | Compare-SwPhoneNumber }
            $result.Errors.Count | Should -Be 0
            $result.Differences.Count | Should -Be 3
            $result.Differences.Id | Should -Be $targets.Id
            $result.Differences.Current | Should -Be $targets.CallRequestUrl
            $result.Differences.Desired | Should -Be (@('https://other-project.example.com/voice') * 3)
        }

        It 'writes the differences of one number one after another, in the field table''s order' {
            $target = $webhooks[40]
            $row = [pscustomobject]@{ MessageRequestUrl = 'https://sms.example.com/new'; Number = $target.Number; Name = 'Renamed'; CallRequestUrl = 'https://example.com/new' }
            $result = Invoke-Collecting { $row, [pscustomobject]@{ Id = $webhooks[41].Id; Name = 'Other' } | Compare-SwPhoneNumber }
            $result.Differences.Property | Should -Be @('Name', 'CallRequestUrl', 'MessageRequestUrl', 'Name')
            $result.Differences.Number | Should -Be @($target.Number, $target.Number, $target.Number, $webhooks[41].Number)
        }
    }

    Context 'numbers on one side only' {
        It 'reports a number the project lacks as one NotInProject difference, and the others only with -IncludeNotInReference' {
            $rows = @(
                [pscustomobject]@{ Number = $numbers[0].Number; Name = $numbers[0].Name }
                [pscustomobject]@{ Number = '+15559990001'; Name = 'Not bought yet' }
            )
            $quiet = Invoke-Collecting { $rows | Compare-SwPhoneNumber }
            $quiet.Differences.Count | Should -Be 1
            $missing = $quiet.Differences[0]
            "$($missing.Kind)" | Should -Be 'NotInProject'
            $missing.Number | Should -Be '+15559990001'
            $missing.Id, $missing.Property, $missing.ApiName, $missing.Current, $missing.Desired | ForEach-Object { $_ | Should -BeNullOrEmpty }

            Clear-SwEmulatorRequest $emulator
            $all = Invoke-Collecting { $rows | Compare-SwPhoneNumber -IncludeNotInReference }
            $notInReference = @($all.Differences | Where-Object { "$($_.Kind)" -eq 'NotInReference' })
            $notInReference.Count | Should -Be ($seeded - 1)
            $notInReference.Number | Should -Not -Contain $numbers[0].Number
            ($notInReference | Where-Object Number -eq $numbers[1].Number).Id | Should -Be $numbers[1].Id
            @($all.Differences | Where-Object { "$($_.Kind)" -eq 'NotInProject' }).Number | Should -Be '+15559990001'
            (Get-Listing).Count | Should -Be 2
        }
    }

    Context 'the fields compared' {
        It '-Property narrows the comparison to the fields a team manages' {
            $target = $webhooks[50]
            $row = [pscustomobject]@{ Id = $target.Id; Name = 'Renamed'; CallRequestUrl = 'https://example.com/new'; CallFallbackUrl = 'https://example.com/fallback' }
            $result = Invoke-Collecting { $row | Compare-SwPhoneNumber -Property CallHandler, call_request_url }
            $result.Differences.Property | Should -Be @('CallRequestUrl')
        }

        It 'refuses a -Property that is no field, naming the parameter, before any request' {
            { Compare-SwPhoneNumber -ReferenceObject $numbers[0] -Property CallHandlr } |
                Should -Throw -ErrorId "ParameterArgumentValidationError,$compare"
            @(Get-WireRequest $emulator).Count | Should -Be 0
        }

        It 'completes -Property with the field parameters' {
            $line = 'Compare-SwPhoneNumber -Property CallRequest'
            $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $completions | Should -Be @('CallRequestUrl', 'CallRequestMethod')
        }

        It 'never reports a field the API does not return (message_relay_application), and says so with -Verbose' {
            $row = [pscustomobject]@{ Id = $numbers[0].Id; MessageRelayApplication = 'sms-bot' }
            $result = Invoke-Collecting { $row | Compare-SwPhoneNumber -Verbose }
            $result.Differences.Count | Should -Be 0
            $result.Verbose -join "`n" | Should -Match 'message_relay_application .*not compared.*unknown'
        }

        It 'takes an upper-case id, null cells and get for GET' {
            $target = $webhooks | Where-Object { -not $_.CallFallbackUrl } | Select-Object -First 1
            $json = '{"Id": "' + $target.Id.ToUpperInvariant() + '", "Number": null, "CallFallbackUrl": null, "CallRequestMethod": "' + $target.CallRequestMethod.ToLowerInvariant() + '"}'
            $result = Invoke-Collecting { $json | ConvertFrom-Json | Compare-SwPhoneNumber }
            $result.Errors.Count | Should -Be 0
            $result.Differences.Count | Should -Be 0
        }

        It 'passes a value only the API sets where the number has it: a full export of an AI agent''s number matches' {
            $agent = $numbers | Where-Object CallHandler -eq 'ai_agent' | Select-Object -First 1
            $result = Invoke-Collecting { $agent | Select-Object Id, Number, CallHandler | Compare-SwPhoneNumber }
            $result.Errors.Count | Should -Be 0
            $result.Differences.Count | Should -Be 0
        }
    }

    Context 'bad rows: one error each, the same ids as Set-SwPhoneNumber, the rest compared' {
        It 'writes <ErrorId> for <Case> and compares the other rows' -TestCases @(
            @{ Case = 'an Id that is not a UUID'; ErrorId = 'InvalidId'; Row = { [pscustomobject]@{ Id = 'not-an-id'; Name = 'x' } } }
            @{ Case = 'a Number that is not a number'; ErrorId = 'InvalidId'; Row = { [pscustomobject]@{ Number = '555-1234'; Name = 'x' } } }
            @{ Case = 'neither an Id nor a Number'; ErrorId = 'NoTarget'; Row = { [pscustomobject]@{ Name = 'x' } } }
            @{ Case = 'a value not allowed'; ErrorId = 'InvalidFieldValue'; Row = { [pscustomobject]@{ Id = $webhooks[60].Id; CallRequestMethod = 'PATCH' } } }
            @{ Case = 'an Id that is another number of the project'; ErrorId = 'IdNumberMismatch'; Row = { [pscustomobject]@{ Id = $webhooks[60].Id; Number = $webhooks[61].Number; Name = 'x' } } }
        ) {
            $good = [pscustomobject]@{ Id = $webhooks[62].Id; Name = 'Renamed' }
            $result = Invoke-Collecting { (& $Row), $good | Compare-SwPhoneNumber }
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -Be "$ErrorId,$compare"
            "$($result.Errors[0].CategoryInfo.Category)" | Should -Be 'InvalidArgument'
            $result.Differences.Count | Should -Be 1
            $result.Differences[0].Id | Should -Be $webhooks[62].Id
        }

        It 'gives the error id Set-SwPhoneNumber gives the same row for <Case>' -TestCases @(
            @{ Case = 'neither an Id nor a Number'; Row = { [pscustomobject]@{ Name = 'x' } } }
            @{ Case = 'a value not allowed'; Row = { [pscustomobject]@{ Id = $webhooks[63].Id; CallRequestMethod = 'PATCH' } } }
            @{ Case = 'an Id that is another number of the project'; Row = { [pscustomobject]@{ Id = $webhooks[63].Id; Number = $webhooks[64].Number; Name = 'x' } } }
        ) {
            $compared = Invoke-Collecting { & $Row | Compare-SwPhoneNumber }
            $applied = Invoke-Collecting { & $Row | Set-SwPhoneNumber }
            $compared.Errors.Count | Should -Be 1
            $applied.Errors.Count | Should -Be 1
            $compared.Errors[0].FullyQualifiedErrorId.Split(',')[0] | Should -Be $applied.Errors[0].FullyQualifiedErrorId.Split(',')[0]
            (Get-Put).Count | Should -Be 0
        }

        It 'merges rows naming one number in order, the last value winning, with one warning' {
            $target = $webhooks[65]
            $rows = @(
                [pscustomobject]@{ Number = $target.Number; Name = 'First'; CallRequestUrl = 'https://example.com/first' }
                [pscustomobject]@{ Number = $target.Number.TrimStart('+'); Name = 'Second'; CallRequestUrl = '' }
            )
            $result = Invoke-Collecting { $rows | Compare-SwPhoneNumber }
            $result.Differences | ForEach-Object { "$($_.Property)=$($_.Desired)" } | Should -Be @('Name=Second', 'CallRequestUrl=https://example.com/first')
            $result.Warnings.Count | Should -Be 1
            $result.Warnings[0] | Should -Match ([regex]::Escape($target.Number))
            $result.Warnings[0] | Should -Match 'more than once'
        }

        It 'refuses a difference given as the reference' {
            $difference = New-TestPhoneNumberDifference -Kind NotInProject -Number '+15559990001'
            $result = Invoke-Collecting { $difference | Compare-SwPhoneNumber }
            $result.Errors.FullyQualifiedErrorId | Should -Be "InvalidReference,$compare"
            @(Get-WireRequest $emulator).Count | Should -Be 0
        }

        It 'warns once about a column that looks like a field' {
            $rows = $webhooks[66..67] | ForEach-Object { [pscustomobject]@{ Id = $_.Id; 'Call Request Url' = 'https://example.com/x' } }
            $result = Invoke-Collecting { $rows | Compare-SwPhoneNumber }
            $result.Warnings.Count | Should -Be 1
            $result.Warnings[0] | Should -Match "'Call Request Url'.*CallRequestUrl\?"
        }
    }

    Context 'a listing that fails' {
        It 'ends with the API''s error and writes no difference: silence must not pass for "no drift"' {
            # The second page fails: a half-read project would report the numbers of that page as missing.
            Add-SwEmulatorFault $emulator @{ action = 'status'; status = 400; method = 'GET'; path = '/phone_numbers'; every = 2; times = 1 }
            $rows = @([pscustomobject]@{ Number = $numbers[-1].Number; Name = 'Renamed' })
            $result = Invoke-Collecting { $rows | Compare-SwPhoneNumber }
            $result.Thrown | Should -Not -BeNullOrEmpty
            $result.Thrown.FullyQualifiedErrorId | Should -Be "BadRequest,$compare"
            $result.Thrown.Exception.Message | Should -Match 'nothing was compared'
            $result.Differences.Count | Should -Be 0
        }
    }

    Context 'the table view' {
        It 'shows Number, Property, Current, Desired, and which side a one-sided number is on' {
            $rows = @(
                [pscustomobject]@{ Id = $webhooks[70].Id; CallRequestUrl = 'https://example.com/wanted' }
                [pscustomobject]@{ Number = '+15559990002' }
            )
            $text = $rows | Compare-SwPhoneNumber | Format-Table | Out-String -Width 250
            $lines = @($text -split "`n" | Where-Object { $_ -match '\S' })
            $lines[0] -split '\s+' | Where-Object { $_ } | Should -Be @('Number', 'Property', 'Current', 'Desired')
            $lines[2] | Should -Match ('^' + [regex]::Escape($webhooks[70].Number) + '\s+CallRequestUrl\s+' + [regex]::Escape($webhooks[70].CallRequestUrl) + '\s+https://example.com/wanted')
            $lines[3] | Should -Match '^\+15559990002\s+\(NotInProject\)\s*$'
        }
    }
}

Describe 'Compare-SwPhoneNumber | Set-SwPhoneNumber' {
    BeforeEach {
        Clear-SwEmulatorFault $emulator
        Reset-SwEmulator $emulator -Numbers $seeded
        $numbers = @(Get-SwPhoneNumber)
        $webhooks = @($numbers | Where-Object { $_.CallHandler -eq 'laml_webhooks' -and $_.CallRequestUrl -and $_.CallRequestMethod })
        # The routing file: how 30 numbers should route. Then the dashboard drifts: 10 numbers change one or two fields.
        $file = Join-Path $TestDrive 'routing.csv'
        $managed = $webhooks[100..129]
        $managed | Select-Object Number, Name, CallHandler, CallRequestUrl, CallRequestMethod, CallRelayTopic | Export-Csv $file -NoTypeInformation
        $drifted = $managed[0..9]
        foreach ($i in 0..9) {
            $t = $drifted[$i]
            if ($i % 2) { $null = Set-SwPhoneNumber -Id $t.Id -CallRequestUrl "https://dashboard.example.com/$i" -Name "dashboard $i" }
            else { $null = Set-SwPhoneNumber -Id $t.Id -CallHandler relay_topic -CallRelayTopic 'dashboard' }
        }
        Clear-SwEmulatorRequest $emulator
    }

    It 'puts the file''s values back: one PUT per number with exactly the differing fields, then nothing differs' {
        $differences = @(Compare-SwPhoneNumber -ReferenceObject (Import-Csv $file))
        # Odd numbers: the name and the URL; even ones: the handler (their relay topic is not in the file: no difference).
        $differences.Count | Should -Be 15
        Clear-SwEmulatorRequest $emulator

        $result = Invoke-Collecting { $differences | Set-SwPhoneNumber }
        $result.Errors.Count | Should -Be 0
        $result.Numbers.Count | Should -Be 10
        ($result.Numbers.Id | Sort-Object) | Should -Be ($drifted.Id | Sort-Object)

        $requests = @(Get-WireRequest $emulator)
        @($requests | Where-Object method -eq PUT).Count | Should -Be 10
        foreach ($i in 0..9) {
            $t = $drifted[$i]
            $put = @($requests | Where-Object { $_.method -eq 'PUT' -and $_.path -eq "$apiPath/$($t.Id)" })
            $put.Count | Should -Be 1
            $expected = if ($i % 2) { [ordered]@{ name = $t.Name; call_request_url = $t.CallRequestUrl } } else { [ordered]@{ call_handler = 'laml_webhooks' } }
            $put[0].body | Should -BeExactly ($expected | ConvertTo-Json -Compress)
        }
        # The only reads: a handler switch whose field (call_request_url) is not among the differences is checked against
        # the number first, as Set-SwPhoneNumber always does; the other numbers are written without a read.
        $gets = @($requests | Where-Object method -eq GET)
        ($gets.path | Sort-Object) | Should -Be ($drifted | Where-Object { [array]::IndexOf($drifted, $_) % 2 -eq 0 } | ForEach-Object { "$apiPath/$($_.Id)" } | Sort-Object)
        (Get-ServerNumber $drifted[0].Id).call_handler | Should -Be 'laml_webhooks'

        Clear-SwEmulatorRequest $emulator
        @(Compare-SwPhoneNumber -ReferenceObject (Import-Csv $file)).Count | Should -Be 0
        (Get-Listing).Count | Should -Be 2
    }

    It 'shows under -WhatIf exactly the changes the compare reported, and sends nothing' {
        $differences = @(Import-Csv $file | Compare-SwPhoneNumber)
        Clear-SwEmulatorRequest $emulator
        $text = Get-HostOutput { $differences | Set-SwPhoneNumber -WhatIf }
        (Get-Put).Count | Should -Be 0
        ([regex]::Matches($text, 'What if:')).Count | Should -Be 10
        $differences.Count | Should -Be 15
        foreach ($group in $differences | Group-Object Id) {
            $first = $group.Group[0]
            $changes = ($group.Group | ForEach-Object { "$($_.ApiName) '$($_.Current)' → '$($_.Desired)'" }) -join ', '
            $text | Should -Match ([regex]::Escape("""Update phone number: $changes"" on target ""$($first.Number) ($($first.Id))"""))
        }
    }

    It 'applies differences saved with Export-Clixml' {
        $saved = Join-Path $TestDrive 'drift.xml'
        Import-Csv $file | Compare-SwPhoneNumber | Export-Clixml $saved
        Clear-SwEmulatorRequest $emulator
        $result = Invoke-Collecting { Import-Clixml $saved | Set-SwPhoneNumber }
        $result.Errors.Count | Should -Be 0
        $result.Numbers.Count | Should -Be 10
        (Get-Put).Count | Should -Be 10
        @(Import-Csv $file | Compare-SwPhoneNumber).Count | Should -Be 0
    }

    It 'skips a NotInProject difference with an error and NotInReference ones with one warning, sending nothing for them' {
        $rows = @(Import-Csv $file) + [pscustomobject]@{ Number = '+15559990003'; Name = 'Not bought yet' }
        $differences = @($rows | Compare-SwPhoneNumber -IncludeNotInReference)
        Clear-SwEmulatorRequest $emulator
        $result = Invoke-Collecting { $differences | Set-SwPhoneNumber }
        $result.Numbers.Count | Should -Be 10
        (Get-Put).Count | Should -Be 10
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -Be "NotInProject,$set"
        "$($result.Errors[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        $result.Errors[0].Exception.Message | Should -Match '\+15559990003'
        $result.Warnings.Count | Should -Be 1
        $result.Warnings[0] | Should -Match "^$($seeded - 30) numbers are not in the reference and were left as they are"
    }

    It 'with -ErrorAction Stop, sends the number before a NotInProject difference and nothing after it' {
        $differences = @(Import-Csv $file | Compare-SwPhoneNumber)
        # A number whose update needs no read first (a handler switch would read it, and a stop starts no new request).
        $firstId = ($differences | Where-Object Property -eq Name | Select-Object -First 1).Id
        $first = @($differences | Where-Object Id -eq $firstId)
        $missing = New-TestPhoneNumberDifference -Kind NotInProject -Number '+15559990004'
        $rest = @($differences | Where-Object Id -ne $firstId)
        Clear-SwEmulatorRequest $emulator
        $result = Invoke-Collecting { @($first) + $missing + $rest | Set-SwPhoneNumber -ErrorAction Stop }
        $result.Thrown.FullyQualifiedErrorId | Should -Be "NotInProject,$set"
        $puts = @(Get-Put)
        $puts.Count | Should -Be 1
        $puts[0].path | Should -Be "$apiPath/$firstId"
    }

    It 'keeps the command line''s fields over the differences'' values' {
        $differences = @(Import-Csv $file | Compare-SwPhoneNumber | Where-Object Property -eq Name)
        $differences.Count | Should -Be 5
        $null = $differences | Set-SwPhoneNumber -CallRelayTopic 'from the command line'
        foreach ($d in $differences) {
            (Get-Put | Where-Object path -eq "$apiPath/$($d.Id)").body | Should -BeExactly ([ordered]@{ call_relay_topic = 'from the command line'; name = $d.Desired } | ConvertTo-Json -Compress)
        }
    }

    It 'takes a JSON row whose Id is null, keyed by its Number' {
        $target = $webhooks[0]
        $null = ('{"Id": null, "Number": "' + $target.Number + '", "Name": "json"}') | ConvertFrom-Json | Set-SwPhoneNumber -ErrorVariable failures
        $failures.Count | Should -Be 0
        (Get-Put).body | Should -BeExactly '{"name":"json"}'
    }
}
