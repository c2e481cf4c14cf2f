using System.Management.Automation;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>Lets -E911AddressId take an address object (Get-SwE911Address, New-SwE911Address) as well as its id.</summary>
public sealed class E911AddressIdTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value is E911Address address ? address.Id : inputData;
    }
}
