# build.ps1 in a session a user's profile has filled: build tools' aliases and functions must not take over its steps.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $build = Join-Path $RepoRoot 'build.ps1'
    $pwshDll = Join-Path $PSHOME 'pwsh.dll'
    $help = Join-Path (Split-Path $ModuleManifest) 'en-US/SignalWire.PowerShell.dll-Help.xml'

    # What such a profile does: InvokeBuild's Invoke-Build as an alias (aliases win over functions), psake's commands,
    # PSReadLine. Each stand-in throws, so a build step that reached one of them fails.
    $profileScript = Join-Path ([IO.Path]::GetTempPath()) "signalwire-build-profile-$PID.ps1"
    Set-Content -LiteralPath $profileScript -Value @'
function Invoke-ProfileBuildTool { throw "The profile's $($MyInvocation.InvocationName) ran instead of the build's own step." }
Set-Alias -Name Invoke-Build -Value Invoke-ProfileBuildTool
Set-Alias -Name Invoke-psake -Value Invoke-ProfileBuildTool
function Task { throw "The profile's Task ran instead of the build's own step." }
function Exec { throw "The profile's Exec ran instead of the build's own step." }
Import-Module PSReadLine
'@

    # Runs a script in a child pwsh after the profile script, as a profile runs: dot-sourced in the global scope.
    function Invoke-WithProfile {
        param([string] $Script)
        $command = ". '$profileScript'; $Script; exit `$LASTEXITCODE"
        $output = & dotnet $pwshDll -NoProfile -NonInteractive -Command $command 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
    }
}
AfterAll { Remove-Item -LiteralPath $profileScript -ErrorAction SilentlyContinue }

Describe 'build.ps1 under a profile that defines build tools' {
    It 'is a profile that would take over a function named Invoke-Build (the control)' {
        $result = Invoke-WithProfile 'function Invoke-Build { "the function" }; Invoke-Build'
        $result.Output | Should -Match "The profile's Invoke-Build ran"
        $result.Output | Should -Not -Match 'the function'
    }

    It 'still runs its steps (the Help task rewrites the staged help from docs/)' {
        $before = (Get-Item $help).LastWriteTimeUtc
        $result = Invoke-WithProfile "& '$build' -Task Help"
        $result.Output | Should -Not -Match "The profile's"
        $result.ExitCode | Should -Be 0 -Because $result.Output
        $result.Output | Should -Match 'Wrote help for \d+ cmdlets'
        (Get-Item $help).LastWriteTimeUtc | Should -BeGreaterThan $before
        # The help written is whole: one command for each cmdlet.
        $written = @(([xml](Get-Content $help -Raw)).helpItems.ChildNodes | Where-Object LocalName -eq 'command')
        $written.Count | Should -Be @(Get-Command -Module SignalWire.PowerShell -CommandType Cmdlet).Count
    }

    It 'names its own functions so that no profile command of those tools can shadow them' {
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($build, [ref]$null, [ref]$null)
        $functions = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $false).Name)
        $functions | Should -Not -BeNullOrEmpty
        $taken = 'Invoke-Build', 'Invoke-psake', 'Task', 'Exec', 'Properties', 'Include', 'Assert', 'Build-Module'
        $functions | Where-Object { $_ -in $taken } | Should -BeNullOrEmpty
    }
}

Describe 'How the README and CI run the build' {
    # The two set-up commands are the project's contract with a fresh machine: CI runs the README's test command as it
    # stands. They need no -NoProfile, because the build is proved above to survive a profile that loads build tools.
    It 'uses the two set-up commands, and CI runs the test one' {
        $readme = @(Get-Content (Join-Path $RepoRoot 'README.md') | Where-Object { $_ -match '^dotnet tool restore && dotnet pwsh .*build\.ps1' })
        $readme | Should -Be @('dotnet tool restore && dotnet pwsh ./build.ps1 -Task Demo', 'dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test')
        @(Get-Content (Join-Path $RepoRoot '.ci/run')) | Should -Contain $readme[1]
    }
}
