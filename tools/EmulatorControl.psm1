# Starts the local SignalWire emulator and drives its loopback-only control endpoints (/__emulator/...).
# Shared by build.ps1 (Demo, Bench) and the Pester suites.

$script:DefaultProjectId = '2bd9a5c3-6d5e-4f1a-9b7c-0e8f4a6d2c11'
$script:DefaultToken = 'PTemulator-token'

function Start-SwEmulator {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $EmulatorDll,
        [int] $Numbers = 25,
        [int] $LatencyMs = 0,
        # Paging links as absolute URLs; by default they are paths from the root, as SignalWire's Paging page shows them.
        [switch] $AbsoluteLinks,
        # A snapshot to serve instead of -Numbers generated numbers (Get-SwPhoneNumber | ConvertTo-Json, Export-Csv), and its
        # Fabric resources; several files read as one (numbers in one CSV file, resources in another).
        [string[]] $Seed,
        # A file that receives one JSON line per API request.
        [string] $RequestLog,
        [string[]] $ArgumentList = @()
    )
    if (-not (Test-Path $EmulatorDll)) { throw "The emulator is not built: $EmulatorDll (run ./build.ps1 first)." }
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $links = if ($AbsoluteLinks) { @('--links', 'absolute') } else { @() }
    $numbersOrSeed = if ($Seed) { $Seed | ForEach-Object { '--seed', $_ } } else { '--numbers', $Numbers }
    if ($RequestLog) { $ArgumentList = @('--request-log', $RequestLog) + $ArgumentList }
    foreach ($argument in @($EmulatorDll, '--port', '0') + $numbersOrSeed + @('--latency-ms', $LatencyMs, '--parent-pid', $PID) + $links + $ArgumentList) {
        $start.ArgumentList.Add([string]$argument)
    }
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait([TimeSpan]::FromSeconds(60)) -or $line.Result -notmatch 'listening on (http://\S+)') {
        if (-not $process.HasExited) { $process.Kill() }
        throw "The emulator did not start: $($line.Result)"
    }
    [pscustomobject]@{
        PSTypeName = 'SignalWire.EmulatorProcess'
        Url        = $Matches[1]
        ProjectId  = $script:DefaultProjectId
        Token      = $script:DefaultToken
        Process    = $process
    }
}

function Stop-SwEmulator {
    param([Parameter(Mandatory)] $Emulator)
    if (-not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill()
        $null = $Emulator.Process.WaitForExit(5000)
    }
}

function Invoke-SwEmulatorControl {
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Method,
        [Parameter(Mandatory)] [string] $Path,
        $Body
    )
    $arguments = @{ Method = $Method; Uri = "$($Emulator.Url)/__emulator/$Path" }
    if ($PSBoundParameters.ContainsKey('Body')) {
        $arguments.Body = ConvertTo-Json -InputObject $Body -Depth 10 -Compress
        $arguments.ContentType = 'application/json'
    }
    Invoke-RestMethod @arguments
}

function Get-SwEmulatorRequest {
    param([Parameter(Mandatory)] $Emulator)
    # Write each entry rather than the array itself, so callers can filter with Where-Object.
    (Invoke-SwEmulatorControl $Emulator GET requests) | ForEach-Object { $_ }
}

function Clear-SwEmulatorRequest {
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-SwEmulatorControl $Emulator DELETE requests
}

function Add-SwEmulatorFault {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable[]] $Rule)
    $null = Invoke-SwEmulatorControl $Emulator POST faults -Body @($Rule)
}

function Clear-SwEmulatorFault {
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-SwEmulatorControl $Emulator DELETE faults
}

function Set-SwEmulatorConfig {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable] $Config)
    $null = Invoke-SwEmulatorControl $Emulator POST config -Body $Config
}

function Reset-SwEmulator {
    param([Parameter(Mandatory)] $Emulator, [int] $Numbers = 25)
    $null = Invoke-SwEmulatorControl $Emulator POST reset -Body @{ numbers = $Numbers }
}

function Get-SwEmulatorNumber {
    param([Parameter(Mandatory)] $Emulator)
    (Invoke-SwEmulatorControl $Emulator GET numbers) | ForEach-Object { $_ }
}

# The project's Fabric resources as the API writes them (id, project_id, display_name, type, dates, the object of the type).
function Get-SwEmulatorResource {
    param([Parameter(Mandatory)] $Emulator)
    (Invoke-SwEmulatorControl $Emulator GET resources) | ForEach-Object { $_ }
}

# Adds resources, listed first in the order given: hashtables in the API's shape, at least type and display_name (an id is
# given when none is), e.g. @{ type = 'ai_agent'; display_name = 'Front Desk' }. Writes the resources added.
function Add-SwEmulatorResource {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable[]] $Resource)
    (Invoke-SwEmulatorControl $Emulator POST resources -Body @($Resource)) | ForEach-Object { $_ }
}

# Removes one resource by id, or every resource without -Id (until the next reset).
function Remove-SwEmulatorResource {
    param([Parameter(Mandatory)] $Emulator, [string] $Id)
    $path = if ($Id) { "resources/$Id" } else { 'resources' }
    $null = Invoke-SwEmulatorControl $Emulator DELETE $path
}

Export-ModuleMember -Function *-SwEmulator*
