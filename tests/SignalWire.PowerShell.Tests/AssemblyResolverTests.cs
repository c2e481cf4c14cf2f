using System.Reflection;

namespace SignalWire.PowerShell.Tests;

/// <summary>
/// The Windows PowerShell 5.1 resolver: given a requested assembly name, it finds the module's private copy in
/// dependencies/. Checked against the real staged folder (or the module's build output before staging).
/// </summary>
public class AssemblyResolverTests
{
    private static readonly string Dependencies = LocateDependencies();

    public static TheoryData<string> PrivateAssemblies()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Dependencies, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Fact]
    public void TheFolderHoldsSystemTextJsonAndItsFriends()
    {
        var names = Directory.GetFiles(Dependencies, "*.dll").Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.Contains("System.Text.Json", names);
        Assert.Contains("System.Memory", names);
        Assert.Contains("Microsoft.Bcl.AsyncInterfaces", names);
        Assert.DoesNotContain("SignalWire.PowerShell", names);
        Assert.DoesNotContain("System.Management.Automation", names);
    }

    [Theory]
    [MemberData(nameof(PrivateAssemblies))]
    public void ResolvesEachPrivateAssemblyAskedForByItsFullName(string fileName)
    {
        var path = Path.Combine(Dependencies, fileName);
        var requested = AssemblyName.GetAssemblyName(path);

        Assert.Equal(path, ModuleInitializer.ResolveAssemblyPath(new AssemblyName(requested.FullName), Dependencies));
    }

    [Theory]
    [MemberData(nameof(PrivateAssemblies))]
    public void ResolvesAnOlderReferenceToTheNewerPrivateCopy(string fileName)
    {
        // What binding redirects would do: System.Memory asks for an older System.Runtime.CompilerServices.Unsafe than
        // System.Text.Json ships with, and the newer copy serves both.
        var path = Path.Combine(Dependencies, fileName);
        var requested = AssemblyName.GetAssemblyName(path);
        requested.Version = new Version(1, 0, 0, 0);

        Assert.Equal(path, ModuleInitializer.ResolveAssemblyPath(requested, Dependencies));
    }

    [Theory]
    [MemberData(nameof(PrivateAssemblies))]
    public void RefusesARequestForANewerVersionThanThePrivateCopy(string fileName)
    {
        var requested = AssemblyName.GetAssemblyName(Path.Combine(Dependencies, fileName));
        var v = requested.Version!;
        requested.Version = new Version(v.Major + 1, 0, 0, 0);

        Assert.Null(ModuleInitializer.ResolveAssemblyPath(requested, Dependencies));
    }

    [Fact]
    public void RefusesAnotherPublisherOfTheSameName()
    {
        var requested = AssemblyName.GetAssemblyName(Path.Combine(Dependencies, "System.Text.Json.dll"));
        requested.SetPublicKeyToken([1, 2, 3, 4, 5, 6, 7, 8]);

        Assert.Null(ModuleInitializer.ResolveAssemblyPath(requested, Dependencies));
    }

    [Theory]
    [InlineData("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed")]
    [InlineData("System.Management.Automation, Version=3.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35")]
    [InlineData("SignalWire.PowerShell")]
    [InlineData("mscorlib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089")]
    [InlineData("System.Text")]
    public void IgnoresNamesThatAreNotPrivateAssemblies(string name)
    {
        Assert.Null(ModuleInitializer.ResolveAssemblyPath(new AssemblyName(name), Dependencies));
    }

    [Fact]
    public void IgnoresNamesThatTryToLeaveTheFolder()
    {
        var outside = new AssemblyName { Name = "../SignalWire.PowerShell" };

        Assert.Null(ModuleInitializer.ResolveAssemblyPath(outside, Dependencies));
    }

    [Fact]
    public void TheHandlerDeclinesUnrelatedNames()
    {
        Assert.Null(ModuleInitializer.OnAssemblyResolve(null, new ResolveEventArgs("Contoso.Unrelated, Version=1.0.0.0")));
    }

    [Fact]
    public void OnDotNetImportingTheModuleLeavesAssemblyResolutionAlone()
    {
        // These tests run on .NET, where PowerShell 7 brings its own System.Text.Json: importing must not hook the
        // resolver, even with a dependencies/ folder beside the module that holds the assembly asked for.
        const string ProbeName = "Microsoft.Bcl.AsyncInterfaces";   // not part of .NET, and not in these tests' deps
        var folder = Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, ModuleInitializer.DependencyFolderName);
        var createdFolder = !Directory.Exists(folder);
        var probe = Path.Combine(folder, ProbeName + ".dll");
        var createdProbe = !File.Exists(probe);
        Directory.CreateDirectory(folder);
        if (createdProbe) File.Copy(Path.Combine(Dependencies, ProbeName + ".dll"), probe);
        var requested = AssemblyName.GetAssemblyName(probe);
        // The control: were the handler hooked, it would find this copy and load it.
        Assert.Equal(probe, ModuleInitializer.ResolveAssemblyPath(requested, folder));

        var asked = new List<string>();
        ResolveEventHandler recorder = (_, args) =>
        {
            lock (asked) asked.Add(args.Name);
            return null;
        };
        var initializer = new ModuleInitializer();
        try
        {
            initializer.OnImport();
            AppDomain.CurrentDomain.AssemblyResolve += recorder;

            Assert.ThrowsAny<FileNotFoundException>(() => Assembly.Load(requested));
            // The runtime did ask the resolvers (so the module's handler would have been asked too, and answered first).
            lock (asked) Assert.Contains(asked, name => name.StartsWith(ProbeName + ",", StringComparison.Ordinal));
            Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == ProbeName);
        }
        finally
        {
            AppDomain.CurrentDomain.AssemblyResolve -= recorder;
            // By reflection: its parameter is a PowerShell type these tests do not reference.
            typeof(ModuleInitializer).GetMethod(nameof(ModuleInitializer.OnRemove))!.Invoke(initializer, [null]);
            if (createdProbe) File.Delete(probe);
            if (createdFolder && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
        }
    }

    private static string LocateDependencies()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SignalWire.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Cannot find SignalWire.sln above " + AppContext.BaseDirectory);

        var staged = Path.Combine(dir.FullName, "out", "SignalWire.PowerShell", ModuleInitializer.DependencyFolderName);
        if (Directory.Exists(staged) && Directory.GetFiles(staged, "System.Text.Json.dll").Length == 1) return staged;

        // Not staged yet (a plain dotnet test): the module's build output holds the same files beside its DLL.
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}")
            ? "Debug"
            : "Release";
        var bin = Path.Combine(dir.FullName, "src", "SignalWire.PowerShell", "bin", configuration, "netstandard2.0");
        var copy = Path.Combine(Path.GetTempPath(), "signalwire-resolver-tests", configuration);
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(bin, "*.dll"))
        {
            var name = Path.GetFileName(file);
            if (name != "SignalWire.PowerShell.dll" && name != "System.Management.Automation.dll")
                File.Copy(file, Path.Combine(copy, name), overwrite: true);
        }
        return copy;
    }
}
