# The module's main job, run in a fresh pwsh against the emulator that build.ps1 -Task Demo started.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Space,
    [Parameter(Mandatory)] [string] $ProjectId,
    [Parameter(Mandatory)] [string] $Token
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
# Tables at the width of a usual terminal, whatever the output is redirected to.
$PSDefaultParameterValues['Out-String:Width'] = 120
function Show { param([Parameter(ValueFromPipeline)] $InputObject) end { $input | Out-String | Write-Host } }

# A table of the first rows only, and a line saying so when rows were left out: "first 10 of 1,000 numbers shown."
function Show-First {
    param(
        [Parameter(Mandatory, Position = 0)] [int] $First,
        [Parameter(Mandatory, Position = 1)] [string] $Noun,
        [object[]] $Property,
        [Parameter(ValueFromPipeline)] $InputObject
    )
    begin { $all = [System.Collections.Generic.List[object]]::new() }
    process { $all.Add($InputObject) }
    end {
        $shown = @($all | Select-Object -First $First)
        $table = if ($Property) { $shown | Format-Table -Property $Property } else { $shown | Format-Table }
        Write-Host ($table | Out-String).TrimEnd()
        if ($all.Count -gt $First) {
            Write-Host ([string]::Format([cultureinfo]::InvariantCulture, '(first {0:N0} of {1:N0} {2} shown)', $First, $all.Count, $Noun))
        }
        Write-Host ''
    }
}

Write-Host "`n== Connect-SwProject -Space $Space -ProjectId $ProjectId -Token <SecureString>" -ForegroundColor Cyan
$secureToken = ConvertTo-SecureString $Token -AsPlainText -Force
Connect-SwProject -Space $Space -ProjectId $ProjectId -Token $secureToken -PassThru | Format-Table | Show

Write-Host '== Get-SwPhoneNumber (every page)' -ForegroundColor Cyan
Get-SwPhoneNumber | Show-First 10 numbers

Write-Host '== Set-SwPhoneNumber -WhatIf shows old -> new per field, and sends nothing' -ForegroundColor Cyan
Get-SwPhoneNumber -First 2 | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic office -WhatIf

Write-Host "`n== Get-SwPhoneNumber | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic office" -ForegroundColor Cyan
$updated = Get-SwPhoneNumber | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic office
$updated | Sort-Object Number | Show-First 10 numbers -Property Number, Name, CallHandler, CallRelayTopic, MessageHandler
Write-Host "$(@($updated).Count) numbers now send calls to the relay topic 'office'."

Write-Host "`n== Running it again changes nothing, and sends nothing (-Verbose)" -ForegroundColor Cyan
Get-SwPhoneNumber -First 1 | Set-SwPhoneNumber -CallHandler relay_topic -CallRelayTopic office -Verbose | Out-Null

Write-Host "`n== Find-SwAvailablePhoneNumber -AreaCode 503 -MaxResults 3 | Select-Object -First 1 | New-SwPhoneNumber" -ForegroundColor Cyan
$bought = Find-SwAvailablePhoneNumber -AreaCode 503 -MaxResults 3 | Select-Object -First 1 | New-SwPhoneNumber -Confirm:$false
$bought | Format-Table | Show

Write-Host "== Remove-SwPhoneNumber releases it again" -ForegroundColor Cyan
$bought | Remove-SwPhoneNumber -Confirm:$false -Verbose
Write-Host "The project holds $(@(Get-SwPhoneNumber).Count) numbers."

Write-Host "`n== E911: New-SwE911Address -EmergencyEnabled (the carrier validates the address, and corrects it)" -ForegroundColor Cyan
$hq = New-SwE911Address -Label 'Headquarters' -Country US -FirstName Emmett -LastName Brown -StreetNumber 1640 -StreetName 'Riverside Dr' `
    -City Alexandria -State CA -PostalCode 91905 -EmergencyEnabled
$hq | Format-Table | Show
Write-Host "$(@(Get-SwPhoneNumber -E911Status none).Count) numbers have no emergency address yet (Get-SwPhoneNumber -E911Status none)."
Write-Host "`n== Get-SwPhoneNumber -E911Status none | Set-SwPhoneNumber -E911AddressId `$hq (one POST each, inside the write limit)" -ForegroundColor Cyan
$assigned = @(Get-SwPhoneNumber -E911Status none | Where-Object NumberType -eq 'longcode' | Set-SwPhoneNumber -E911AddressId $hq)
$assigned | Show-First 5 numbers
Write-Host "$($assigned.Count) numbers assigned; $(@(Get-SwPhoneNumber -E911Status none).Count) left without one (the toll-free ones, skipped above)."

Disconnect-SwProject
