using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace SignalWire.PowerShell;

/// <summary>
/// On Windows PowerShell 5.1 (.NET Framework) the module's System.Text.Json and its dependencies live in the private
/// dependencies/ folder, which the default loader never probes. This resolves them from there, so the module works
/// beside other modules that carry other versions of the same assemblies. PowerShell 7 brings its own copies and
/// needs none of this. The handler is removed when the module is removed.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    internal const string DependencyFolderName = "dependencies";

    private static readonly string DependencyFolder =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? "", DependencyFolderName);

    internal static bool IsNetFramework => Platform.IsNetFramework;

    public void OnImport()
    {
        if (IsNetFramework) AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
    }

    internal static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
    {
        var path = ResolveAssemblyPath(new AssemblyName(args.Name), DependencyFolder);
        return path == null ? null : Assembly.LoadFrom(path);
    }

    /// <summary>
    /// The file in <paramref name="folder"/> to load for <paramref name="requested"/>, or null when it is not one of
    /// the module's private assemblies. A file qualifies when its assembly name is the one asked for, its public key
    /// token (if the request has one) matches, and its version is at least the one asked for: the packages reference
    /// each other at slightly different versions (what binding redirects would fix), and a newer copy satisfies an
    /// older reference, while an older copy could lack what the caller needs.
    /// </summary>
    internal static string? ResolveAssemblyPath(AssemblyName requested, string folder)
    {
        var name = requested.Name;
        if (string.IsNullOrEmpty(name) || name!.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains("..")) return null;

        var candidate = Path.Combine(folder, name + ".dll");
        if (!File.Exists(candidate)) return null;

        AssemblyName found;
        try
        {
            found = AssemblyName.GetAssemblyName(candidate);
        }
        catch (Exception e) when (e is BadImageFormatException || e is IOException || e is UnauthorizedAccessException)
        {
            return null;
        }

        if (!string.Equals(found.Name, name, StringComparison.OrdinalIgnoreCase)) return null;
        if (requested.Version != null && (found.Version == null || found.Version < requested.Version)) return null;

        var wantedToken = requested.GetPublicKeyToken();
        if (wantedToken != null && wantedToken.Length > 0)
        {
            var foundToken = found.GetPublicKeyToken() ?? Array.Empty<byte>();
            if (!TokensEqual(wantedToken, foundToken)) return null;
        }
        return candidate;
    }

    private static bool TokensEqual(byte[] a, byte[] b)
    {
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
            if (a[i] != b[i]) return false;
        return true;
    }
}
