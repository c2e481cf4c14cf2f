using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using SignalWire.Emulator;

// Command line: see CommandLine.Help (signalwire-emulator --help).
// The first stdout line is "SignalWire emulator listening on http://127.0.0.1:PORT" (tools parse it); the connection
// details follow on indented lines. Warnings and errors go to stderr.

ParsedCommandLine command;
try
{
    command = CommandLine.Parse(args);
}
catch (FormatException e)
{
    Console.Error.WriteLine($"SignalWire emulator: {e.Message}");
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}
if (command.Help)
{
    Console.Out.Write(CommandLine.Help);
    return 0;
}
var options = command.Options;

// A snapshot or log file that cannot be used stops us before we listen: nothing may rehearse on the wrong numbers.
if (command.SeedPaths.Count > 0)
{
    var seedPaths = string.Join(", ", command.SeedPaths);
    try
    {
        var snapshot = SeedFile.Load(command.SeedPaths);
        options.Seed = snapshot.Numbers;
        options.Resources = snapshot.Resources; // the snapshot's, none when it holds none: its numbers point at its own
        options.Registry = snapshot.Registry;
        foreach (var warning in snapshot.Warnings)
        {
            Console.Error.WriteLine($"SignalWire emulator: {seedPaths}: {warning}");
        }
    }
    catch (SeedFileException e)
    {
        Console.Error.WriteLine($"SignalWire emulator: cannot seed from {seedPaths}: {e.Message}");
        return 2;
    }
}
if (command.RequestLogPath is { } logPath)
{
    try
    {
        options.RequestLogFile = RequestLogFile.Create(logPath, message => Console.Error.WriteLine($"SignalWire emulator: {message}"));
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
    {
        Console.Error.WriteLine($"SignalWire emulator: cannot write the request log {logPath}: {e.Message}");
        return 2;
    }
}
using var requestLog = options.RequestLogFile; // closed last, after the server has stopped

CommandLine.HonourInterrupt();
var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

RunningEmulator emulator;
try
{
    emulator = await EmulatorServer.StartAsync(options);
}
catch (IOException e) // e.g. the port is taken
{
    Console.Error.WriteLine($"SignalWire emulator: cannot listen on 127.0.0.1:{options.Port}: {e.Message}");
    return 1;
}
await using var running = emulator;
var url = emulator.BaseUrl.ToString().TrimEnd('/');
// One write, so whoever reads the first line can read the details too.
Console.Out.Write($"SignalWire emulator listening on {url}{Environment.NewLine}{CommandLine.ConnectionDetails(url, options, command)}");
Console.Out.Flush();

if (command.ParentPid is { } pid)
{
    _ = Task.Run(async () =>
    {
        // Exit with the parent, so an aborted test run never leaves an emulator behind.
        while (CommandLine.IsAlive(pid))
        {
            await Task.Delay(500);
        }
        stop.TrySetResult();
    });
}

await stop.Task;
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true; // shut down ourselves, cleanly
    stop.TrySetResult();
}

/// <summary>What the command line asked for.</summary>
internal sealed record ParsedCommandLine(EmulatorOptions Options, int? ParentPid, IReadOnlyList<string> SeedPaths, string? RequestLogPath, bool Help);

internal static class CommandLine
{
    public const string Usage =
        "usage: signalwire-emulator [--port N] [--seed FILE... | --numbers N] [--project-id ID] [--token T] [--request-log FILE] " +
        "[--latency-ms N] [--write-rate-limit N] [--links relative|absolute] [--e911-delay-ms N] [--registry-delay-ms N] " +
        "[--fault SPEC]... [--parent-pid PID] (--help explains each)";

    private static readonly EmulatorOptions Defaults = new();

