<#
.SYNOPSIS
    Writes the MAML help file Get-Help reads, from the module's own commands and the prose in docs/.
.DESCRIPTION
    As platyPS does, everything the command itself knows comes from the command: the syntax (one item per parameter
    set), and for each parameter its type, aliases, whether it is required, its position, pipeline input, wildcard
    support, accepted values (the ValidValues of [ValidateSet] or of a validation attribute of the module) and default
    value (the property of a fresh instance of the cmdlet). The
    update fields of Set-SwPhoneNumber also come from the field table, PhoneNumberFields.All: their allowed values,
    their API name (the alias CSV columns bind by), what a valid value is, and whether they are deprecated. So do the
    fields of any other resource, found by the [ValidateField] attribute that ties a parameter to its model's table
    (New-SwE911Address, Set-SwE911Address): their limits, kind, allowed values, alias and, for a Set cmdlet, what an
    empty value does.

    docs/<Cmdlet>.md keeps only what a person writes:
      # <Cmdlet>                       one page per cmdlet
      ## SYNOPSIS / ## DESCRIPTION     paragraphs
      ## EXAMPLES                      ### <title>, a fenced code block, then remarks
      ## PARAMETERS                    ### -<Name>, then its description (for an update field, what the field is),
                                       and a "Default value: <text>" line only where the command cannot know it
                                       (a switch whose absence leaves the API's own default, say)
      ## INPUTS / ## OUTPUTS           ### <type name>, then a description
      ## NOTES                         paragraphs
      ## RELATED LINKS                 [text](uri) lines
    Pages in platyPS's full layout still convert: their SYNTAX section and yaml blocks are ignored.

    It imports the module, which then stays loaded in this process: build.ps1 runs it in a pwsh of its own, so the
    build's session never holds the DLL it has just built.
.EXAMPLE
    pwsh -NoProfile -File tools/Convert-MarkdownHelp.ps1 -ModulePath out/SignalWire.PowerShell/SignalWire.PowerShell.psd1 -DocsPath docs -OutputPath out/SignalWire.PowerShell/en-US/SignalWire.PowerShell.dll-Help.xml
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DocsPath,
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$module = Import-Module (Resolve-Path $ModulePath).Path -PassThru -Force
# The cmdlets whose parameters include the update fields, and so take their help from the field table.
$fieldCommands = @('Set-SwPhoneNumber')
# The tables are internal to the module (not part of its surface): reached through its assembly.
$moduleAssembly = [SignalWire.PowerShell.Cmdlets.SetSwPhoneNumberCommand].Assembly
$fields = $moduleAssembly.GetType('SignalWire.PowerShell.Models.PhoneNumberFields', $true)
$tableFieldProperty = [SignalWire.PowerShell.Parameters.ValidateFieldAttribute].GetProperty('Field', [Reflection.BindingFlags]'Instance, NonPublic')

# Parameters PowerShell gives every cmdlet; Get-Help describes them itself under CommonParameters.
$commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + 'UseTransaction'

$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

# ---- the page --------------------------------------------------------------------------------------------------

# Splits markdown lines into sections by a heading prefix ('## ' or '### '): an ordered list of @{ Title; Lines }.
function Split-Section {
    param([string[]] $Lines, [string] $Prefix)
    $sections = [System.Collections.Generic.List[object]]::new()
    $current = $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line.StartsWith('```')) { $inFence = -not $inFence }
        if (-not $inFence -and $line.StartsWith($Prefix)) {
            $current = @{ Title = $line.Substring($Prefix.Length).Trim(); Lines = [System.Collections.Generic.List[string]]::new() }
            $sections.Add($current)
        }
        elseif ($current) { $current.Lines.Add($line) }
    }
    , $sections
}

# Text outside fenced blocks, as paragraphs (blank-line separated, lines joined with spaces).
function Get-Paragraph {
    param([string[]] $Lines)
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $buffer = [System.Collections.Generic.List[string]]::new()
    $inFence = $false
    foreach ($line in @($Lines) + '') {
        if ($line.StartsWith('```')) { $inFence = -not $inFence; continue }
        if ($inFence) { continue }
        if ($line.Trim()) { $buffer.Add($line.Trim()) }
        elseif ($buffer.Count) { $paragraphs.Add($buffer -join ' '); $buffer.Clear() }
    }
    , $paragraphs
}

