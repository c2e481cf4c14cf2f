using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace SignalWire.Emulator.Tests;

/// <summary>
/// Fabric resources in a snapshot (--seed): in the API's own JSON beside the numbers or alone, as the module's objects in
/// CSV and Clixml, and across several files.
/// </summary>
public sealed class SeedFileResourceTests
{
    private const string Resources = "api/fabric/resources";

    private static SeedSnapshot Parse(string text) => SeedFile.Parse(Encoding.UTF8.GetBytes(text));

    /// <summary>The generated resources as the API lists them, newest first, in one page.</summary>
    private static async Task<string> ListedAsync()
    {
        await using var emu = await TestEmulator.StartAsync();
        return await emu.Http.GetStringAsync(Resources + "?page_size=1000");
    }

    private static List<string> Data(string page) =>
        JsonDocument.Parse(page).RootElement.GetProperty("data").EnumerateArray().Select(r => r.GetRawText()).ToList();

    [Fact]
    public async Task A_list_page_of_the_apis_resources_gives_back_every_resource_in_its_order()
    {
        var page = await ListedAsync();
        var snapshot = Parse(page);
        Assert.Empty(snapshot.Numbers);
        Assert.Empty(snapshot.Warnings);
        Assert.Equal(Data(page), snapshot.Resources.Reverse().Select(r => r.ToJson()));
        Assert.Equal(Enumerable.Range(0, snapshot.Resources.Count).Select(i => (long)i), snapshot.Resources.Select(r => r.Ordinal));
    }

