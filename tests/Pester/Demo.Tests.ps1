# The demo of build.ps1 -Task Demo (tools/Demo.ps1), run as the task runs it: a fresh pwsh against the emulator. Its
# tables show the first rows of a large project, and say so whenever rows were left out.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $emulator = Start-SwEmulator -EmulatorDll $EmulatorDll -Numbers 30
    try {
        $output = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File (Join-Path $RepoRoot 'tools/Demo.ps1') `
            -ModulePath $ModuleManifest -Space $emulator.Url -ProjectId $emulator.ProjectId -Token $emulator.Token 2>&1
        $exitCode = $LASTEXITCODE
    }
    finally { Stop-SwEmulator $emulator }
    $text = ($output | Out-String) -replace '\x1b\[[0-9;]*m', ''

    # The demo's steps by their "== " heading: the lines each one printed.
    $steps = [ordered]@{}
    $current = $null
    foreach ($line in $text -split '\r?\n') {
        if ($line -match '^== (.+)$') { $current = $Matches[1]; $steps[$current] = [System.Collections.Generic.List[string]]::new() }
        elseif ($null -ne $current) { $steps[$current].Add($line) }
    }
    function Get-Step([string] $Like) {
        $name = @($steps.Keys | Where-Object { $_ -like $Like })
        if ($name.Count -ne 1) { throw "No one step of the demo is like '$Like': $($steps.Keys -join '; ')" }
        @($steps[$name[0]])
    }
    # The rows of a step's table: lines that start with a phone number.
    function Get-Row([string[]] $Lines) { @($Lines | Where-Object { $_ -match '^\+\d{11} ' }) }
}

Describe 'The demo' {
    It 'runs to its end' {
        $exitCode | Should -Be 0 -Because $text
    }

    It 'shows the first 10 of the 30 numbers listed, and says so' {
        $listing = Get-Step 'Get-SwPhoneNumber (every page)'
        (Get-Row $listing).Count | Should -Be 10
        $listing | Should -Contain '(first 10 of 30 numbers shown)'
    }

    It 'shows the first 10 numbers the main job changed, and says how many it changed' {
        $job = Get-Step 'Get-SwPhoneNumber | Set-SwPhoneNumber -CallHandler relay_topic*'
        (Get-Row $job).Count | Should -Be 10
        $job | Should -Contain '(first 10 of 30 numbers shown)'
        $job | Should -Contain "30 numbers now send calls to the relay topic 'office'."
    }

    It 'shows the first 5 numbers given the emergency address, out of all it assigned' {
        $e911 = Get-Step 'Get-SwPhoneNumber -E911Status none | Set-SwPhoneNumber -E911AddressId*'
        (Get-Row $e911).Count | Should -Be 5
        $assigned = @($e911 | Where-Object { $_ -match '^(\d+) numbers assigned' } | ForEach-Object { [int]$Matches[1] })
        $assigned.Count | Should -Be 1
        $assigned[0] | Should -BeGreaterThan 5
        $e911 | Should -Contain "(first 5 of $($assigned[0]) numbers shown)"
    }

    It 'says nothing of the kind under a table it shows whole' {
        $bought = Get-Step 'Find-SwAvailablePhoneNumber*'
        (Get-Row $bought).Count | Should -Be 1
        $bought | Where-Object { $_ -match '^\(first ' } | Should -BeNullOrEmpty
    }
}
