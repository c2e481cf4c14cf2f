BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $staged = Split-Path $ModuleManifest
    $manifest = Test-ModuleManifest $ModuleManifest -ErrorAction Stop
    $data = Import-PowerShellDataFile $ModuleManifest
    $dll = Join-Path $staged 'SignalWire.PowerShell.dll'
}

Describe 'Module manifest' {
    It 'passes Test-ModuleManifest and is the repository manifest' {
        $manifest.Name | Should -Be 'SignalWire.PowerShell'
        Get-Content $ModuleManifest -Raw | Should -Be (Get-Content (Join-Path $RepoRoot 'SignalWire.PowerShell.psd1') -Raw)
    }

    It 'runs on Windows PowerShell 5.1 and PowerShell 7' {
        $manifest.CompatiblePSEditions | Sort-Object | Should -Be @('Core', 'Desktop')
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
    }

    It 'lists its cmdlets explicitly, exactly the ones the DLL exports' {
        $data.CmdletsToExport | Should -Not -Contain '*'
        $data.CmdletsToExport | ForEach-Object { $_ | Should -Not -Match '\*' }
        $real = (Get-Command -Module SignalWire.PowerShell -CommandType Cmdlet).Name | Sort-Object
        ($data.CmdletsToExport | Sort-Object) -join ',' | Should -Be ($real -join ',')
        $data.FunctionsToExport.Count + $data.AliasesToExport.Count + $data.VariablesToExport.Count | Should -Be 0
    }

    It 'knows every cmdlet the Pester suites name in $CmdletType (a wrong name would weaken an error id check)' {
        # Should -Throw -ErrorId matches a part of the id: "NotConnected," from a misspelt lookup would still pass.
        $named = Select-String -Path (Join-Path $PSScriptRoot '*.ps1') -Pattern "\`$CmdletType\['([^']+)'\]" -AllMatches |
            ForEach-Object { $_.Matches } | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique
        $named | Should -Not -BeNullOrEmpty
        foreach ($name in $named) { $CmdletType[$name] | Should -Match '^SignalWire\.PowerShell\.' -Because "$name is looked up in `$CmdletType" }
    }

    It 'loads its format file' {
        $data.FormatsToProcess | Should -Be @('SignalWire.PowerShell.Format.ps1xml')
        Join-Path $staged $data.FormatsToProcess[0] | Should -Exist
    }

    It 'has the Gallery metadata: tags, project and licence URIs, release notes' {
        $psData = $data.PrivateData.PSData
        $psData.Tags | Should -Contain 'SignalWire'
        $psData.Tags | Should -Contain 'PSEdition_Desktop'
        $psData.Tags | Should -Contain 'PSEdition_Core'
        [uri]$psData.ProjectUri | Should -Not -BeNullOrEmpty
        ([uri]$psData.ProjectUri).Scheme | Should -Be 'https'
        ([uri]$psData.LicenseUri).Scheme | Should -Be 'https'
        $psData.ReleaseNotes | Should -Not -BeNullOrEmpty
        $manifest.Description | Should -Not -BeNullOrEmpty
        $manifest.Author | Should -Not -BeNullOrEmpty
    }

    It 'names every exported cmdlet in its release notes' {
        # The Gallery shows the notes as what the release brings: a cmdlet left out of them is one nobody hears of.
        $notes = $data.PrivateData.PSData.ReleaseNotes
        $missing = @($data.CmdletsToExport | Where-Object { $notes -notmatch "(?<![\w-])$([regex]::Escape($_))(?![\w-])" })
        $missing | Should -BeNullOrEmpty -Because 'the release notes should name every cmdlet'
    }

    It 'keeps the version in one place: the DLL carries the manifest version' {
        $assemblyVersion = [Reflection.AssemblyName]::GetAssemblyName($dll).Version
        [version]::new($assemblyVersion.Major, $assemblyVersion.Minor, $assemblyVersion.Build) | Should -Be $manifest.Version
        (Get-Item $dll).VersionInfo.ProductVersion -replace '\+.*$' | Should -Be $manifest.Version.ToString()
        (Get-Module SignalWire.PowerShell).Version | Should -Be $manifest.Version
    }

    It 'declares [OutputType] on every cmdlet that writes objects' {
        foreach ($name in 'Connect-SwProject', 'Get-SwSession', 'Get-SwPhoneNumber', 'Set-SwPhoneNumber') {
            (Get-Command $name).OutputType.Name | Should -Not -BeNullOrEmpty -Because "$name writes objects"
        }
        (Get-Command Get-SwPhoneNumber).OutputType.Name | Should -Contain 'SignalWire.PowerShell.Models.PhoneNumber'
        (Get-Command Set-SwPhoneNumber).OutputType.Name | Should -Contain 'SignalWire.PowerShell.Models.PhoneNumber'
        (Get-Command Connect-SwProject).OutputType.Name | Should -Contain 'SignalWire.PowerShell.Client.SwSession'
    }
}

