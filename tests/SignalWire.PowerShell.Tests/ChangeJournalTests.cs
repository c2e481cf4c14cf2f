using System.Text;
using System.Text.Json;
using SignalWire.PowerShell.Client;

namespace SignalWire.PowerShell.Tests;

public sealed class ChangeJournalTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"journal-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(path);

    private static JournalRecord Sent(int n) => new()
    {
        WriteId = $"w{n}",
        BatchId = "b1",
        Cmdlet = "Set-SwPhoneNumber",
        Action = "update",
        Space = "example.signalwire.com",
        ProjectId = "p1",
        User = "ada",
        Machine = "box",
        Number = $"+1555000{n:0000}",
        Id = $"00000000-0000-4000-8000-{n:000000000000}",
        Changes = [new("call_handler", "laml_webhooks", true, "relay_topic"), new("message_relay_application", null, false, "bot \"one\"")],
    };

    [Fact]
    public void A_record_reads_back_as_written()
    {
        using (var journal = ChangeJournal.Open(path))
        {
            journal.Write(Sent(1));
            var applied = Sent(1).With(JournalOutcome.Applied);
            applied.Returned = new Dictionary<string, string?> { ["call_handler"] = "relay_topic", ["call_relay_topic"] = null };
            journal.Write(applied);
            var failed = Sent(2).With(JournalOutcome.Failed);
            failed.ErrorId = "PhoneNumberNotFound";
            failed.ErrorMessage = "Not Found";
            journal.Write(failed);
        }

        var records = ChangeJournal.Read(path).ToList();
        Assert.Equal(["sent", "applied", "failed"], records.Select(r => r.Outcome));
        Assert.All(records.Take(2), r => Assert.Equal("w1", r.WriteId));
        var first = records[0];
        Assert.Equal(("Set-SwPhoneNumber", "update", "example.signalwire.com", "p1", "+15550000001"),
            (first.Cmdlet, first.Action, first.Space, first.ProjectId, first.Number));
        Assert.Equal([("call_handler", "laml_webhooks", true, "relay_topic"), ("message_relay_application", null, false, "bot \"one\"")],
            first.Changes.Select(c => (c.Field, c.Old, c.OldKnown, c.New)));
        Assert.Equal("relay_topic", records[1].Returned!["call_handler"]);
        Assert.Null(records[1].Returned!["call_relay_topic"]);
        Assert.Equal(("PhoneNumberNotFound", "Not Found"), (records[2].ErrorId, records[2].ErrorMessage));
        Assert.Equal(DateTimeKind.Utc, first.Time.Kind);
    }

    [Fact]
    public void Each_record_is_one_line_of_JSON_with_the_documented_keys()
    {
        using (var journal = ChangeJournal.Open(path)) journal.Write(Sent(7));
        var line = Assert.Single(File.ReadAllLines(path));
        using var document = JsonDocument.Parse(line);
        Assert.Equal(
            ["time", "outcome", "write_id", "batch_id", "cmdlet", "action", "space", "project_id", "user", "machine", "number", "id", "changes"],
            document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", document.RootElement.GetProperty("time").GetString());
    }

    [Fact]
    public void A_number_is_written_as_it_is_so_that_grep_finds_it_and_a_line_break_in_a_value_stays_escaped()
    {
        var record = Sent(7);
        record.Changes = [new("name", "first\nsecond", true, "bot \"one\"")];
        using (var journal = ChangeJournal.Open(path)) journal.Write(record);
        var line = Assert.Single(File.ReadAllLines(path));
        Assert.Contains("\"number\":\"+15550000007\"", line);
        Assert.Contains("first\\nsecond", line);
        Assert.Equal("first\nsecond", Assert.Single(ChangeJournal.Read(path)).Changes[0].Old);
    }

    [Fact]
    public void Appends_to_what_is_there_and_never_overwrites()
    {
        File.WriteAllText(path, Encoding.UTF8.GetString(Sent(1).ToJsonLine()));
        using (var journal = ChangeJournal.Open(path)) journal.Write(Sent(2));
        using (var journal = ChangeJournal.Open(path)) journal.Write(Sent(3));
        Assert.Equal(["w1", "w2", "w3"], ChangeJournal.Read(path).Select(r => r.WriteId));
    }

    [Fact]
    public void Lines_from_many_writers_on_one_file_never_interleave()
    {
        // Two journals on one file (two batches of one session) and four threads each.
        using var a = ChangeJournal.Open(path);
        using var b = ChangeJournal.Open(path);
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, writer =>
        {
            var journal = writer % 2 == 0 ? a : b;
            for (var i = 0; i < 250; i++) journal.Write(Sent(writer * 1000 + i));
        });
        var lines = File.ReadAllLines(path);
        Assert.Equal(2000, lines.Length);
        Assert.All(lines, line => JsonDocument.Parse(line).Dispose());
        Assert.Equal(2000, ChangeJournal.Read(path).Select(r => r.WriteId).Distinct().Count());
    }

    [Fact]
    public void A_last_line_cut_short_by_a_killed_process_is_skipped_and_other_bad_lines_are_named()
    {
        var whole = Encoding.UTF8.GetString(Sent(1).ToJsonLine());
        var cut = Encoding.UTF8.GetString(Sent(2).ToJsonLine())[..40];
        File.WriteAllText(path, whole + "not json\n" + "{\"hello\":1}\n" + whole + cut);
        var unreadable = new List<int>();
        var records = ChangeJournal.Read(path, (line, _) => unreadable.Add(line)).ToList();
        Assert.Equal(2, records.Count);
        Assert.Equal([2, 3], unreadable);
    }
}