    [Fact]
    public async Task Numbers_and_resources_in_one_file_are_served_together_and_a_reset_brings_both_back()
    {
        var numbers = SeedData.Create(100).Reverse().Select(n => n.ToJson());
        var snapshot = Parse("[" + string.Join(",", numbers.Concat(Data(await ListedAsync()))) + "]");
        Assert.Equal(100, snapshot.Numbers.Count);
        Assert.Empty(snapshot.Warnings);

        await using var emu = await TestEmulator.StartAsync(o => { o.Seed = snapshot.Numbers; o.Resources = snapshot.Resources; });
        foreach (var number in emu.State.Numbers.AllNewestFirst().Where(n => n["call_handler"] is "ai_agent" or "call_flow"))
        {
            var (response, resource) = await emu.GetJsonAsync($"{Resources}/{number["calling_handler_resource_id"]}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(number["call_handler"], resource.GetProperty("type").GetString());
        }

        await emu.SendJsonAsync(HttpMethod.Post, "__emulator/resources", """{"type":"call_flow","display_name":"Extra"}""");
        await emu.SendJsonAsync(HttpMethod.Post, "__emulator/reset", "");
        Assert.Equal(snapshot.Resources.Reverse().Select(r => r.ToJson()), emu.State.Resources.AllNewestFirst().Select(r => r.ToJson()));
    }

    [Fact]
    public async Task A_snapshot_without_resources_serves_none_until_a_reset_to_generated_numbers()
    {
        var snapshot = Parse("[" + SeedData.Create(3).First().ToJson() + "]");
        await using var emu = await TestEmulator.StartAsync(o => { o.Seed = snapshot.Numbers; o.Resources = snapshot.Resources; });
        var (_, none) = await emu.GetJsonAsync(Resources);
        Assert.Equal(0, none.GetProperty("data").GetArrayLength());
        await emu.SendJsonAsync(HttpMethod.Post, "__emulator/reset", """{"numbers":5}""");
        Assert.Equal(ResourceSeedData.Create(emu.Options.ProjectId).Count, emu.State.Resources.Count);
    }

    [Fact]
    public void The_modules_objects_in_csv_are_resources_by_their_type_and_get_the_least_object()
    {
        var csv = "\"Id\",\"Type\",\"DisplayName\",\"ProjectId\",\"CreatedAt\",\"UpdatedAt\"\r\n" +
                  "\"5b0c7a1e-2f64-4d0e-9a51-7e3c2d8b9f10\",\"ai_agent\",\"Front Desk\",\"\",\"1/31/2024 09:00:00\",\"\"\r\n" +
                  "\"0e6f3b52-8c1d-4f7a-b2e9-4a5d6c7e8f90\",\"call_flow\",\"Main IVR\",\"1313fe58-5e14-4c11-bbe7-6fdfa11fe780\",\"\",\"\"\r\n";
        var snapshot = Parse(csv);
        Assert.Empty(snapshot.Numbers);
        var (flow, agent) = (snapshot.Resources[0], snapshot.Resources[1]); // the file's first is the newest
        Assert.Equal(("Front Desk", "ai_agent", "2024-01-31T09:00:00Z"), (agent.DisplayName, agent.Type, agent.CreatedAt));
        Assert.Equal(agent.CreatedAt, agent.UpdatedAt);
        Assert.Null(agent.ProjectId); // the emulator's project, once stored
        Assert.Equal("1313fe58-5e14-4c11-bbe7-6fdfa11fe780", flow.ProjectId);
        Assert.Equal(agent.Id, agent.InnerId);
        Assert.Contains("\"ai_agent\":{\"agent_id\":\"5b0c7a1e-2f64-4d0e-9a51-7e3c2d8b9f10\",\"name\":\"Front Desk\"}", agent.ToJson());
        Assert.Contains(snapshot.Warnings, w => w.StartsWith("2 resource(s) without the object named after their type", StringComparison.Ordinal));
        Assert.Contains(snapshot.Warnings, w => w.StartsWith("1 resource(s) without a creation date", StringComparison.Ordinal));
    }

    [Fact]
    public void A_csv_cell_may_hold_the_types_object_as_JSON_and_Clixml_holds_resources_too()
    {
        var csv = "Id,Type,DisplayName,AiAgent\n" +
                  "5b0c7a1e-2f64-4d0e-9a51-7e3c2d8b9f10,ai_agent,Front Desk," +
                  "\"{\"\"agent_id\"\":\"\"3fa85f64-5717-4562-b3fc-2c963f66afa6\"\",\"\"name\"\":\"\"F\"\"}\"\n";
        var agent = Assert.Single(Parse(csv).Resources);
        Assert.Equal("3fa85f64-5717-4562-b3fc-2c963f66afa6", agent.InnerId);

        const string xml = """
            <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
              <Obj RefId="0">
                <Props>
                  <S N="Id">5b0c7a1e-2f64-4d0e-9a51-7e3c2d8b9f10</S>
                  <S N="Type">sip_endpoint</S>
                  <S N="DisplayName">Reception_x000A_Phone</S>
                  <DT N="CreatedAt">2024-01-01T09:14:00Z</DT>
                </Props>
              </Obj>
            </Objs>
            """;
        var phone = Assert.Single(Parse(xml).Resources);
        Assert.Equal(("sip_endpoint", "Reception\nPhone", "2024-01-01T09:14:00Z"), (phone.Type, phone.DisplayName, phone.CreatedAt));
    }

    [Theory]
    [InlineData("""[{"id":"5b0c7a1e-2f64-4d0e-9a51-7e3c2d8b9f10","type":"ai_agent"}]""", "item 1 (line 1): no \"DisplayName\"")]
    [InlineData("""[{"id":"5b0c7a1e","type":"ai_agent","display_name":"x"}]""", "\"id\" '5b0c7a1e' is not a UUID")]
    [InlineData("""[{"type":"ai_agent","display_name":"x"}]""", "no \"Id\" (or \"id\"): every resource needs its id")]
    [InlineData("""[{"id":"5b0c7a1e-2f64-4d0e-9a51-7e3c2d8b9f10","type":"ai_agent","display_name":"x"},""" + "\n" +
                """{"id":"5B0C7A1E-2f64-4d0e-9a51-7e3c2d8b9f10","type":"call_flow","display_name":"y"}]""", "item 2 (line 2): the id 5B0C7A1E")]
    [InlineData("""[{"id":"5b0c7a1e-2f64-4d0e-9a51-7e3c2d8b9f10","type":"ai_agent","display_name":"x","created_at":"soon"}]""",
        "'soon' is not a date")]
    [InlineData("Id,Type,DisplayName,AiAgent\n5b0c7a1e-2f64-4d0e-9a51-7e3c2d8b9f10,ai_agent,x,agent-1\n",
        "line 2: \"AiAgent\" must be an object (JSON)")]
    public void A_resource_that_cannot_be_served_is_refused_with_its_place_and_reason(string content, string expected)
    {
        var error = Assert.Throws<SeedFileException>(() => Parse(content));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Several_files_read_as_one_snapshot_and_a_message_names_the_file()
    {
        var dir = Directory.CreateTempSubdirectory("emulator-seed-");
        try
        {
            var numbers = Path.Combine(dir.FullName, "numbers.csv");
            var resources = Path.Combine(dir.FullName, "resources.csv");
            File.WriteAllText(numbers, "Id,Number\n3970ca4f-e58f-4324-b09c-6b1dbb30383c,+15552000002\n");
            File.WriteAllText(resources, "Id,Type,DisplayName\n5b0c7a1e-2f64-4d0e-9a51-7e3c2d8b9f10,call_flow,Main IVR\n");
            var snapshot = SeedFile.Load([numbers, resources]);
            Assert.Equal("+15552000002", Assert.Single(snapshot.Numbers).Number);
            Assert.Equal("Main IVR", Assert.Single(snapshot.Resources).DisplayName);

            File.WriteAllText(resources, "Id,Type,DisplayName\nnot-a-uuid,call_flow,Main IVR\n");
            var error = Assert.Throws<SeedFileException>(() => SeedFile.Load([numbers, resources]));
            Assert.StartsWith($"{resources}: line 2:", error.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_command_line_seeds_numbers_and_resources_from_several_files()
    {
        var dir = Directory.CreateTempSubdirectory("emulator-seed-");
        var numbers = Path.Combine(dir.FullName, "numbers.json");
        var resources = Path.Combine(dir.FullName, "resources.csv");
        File.WriteAllText(numbers, "[" + SeedData.Create(1).Single().ToJson() + "]");
        File.WriteAllText(resources, "Id,Type,DisplayName\n5b0c7a1e-2f64-4d0e-9a51-7e3c2d8b9f10,call_flow,Main IVR\n" +
                                     "0e6f3b52-8c1d-4f7a-b2e9-4a5d6c7e8f90,ai_agent,Front Desk\n");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "SignalWire.Emulator.dll"), "--port", "0", "--seed", numbers, "--seed", resources,
                     "--parent-pid", Environment.ProcessId.ToString(),
                 })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Matches(@"^SignalWire emulator listening on http://127\.0\.0\.1:\d+$", line);
            var details = new List<string>();
            for (var next = await process.StandardOutput.ReadLineAsync(); next is not null && next != "Press Ctrl+C to stop.";
                 next = await process.StandardOutput.ReadLineAsync())
            {
                details.Add(next);
            }
            Assert.Contains($"  Numbers:     1 from {numbers}, {resources}", details);
            Assert.Contains($"  Resources:   2 from {numbers}, {resources}", details);
            var options = new EmulatorOptions();
            var baseUrl = new Uri(line!["SignalWire emulator listening on ".Length..] + "/");
            using var http = TestEmulator.NewClient(baseUrl, options.ProjectId, options.Token);
            var page = await TestEmulator.ReadJsonAsync(await http.GetAsync(Resources));
            Assert.Equal(["5b0c7a1e-2f64-4d0e-9a51-7e3c2d8b9f10", "0e6f3b52-8c1d-4f7a-b2e9-4a5d6c7e8f90"],
                page.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            dir.Delete(recursive: true);
        }
        // The CSV rows have no dates and no objects: said on stderr, as any guess is.
        Assert.Contains("without the object named after their type", await process.StandardError.ReadToEndAsync());
    }
}
