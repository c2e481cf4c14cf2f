# Runs every Pester suite under tests/Pester with the Pester restored from NuGet into .tools/packages,
# and prints the summary line CI reads: "pester: N passed, N failed".
param([string] $Configuration = 'Release')
$ErrorActionPreference = 'Stop'
$root = Resolve-Path (Join-Path $PSScriptRoot '../..')
Import-Module (Join-Path $root '.tools/packages/pester/5.7.1/tools/Pester.psd1') -Force

$env:SIGNALWIRE_TEST_CONFIGURATION = $Configuration
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = Join-Path $root 'out/test-results/pester.xml'
$result = Invoke-Pester -Configuration $config

Write-Host ''
Write-Host "pester: $($result.PassedCount) passed, $($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount) failed"
if ($result.Result -ne 'Passed' -or $result.PassedCount -eq 0) { exit 1 }
exit 0