# The contents of the first fenced block, or $null.
function Get-Fence {
    param([string[]] $Lines)
    $start = [Array]::FindIndex([string[]]$Lines, [Predicate[string]] { param($l) $l.StartsWith('```') })
    if ($start -lt 0) { return $null }
    $end = [Array]::FindIndex([string[]]$Lines, $start + 1, [Predicate[string]] { param($l) $l.StartsWith('```') })
    if ($end -lt 0) { throw "Unclosed code block after: $($Lines[$start])" }
    , [string[]]$Lines[($start + 1)..($end - 1)]
}

function Read-Page {
    param([string] $Path)
    $lines = [string[]](Get-Content $Path)
    $sections = @{}
    foreach ($s in (Split-Section $lines '## ')) { $sections[$s.Title] = [string[]]$s.Lines }
    foreach ($required in 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES') {
        if (-not $sections.ContainsKey($required)) { throw "$Path has no '## $required' section." }
    }
    # What the page says of each parameter, by name; CommonParameters is PowerShell's, not the page's.
    $parameters = @{}
    $defaults = @{}
    if ($sections['PARAMETERS']) {
        foreach ($p in (Split-Section $sections.PARAMETERS '### ')) {
            if ($p.Title -notlike '-*') { continue }
            $name = $p.Title.Substring(1)
            $default = @($p.Lines | Where-Object { $_ -match '^Default value:\s*(\S.*)$' })
            if ($default) { $defaults[$name] = ($default[0] -replace '^Default value:\s*', '').Trim() }
            $parameters[$name] = Get-Paragraph @($p.Lines | Where-Object { $_ -notmatch '^Default value:' })
        }
    }
    [pscustomobject]@{
        Path        = $Path
        Synopsis    = (Get-Paragraph $sections.SYNOPSIS) -join ' '
        Description = Get-Paragraph $sections.DESCRIPTION
        Examples    = foreach ($e in (Split-Section $sections.EXAMPLES '### ')) {
            [pscustomobject]@{ Title = $e.Title; Code = (Get-Fence $e.Lines) -join "`n"; Remarks = Get-Paragraph $e.Lines }
        }
        Parameters  = $parameters
        Defaults    = $defaults
        Inputs      = if ($sections['INPUTS']) { Split-Section $sections.INPUTS '### ' } else { @() }
        Outputs     = if ($sections['OUTPUTS']) { Split-Section $sections.OUTPUTS '### ' } else { @() }
        Notes       = if ($sections['NOTES']) { Get-Paragraph $sections.NOTES } else { @() }
        Links       = if ($sections['RELATED LINKS']) { @($sections['RELATED LINKS'] | Select-String '\[([^\]]+)\]\(([^)]*)\)' | ForEach-Object { , $_.Matches[0].Groups }) } else { @() }
    }
}

# ---- the command -----------------------------------------------------------------------------------------------

# The type as help shows it: String, Int32, SwitchParameter, String[] (a nullable value type by its underlying type).
function Get-TypeName {
    param([type] $Type)
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $Type = $underlying }
    $Type.Name
}

# A field's help: the page's sentence, then what the field table says of it. Nothing when the page says nothing, so
# the help test names the field that still needs its sentence.
function Get-FieldDescription {
    param($Field, [string[]] $Written)
    if (-not $Written) { return @() }
    $text = [System.Collections.Generic.List[string]]::new()
    if ($Field.Replacement) { $text.Add("Deprecated by SignalWire: use $($Field.Replacement -creplace '\b([A-Z]\w*)', '-$1') instead.") }
    $text.AddRange([string[]]$Written)
    switch ($Field.Kind.ToString()) {
        'Url' { $text.Add('An absolute http or https URL.') }
        'Uuid' { $text.Add('A UUID.') }
    }
    if ($Field.AllowedValues.Count) { $text.Add("Allowed values: $($Field.AllowedValues -join ', ').") }
    if ($Field.Replacement) { $text.Add('Accepted with a warning.') }
    if (-not $Field.Returned) {
        $text.Add('The API does not return this field, so its current value is unknown: a value given is always sent, and -ClearEmptyFields never clears it.')
    }
    if ($Field.ApiName -ne $Field.ParameterName) {
        $text.Add("Alias: $($Field.ApiName) (the API's snake_case name, so CSV columns named like the API bind too).")
    }
    $text.Add('An empty string on the command line clears the field; an empty cell from a piped row leaves it as is.')
    , @($text -join ' ')
}

