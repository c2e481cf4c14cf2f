namespace SignalWire.Tests.Shared;

/// <summary>
/// Where the captured API responses are: SIGNALWIRE_SHARED/reference/fixtures, or else ../shared/reference/fixtures
/// beside the repository (the folder holding SignalWire.sln). Compiled into each test project as a linked file.
/// </summary>
internal static class FixtureLocation
{
    public static string Find()
    {
        var shared = Environment.GetEnvironmentVariable("SIGNALWIRE_SHARED");
        if (string.IsNullOrEmpty(shared))
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SignalWire.sln")))
            {
                dir = dir.Parent;
            }
            if (dir?.Parent is null)
            {
                throw new InvalidOperationException("Cannot find SignalWire.sln above " + AppContext.BaseDirectory + "; set SIGNALWIRE_SHARED.");
            }
            shared = Path.Combine(dir.Parent.FullName, "shared");
        }
        var fixtures = Path.Combine(shared, "reference", "fixtures");
        return Directory.Exists(fixtures)
            ? fixtures
            : throw new DirectoryNotFoundException($"No fixtures at {fixtures}; set SIGNALWIRE_SHARED to the shared folder.");
    }
}
