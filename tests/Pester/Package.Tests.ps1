BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module Microsoft.PowerShell.PSResourceGet
    $staged = Split-Path $ModuleManifest
    $version = (Import-PowerShellDataFile $ModuleManifest).ModuleVersion
    $work = Join-Path ([IO.Path]::GetTempPath()) "signalwire-package-$([guid]::NewGuid().ToString('N'))"
    $feed = New-Item -ItemType Directory -Path (Join-Path $work 'feed')
    $installed = New-Item -ItemType Directory -Path (Join-Path $work 'modules')
    $repository = "SignalWireTest-$([guid]::NewGuid().ToString('N'))"

    # The package step of build.ps1 -Task Package, on the module already staged by the build.
    $package = & (Join-Path $RepoRoot 'tools/New-ModulePackage.ps1') -ModulePath $staged -OutputPath $feed -PassThru 6>$null
    Register-PSResourceRepository -Name $repository -Uri $feed.FullName -Trusted
}
AfterAll {
    Unregister-PSResourceRepository -Name $repository -ErrorAction SilentlyContinue
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The module package' {
    It 'is SignalWire.PowerShell.<version>.nupkg with the Gallery metadata from the manifest' {
        $package.Name | Should -Be "SignalWire.PowerShell.$version.nupkg"
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($package.FullName)
        try {
            $entries = $zip.Entries.FullName
            $entries | Should -Contain 'SignalWire.PowerShell.psd1'
            $entries | Should -Contain 'SignalWire.PowerShell.dll'
            $entries | Should -Contain 'en-US/SignalWire.PowerShell.dll-Help.xml'
            $entries | Should -Contain 'en-US/about_SignalWire.help.txt'
            $entries | Should -Contain 'dependencies/System.Text.Json.dll'
            $reader = [IO.StreamReader]::new($zip.GetEntry('SignalWire.PowerShell.nuspec').Open())
            $nuspec = [xml]$reader.ReadToEnd()
            $reader.Dispose()
        }
        finally { $zip.Dispose() }
        $nuspec.package.metadata.id | Should -Be 'SignalWire.PowerShell'
        $nuspec.package.metadata.version | Should -Be $version
        $nuspec.package.metadata.tags | Should -Match 'PSModule'
        $nuspec.package.metadata.projectUrl | Should -Not -BeNullOrEmpty
        $nuspec.package.metadata.licenseUrl | Should -Not -BeNullOrEmpty
        $nuspec.package.metadata.releaseNotes | Should -Not -BeNullOrEmpty
    }

    It 'is found in a local PSResourceGet repository' {
        $found = Find-PSResource -Name SignalWire.PowerShell -Repository $repository
        $found.Version.ToString() | Should -Be $version
        $found.Type | Should -Be 'Module'
    }

    It 'saves from the repository and imports in a fresh pwsh, with its cmdlets and help' {
        Save-PSResource -Name SignalWire.PowerShell -Repository $repository -Path $installed.FullName -TrustRepository -SkipDependencyCheck
        $moduleBase = Join-Path $installed.FullName "SignalWire.PowerShell/$version"
        Join-Path $moduleBase 'SignalWire.PowerShell.psd1' | Should -Exist

        $script = "`$env:PSModulePath = '$($installed.FullName)' + [IO.Path]::PathSeparator + `$env:PSModulePath; " +
            'Import-Module SignalWire.PowerShell -ErrorAction Stop; ' +
            '(Get-Module SignalWire.PowerShell).ModuleBase; ' +
            '(Get-Command -Module SignalWire.PowerShell).Name | Sort-Object; ' +
            '(Get-Help Set-SwPhoneNumber).Synopsis'
        $output = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $script
        $LASTEXITCODE | Should -Be 0
        $output[0] | Should -Be $moduleBase
        $cmdlets = @((Import-PowerShellDataFile $ModuleManifest).CmdletsToExport | Sort-Object)
        $output[1..$cmdlets.Count] | Should -Be $cmdlets
        $output[$cmdlets.Count + 1] | Should -Match 'Changes how SignalWire phone numbers handle calls and messages'
    }
}
