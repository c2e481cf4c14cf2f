using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Tests;

public class UndoPlanTests
{
    private const string IdA = "00000000-0000-4000-8000-00000000000a";
    private const string IdB = "00000000-0000-4000-8000-00000000000b";
    private static readonly DateTime T0 = new(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);

    private static JournalRecord Record(string id, int minute, string outcome, params JournalChange[] changes) => new()
    {
        Time = T0.AddMinutes(minute),
        Outcome = outcome,
        WriteId = $"{id}-{minute}",
        Id = id,
        Number = id == IdA ? "+15550000001" : "+15550000002",
        Changes = changes,
    };

    private static JournalChange Change(string field, string? from, string? to, bool known = true) => new(field, from, known, to);

    [Fact]
    public void Only_applied_writes_count_and_each_field_goes_back_to_its_value_before_the_first()
    {
        var plan = UndoPlan.FromJournal(
        [
            Record(IdA, 1, "sent", Change("call_relay_topic", "a", "b")),
            Record(IdA, 1, "applied", Change("call_relay_topic", "a", "b")),
            Record(IdA, 2, "applied", Change("call_relay_topic", "b", "c"), Change("name", null, "Sales")),
            Record(IdB, 3, "failed", Change("name", "x", "y")),
            Record(IdB, 4, "unknown", Change("name", "x", "z")),
        ], after: null);
        var undo = Assert.Single(plan);
        Assert.Equal(("a", "c"), undo.Fields["call_relay_topic"]);
        Assert.Equal((null, "Sales"), undo.Fields["name"]);
        var decision = UndoPlan.Decide(undo, new PhoneNumber { Id = IdA, CallRelayTopic = "c", Name = "Sales" });
        Assert.Equal([("call_relay_topic", "a"), ("name", "")], decision.Update.Changes.Select(c => (c.Field.ApiName, c.Value)));
        Assert.Empty(decision.ChangedSince);
    }

    [Fact]
    public void The_actions_undo_does_not_put_back_are_left_out_and_every_other_applied_one_counts()
    {
        var notUndone = UndoPlan.NotUndone.SelectMany(kind => kind.Actions).ToList();
        Assert.Equal(["purchase", "release", "campaign_order", "campaign_remove"], notUndone);
        var records = notUndone.Select((action, i) => WithAction(Record(IdA, i, "applied", Change("name", "x", "y")), action)).ToList();
        Assert.Empty(UndoPlan.FromJournal(records, after: null));
        records.Add(WithAction(Record(IdB, 9, "applied", Change("name", "x", "y")), "update"));
        Assert.Equal(IdB, Assert.Single(UndoPlan.FromJournal(records, after: null)).Id);
    }

    private static JournalRecord WithAction(JournalRecord record, string action)
    {
        record.Action = action;
        return record;
    }

    [Fact]
    public void A_field_someone_changed_since_is_left_alone_and_named()
    {
        var undo = Assert.Single(UndoPlan.FromJournal(
            [Record(IdA, 1, "applied", Change("call_relay_topic", "a", "b"), Change("name", "n", "m"))], null));
        var decision = UndoPlan.Decide(undo, new PhoneNumber { Id = IdA, CallRelayTopic = "colleague", Name = "m" });
        Assert.Equal([("name", "n")], decision.Update.Changes.Select(c => (c.Field.ApiName, c.Value)));
        Assert.Equal([("call_relay_topic", "colleague", "b")], decision.ChangedSince);
    }

    [Fact]
    public void After_a_time_only_later_changes_are_undone_and_unknown_old_values_are_named()
    {
        var plan = UndoPlan.FromJournal(
        [
            Record(IdA, 1, "applied", Change("name", "first", "second")),
            Record(IdA, 5, "applied", Change("name", "second", "third"), Change("message_relay_application", null, "bot", known: false)),
        ], after: T0.AddMinutes(2));
        var undo = Assert.Single(plan);
        Assert.Equal(("second", "third"), undo.Fields["name"]);
        Assert.Equal(["message_relay_application"], undo.Unknown);
    }

    [Fact]
    public void An_address_assignment_is_undone_by_removing_or_assigning_back()
    {
        const string Hq = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
        const string Old = "1313fe58-5e14-4c11-bbe7-6fdfa11fe781";
        var fromNone = Assert.Single(UndoPlan.FromJournal([Record(IdA, 1, "applied", Change("e911_address_id", null, Hq))], null));
        Assert.Equal("", UndoPlan.Decide(fromNone, new PhoneNumber { Id = IdA, E911AddressId = Hq }).Address);
        var fromOld = Assert.Single(UndoPlan.FromJournal([Record(IdA, 1, "applied", Change("e911_address_id", Old, Hq))], null));
        Assert.Equal(Old, UndoPlan.Decide(fromOld, new PhoneNumber { Id = IdA, E911AddressId = Hq }).Address);
        var moved = UndoPlan.Decide(fromOld, new PhoneNumber { Id = IdA, E911AddressId = "9a9a9a9a-5717-4562-b3fc-2c963f66afa6" });
        Assert.Null(moved.Address);
        Assert.Single(moved.ChangedSince);
    }
}
