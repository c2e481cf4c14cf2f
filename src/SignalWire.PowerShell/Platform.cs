using System;
using System.Runtime.InteropServices;

namespace SignalWire.PowerShell;

/// <summary>Which .NET the module runs on: the module loader and the client each need to know, and ask here.</summary>
internal static class Platform
{
    /// <summary>True in Windows PowerShell 5.1, whose .NET Framework needs the TLS, connection and assembly help.</summary>
    public static bool IsNetFramework { get; } =
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);
}
