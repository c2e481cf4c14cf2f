using System.Text.Json;

namespace SignalWire.Tests.Shared;

/// <summary>
/// The responses captured from the live API, in tests/fixtures of the repository (the folder holding SignalWire.sln).
/// One class for both test projects, compiled into each as a linked file.
/// </summary>
internal static class Fixtures
{
    public const string PhoneNumber = "get_phone_number.json";
    public const string Error422 = "error_422_space_api.json";
    public const string Search = "search_phone_numbers.json";

    public static string Directory { get; } = Find();

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Directory, name));

    public static string Text(string name) => File.ReadAllText(Path.Combine(Directory, name));

    public static JsonElement Load(string name) => JsonDocument.Parse(Text(name)).RootElement.Clone();

    public static IReadOnlyList<string> KeysOf(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToList();

    private static string Find()
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
        return System.IO.Directory.Exists(fixtures) ? fixtures : throw new DirectoryNotFoundException($"No fixtures at {fixtures}.");
    }
}
