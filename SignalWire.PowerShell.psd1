@{
    RootModule           = 'SignalWire.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5d0f6a7e-3b8c-4f52-9a61-2e7c4d9b8f10'
    Author               = 'SignalWire.PowerShell contributors'
    CompanyName          = 'SignalWire.PowerShell'
    Copyright            = '(c) SignalWire.PowerShell contributors. MIT License.'
    Description          = 'Manage the phone numbers of a SignalWire project from PowerShell: list every number, retarget call and message handlers in bulk with exact, minimal requests, retries that respect the API, -WhatIf, help and tab completion.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('SignalWire.PowerShell.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-SwProject'
        'Disconnect-SwProject'
        'Get-SwSession'
        'Get-SwPhoneNumber'
        'Set-SwPhoneNumber'
        'Compare-SwPhoneNumber'
        'Find-SwAvailablePhoneNumber'
        'New-SwPhoneNumber'
        'Remove-SwPhoneNumber'
        'Get-SwE911Address'
        'New-SwE911Address'
        'Set-SwE911Address'
        'Remove-SwE911Address'
        'Get-SwResource'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('SignalWire', 'Telephony', 'PhoneNumbers', 'SIP', 'Voice', 'SMS', 'REST', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ProjectUri   = 'https://github.com/signalwire-powershell/SignalWire.PowerShell'
            ReleaseNotes = 'First release: Connect-SwProject, Get-SwPhoneNumber and Set-SwPhoneNumber over the whole update surface of the phone-numbers API; Find-SwAvailablePhoneNumber searches numbers to buy (area code, digits, region, city, toll-free), New-SwPhoneNumber buys them and Remove-SwPhoneNumber releases them, both asking for confirmation (ConfirmImpact High) and supporting -WhatIf; full help (Get-Help), table and list views, tab completion of allowed values, ids and numbers; Windows PowerShell 5.1 loads its System.Text.Json from a private folder.'
        }
    }
}
