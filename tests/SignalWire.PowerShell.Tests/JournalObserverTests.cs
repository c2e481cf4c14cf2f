using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Internal.Bulk;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Tests;

public sealed class JournalObserverTests : IDisposable
{
    private const string NumberId = "00000000-0000-4000-8000-000000000001";
    private readonly string path = Path.Combine(Path.GetTempPath(), $"observer-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(path);

    private JournalObserver Open() =>
        new(ChangeJournal.Open(path), new JournalContext("Set-SwPhoneNumber", "example.signalwire.com", "p1"));

    private static PhoneNumberWrite NameWrite(string? before, string after) =>
        PhoneNumberWrite.Update(NumberId, "+15550000001", new PhoneNumber { Id = NumberId, Number = "+15550000001", Name = before },
            new PhoneNumberUpdate().Set(PhoneNumberFields.Get("name"), after));

    [Fact]
    public void A_write_is_recorded_sent_before_it_leaves_then_applied_with_what_the_API_returned()
    {
        var write = NameWrite("Sales", "Support");
        using (var observer = Open())
        {
            IChangeObserver changes = observer;
            changes.WriteSending(write);
            var sent = ChangeJournal.Read(path).Single();
            Assert.Equal(JournalOutcome.Sent, sent.Outcome);
            Assert.Equal("update", sent.Action);
            Assert.Equal(("name", "Sales", true, "Support"),
                (sent.Changes[0].Field, sent.Changes[0].Old, sent.Changes[0].OldKnown, sent.Changes[0].New));
            changes.WriteEnded(write, WriteOutcome.Applied(new PhoneNumber { Id = NumberId, Number = "+15550000001", Name = "Support" }));
        }
        var records = ChangeJournal.Read(path).ToList();
        Assert.Equal(new[] { "sent", "applied" }, records.Select(r => r.Outcome));
        Assert.Equal(records[0].WriteId, records[1].WriteId);
        Assert.Equal(records[0].BatchId, records[1].BatchId);
        Assert.Equal("Support", records[1].Returned!["name"]);
        Assert.Equal((Environment.UserName, Environment.MachineName, "example.signalwire.com", "p1"),
            (records[1].User, records[1].Machine, records[1].Space, records[1].ProjectId));
    }

    [Fact]
    public void A_failure_carries_its_error_and_a_write_never_sent_is_not_recorded()
    {
        var sent = NameWrite("Sales", "Support");
        var neverSent = NameWrite("Sales", "Billing");
        using (var observer = Open())
        {
            IChangeObserver changes = observer;
            changes.WriteSending(sent);
            changes.WriteEnded(sent, WriteOutcome.Failed(new InvalidOperationException("refused"), "ValidationFailed"));
            changes.WriteEnded(neverSent, WriteOutcome.Unknown());
        }
        var records = ChangeJournal.Read(path).ToList();
        Assert.Equal(new[] { "sent", "failed" }, records.Select(r => r.Outcome));
        Assert.Equal(("ValidationFailed", "refused"), (records[1].ErrorId, records[1].ErrorMessage));
        Assert.Null(records[1].Returned);
    }

    [Fact]
    public void A_write_still_open_when_the_journal_closes_is_recorded_unknown()
    {
        var write = NameWrite(null, "Support");
        using (var observer = Open()) ((IChangeObserver)observer).WriteSending(write);
        Assert.Equal(new[] { "sent", "unknown" }, ChangeJournal.Read(path).Select(r => r.Outcome));
    }

    [Fact]
    public void A_stop_report_names_every_number_however_many()
    {
        var numbers = Enumerable.Range(0, 250).Select(i => $"+1555000{i:0000}").ToList();
        var text = new StopReport(3, numbers, numbers, Array.Empty<string>(), 0).Describe("Set-SwPhoneNumber", "/tmp/j.jsonl")!;
        Assert.DoesNotContain(" more", text);
        foreach (var number in numbers) Assert.Contains(number, text);
        Assert.Contains("/tmp/j.jsonl", text);
    }
}
