BeforeDiscovery {
    $manifest = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../SignalWire.PowerShell.psd1')
    $cmdlets = $manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $docs = Join-Path $RepoRoot 'docs'
    # Parameters every cmdlet gets from PowerShell, documented once under CommonParameters.
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + 'UseTransaction'

    # Get-Help in a fresh runspace with a fresh import: what a user sees, not a cached answer.
    $ps = [powershell]::Create([initialsessionstate]::CreateDefault())
    try {
        $null = $ps.AddScript({
                param($Manifest)
                Import-Module $Manifest
                foreach ($command in Get-Command -Module SignalWire.PowerShell) {
                    $help = Get-Help $command.Name -Full
                    [pscustomobject]@{
                        Name        = $command.Name
                        Synopsis    = "$($help.Synopsis)".Trim()
                        Description = (@($help.description) | ForEach-Object Text) -join "`n"
                        Examples    = @($help.examples.example | Where-Object { $_ })
                        Parameters  = @($help.parameters.parameter | Where-Object { $_ } | ForEach-Object {
                                [pscustomobject]@{
                                    Name        = $_.name
                                    Description = (@($_.description) | ForEach-Object Text) -join "`n"
                                    Type        = $_.type.name
                                    Required    = $_.required
                                    Aliases     = $_.aliases
                                    Pipeline    = $_.pipelineInput
                                    Accepted    = @($_.parameterValueGroup.parameterValue | Where-Object { $_ })
                                }
                            })
                        Syntax      = @($help.syntax.syntaxItem | Where-Object { $_ })
                        Real        = @($command.Parameters.Keys)
                    }
                }
            }).AddArgument($ModuleManifest)
        $help = @{}
        foreach ($item in $ps.Invoke()) { $help[$item.Name] = $item }
        if ($ps.HadErrors) { throw $ps.Streams.Error[0] }
    }
    finally { $ps.Dispose() }
}

Describe 'Help of <Name>' -ForEach $cmdlets {
    BeforeAll { $h = $help[$Name] }

    It 'comes from the MAML file, with a synopsis' {
        $h | Should -Not -BeNullOrEmpty
        $h.Synopsis | Should -Not -BeNullOrEmpty
        # Without a help file, PowerShell makes up a synopsis from the syntax.
        $h.Synopsis | Should -Not -Match "^$Name \["
    }

    It 'has a description' {
        $h.Description.Length | Should -BeGreaterThan 80
    }

    It 'has at least two examples, each with code' {
        $h.Examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $h.Examples) { "$($example.code)" | Should -Match $Name.Split('-')[0] }
    }

    It 'describes every parameter' {
        foreach ($parameter in $h.Real | Where-Object { $_ -notin $common }) {
            $described = $h.Parameters | Where-Object Name -eq $parameter
            $described | Should -Not -BeNullOrEmpty -Because "-$parameter needs help"
            $described.Description.Length | Should -BeGreaterThan 15 -Because "-$parameter needs a description"
        }
    }

    It 'describes in docs/ exactly the real parameters, and only in prose (no drift)' {
        $page = Get-Content (Join-Path $docs "$Name.md")
        $documented = @($page | Where-Object { $_ -match '^### -(\w+)\s*$' } | ForEach-Object { $Matches[1] })
        $real = @($h.Real | Where-Object { $_ -notin $common })
        ($documented | Sort-Object) -join ',' | Should -Be (($real | Sort-Object) -join ',')
        # What the command itself says (syntax, types, aliases, sets, pipeline input) comes from the command at build
        # time: a copy in the page would be text no test holds to the truth.
        $page | Should -Not -Contain '## SYNTAX' -Because 'the syntax comes from the command'
        $page | Should -Not -Contain '```yaml' -Because 'parameter metadata comes from the command'
        $page | Should -Not -Contain '### CommonParameters' -Because 'Get-Help describes the common parameters itself'
    }

    It 'shows each parameter as the command declares it' {
        $command = Get-Command $Name
        $shown = foreach ($parameter in $h.Parameters) {
            "-$($parameter.Name) $($parameter.Type) required=$($parameter.Required) aliases=$($parameter.Aliases) pipeline=$($parameter.Pipeline)"
        }
        $declared = foreach ($parameter in $h.Parameters) {
            $real = $command.Parameters[$parameter.Name]
            if (-not $real) { "-$($parameter.Name) is no parameter of $Name"; continue }
            $sets = @($real.ParameterSets.Values)
            $required = ([bool]($sets | Where-Object IsMandatory)).ToString().ToLowerInvariant()
            $aliases = if ($real.Aliases.Count) { $real.Aliases -join ', ' } else { 'none' }
            # Set-SwPhoneNumber reads its field parameters from piped objects itself (PhoneNumberInput.FieldCells).
            $readsField = $Name -eq 'Set-SwPhoneNumber' -and $null -ne (Get-ModuleInternalType 'SignalWire.PowerShell.Models.PhoneNumberFields')::FindByParameter($parameter.Name)
            $ways = @(
                if ($sets | Where-Object ValueFromPipeline) { 'ByValue' }
                if ($readsField -or ($sets | Where-Object ValueFromPipelineByPropertyName)) { 'ByPropertyName' }
            )
            $pipeline = if ($ways) { "True ($($ways -join ', '))" } else { 'False' }
            "-$($parameter.Name) $($real.ParameterType.Name) required=$required aliases=$aliases pipeline=$pipeline"
        }
        $shown -join "`n" | Should -Be ($declared -join "`n")
    }

    It 'has a syntax item per parameter set' {
        $sets = @((Get-Command $Name).ParameterSets)
        $h.Syntax.Count | Should -Be $sets.Count
    }
}