    public static readonly string Help = $$"""
        signalwire-emulator: a local stand-in for a SignalWire project's phone-numbers API
        (/api/relay/rest/phone_numbers) and the Fabric resources its numbers route to (/api/fabric/resources),
        to rehearse runbooks offline. It listens on 127.0.0.1 only and prints the URL, project id and token
        to connect with.

        {{Usage}}

        Options (each also as --name=value):
          --port N              Port on 127.0.0.1; 0 picks a free one (default 0).
                                  e.g. --port 5599
          --seed FILE           Serve exactly the numbers and Fabric resources of a snapshot instead of generated
                                ones: the JSON of Get-SwPhoneNumber | ConvertTo-Json -Depth 5, the API's own JSON
                                (an array, or a list page {"data":[...]}), or Export-Csv / Export-Clixml output.
                                An object with a type and no number is a resource. Repeat it to read several files
                                as one snapshot (a CSV file holds one kind). A snapshot without resources serves
                                none. A file it cannot read is refused with the line and the reason, before it listens.
                                10DLC campaigns (Get-SwCampaign: an object with a use case or a brand id) and
                                assignments (Get-SwCampaignNumber: a campaign id or name and a number of the
                                snapshot) may come too; without campaigns the generated ones serve, holding none
                                of the snapshot's numbers.
                                  e.g. --seed numbers.json --seed resources.csv --seed campaigns.json
          --numbers N           Without --seed: serve N generated numbers, the same every run (default {{Defaults.Numbers}}),
                                and {{ResourceSeedData.Count}} generated Fabric resources (AI agents, call flows...).
                                  e.g. --numbers 1000
          --project-id ID       The project id clients must send (the Basic-auth user; default {{Defaults.ProjectId}}).
                                  e.g. --project-id 00000000-0000-4000-8000-000000000001
          --token T             The API token clients must send (the Basic-auth password; default {{Defaults.Token}}).
                                  e.g. --token PTrehearsal
          --request-log FILE    Also write each API request to FILE as one JSON line (seq, time, method, path,
                                query, body, status, fault; never a header), flushed as it goes. FILE is emptied
                                at start. Status 0: no response was sent (a drop fault, or the client gave up).
                                  e.g. --request-log requests.jsonl
          --latency-ms N        Delay every API request by N milliseconds (default 0).
                                  e.g. --latency-ms 50
          --write-rate-limit N  At most N writes (POST, PUT, PATCH) per 10 seconds, then 429 with Retry-After,
                                as the API does (default {{Defaults.WriteRateLimit}}; 0 turns the limit off).
                                  e.g. --write-rate-limit 100
          --links relative|absolute   The paging links (links.self, first, next, prev): paths from the root as
                                the vendor's documentation shows them (relative, the default), or absolute URLs.
                                  e.g. --links absolute
          --e911-delay-ms N     How long the emulated carrier takes to confirm an E911 address assignment or
                                removal (pending, then active or unregistered; default {{Defaults.E911ProvisioningDelayMs}}; 0 at once).
                                  e.g. --e911-delay-ms 0
          --registry-delay-ms N How long the emulated 10DLC registry takes to process a number assignment order
                                (pending, then processed with its assignments completed; default {{Defaults.RegistryOrderDelayMs}}; 0 at once).
                                  e.g. --registry-delay-ms 0
          --fault SPEC          Inject a fault; repeat for several (in order, the first matching rule that fires
                                wins). SPEC is key=value pairs separated by commas:
                                  action=status|drop|malformed|latency|redirect  what happens (default status)
                                  status=CODE          the 4xx/5xx code of action=status (default 500)
                                  retry_after=VALUE    a Retry-After header: seconds, an HTTP date, or date+N
                                  method=PUT id=UUID path=TEXT   only requests with this method, number id,
                                                       or path containing TEXT
                                  times=N every=N probability=P seed=N   at most N times; every Nth match;
                                                       with probability P (0..1), drawn reproducibly from seed N
                                  latency_ms=N         the delay of action=latency
                                  when=before|after    before (default): instead of the operation; after: the
                                                       operation is done, then its response is lost or replaced
                                  location=URL         the Location of action=redirect (a 307)
                                  content_type=TYPE body=TEXT   the response body; body takes the rest of SPEC,
                                                       commas included, so put it last
                                  e.g. --fault action=status,status=429,retry_after=1,method=PUT,times=2
                                       --fault action=drop,method=PUT,times=1,when=after
          --parent-pid PID      Exit when process PID exits (for test harnesses).
          -h, --help            Show this help.

        Ctrl+C (SIGINT) or SIGTERM stops it, with exit code 0. Control endpoints (loopback callers, no
        authentication): GET/DELETE /__emulator/requests, GET/POST/DELETE /__emulator/faults (JSON rules
        with the keys above), GET/POST /__emulator/config, POST /__emulator/reset, GET /__emulator/numbers,
        GET/POST/DELETE /__emulator/resources (POST: resources in the API's JSON; DELETE /resources/ID: one),
        GET /__emulator/e911, GET/POST/DELETE /__emulator/registry (the 10DLC registry: {"brands", "campaigns",
        "numbers", "orders"}; POST adds the first three; DELETE /registry/numbers/ID: one assignment).

        Example: rehearse on a snapshot (Get-SwPhoneNumber | ConvertTo-Json -Depth 5 > numbers.json), with
        two 429s and one lost response:
          signalwire-emulator --port 5599 --seed numbers.json --request-log requests.jsonl \
            --fault action=status,status=429,retry_after=1,method=PUT,times=2 \
            --fault action=drop,method=PUT,times=1,when=after

        """;

