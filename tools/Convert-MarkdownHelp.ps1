<#
.SYNOPSIS
    Turns the platyPS-style markdown pages in docs/ into the MAML help file Get-Help reads.
.DESCRIPTION
    platyPS cannot be installed here, so this reads the subset of its layout the pages use:
      # <Cmdlet>                       one page per cmdlet
      ## SYNOPSIS / ## DESCRIPTION     paragraphs
      ## EXAMPLES                      ### <title>, a fenced code block, then remarks
      ## PARAMETERS                    ### -<Name>, its description, then a ```yaml block (Type, Parameter Sets,
                                       Aliases, Accepted values, Required, Position, Default value, Accept pipeline input)
      ## INPUTS / ## OUTPUTS           ### <type name>, then a description
      ## NOTES                         paragraphs
      ## RELATED LINKS                 [text](uri) lines
    The syntax section of the MAML is built from the parameters' yaml (one syntax item per parameter set), so the
    markdown's own SYNTAX block is only for readers.
.EXAMPLE
    ./tools/Convert-MarkdownHelp.ps1 -DocsPath docs -OutputPath out/SignalWire.PowerShell/en-US/SignalWire.PowerShell.dll-Help.xml
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $DocsPath,
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

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
    foreach ($line in $Lines + '') {
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
    $name = ($lines | Where-Object { $_ -match '^# ' } | Select-Object -First 1) -replace '^# ', ''
    if (-not $name) { throw "$Path has no '# <Cmdlet>' heading." }
    $sections = @{}
    foreach ($s in (Split-Section $lines '## ')) { $sections[$s.Title] = [string[]]$s.Lines }
    foreach ($required in 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS') {
        if (-not $sections.ContainsKey($required)) { throw "$Path has no '## $required' section." }
    }

    $parameters = foreach ($p in (Split-Section $sections.PARAMETERS '### ')) {
        if ($p.Title -eq 'CommonParameters') { continue }
        $meta = @{}
        foreach ($line in (Get-Fence $p.Lines)) {
            if ($line -match '^([^:]+):\s*(.*)$') { $meta[$Matches[1].Trim()] = $Matches[2].Trim() }
        }
        if (-not $meta.ContainsKey('Type')) { throw "$Path, $($p.Title): no yaml block with Type." }
        [pscustomobject]@{
            Name        = $p.Title.TrimStart('-')
            Description = Get-Paragraph $p.Lines
            Type        = $meta.Type
            Sets        = @(($meta['Parameter Sets'] -split ',') | ForEach-Object Trim | Where-Object { $_ })
            Aliases     = if ($meta['Aliases'] -and $meta['Aliases'] -ne 'None') { $meta['Aliases'] } else { 'none' }
            Accepted    = @(($meta['Accepted values'] -split ',') | ForEach-Object Trim | Where-Object { $_ })
            Required    = $meta['Required'] -eq 'True'
            Position    = if ($meta['Position'] -and $meta['Position'] -ne 'Named') { $meta['Position'] } else { 'named' }
            Default     = if ($meta['Default value']) { $meta['Default value'] } else { 'None' }
            Pipeline    = if ($meta['Accept pipeline input']) { $meta['Accept pipeline input'] } else { 'False' }
        }
    }

    [pscustomobject]@{
        Name        = $name
        Synopsis    = (Get-Paragraph $sections.SYNOPSIS) -join ' '
        Description = Get-Paragraph $sections.DESCRIPTION
        Examples    = foreach ($e in (Split-Section $sections.EXAMPLES '### ')) {
            [pscustomobject]@{ Title = $e.Title; Code = (Get-Fence $e.Lines) -join "`n"; Remarks = Get-Paragraph $e.Lines }
        }
        Parameters  = @($parameters)
        Inputs      = if ($sections['INPUTS']) { Split-Section $sections.INPUTS '### ' } else { @() }
        Outputs     = if ($sections['OUTPUTS']) { Split-Section $sections.OUTPUTS '### ' } else { @() }
        Notes       = if ($sections['NOTES']) { Get-Paragraph $sections.NOTES } else { @() }
        Links       = if ($sections['RELATED LINKS']) { @($sections['RELATED LINKS'] | Select-String '\[([^\]]+)\]\(([^)]*)\)' | ForEach-Object { , $_.Matches[0].Groups }) } else { @() }
    }
}

function Write-Para {
    param([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs)
    $Writer.WriteStartElement('maml', 'description', $ns.maml)
    foreach ($p in $Paragraphs) { $Writer.WriteElementString('maml', 'para', $ns.maml, $p) }
    $Writer.WriteEndElement()
}

function Write-Parameter {
    param([System.Xml.XmlWriter] $Writer, $Parameter, [bool] $Required, [switch] $InSyntax)
    $isSwitch = $Parameter.Type -eq 'SwitchParameter'
    $w = $Writer
    $w.WriteStartElement('command', 'parameter', $ns.command)
    $w.WriteAttributeString('required', $Required.ToString().ToLowerInvariant())
    $w.WriteAttributeString('variableLength', ($Parameter.Type -like '*`[`]').ToString().ToLowerInvariant())
    $w.WriteAttributeString('globbing', 'false')
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
    if (-not ($isSwitch -and $InSyntax)) {
        $w.WriteStartElement('command', 'parameterValue', $ns.command)
        $w.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant())
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
    param([System.Xml.XmlWriter] $Writer, $Page)
    $w = $Writer
    $verb, $noun = $Page.Name -split '-', 2
    $w.WriteStartElement('command', 'command', $ns.command)
    $w.WriteStartElement('command', 'details', $ns.command)
    $w.WriteElementString('command', 'name', $ns.command, $Page.Name)
    $w.WriteElementString('command', 'verb', $ns.command, $verb)
    $w.WriteElementString('command', 'noun', $ns.command, $noun)
    Write-Para $w @($Page.Synopsis)
    $w.WriteEndElement()
    Write-Para $w $Page.Description

    # One syntax item per parameter set; a parameter of '(All)' belongs to each.
    $sets = @($Page.Parameters | ForEach-Object { $_.Sets } | Where-Object { $_ -ne '(All)' } | Select-Object -Unique)
    if (-not $sets) { $sets = @('(All)') }
    $w.WriteStartElement('command', 'syntax', $ns.command)
    foreach ($set in $sets) {
        $w.WriteStartElement('command', 'syntaxItem', $ns.command)
        $w.WriteElementString('maml', 'name', $ns.maml, $Page.Name)
        $inSet = $Page.Parameters | Where-Object { $_.Sets -contains $set -or $_.Sets -contains '(All)' }
        # Positional parameters first, by position, as PowerShell itself lists them.
        $ordered = @($inSet | Where-Object Position -ne 'named' | Sort-Object { [int]$_.Position }) + @($inSet | Where-Object Position -eq 'named')
        foreach ($p in $ordered) { Write-Parameter $w $p $p.Required -InSyntax }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $ns.command)
    foreach ($p in $Page.Parameters) { Write-Parameter $w $p $p.Required }
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
}

$pages = Get-ChildItem $DocsPath -Filter *.md | Sort-Object Name | ForEach-Object { Read-Page $_.FullName }
$null = New-Item -ItemType Directory -Force -Path (Split-Path $OutputPath)
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$writer = [System.Xml.XmlWriter]::Create($OutputPath, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($prefix in $ns.Keys) { $writer.WriteAttributeString('xmlns', $prefix, $null, $ns[$prefix]) }
    foreach ($page in $pages) { Write-Command $writer $page }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally { $writer.Dispose() }
Write-Verbose "Wrote help for $(@($pages).Count) cmdlets to $OutputPath"
