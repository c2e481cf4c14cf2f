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
        'Undo-SwChange'
        'Remove-SwPhoneNumber'
        'Get-SwE911Address'
        'New-SwE911Address'
        'Set-SwE911Address'
        'Remove-SwE911Address'
        'Get-SwResource'
        'Get-SwBrand'
        'Get-SwCampaign'
        'Get-SwCampaignNumber'
        'Add-SwCampaignNumber'
        'Remove-SwCampaignNumber'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('SignalWire', 'Telephony', 'PhoneNumbers', 'SIP', 'Voice', 'SMS', 'REST', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ProjectUri   = 'https://github.com/signalwire-powershell/SignalWire.PowerShell'
            ReleaseNotes = 'First release. Sessions: Connect-SwProject (parameters or SIGNALWIRE_* environment variables), Disconnect-SwProject, Get-SwSession. Phone numbers: Get-SwPhoneNumber lists every number, streamed page by page; Set-SwPhoneNumber changes how numbers handle calls and messages over the whole update surface of the phone-numbers API, one or thousands at a time within the write limit, sending only what differs, with -WhatIf and CSV round trips; Compare-SwPhoneNumber checks the numbers against a routing file, a backup or another project. Buying: Find-SwAvailablePhoneNumber searches numbers to buy (area code, digits, region, city, toll-free), New-SwPhoneNumber buys them and Remove-SwPhoneNumber releases them, both asking for confirmation (ConfirmImpact High) and supporting -WhatIf. Emergency addresses: Get-SwE911Address, New-SwE911Address (validated by the carrier, with its suggestions when refused), Set-SwE911Address and Remove-SwE911Address; Set-SwPhoneNumber -E911AddressId assigns them to numbers. Change journal: -JournalPath on every cmdlet that writes (or once, on Connect-SwProject) records each write before it is sent and its outcome, as JSON lines that survive a killed process; Undo-SwChange puts back what a journal says was applied, leaving alone any field changed since (about_SignalWire_Journal). Messaging (10DLC): Get-SwBrand and Get-SwCampaign read the registered brands and campaigns of the project; Add-SwCampaignNumber puts piped numbers on a campaign in one assignment order (-Wait follows it until processed), refusing before any order a number already on another campaign or not in the project; Get-SwCampaignNumber lists the assignments and Remove-SwCampaignNumber takes numbers off (ConfirmImpact High), many at once as Set-SwPhoneNumber writes; Get-SwPhoneNumber -Campaign none lists the numbers no campaign holds yet. Routing targets: Get-SwResource lists the Fabric resources (AI agents, call flows, cXML applications, SIP endpoints...) that Set-SwPhoneNumber -CallHandler ai_agent -CallAiAgentId and the other target parameters take by object or id. Full help (Get-Help for each cmdlet, and the about_SignalWire topics), table and list views, tab completion of allowed values, ids, numbers, addresses, resources, campaigns and brands; Windows PowerShell 5.1 loads its System.Text.Json from a private folder.'
        }
    }
}