    public static ParsedCommandLine Parse(string[] args)
    {
        var options = new EmulatorOptions();
        int? parentPid = null;
        string? requestLogPath = null;
        var seedPaths = new List<string>();
        var numbersGiven = false;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h" or "-?" or "/?")
            {
                return new ParsedCommandLine(options, null, [], null, Help: true);
            }
            string value;
            var eq = name.IndexOf('=');
            if (name.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                value = name[(eq + 1)..]; // --port=0
                name = name[..eq];
            }
            else if (i + 1 < args.Length)
            {
                value = args[++i];
            }
            else
            {
                throw new FormatException($"{name} needs a value.");
            }
            switch (name)
            {
                case "--port": options.Port = Int(name, value, 0, 65535); break;
                case "--numbers": options.Numbers = Int(name, value, 0, 10_000_000); numbersGiven = true; break;
                case "--seed": seedPaths.Add(Path(name, value)); break;
                case "--request-log": requestLogPath = Path(name, value); break;
                case "--project-id": options.ProjectId = Text(name, value); break;
                case "--token": options.Token = Text(name, value); break;
                case "--latency-ms": options.LatencyMs = Int(name, value, 0, int.MaxValue); break;
                case "--write-rate-limit": options.WriteRateLimit = Int(name, value, 0, int.MaxValue); break;
                case "--links": options.AbsoluteLinks = LinkForms.IsAbsolute(value); break;
                case "--e911-delay-ms": options.E911ProvisioningDelayMs = Int(name, value, 0, int.MaxValue); break;
                case "--registry-delay-ms": options.RegistryOrderDelayMs = Int(name, value, 0, int.MaxValue); break;
                case "--fault": options.Faults.Add(Fault(value)); break;
                case "--parent-pid": parentPid = Int(name, value, 1, int.MaxValue); break;
                default: throw new FormatException($"unknown option {name}.");
            }
        }
        if (seedPaths.Count > 0 && numbersGiven)
        {
            throw new FormatException("--seed and --numbers exclude each other: the snapshot decides the numbers.");
        }
        return new ParsedCommandLine(options, parentPid, seedPaths, requestLogPath, Help: false);
    }

    /// <summary>The lines after "listening on": how to connect, and what is served.</summary>
    public static string ConnectionDetails(string url, EmulatorOptions options, ParsedCommandLine command)
    {
        var from = string.Join(", ", command.SeedPaths);
        var numbers = options.Seed is { } seed
            ? $"{seed.Count} from {from}"
            : $"{options.Numbers} generated (--numbers)";
        var resources = options.Resources is { } seededResources
            ? $"{seededResources.Count} from {from}"
            : $"{ResourceSeedData.Count} generated";
        var token = options.Token.Replace("'", "''", StringComparison.Ordinal);
        var lines = new List<string>
        {
            $"  Project ID:  {options.ProjectId}",
            $"  API token:   {options.Token}",
            $"  Numbers:     {numbers}",
            $"  Resources:   {resources}",
        };
        if (options.RequestLogFile is { } log)
        {
            lines.Add($"  Request log: {log.Path}");
        }
        lines.Add($"  Connect:     Connect-SwProject -Space {url} -ProjectId {options.ProjectId} " +
            $"-Token (ConvertTo-SecureString '{token}' -AsPlainText -Force)");
        lines.Add($"  Or set:      SIGNALWIRE_SPACE={url} SIGNALWIRE_PROJECT_ID={options.ProjectId} SIGNALWIRE_API_TOKEN={options.Token}");
        lines.Add($"  Control:     {url}{ControlEndpoints.Prefix}/requests, /faults, /config, /reset, /numbers, /resources, /registry, /e911");
        lines.Add("Press Ctrl+C to stop.");
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }

    private static FaultRule Fault(string spec)
    {
        try
        {
            return FaultRule.Parse(spec);
        }
        catch (FormatException e)
        {
            throw new FormatException($"--fault {spec}: {e.Message}", e);
        }
    }

    private static int Int(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new FormatException($"{name} must be an integer from {min} to {max}, not '{value}'.");

    private static string Text(string name, string value) =>
        value.Length > 0 ? value : throw new FormatException($"{name} must not be empty.");

    private static string Path(string name, string value) =>
        value.Length > 0 ? value : throw new FormatException($"{name} needs a file path.");

    /// <summary>
    /// A process started in the background by a non-interactive shell inherits SIGINT as ignored, and .NET then
    /// never reports it; a server must still stop on kill -INT, so restore the default before registering.
    /// </summary>
    public static void HonourInterrupt()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        try
        {
            _ = signal(SigInt, SigDfl);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // An unusual libc: SIGINT keeps whatever the parent gave us.
        }
    }

    private const int SigInt = 2;
    private const nint SigDfl = 0;

    [DllImport("libc", EntryPoint = "signal")]
    private static extern nint signal(int signum, nint handler);

    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
