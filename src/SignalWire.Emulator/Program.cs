using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using SignalWire.Emulator;

// Command line: dotnet SignalWire.Emulator.dll [--port N] [--numbers N] [--project-id ID] [--token T]
//   [--latency-ms N] [--write-rate-limit N] [--e911-delay-ms N] [--fault SPEC]... [--parent-pid PID]
// Prints exactly one line on stdout when ready; everything else goes to stderr.

EmulatorOptions options;
int? parentPid;
try
{
    (options, parentPid) = CommandLine.Parse(args);
}
catch (FormatException e)
{
    Console.Error.WriteLine($"SignalWire emulator: {e.Message}");
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

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
Console.Out.WriteLine($"SignalWire emulator listening on {emulator.BaseUrl.ToString().TrimEnd('/')}");
Console.Out.Flush();

if (parentPid is { } pid)
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

internal static class CommandLine
{
    public const string Usage =
        "usage: SignalWire.Emulator [--port N] [--numbers N] [--project-id ID] [--token T] [--latency-ms N] " +
        "[--write-rate-limit N] [--links relative|absolute] [--e911-delay-ms N] [--fault action=status,status=503,times=2,method=PUT]... [--parent-pid PID]";

    public static (EmulatorOptions Options, int? ParentPid) Parse(string[] args)
    {
        var options = new EmulatorOptions();
        int? parentPid = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
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
                case "--numbers": options.Numbers = Int(name, value, 0, 10_000_000); break;
                case "--project-id": options.ProjectId = value; break;
                case "--token": options.Token = value; break;
                case "--latency-ms": options.LatencyMs = Int(name, value, 0, int.MaxValue); break;
                case "--write-rate-limit": options.WriteRateLimit = Int(name, value, 0, int.MaxValue); break;
                case "--links": options.AbsoluteLinks = LinkForms.IsAbsolute(value); break;
                case "--e911-delay-ms": options.E911ProvisioningDelayMs = Int(name, value, 0, int.MaxValue); break;
                case "--fault": options.Faults.Add(FaultRule.Parse(value)); break;
                case "--parent-pid": parentPid = Int(name, value, 1, int.MaxValue); break;
                default: throw new FormatException($"unknown option {name}.");
            }
        }
        return (options, parentPid);
    }

    private static int Int(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new FormatException($"{name} must be an integer from {min} to {max}, not '{value}'.");

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