# A field of a model's table (an ApiField, tied to the parameter by [ValidateField]): the page's sentence, then what the
# table says of it. For a Set cmdlet, what an empty value does: the cmdlet replaces the whole object with the given
# values laid over the stored ones. Nothing when the page says nothing, as for the update fields.
function Get-TableFieldDescription {
    param($Field, [string[]] $Written, $Command, $Parameter)
    if (-not $Written) { return @() }
    $text = [System.Collections.Generic.List[string]]::new()
    if ($Field.Replacement) { $text.Add("Deprecated by SignalWire: use $($Field.Replacement -creplace '\b([A-Z]\w*)', '-$1') instead.") }
    $text.AddRange([string[]]$Written)
    if ($Field.MaxLength) { $text.Add("Up to $($Field.MaxLength) characters.") }
    switch ($Field.Kind.ToString()) {
        'Url' { $text.Add('An absolute http or https URL.') }
        'Uuid' { $text.Add('A UUID.') }
        'Country' { $text.Add('Two letters (ISO 3166 alpha-2), in any case.') }
    }
    if ($Field.AllowedValues.Count) { $text.Add("Allowed values: $($Field.AllowedValues -join ', ') (in any case).") }
    if ($Parameter.Aliases -contains $Field.ApiName) {
        $text.Add("Alias: $($Field.ApiName) (the API's snake_case name, so CSV columns named like the API bind too).")
    }
    if ($Command.Verb -eq 'Set' -and $Field.ValueType -eq [string]) {
        $empty = if ($Field.Required) { 'The API requires it: an empty string on the command line is refused (InvalidFieldValue)' }
        else { 'An empty string on the command line removes it' }
        $text.Add("$empty; an empty cell from a piped row leaves it as is.")
    }
    , @($text -join ' ')
}

# The default value help shows: the property of a fresh instance of the cmdlet, or None. A value the parameter itself
# would refuse (0 for a [ValidateRange(1, ...)]) only means "not given".
function Get-DefaultValue {
    param($Instance, $Parameter)
    $property = if ($Instance) { $Instance.GetType().GetProperty($Parameter.Name) }
    $value = if ($property) { $property.GetValue($Instance) }
    if ($Parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]) { return ([bool]$value).ToString() }
    if ($null -eq $value) { return 'None' }
    foreach ($range in $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] }) {
        if ($null -ne $range.MinRange -and $value -lt $range.MinRange) { return 'None' }
        if ($null -ne $range.MaxRange -and $value -gt $range.MaxRange) { return 'None' }
    }
    [System.Convert]::ToString($value, [cultureinfo]::InvariantCulture)
}

function Get-PipelineInput {
    param([object[]] $InSets, [switch] $ReadFromPipedObjects)
    $ways = @(
        if ($InSets | Where-Object ValueFromPipeline) { 'ByValue' }
        # A field parameter of Set-SwPhoneNumber is not bound by PowerShell from the pipeline: the cmdlet reads the piped
        # object's property of that name itself, so to the user it takes pipeline input by property name all the same.
        if ($ReadFromPipedObjects -or ($InSets | Where-Object ValueFromPipelineByPropertyName)) { 'ByPropertyName' }
    )
    if ($ways) { "True ($($ways -join ', '))" } else { 'False' }
}

# One parameter as help describes it. $InSets: its CommandParameterInfo in each parameter set (one for a syntax item).
function New-ParameterHelp {
    param($Command, [object[]] $InSets, $Page, $Instance)
    $first = $InSets[0]
    $name = $first.Name
    $field = if ($Command.Name -in $fieldCommands) { $fields::FindByParameter($name) }
    $tableField = $first.Attributes | Where-Object { $_ -is [SignalWire.PowerShell.Parameters.ValidateFieldAttribute] } |
        ForEach-Object { $tableFieldProperty.GetValue($_) } | Select-Object -First 1
    $written = $Page.Parameters[$name]
    $positions = @($InSets | Where-Object Position -ge 0 | ForEach-Object Position | Select-Object -Unique)
    # A closed list of values: ValidateSet's, or a validation attribute of the module's that names its list the same way.
    $validateSet = $first.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateArgumentsAttribute] -and $_.PSObject.Properties['ValidValues'] } |
        Select-Object -First 1
    [pscustomobject]@{
        Name        = $name
        Type        = Get-TypeName $first.ParameterType
        IsSwitch    = $first.ParameterType -eq [System.Management.Automation.SwitchParameter]
        IsArray     = $first.ParameterType.IsArray
        Description = if ($field) { Get-FieldDescription $field $written }
        elseif ($tableField) { Get-TableFieldDescription $tableField $written $Command $first }
        elseif ($written) { $written } else { @() }
        Aliases     = if ($first.Aliases.Count) { $first.Aliases -join ', ' } else { 'none' }
        Accepted    = @(if ($field) { $field.AllowedValues } elseif ($validateSet) { $validateSet.ValidValues })
        Required    = [bool]($InSets | Where-Object IsMandatory)
        Position    = if ($positions.Count -eq 1) { [string]$positions[0] } else { 'named' }
        Pipeline    = Get-PipelineInput $InSets -ReadFromPipedObjects:([bool]$field)
        Globbing    = [bool]($first.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        Default     = if ($Page.Defaults[$name]) { $Page.Defaults[$name] } else { Get-DefaultValue $Instance $first }
    }
}

