# The about_ topics as users meet them: shipped in the module's en-US folder, found by Get-Help after Import-Module, in
# the shape of PowerShell's own about topics; and every pointer to a topic (a help page's related links, a "see"
# reference naming a topic and its section) leads to one that exists.
BeforeDiscovery {
    $topics = @(Get-ChildItem (Join-Path $PSScriptRoot '../../docs/about') -Filter 'about_*.help.txt' |
            ForEach-Object { @{ Name = $_.Name -replace '\.help\.txt$'; Path = $_.FullName } })
    $required = @('about_SignalWire', 'about_SignalWire_PhoneNumbers', 'about_SignalWire_Emulator') | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $aboutFolder = Join-Path $RepoRoot 'docs/about'
    $stagedHelp = Join-Path (Split-Path $ModuleManifest) 'en-US'
    $sources = @{}
    foreach ($file in Get-ChildItem $aboutFolder -Filter 'about_*.help.txt') { $sources[$file.Name -replace '\.help\.txt$'] = $file.FullName }
    $commands = @((Get-Command -Module SignalWire.PowerShell).Name)

    # Get-Help in a fresh runspace that imports the staged module, as a user's session does: each topic by name, what
    # about_SignalWire* lists, each cmdlet's related links and whether Get-Help finds each about_ topic they name.
    $ps = [powershell]::Create([initialsessionstate]::CreateDefault())
    try {
        $null = $ps.AddScript({
                param($Manifest, $Names)
                Import-Module $Manifest
                $topics = @{}
                foreach ($name in $Names) {
                    $help = Get-Help $name -ErrorAction SilentlyContinue
                    if ($help) { $topics[$name] = [pscustomobject]@{ Name = $help.Name; Category = $help.Category; Text = "$help" } }
                }
                $links = @{}
                $found = @{}
                foreach ($command in Get-Command -Module SignalWire.PowerShell) {
                    $links[$command.Name] = @((Get-Help $command.Name -Full).relatedLinks.navigationLink | Where-Object { $_ } | ForEach-Object linkText)
                    foreach ($link in $links[$command.Name] | Where-Object { $_ -like 'about_*' }) {
                        $found[$link] = [bool](Get-Help $link -ErrorAction SilentlyContinue)
                    }
                }
                [pscustomobject]@{
                    Topics = $topics
                    Listed = @(Get-Help 'about_SignalWire*' | ForEach-Object Name)
                    Links  = $links
                    Found  = $found
                }
            }).AddArgument($ModuleManifest).AddArgument(@($sources.Keys))
        $seen = $ps.Invoke()[0]
        if ($ps.HadErrors) { throw $ps.Streams.Error[0] }
    }
    finally { $ps.Dispose() }

    # Text with its line breaks and indentation as single spaces, so a reference wrapped over two lines still reads whole.
    function Get-FlatText([string] $Path) { (Get-Content -LiteralPath $Path -Raw) -replace '\s+', ' ' }

    # The sections of a topic: its lines at column 0.
    function Get-Heading([string] $Path) { @(Get-Content -LiteralPath $Path | Where-Object { $_ -match '^\S' }) }
}

Describe 'Get-Help <Name> after Import-Module' -ForEach $required {
    It 'shows the topic shipped in the module''s en-US folder' {
        Join-Path $stagedHelp "$Name.help.txt" | Should -Exist
        $topic = $seen.Topics[$Name]
        $topic | Should -Not -BeNullOrEmpty -Because "Get-Help $Name must find it"
        $topic.Name | Should -Be $Name
        $topic.Category | Should -Be 'HelpFile'
        $topic.Text.Trim() -replace '\r\n', "`n" | Should -BeExactly ((Get-Content -LiteralPath $sources[$Name] -Raw).Trim() -replace '\r\n', "`n")
    }
}

Describe 'The about topics' {
    It 'are all staged, as written in docs/about, and listed by Get-Help about_SignalWire*' {
        $staged = @(Get-ChildItem $stagedHelp -Filter 'about_*.help.txt')
        $written = @(Get-ChildItem $aboutFolder -Filter 'about_*.help.txt').Name
        ($staged.Name | Sort-Object) -join ',' | Should -Be (($written | Sort-Object) -join ',')
        foreach ($file in $staged) {
            Get-Content -LiteralPath $file.FullName -Raw | Should -BeExactly (Get-Content -LiteralPath (Join-Path $aboutFolder $file.Name) -Raw)
        }
        ($seen.Listed | Sort-Object) -join ',' | Should -Be (($sources.Keys | Sort-Object) -join ',')
    }
}

