using SignalWire.PowerShell.Cmdlets;

namespace SignalWire.PowerShell.Tests;

/// <summary>
/// The module's public types, written out: everything else is internal, so a type that becomes public (or stops being
/// public) fails here and the change to what users can see is made on purpose, by editing this list.
/// </summary>
public class PublicSurfaceTests
{
    private static readonly string[] Expected =
    [
        // The exceptions users catch, and the kind of error they carry.
        "SignalWire.PowerShell.Client.AddressValidationException",
        "SignalWire.PowerShell.Client.SignalWireApiException",
        "SignalWire.PowerShell.Client.SignalWireErrorKind",
        // What Connect-SwProject emits and -Session takes.
        "SignalWire.PowerShell.Client.SwSession",
        // The cmdlets, and the base classes a public cmdlet must derive from.
        "SignalWire.PowerShell.Cmdlets.AddSwCampaignNumberCommand",
        "SignalWire.PowerShell.Cmdlets.CampaignCmdlet",
        "SignalWire.PowerShell.Cmdlets.CampaignWriteCmdlet",
        "SignalWire.PowerShell.Cmdlets.CompareSwPhoneNumberCommand",
        "SignalWire.PowerShell.Cmdlets.ConnectSwProjectCommand",
        "SignalWire.PowerShell.Cmdlets.DisconnectSwProjectCommand",
        "SignalWire.PowerShell.Cmdlets.E911AddressCmdlet",
        "SignalWire.PowerShell.Cmdlets.E911AddressIdTransformationAttribute",
        "SignalWire.PowerShell.Cmdlets.FindSwAvailablePhoneNumberCommand",
        "SignalWire.PowerShell.Cmdlets.GetSwBrandCommand",
        "SignalWire.PowerShell.Cmdlets.GetSwCampaignCommand",
        "SignalWire.PowerShell.Cmdlets.GetSwCampaignNumberCommand",
        "SignalWire.PowerShell.Cmdlets.GetSwE911AddressCommand",
        "SignalWire.PowerShell.Cmdlets.GetSwPhoneNumberCommand",
        "SignalWire.PowerShell.Cmdlets.GetSwResourceCommand",
        "SignalWire.PowerShell.Cmdlets.GetSwSessionCommand",
        "SignalWire.PowerShell.Cmdlets.NewSwE911AddressCommand",
        "SignalWire.PowerShell.Cmdlets.NewSwPhoneNumberCommand",
        "SignalWire.PowerShell.Cmdlets.RemoveSwCampaignNumberCommand",
        "SignalWire.PowerShell.Cmdlets.RemoveSwE911AddressCommand",
        "SignalWire.PowerShell.Cmdlets.RemoveSwPhoneNumberCommand",
        "SignalWire.PowerShell.Cmdlets.SetSwE911AddressCommand",
        "SignalWire.PowerShell.Cmdlets.SetSwPhoneNumberCommand",
        "SignalWire.PowerShell.Cmdlets.SwCmdlet",
        "SignalWire.PowerShell.Cmdlets.SwSessionCmdlet",
        "SignalWire.PowerShell.Cmdlets.SwWriteCmdlet",
        "SignalWire.PowerShell.Cmdlets.UndoSwChangeCommand",
        // The objects the cmdlets emit and take.
        "SignalWire.PowerShell.Models.AddressCandidate",
        "SignalWire.PowerShell.Models.AssignedPhoneNumber",
        "SignalWire.PowerShell.Models.AvailablePhoneNumber",
        "SignalWire.PowerShell.Models.Brand",
        "SignalWire.PowerShell.Models.Campaign",
        "SignalWire.PowerShell.Models.CampaignNumber",
        "SignalWire.PowerShell.Models.CampaignOrder",
        "SignalWire.PowerShell.Models.E911Address",
        "SignalWire.PowerShell.Models.FabricResource",
        "SignalWire.PowerShell.Models.PhoneNumber",
        "SignalWire.PowerShell.Models.PhoneNumberCapabilities",
        "SignalWire.PowerShell.Models.PhoneNumberDifference",
        "SignalWire.PowerShell.Models.PhoneNumberDifferenceKind",
        // Found by PowerShell among the exported types when the module is imported and removed.
        "SignalWire.PowerShell.ModuleInitializer",
        // The parameters' completers, transformations and validations, which PowerShell instantiates.
        "SignalWire.PowerShell.Parameters.AddressTypeCompleter",
        "SignalWire.PowerShell.Parameters.BooleanTextTransformationAttribute",
        "SignalWire.PowerShell.Parameters.BrandCompleter",
        "SignalWire.PowerShell.Parameters.CampaignCompleter",
        "SignalWire.PowerShell.Parameters.CampaignFilterCompleter",
        "SignalWire.PowerShell.Parameters.E164TransformationAttribute",
        "SignalWire.PowerShell.Parameters.E911AddressCompleter",
        "SignalWire.PowerShell.Parameters.FieldNameCompleter",
        "SignalWire.PowerShell.Parameters.FieldValueCompleter",
        "SignalWire.PowerShell.Parameters.IdTransformationAttribute",
        "SignalWire.PowerShell.Parameters.PhoneNumberCompleter",
        "SignalWire.PowerShell.Parameters.RegionCompleter",
        "SignalWire.PowerShell.Parameters.ResourceCompleter",
        "SignalWire.PowerShell.Parameters.ResourceTargetAttribute",
        "SignalWire.PowerShell.Parameters.ResourceTypeCompleter",
        "SignalWire.PowerShell.Parameters.ValidateDigitsAttribute",
        "SignalWire.PowerShell.Parameters.ValidateE164Attribute",
        "SignalWire.PowerShell.Parameters.ValidateEachAttribute",
        "SignalWire.PowerShell.Parameters.ValidateFieldAttribute",
        "SignalWire.PowerShell.Parameters.ValidateFieldNameAttribute",
        "SignalWire.PowerShell.Parameters.ValidateUuidAttribute",
    ];

    [Fact]
    public void PublicTypesAreExactlyTheListedOnes()
    {
        var actual = typeof(SetSwPhoneNumberCommand).Assembly.GetExportedTypes()
            .Select(t => t.FullName!)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();

        var added = actual.Except(Expected, StringComparer.Ordinal).ToArray();
        var removed = Expected.Except(actual, StringComparer.Ordinal).ToArray();
        if (added.Length == 0 && removed.Length == 0) return;

        var diff = added.Select(n => "+ " + n).Concat(removed.Select(n => "- " + n));
        Assert.Fail(
            "The module's public types changed (+ public now but not listed, - listed but no longer public). Make a type "
            + "public only when users see it (a cmdlet, an object emitted or taken, an exception caught, a parameter's "
            + "attribute or completer), then update the list in PublicSurfaceTests:" + Environment.NewLine
            + string.Join(Environment.NewLine, diff));
    }

    [Fact]
    public void ExpectedListIsSortedAndUnique()
    {
        Assert.Equal(Expected.Distinct().OrderBy(n => n, StringComparer.Ordinal), Expected);
    }
}