# ---- MAML ------------------------------------------------------------------------------------------------------

function Write-Para {
    param([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs)
    $Writer.WriteStartElement('maml', 'description', $ns.maml)
    foreach ($p in $Paragraphs) { $Writer.WriteElementString('maml', 'para', $ns.maml, $p) }
    $Writer.WriteEndElement()
}

function Write-Parameter {
    param([System.Xml.XmlWriter] $Writer, $Parameter, [switch] $InSyntax)
    $w = $Writer
    $w.WriteStartElement('command', 'parameter', $ns.command)
    $w.WriteAttributeString('required', $Parameter.Required.ToString().ToLowerInvariant())
    $w.WriteAttributeString('variableLength', $Parameter.IsArray.ToString().ToLowerInvariant())
    $w.WriteAttributeString('globbing', $Parameter.Globbing.ToString().ToLowerInvariant())
    $w.WriteAttributeString('pipelineInput', $Parameter.Pipeline)
    $w.WriteAttributeString('position', $Parameter.Position)
    $w.WriteAttributeString('aliases', $Parameter.Aliases)
    $w.WriteElementString('maml', 'name', $ns.maml, $Parameter.Name)
    Write-Para $w $Parameter.Description
    if ($Parameter.Accepted.Count) {
        $w.WriteStartElement('command', 'parameterValueGroup', $ns.command)
        foreach ($v in $Parameter.Accepted) {
            $w.WriteStartElement('command', 'parameterValue', $ns.command)
            $w.WriteAttributeString('required', 'false'); $w.WriteAttributeString('command', 'variableLength', $ns.command, 'false')
            $w.WriteString($v); $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }
    if (-not ($Parameter.IsSwitch -and $InSyntax)) {
        $w.WriteStartElement('command', 'parameterValue', $ns.command)
        $w.WriteAttributeString('required', (-not $Parameter.IsSwitch).ToString().ToLowerInvariant())
        $w.WriteAttributeString('variableLength', 'false')
        $w.WriteString($Parameter.Type); $w.WriteEndElement()
    }
    $w.WriteStartElement('dev', 'type', $ns.dev); $w.WriteElementString('maml', 'name', $ns.maml, $Parameter.Type); $w.WriteEndElement()
    $w.WriteElementString('dev', 'defaultValue', $ns.dev, $Parameter.Default)
    $w.WriteEndElement()
}

function Write-TypeList {
    param([System.Xml.XmlWriter] $Writer, [string] $ListName, [string] $ItemName, $Sections)
    $Writer.WriteStartElement('command', $ListName, $ns.command)
    foreach ($s in $Sections) {
        $Writer.WriteStartElement('command', $ItemName, $ns.command)
        $Writer.WriteStartElement('dev', 'type', $ns.dev); $Writer.WriteElementString('maml', 'name', $ns.maml, $s.Title); $Writer.WriteEndElement()
        Write-Para $Writer (Get-Paragraph $s.Lines)
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-Command {
    param([System.Xml.XmlWriter] $Writer, $Command, $Page)
    $w = $Writer
    $instance = try { [Activator]::CreateInstance($Command.ImplementingType) } catch { $null }
    $own = { param($p) $p.Name -notin $commonParameters }

    $w.WriteStartElement('command', 'command', $ns.command)
    $w.WriteStartElement('command', 'details', $ns.command)
    $w.WriteElementString('command', 'name', $ns.command, $Command.Name)
    $w.WriteElementString('command', 'verb', $ns.command, $Command.Verb)
    $w.WriteElementString('command', 'noun', $ns.command, $Command.Noun)
    Write-Para $w @($Page.Synopsis)
    $w.WriteEndElement()
    Write-Para $w $Page.Description

    # One syntax item per parameter set, the default set first; positional parameters first, by position, as
    # PowerShell itself lists them.
    $sets = @($Command.ParameterSets | Sort-Object { -not $_.IsDefault })
    $w.WriteStartElement('command', 'syntax', $ns.command)
    foreach ($set in $sets) {
        $w.WriteStartElement('command', 'syntaxItem', $ns.command)
        $w.WriteElementString('maml', 'name', $ns.maml, $Command.Name)
        $inSet = @($set.Parameters | Where-Object { & $own $_ })
        $ordered = @($inSet | Where-Object Position -ge 0 | Sort-Object Position) + @($inSet | Where-Object Position -lt 0)
        foreach ($p in $ordered) { Write-Parameter $w (New-ParameterHelp $Command @($p) $Page $instance) -InSyntax }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    # Each parameter once, by name, with what holds across its parameter sets.
    $w.WriteStartElement('command', 'parameters', $ns.command)
    $byName = $sets | ForEach-Object { $_.Parameters } | Where-Object { & $own $_ } | Group-Object Name | Sort-Object Name
    foreach ($group in $byName) { Write-Parameter $w (New-ParameterHelp $Command @($group.Group) $Page $instance) }
    $w.WriteEndElement()

    Write-TypeList $w 'inputTypes' 'inputType' $Page.Inputs
    Write-TypeList $w 'returnValues' 'returnValue' $Page.Outputs

    $w.WriteStartElement('maml', 'alertSet', $ns.maml)
    $w.WriteStartElement('maml', 'alert', $ns.maml)
    foreach ($n in $Page.Notes) { $w.WriteElementString('maml', 'para', $ns.maml, $n) }
    $w.WriteEndElement(); $w.WriteEndElement()

    $w.WriteStartElement('command', 'examples', $ns.command)
    foreach ($e in $Page.Examples) {
        $w.WriteStartElement('command', 'example', $ns.command)
        $w.WriteElementString('maml', 'title', $ns.maml, "-------------------------- $($e.Title) --------------------------")
        $w.WriteElementString('dev', 'code', $ns.dev, $e.Code)
        $w.WriteStartElement('dev', 'remarks', $ns.dev)
        foreach ($r in $e.Remarks) { $w.WriteElementString('maml', 'para', $ns.maml, $r) }
        $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'relatedLinks', $ns.command)
    foreach ($l in $Page.Links) {
        $w.WriteStartElement('maml', 'navigationLink', $ns.maml)
        $w.WriteElementString('maml', 'linkText', $ns.maml, $l[1].Value)
        $w.WriteElementString('maml', 'uri', $ns.maml, $l[2].Value)
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteEndElement()

    # Drift between the page and the command (the help tests fail on it too).
    foreach ($group in $byName) {
        if (-not $Page.Parameters[$group.Name]) { Write-Warning "$($Page.Path): -$($group.Name) has no description." }
    }
    foreach ($documented in $Page.Parameters.Keys) {
        if (-not $Command.Parameters.ContainsKey($documented)) { Write-Warning "$($Page.Path): -$documented is not a parameter of $($Command.Name)." }
    }
}

# ---- the file --------------------------------------------------------------------------------------------------

$commands = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)
$documented = foreach ($command in $commands) {
    $path = Join-Path $DocsPath "$($command.Name).md"
    if (Test-Path $path) { [pscustomobject]@{ Command = $command; Page = Read-Page $path } }
    else { Write-Warning "$($command.Name) has no page in $DocsPath." }
}
# A page named as a command (Verb-Noun) is help; other pages (benchmarks.md) are documents of their own.
foreach ($page in Get-ChildItem $DocsPath -Filter *-*.md) {
    if ($page.BaseName -notin $commands.Name) { Write-Warning "$($page.Name) documents no cmdlet of the module." }
}

$null = New-Item -ItemType Directory -Force -Path (Split-Path $OutputPath)
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$writer = [System.Xml.XmlWriter]::Create($OutputPath, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($prefix in $ns.Keys) { $writer.WriteAttributeString('xmlns', $prefix, $null, $ns[$prefix]) }
    foreach ($item in $documented) { Write-Command $writer $item.Command $item.Page }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally { $writer.Dispose() }
Write-Host "Wrote help for $(@($documented).Count) cmdlets to $OutputPath"
