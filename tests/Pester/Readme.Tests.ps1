# The README as a five-minute read and the documents beside it: links that lead somewhere, commands that exist, and
# each rule written in one place only (the about_ topics), so that no two copies can drift apart.
BeforeDiscovery {
    $linked = 'README.md', 'CONTRIBUTING.md', 'docs/benchmarks.md' | ForEach-Object { @{ Document = $_ } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    # The module's commands, and for contributors the emulator's control functions (tools/EmulatorControl.psm1).
    $commands = @((Get-Command -Module SignalWire.PowerShell, EmulatorControl).Name)

    # GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens.
    function ConvertTo-Anchor([string] $Heading) { ($Heading.Trim().ToLowerInvariant() -replace '[^\p{L}\p{N} _-]', '') -replace ' ', '-' }

    # The markdown links of a file, outside fenced code: @{ Text; Target }.
    function Get-MarkdownLink([string] $Path) {
        $text = (Get-Content -LiteralPath $Path -Raw) -replace '(?ms)^```.*?^```', ''
        foreach ($match in [regex]::Matches($text, '\[([^\]]*)\]\(([^)\s]*)\)')) {
            [pscustomobject]@{ Text = $match.Groups[1].Value; Target = $match.Groups[2].Value }
        }
    }
}

Describe 'The README' {
    It 'is read in five minutes: at most 200 lines' {
        @(Get-Content (Join-Path $RepoRoot 'README.md')).Count | Should -BeLessOrEqual 200
    }

    It 'links every about topic, and shows how Get-Help finds them' {
        $readme = Get-Content (Join-Path $RepoRoot 'README.md') -Raw
        foreach ($topic in Get-ChildItem (Join-Path $RepoRoot 'docs/about') -Filter 'about_*.help.txt') {
            $readme | Should -Match ([regex]::Escape("(docs/about/$($topic.Name))"))
        }
        $readme | Should -Match 'Get-Help about_SignalWire'
    }
}

Describe 'Links of <Document>' -ForEach $linked {
    BeforeAll {
        $path = Join-Path $RepoRoot $Document
        $links = @(Get-MarkdownLink $path)
    }

    It 'lead to files of the repository, and to headings that exist' {
        $relative = @($links | Where-Object { $_.Target -notmatch '^[a-z][a-z0-9+.-]*:' })
        $relative.Count | Should -BeGreaterThan 0
        foreach ($link in $relative) {
            $file, $anchor = $link.Target -split '#', 2
            $target = if ($file) { [IO.Path]::GetFullPath((Join-Path (Split-Path $path) $file)) } else { $path }
            $target | Should -Exist -Because "$Document links $($link.Target)"
            $target.StartsWith($RepoRoot) | Should -BeTrue -Because "$($link.Target) is inside the repository"
            # Build output exists only after a build: a link there would be broken in a fresh clone.
            $target.Substring($RepoRoot.Length) | Should -Not -Match '^[\\/](out|\.tools)([\\/]|$)|[\\/](bin|obj)([\\/]|$)' -Because "$($link.Target) is not build output"
            if ($anchor) {
                $headings = Get-Content -LiteralPath $target | Where-Object { $_ -match '^#+ ' } | ForEach-Object { ConvertTo-Anchor ($_ -replace '^#+ ') }
                $headings | Should -Contain $anchor -Because "$Document links $($link.Target)"
            }
        }
    }

    It 'names only commands the module exports' {
        $text = Get-Content -LiteralPath $path -Raw
        foreach ($name in [regex]::Matches($text, '\b[A-Z][a-z]+-Sw[A-Za-z0-9]+\b').Value | Sort-Object -Unique) {
            $commands | Should -Contain $name -Because "$Document names $name"
        }
    }
}

Describe 'Each rule in one place' {
    BeforeAll {
        $documents = @(
            Get-Item (Join-Path $RepoRoot 'README.md'), (Join-Path $RepoRoot 'CONTRIBUTING.md')
            Get-ChildItem (Join-Path $RepoRoot 'docs') -Filter *.md
            Get-ChildItem (Join-Path $RepoRoot 'docs/about') -Filter 'about_*.help.txt'
        )
        $texts = @{}
        foreach ($document in $documents) { $texts[$document.Name] = (Get-Content -LiteralPath $document.FullName -Raw) -replace '\s+', ' ' }
    }

    # A phrase that states a rule, and the one document that states it; the others link to it.
    It 'states "<Phrase>" only in <Owner>' -ForEach @(
        @{ Phrase = 'only says which number to change'; Owner = 'about_SignalWire_PhoneNumbers.help.txt' }
        @{ Phrase = 'Unknown is not empty'; Owner = 'about_SignalWire_PhoneNumbers.help.txt' }
        @{ Phrase = 'one warning lists the numbers named more than once'; Owner = 'about_SignalWire_PhoneNumbers.help.txt' }
        @{ Phrase = 'whose outcome is unknown'; Owner = 'about_SignalWire_PhoneNumbers.help.txt' }
        @{ Phrase = 'switch to a handler whose field is neither given nor already set'; Owner = 'about_SignalWire_PhoneNumbers.help.txt' }
        @{ Phrase = 'only its first 32 characters'; Owner = 'about_SignalWire_E911.help.txt' }
        @{ Phrase = 'plain http is accepted for loopback'; Owner = 'about_SignalWire.help.txt' }
        @{ Phrase = 'Each runspace has its own default session'; Owner = 'about_SignalWire.help.txt' }
        @{ Phrase = 'the project''s addresses are not in it'; Owner = 'about_SignalWire_Emulator.help.txt' }
    ) {
        $stating = @($texts.Keys | Where-Object { $texts[$_] -match [regex]::Escape($Phrase) } | Sort-Object)
        $stating -join ', ' | Should -Be $Owner
    }
}
