<#
.SYNOPSIS
    Writes a PowerShell Gallery-ready SignalWire.PowerShell.<version>.nupkg from the staged module.
.DESCRIPTION
    Publishes the staged module (out/SignalWire.PowerShell/) with PSResourceGet to a temporary local repository, the
    same code path as publishing to the Gallery (manifest checks, the .nuspec made from the manifest), then copies the
    package to -OutputPath. The temporary repository is unregistered and removed afterwards.
.EXAMPLE
    ./tools/New-ModulePackage.ps1 -ModulePath out/SignalWire.PowerShell -OutputPath out
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutputPath,
    # Writes the package file (a FileInfo) to the pipeline.
    [switch] $PassThru
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module Microsoft.PowerShell.PSResourceGet

$ModulePath = (Resolve-Path $ModulePath).Path
$name = Split-Path $ModulePath -Leaf
$manifest = Test-ModuleManifest (Join-Path $ModulePath "$name.psd1")
$version = $manifest.Version.ToString()
$repositoryName = "SignalWirePackage-$([guid]::NewGuid().ToString('N'))"
$repositoryPath = Join-Path ([IO.Path]::GetTempPath()) $repositoryName
$null = New-Item -ItemType Directory -Path $repositoryPath

try {
    Register-PSResourceRepository -Name $repositoryName -Uri $repositoryPath -Trusted
    Publish-PSResource -Path $ModulePath -Repository $repositoryName
    $package = Get-ChildItem $repositoryPath -Filter "$name.$version.nupkg" | Select-Object -First 1
    if (-not $package) { throw "Publish-PSResource wrote no $name.$version.nupkg to $repositoryPath." }
    $null = New-Item -ItemType Directory -Path $OutputPath -Force
    $destination = Join-Path (Resolve-Path $OutputPath).Path $package.Name
    Copy-Item $package.FullName $destination -Force
    Write-Host "Packaged $name $version at $destination"
    if ($PassThru) { Get-Item $destination }
}
finally {
    Unregister-PSResourceRepository -Name $repositoryName -ErrorAction SilentlyContinue
    Remove-Item $repositoryPath -Recurse -Force -ErrorAction SilentlyContinue
}