Describe 'Help content from the seed document' {
    It 'describes the field parameters of Set-SwPhoneNumber with the seed text, their alias and allowed values' {
        $parameters = $help['Set-SwPhoneNumber'].Parameters
        $callHandler = ($parameters | Where-Object Name -eq 'CallHandler').Description
        $callHandler | Should -Match 'The call handler for the phone number'
        $callHandler | Should -Match 'call_handler'
        $callHandler | Should -Match 'relay_topic, relay_script'
        ($parameters | Where-Object Name -eq 'CallRelayTopic').Description | Should -Match 'Relay topic to forward incoming calls to'
        ($parameters | Where-Object Name -eq 'MessageRequestMethod').Description | Should -Match 'GET, POST'
        ($parameters | Where-Object Name -eq 'CallRelayContext').Description | Should -Match 'Deprecated'
    }

    It 'gives each field parameter of Set-SwPhoneNumber its API name and allowed values from the field table' {
        $parameters = $help['Set-SwPhoneNumber'].Parameters
        foreach ($field in (Get-ModuleInternalType 'SignalWire.PowerShell.Models.PhoneNumberFields')::All) {
            $parameter = $parameters | Where-Object Name -eq $field.ParameterName
            $parameter | Should -Not -BeNullOrEmpty -Because "$($field.ApiName) is a field"
            if ($field.ApiName -ne $field.ParameterName) { $parameter.Description | Should -Match "Alias: $($field.ApiName) " }
            @($parameter.Accepted) -join ',' | Should -BeExactly (@($field.AllowedValues) -join ',')
            if ($field.AllowedValues.Count) { $parameter.Description | Should -Match ([regex]::Escape("Allowed values: $($field.AllowedValues -join ', ').")) }
            if ($field.Replacement) { $parameter.Description | Should -Match '^Deprecated by SignalWire' }
        }
    }

    It 'gives each field parameter of the E911 address cmdlets what the address table says of it' {
        $table = (Get-ModuleInternalType 'SignalWire.PowerShell.Models.ApiTable')::Of([SignalWire.PowerShell.Models.E911Address])
        foreach ($name in 'New-SwE911Address', 'Set-SwE911Address') {
            $command = Get-Command $name
            foreach ($field in $table.Written) {
                $parameter = $help[$name].Parameters | Where-Object Name -eq $field.ParameterName
                $parameter | Should -Not -BeNullOrEmpty -Because "$name has a parameter for $($field.ApiName)"
                $because = "$name -$($field.ParameterName)"
                @($parameter.Accepted) -join ',' | Should -BeExactly (@($field.AllowedValues) -join ',') -Because $because
                if ($field.AllowedValues.Count) {
                    $parameter.Description | Should -Match ([regex]::Escape("Allowed values: $($field.AllowedValues -join ', ')")) -Because $because
                }
                if ($field.MaxLength) { $parameter.Description | Should -Match "Up to $($field.MaxLength) characters\." -Because $because }
                if ($command.Parameters[$field.ParameterName].Aliases -contains $field.ApiName) {
                    $parameter.Description | Should -Match "Alias: $($field.ApiName) " -Because $because
                }
                if ($name -eq 'Set-SwE911Address' -and $field.ValueType -eq [string]) {
                    $rule = if ($field.Required) { 'The API requires it: an empty string on the command line is refused' }
                    else { 'An empty string on the command line removes it' }
                    $parameter.Description | Should -Match ([regex]::Escape($rule)) -Because $because
                }
            }
        }
        ($help['New-SwE911Address'].Parameters | Where-Object Name -eq 'Country').Description | Should -Match 'Two letters \(ISO 3166 alpha-2\)'
    }

    It 'shows the main jobs among the examples' {
        $code = ($help['Set-SwPhoneNumber'].Examples | ForEach-Object code) -join "`n"
        $code | Should -Match 'Get-SwPhoneNumber \| Set-SwPhoneNumber -CallHandler relay_topic'
        $code | Should -Match 'Import-Csv'
        $code | Should -Match '-WhatIf'
        ($help['Connect-SwProject'].Examples | ForEach-Object code) -join "`n" | Should -Match 'SIGNALWIRE_API_TOKEN'
    }
}