Describe 'Staged layout for Windows PowerShell 5.1' {
    It 'holds nothing in the root but the manifest, the module DLL, the format file and the help' {
        @(Get-ChildItem $staged -File).Name | Sort-Object |
            Should -Be @('SignalWire.PowerShell.dll', 'SignalWire.PowerShell.Format.ps1xml', 'SignalWire.PowerShell.psd1')
        @(Get-ChildItem $staged -Directory).Name | Sort-Object | Should -Be @('dependencies', 'en-US')
        # The cmdlets' help file and the about_ topics of docs/about, nothing else.
        $topics = @(Get-ChildItem (Join-Path $RepoRoot 'docs/about') -Filter 'about_*.help.txt').Name
        $topics | Should -Contain 'about_SignalWire.help.txt'
        @(Get-ChildItem (Join-Path $staged 'en-US')).Name | Sort-Object | Should -Be (@('SignalWire.PowerShell.dll-Help.xml') + $topics | Sort-Object)
    }

    It 'carries System.Text.Json and every assembly it needs, transitively, in dependencies/' {
        $dependencies = Join-Path $staged 'dependencies'
        Join-Path $dependencies 'System.Text.Json.dll' | Should -Exist
        # Walk the references from the module DLL: everything not part of the platform must be in dependencies/.
        $platform = 'netstandard', 'mscorlib', 'System.Management.Automation'
        $seen = [System.Collections.Generic.HashSet[string]]::new()
        $queue = [System.Collections.Generic.Queue[string]]::new()
        $queue.Enqueue($dll)
        while ($queue.Count) {
            $file = $queue.Dequeue()
            $stream = [IO.File]::OpenRead($file)
            try {
                $reader = [System.Reflection.PortableExecutable.PEReader]::new($stream)
                $metadata = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($reader)
                foreach ($handle in $metadata.AssemblyReferences) {
                    $name = $metadata.GetString($metadata.GetAssemblyReference($handle).Name)
                    if ($name -in $platform -or -not $seen.Add($name)) { continue }
                    $path = Join-Path $dependencies "$name.dll"
                    $path | Should -Exist -Because "$(Split-Path $file -Leaf) references $name"
                    $queue.Enqueue($path)
                }
            }
            finally { $stream.Dispose() }
        }
        $seen | Should -Contain 'System.Text.Json'
        $seen | Should -Contain 'System.Memory'
        # And nothing that nobody references.
        @(Get-ChildItem $dependencies -Filter *.dll).BaseName | ForEach-Object { $seen | Should -Contain $_ }
    }

    It 'resolves each private assembly from the dependencies folder beside the staged DLL (the Windows PowerShell 5.1 path)' {
        # The folder the AssemblyResolve handler searches, as the loaded module computes it, and the resolver's answer for
        # each file there: AssemblyResolverTests cover the matching rules, this covers the staged layout they rely on.
        $type = [SignalWire.PowerShell.ModuleInitializer]
        $type.Assembly.Location | Should -Be $dll
        $flags = [System.Reflection.BindingFlags]'NonPublic, Static'
        $folder = $type.GetField('DependencyFolder', $flags).GetValue($null)
        $folder | Should -Be (Join-Path $staged 'dependencies')
        $resolve = $type.GetMethod('ResolveAssemblyPath', $flags)
        $files = @(Get-ChildItem $folder -Filter *.dll)
        $files.Count | Should -BeGreaterThan 0
        foreach ($file in $files) {
            $name = [System.Reflection.AssemblyName]::GetAssemblyName($file.FullName)
            $resolve.Invoke($null, @($name, $folder)) | Should -Be $file.FullName -Because "$($name.Name) is a private assembly"
        }
        $resolve.Invoke($null, @([System.Reflection.AssemblyName]'Contoso.Unrelated, Version=1.0.0.0', $folder)) | Should -BeNullOrEmpty
    }
}
