namespace SignalWire.Tests.Shared;

/// <summary>
/// Where the captured API responses are: tests/fixtures in the repository (the folder holding SignalWire.sln).
/// Compiled into each test project as a linked file.
/// </summary>
internal static class FixtureLocation
{
    public static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SignalWire.sln")))
        {
            dir = dir.Parent;
        }
        if (dir is null)
        {
            throw new InvalidOperationException("Cannot find SignalWire.sln above " + AppContext.BaseDirectory + ".");
        }
        var fixtures = Path.Combine(dir.FullName, "tests", "fixtures");
        return Directory.Exists(fixtures)
            ? fixtures
            : throw new DirectoryNotFoundException($"No fixtures at {fixtures}.");
    }
}
