BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
    }
}

Describe 'Completion of Find-SwAvailablePhoneNumber -Region' {
    It 'offers region codes, never file names' {
        $offered = Get-Completion 'Find-SwAvailablePhoneNumber -Region '
        $offered | Should -Contain 'TX'
        $offered | Should -Contain 'ON'
        $offered | ForEach-Object { $_ | Should -Match '^[A-Z]{2}$' }
    }

    It 'narrows by code or by name' {
        Get-Completion 'Find-SwAvailablePhoneNumber -Region T' | Should -Be @('TN', 'TX')
        Get-Completion 'Find-SwAvailablePhoneNumber -Region oreg' | Should -Be @('OR')
    }
}
