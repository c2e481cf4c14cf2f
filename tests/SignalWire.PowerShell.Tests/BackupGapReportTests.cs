using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;
using PhoneNumber = SignalWire.PowerShell.Models.PhoneNumber;

namespace SignalWire.PowerShell.Tests;

public class BackupGapReportTests
{
    private static PhoneNumberField F(string apiName) => PhoneNumberFields.Get(apiName);

    private static readonly PhoneNumberUpdate ToTopic =
        new PhoneNumberUpdate().Set(F("call_handler"), "relay_topic").Set(F("call_relay_topic"), "office");

    private static string Label(int i) => $"+1555{i:D7}";

    private static string Resource(int i) => $"00000000-0000-4000-8000-{i:D12}";

    private static PhoneNumber OnAgent(int i) => new() { Id = $"id-{i}", CallHandler = "ai_agent", CallingHandlerResourceId = Resource(i) };

    [Fact]
    public void A_thousand_numbers_moved_off_an_AI_agent_make_one_warning_naming_twenty_with_their_handler_resources()
    {
        var report = new BackupGapReport();
        for (var i = 0; i < 1000; i++) report.Add(i, Label(i), ToTopic.BackupGaps(OnAgent(i)));

        var text = report.Describe(BackupGapMoment.Done)!;

        Assert.StartsWith("1000 numbers were moved in ways no backup can undo. Off call_handler 'ai_agent' (1000 numbers): " +
            "the API never returns call_ai_agent_id, so a backup cannot bring their targets back; note them now to return a number " +
            "with -CallHandler ai_agent -CallAiAgentId <id>. The numbers, with the handler resource each had: " +
            $"{Label(0)} ({Resource(0)}), {Label(1)} ({Resource(1)}), ", text);
        Assert.Contains($"{Label(19)} ({Resource(19)}) and 980 more.", text);
        Assert.DoesNotContain(Label(20), text);
        Assert.EndsWith("-Verbose names every number with its handler resource.", text);
    }

    [Fact]
    public void Each_kind_of_move_is_named_once_in_the_one_warning_and_a_failed_update_is_left_out()
    {
        var report = new BackupGapReport();
        report.Add("a", Label(1), ToTopic.BackupGaps(OnAgent(1)));
        report.Add("b", Label(2), ToTopic.BackupGaps(new PhoneNumber { Id = "b", CallHandler = "call_flow" }));
        var toApplication = new PhoneNumberUpdate().Set(F("message_handler"), "relay_application");
        report.Add("c", Label(3), toApplication.BackupGaps(new PhoneNumber { Id = "c", MessageHandler = "laml_webhooks" }));
        report.Add("d", Label(4), ToTopic.BackupGaps(OnAgent(4)));
        report.Drop("d");

        var text = report.Describe(BackupGapMoment.WhatIf)!;

        Assert.Equal("3 numbers would be moved in ways no backup can undo. " +
            "Off call_handler 'ai_agent' (1 number): the API never returns call_ai_agent_id, so a backup cannot bring their targets back; " +
            "note them now to return a number with -CallHandler ai_agent -CallAiAgentId <id>. " +
            $"The numbers, with the handler resource each had: {Label(1)} ({Resource(1)}). " +
            "Off call_handler 'call_flow' (1 number): the API never returns call_flow_id, so a backup cannot bring their targets back; " +
            "note them now to return a number with -CallHandler call_flow -CallFlowId <id>. " +
            $"The numbers, with the handler resource each had: {Label(2)}. " +
            "To message_handler 'relay_application' without message_relay_application (1 number): the API never returns it, so no backup " +
            "holds it and each number uses whatever message_relay_application SignalWire last had for it; give -MessageRelayApplication " +
            $"to be sure. The numbers: {Label(3)}.", text);
    }

    [Fact]
    public void A_batch_cut_short_says_so_and_one_without_gaps_says_nothing()
    {
        var report = new BackupGapReport();
        Assert.Null(report.Describe(BackupGapMoment.Done));
        report.Add(1, Label(1), ToTopic.BackupGaps(OnAgent(1)));
        Assert.StartsWith("Before the stop, 1 number was to be moved in ways no backup can undo (the account of the stop says which updates " +
            "were applied). Off call_handler 'ai_agent' (1 number)", report.Describe(BackupGapMoment.Stopped));
        Assert.StartsWith("1 number was moved", report.Describe(BackupGapMoment.Done));
        report.Drop(1);
        Assert.Null(report.Describe(BackupGapMoment.Done));
    }
}