Describe 'Topic <Name>' -ForEach $topics {
    BeforeAll {
        $lines = @(Get-Content -LiteralPath $Path)
        $headings = Get-Heading $Path
    }

    It 'has the shape of about_PSReadLine and about_Pester: TOPIC, SHORT DESCRIPTION, LONG DESCRIPTION, sections in caps, SEE ALSO' {
        $lines[0] | Should -BeExactly 'TOPIC'
        $lines[1] | Should -BeExactly "    $Name"
        $headings[0..2] -join '|' | Should -BeExactly 'TOPIC|SHORT DESCRIPTION|LONG DESCRIPTION'
        $headings[-1] | Should -BeExactly 'SEE ALSO'
        foreach ($heading in $headings) { $heading | Should -MatchExactly '^[A-Z0-9][A-Z0-9 ,-]*[A-Z0-9]$' }
        $headings | Group-Object | Where-Object Count -GT 1 | ForEach-Object Name | Should -BeNullOrEmpty
    }

    It 'keeps to 80 columns, in plain ASCII without tabs or trailing blanks' {
        # Windows PowerShell 5.1 reads a topic without a byte order mark in the system's code page: ASCII reads the same.
        [IO.File]::ReadAllText($Path) | Should -Not -Match '[^\x00-\x7F]'
        $offending = for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($lines[$i].Length -gt 80 -or $lines[$i] -match '\t|\s$') { "line $($i + 1): '$($lines[$i])'" }
        }
        $offending | Should -BeNullOrEmpty
    }

    It 'begins its short description with a whole sentence, which Get-Help shows as its synopsis' {
        $first = $lines[[array]::IndexOf($lines, 'SHORT DESCRIPTION') + 1]
        $first | Should -Match '^    \S.*\.$'
    }

    It 'sees also only topics and commands that exist' {
        $seeAlso = $lines[([array]::IndexOf($lines, 'SEE ALSO') + 1)..($lines.Count - 1)] | Where-Object { $_.Trim() }
        $seeAlso | Should -Not -BeNullOrEmpty
        foreach ($entry in $seeAlso.Trim()) {
            ($entry -in $sources.Keys -or $entry -in $commands) | Should -BeTrue -Because "'$entry' is seen also"
        }
    }
}

Describe 'References to the about topics' {
    BeforeAll {
        $documents = @(
            Get-ChildItem (Join-Path $RepoRoot 'docs') -Filter *.md
            Get-ChildItem $aboutFolder -Filter 'about_*.help.txt'
            Get-Item (Join-Path $RepoRoot 'README.md'), (Join-Path $RepoRoot 'CONTRIBUTING.md')
        )
    }

    It 'name only topics that exist, and only sections those topics have' {
        $checked = 0
        foreach ($document in $documents) {
            $text = Get-FlatText $document.FullName
            foreach ($match in [regex]::Matches($text, '\babout_SignalWire\w*')) {
                $sources.Keys | Should -Contain $match.Value -Because "$($document.Name) names $($match.Value)"
            }
            # "about_SignalWire_PhoneNumbers, CSV ROUND TRIPS", "..., under ERROR IDS", "...](link) (BULK RUNS)".
            $references = [regex]::Matches($text, '\b(about_SignalWire\w*)(?:\]\([^)]*\))?(?:, | \()(?:under )?([A-Z][A-Z0-9-]+(?: [A-Z][A-Z0-9-]*)*)\b')
            foreach ($reference in $references) {
                $topic = $reference.Groups[1].Value
                $section = $reference.Groups[2].Value
                $sections = Get-Heading $sources[$topic]
                @($sections | Where-Object { $_ -like "$section*" }).Count | Should -Be 1 -Because "$($document.Name) points to $section in $topic"
                $checked++
            }
        }
        $checked | Should -BeGreaterThan 5 -Because 'the help pages point to sections of the topics'
    }

    It 'within a topic, name only sections it has: "(HANDLER RULES)"' {
        foreach ($topic in $sources.Keys) {
            $sections = Get-Heading $sources[$topic]
            foreach ($match in [regex]::Matches((Get-FlatText $sources[$topic]), '\(([A-Z][A-Z0-9-]+(?:,? [A-Z][A-Z0-9-]*)+)\)')) {
                $sections | Should -Contain $match.Groups[1].Value -Because "$topic points to its section $($match.Value)"
            }
        }
    }

    It 'are in the related links of every cmdlet''s help, and each linked topic is found by Get-Help' {
        foreach ($command in $commands) {
            $links = @($seen.Links[$command])
            @($links | Where-Object { $_ -like 'about_SignalWire*' }).Count | Should -BeGreaterThan 0 -Because "$command links its about topic"
            foreach ($link in $links) {
                if ($link -like 'about_*') { $seen.Found[$link] | Should -BeTrue -Because "$command links $link" }
                else { $commands | Should -Contain $link -Because "$command links $link" }
            }
        }
    }
}
