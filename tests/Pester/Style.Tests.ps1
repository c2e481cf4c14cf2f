# The line-length rule of CONTRIBUTING.md, checked: a tracked C# line over 150 characters fails, named by file and line.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:MaximumLength = 150

    # The C# files git tracks; without git (a source archive), the .cs files under src and tests outside build output.
    function Get-CSharpFile {
        $git = Get-Command git -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($git) {
            $tracked = @(& $git.Source -C $RepoRoot ls-files -- '*.cs' 2>$null)
            if ($LASTEXITCODE -eq 0 -and $tracked.Count -gt 0) {
                return $tracked | ForEach-Object { Join-Path $RepoRoot $_ }
            }
        }
        'src', 'tests' | ForEach-Object { Get-ChildItem (Join-Path $RepoRoot $_) -Filter '*.cs' -File -Recurse } |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' } |
            ForEach-Object FullName
    }
}

Describe 'C# source lines' {
    It 'finds the C# files to check' {
        @(Get-CSharpFile).Count | Should -BeGreaterThan 0
    }

    It 'are at most 150 characters' {
        $tooLong = foreach ($file in Get-CSharpFile) {
            $relative = [IO.Path]::GetRelativePath($RepoRoot, $file) -replace '\\', '/'
            $number = 0
            foreach ($line in [IO.File]::ReadLines($file)) {
                $number++
                if ($line.Length -gt $MaximumLength) { "${relative}:${number} ($($line.Length) characters)" }
            }
        }
        $tooLong -join [Environment]::NewLine | Should -BeNullOrEmpty -Because "lines are at most $MaximumLength characters"
    }
}
