using System;
using System.Management.Automation;
using System.Security;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Cmdlets;

/// <summary>Connects to a project, proves the credentials with one request, and makes it this runspace's default session.</summary>
[Cmdlet(VerbsCommunications.Connect, "SwProject", DefaultParameterSetName = TokenSet)]
[OutputType(typeof(SwSession))]
public sealed class ConnectSwProjectCommand : SwCmdlet
{
    private const string TokenSet = "Token";
    private const string CredentialSet = "Credential";

    [Parameter(Position = 0)]
    public string? Space { get; set; }

    [Parameter(ParameterSetName = TokenSet)]
    [ValidateUuid]
    public string? ProjectId { get; set; }

    [Parameter(ParameterSetName = TokenSet)]
    public SecureString? Token { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    public PSCredential? Credential { get; set; }

    [Parameter]
    [ValidateRange(0, 10)]
    public int MaximumRetryCount { get; set; } = 4;

    [Parameter]
    [ValidateRange(1, 600)]
    public int TimeoutSec { get; set; } = 30;

    /// <summary>Writes per second the session allows itself; the API allows 1,380. 0 turns the limit off.</summary>
    [Parameter]
    [ValidateRange(0.0, 100000.0)]
    public double WriteRateLimit { get; set; } = 1380;

    /// <summary>A change journal every writing cmdlet of the session appends to (a cmdlet's own -JournalPath wins).</summary>
    [Parameter]
    public string? JournalPath { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var space = Space ?? Environment.GetEnvironmentVariable("SIGNALWIRE_SPACE");
        string? projectId;
        SecureString? token;
        if (Credential != null)
        {
            projectId = Credential.UserName;
            token = Credential.Password;
        }
        else
        {
            projectId = ProjectId ?? Environment.GetEnvironmentVariable("SIGNALWIRE_PROJECT_ID");
            token = Token ?? TokenFromEnvironment();
        }

        if (string.IsNullOrWhiteSpace(space))
            Refuse("MissingSpace", "No space given: pass -Space (a name such as 'example', a host or a URL) or set SIGNALWIRE_SPACE.", null);
        if (string.IsNullOrWhiteSpace(projectId))
            Refuse("MissingProjectId", "No project ID given: pass -ProjectId with -Token, or -Credential, or set SIGNALWIRE_PROJECT_ID.", null);
        if (!Guid.TryParseExact(projectId!.Trim(), "D", out _))
            Refuse("InvalidProjectId", $"'{projectId}' is not a project ID: it must be a UUID such as 233dffc2-2ad3-455e-a597-0e332c39662a.",
                projectId);
        if (token == null || token.Length == 0)
            Refuse("MissingToken",
                "No API token given: pass -Token as a SecureString (Read-Host -AsSecureString), or -Credential, or set SIGNALWIRE_API_TOKEN.",
                null);

        var journalPath = JournalPathOrRefuse();

        Uri spaceUrl = null!;
        try
        {
            spaceUrl = SpaceAddress.Parse(space!);
        }
        catch (ArgumentException e)
        {
            Refuse("InvalidSpace", "-Space: " + e.Message, SpaceAddress.Redact(space!));
        }

        var options = new SignalWireClientOptions(spaceUrl, projectId.Trim(), token!.Copy())
        {
            MaximumRetryCount = MaximumRetryCount,
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
            WriteRateLimit = WriteRateLimit,
        };
        options.Token.MakeReadOnly();
        var client = new SignalWireClient(options);
        try
        {
            // Proves the space, the project and the token before anything depends on them; reads no links or numbers.
            Await(client.CheckAccessAsync(this, Cancellation));
        }
        catch (SignalWireApiException e)
        {
            client.Dispose();
            ThrowTerminatingError(ErrorRecords.FromApi(e, spaceUrl));
        }
        catch
        {
            // Ctrl+C or anything else: no session, so no connection pool left behind either.
            client.Dispose();
            throw;
        }

        var session = new SwSession(client, DateTime.Now) { JournalPath = journalPath };
        DefaultSession.Current = session;
        WriteVerbose($"Connected to {session}; it is now this runspace's default session.");
        if (PassThru) WriteObject(session);
    }

    /// <summary>The journal's full path, checked now (created when missing) rather than at the first write.</summary>
    private string? JournalPathOrRefuse()
    {
        if (string.IsNullOrEmpty(JournalPath)) return null;
        using var journal = OpenJournalOrStop(JournalPath!, "");
        return journal.FullPath;
    }

    private void Refuse(string id, string message, object? target) =>
        ThrowTerminatingError(ErrorRecords.InvalidArgument(id, message, target));

    private static SecureString? TokenFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable("SIGNALWIRE_API_TOKEN") ?? Environment.GetEnvironmentVariable("SIGNALWIRE_TOKEN");
        if (string.IsNullOrEmpty(text)) return null;
        var token = new SecureString();
        foreach (var c in text!) token.AppendChar(c);
        token.MakeReadOnly();
        return token;
    }
}
