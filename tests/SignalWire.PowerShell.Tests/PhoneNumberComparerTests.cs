using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;
using PhoneNumber = SignalWire.PowerShell.Models.PhoneNumber;

namespace SignalWire.PowerShell.Tests;

public class PhoneNumberComparerTests
{
    private const string IdA = "233dffc2-2ad3-455e-a597-0e332c39662a";
    private const string IdB = "5b7c1f0e-8a4d-4c3b-9e21-6f0d2a8b4c17";
    private const string IdC = "9d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
    private const string OtherProjectId = "0f0e0d0c-0b0a-4909-8807-060504030201";

    private static PhoneNumberField F(string apiName) => PhoneNumberFields.Get(apiName);

    private static PhoneNumber Number(string id, string number, Action<PhoneNumber>? set = null)
    {
        var n = new PhoneNumber
        {
            Id = id,
            Number = number,
            Name = "Front desk",
            CallHandler = "laml_webhooks",
            CallRequestUrl = "https://example.com/voice",
            CallRequestMethod = "POST",
        };
        set?.Invoke(n);
        return n;
    }

    private static (PhoneNumberField, string?)[] Cells(params (string ApiName, string? Value)[] cells) =>
        cells.Select(c => (F(c.ApiName), c.Value)).ToArray();

    /// <summary>Runs a comparison: the rows are added, the project streamed through, the outcomes read.</summary>
    private static (List<PhoneNumberDifference> Streamed, List<ComparisonOutcome> Outcomes, PhoneNumberComparer Comparer) Run(
        PhoneNumberComparer comparer, IEnumerable<PhoneNumber> project)
    {
        var streamed = new List<PhoneNumberDifference>();
        foreach (var number in project)
        {
            var difference = comparer.Observe(number);
            if (difference != null) streamed.Add(difference);
        }
        return (streamed, comparer.Finish().ToList(), comparer);
    }

    private static List<PhoneNumberDifference> Differences(List<ComparisonOutcome> outcomes) =>
        outcomes.SelectMany(o => o.Differences).ToList();

    private static PhoneNumberComparer Comparer(bool includeNotInReference = false, params string[] only) =>
        new(only.Length == 0 ? null : only.Select(F), includeNotInReference);

    [Fact]
    public void A_reference_that_matches_gives_no_difference_unset_and_spelling_included()
    {
        var comparer = Comparer();
        Assert.Null(comparer.Add(IdA, null, Cells(("name", "Front desk"), ("call_request_method", "post"), ("call_handler", "LAML_WEBHOOKS"))));
        Assert.Null(comparer.Add(null, "+15550000002", Cells(("call_request_url", "https://example.com/voice"), ("call_fallback_url", ""))));
        var (streamed, outcomes, _) = Run(comparer, [Number(IdA, "+15550000001"), Number(IdB, "+15550000002")]);
        Assert.Empty(streamed);
        Assert.Equal(2, outcomes.Count);
        Assert.All(outcomes, o => Assert.Null(o.Problem));
        Assert.Empty(Differences(outcomes));
    }

    [Fact]
    public void A_changed_field_is_one_difference_with_the_number_id_names_and_both_values()
    {
        var comparer = Comparer();
        comparer.Add(null, "+15550000001", Cells(("call_request_url", "https://example.com/new"), ("call_request_method", "get")));
        var difference = Differences(Run(comparer, [Number(IdA, "+15550000001")]).Outcomes);
        Assert.Equal(2, difference.Count);
        var url = difference[0];
        Assert.Equal(PhoneNumberDifferenceKind.Changed, url.Kind);
        Assert.Equal("+15550000001", url.Number);
        Assert.Equal(IdA, url.Id);
        Assert.Equal("CallRequestUrl", url.Property);
        Assert.Equal("call_request_url", url.ApiName);
        Assert.Equal("https://example.com/voice", url.Current);
        Assert.Equal("https://example.com/new", url.Desired);
        // The wanted value in the API's spelling, as Set-SwPhoneNumber would send it.
        Assert.Equal(("CallRequestMethod", "POST", "GET"), (difference[1].Property, difference[1].Current, difference[1].Desired));
    }

    [Fact]
    public void A_numbers_differences_come_in_the_field_tables_order_whatever_the_column_order()
    {
        var comparer = Comparer();
        comparer.Add(IdA, null, Cells(("message_handler", "relay_topic"), ("call_request_url", "https://example.com/new"), ("name", "Renamed")));
        var differences = Differences(Run(comparer, [Number(IdA, "+15550000001")]).Outcomes);
        Assert.Equal(["Name", "CallRequestUrl", "MessageHandler"], differences.Select(d => d.Property));
    }

    [Fact]
    public void An_unset_field_the_reference_wants_set_shows_null_as_its_current_value()
    {
        var comparer = Comparer();
        comparer.Add(IdA, null, Cells(("call_fallback_url", "https://example.com/fallback")));
        var difference = Assert.Single(Differences(Run(comparer, [Number(IdA, "+15550000001")]).Outcomes));
        Assert.Null(difference.Current);
        Assert.Equal("https://example.com/fallback", difference.Desired);
    }

    [Fact]
    public void Empty_and_null_cells_mean_do_not_care()
    {
        var comparer = Comparer();
        comparer.Add(IdA, null, Cells(("name", ""), ("call_request_url", null), ("call_handler", "")));
        var (_, outcomes, _) = Run(comparer, [Number(IdA, "+15550000001")]);
        Assert.Empty(Differences(outcomes));
    }

    [Fact]
    public void A_field_the_api_does_not_return_is_never_a_difference_and_is_named_as_not_comparable()
    {
        var comparer = Comparer();
        comparer.Add(IdA, null, Cells(("message_relay_application", "sms-bot"), ("name", "Front desk")));
        var (_, outcomes, c) = Run(comparer, [Number(IdA, "+15550000001")]);
        Assert.Empty(Differences(outcomes));
        Assert.Equal([F("message_relay_application")], c.NotComparable);
    }

    [Theory]
    [InlineData("+15550000001")]
    [InlineData("15550000001")]
    [InlineData("+1 (555) 000-0001")]
    [InlineData(" +1.555.000.0001 ")]
    public void A_number_is_matched_however_it_is_written(string written)
    {
        var comparer = Comparer();
        Assert.Null(comparer.Add(null, written, Cells(("name", "Renamed"))));
        var difference = Assert.Single(Differences(Run(comparer, [Number(IdA, "+15550000001")]).Outcomes));
        Assert.Equal("+15550000001", difference.Number);
    }

    [Fact]
    public void A_row_with_an_id_alone_is_matched_by_id_in_any_case()
    {
        var comparer = Comparer();
        comparer.Add(IdB.ToUpperInvariant(), "", Cells(("name", "Renamed")));
        var difference = Assert.Single(Differences(Run(comparer, [Number(IdA, "+15550000001"), Number(IdB, "+15550000002")]).Outcomes));
        Assert.Equal((IdB, "+15550000002"), (difference.Id, difference.Number));
    }

    [Fact]
    public void Another_projects_copy_is_matched_by_number_and_the_difference_carries_this_projects_id()
    {
        var comparer = Comparer(includeNotInReference: true);
        comparer.Add(OtherProjectId, "+15550000001", Cells(("call_request_url", "https://example.com/other")));
        var (streamed, outcomes, _) = Run(comparer, [Number(IdA, "+15550000001")]);
        Assert.Empty(streamed);
        var difference = Assert.Single(Differences(outcomes));
        Assert.Equal(IdA, difference.Id);
        Assert.Equal(PhoneNumberDifferenceKind.Changed, difference.Kind);
    }

    [Fact]
    public void An_id_beside_a_number_that_is_another_number_of_the_project_is_a_mismatch_and_not_compared()
    {
        var comparer = Comparer(includeNotInReference: true);
        comparer.Add(IdA, "+15550000002", Cells(("name", "which one?")));
        var (streamed, outcomes, _) = Run(comparer, [Number(IdA, "+15550000001"), Number(IdB, "+15550000002")]);
        // The number the id names is in the reference (wrongly): not reported as missing from it.
        Assert.Empty(streamed);
        var outcome = Assert.Single(outcomes);
        Assert.Empty(outcome.Differences);
        Assert.Equal(ComparisonProblemKind.IdNumberMismatch, outcome.Problem!.Kind);
        Assert.Contains("+15550000001", outcome.Problem.Message);
    }

    [Fact]
    public void A_number_the_project_lacks_is_one_NotInProject_difference_without_a_field()
    {
        var comparer = Comparer();
        comparer.Add(OtherProjectId, "15559990001", Cells(("name", "Gone")));
        comparer.Add(IdC, null, []);
        var differences = Differences(Run(comparer, [Number(IdA, "+15550000001")]).Outcomes);
        Assert.Equal(2, differences.Count);
        Assert.All(differences, d =>
        {
            Assert.Equal(PhoneNumberDifferenceKind.NotInProject, d.Kind);
            Assert.Null(d.Property);
            Assert.Null(d.ApiName);
            Assert.Null(d.Current);
            Assert.Null(d.Desired);
        });
        Assert.Equal(("+15559990001", OtherProjectId), (differences[0].Number, differences[0].Id));
        Assert.Equal((null, IdC), (differences[1].Number, differences[1].Id));
    }

    [Fact]
    public void Numbers_the_reference_does_not_name_are_reported_only_when_asked_and_as_they_stream()
    {
        var project = new[] { Number(IdA, "+15550000001"), Number(IdB, "+15550000002"), Number(IdC, "+15550000003") };
        var quiet = Comparer();
        quiet.Add(IdA, null, []);
        Assert.Empty(Run(quiet, project).Streamed);

        var asked = Comparer(includeNotInReference: true);
        asked.Add(IdA, null, []);
        var streamed = Run(asked, project).Streamed;
        Assert.Equal(["+15550000002", "+15550000003"], streamed.Select(d => d.Number));
        Assert.All(streamed, d => Assert.Equal(PhoneNumberDifferenceKind.NotInReference, d.Kind));
        Assert.Equal([IdB, IdC], streamed.Select(d => d.Id));
    }

    [Fact]
    public void A_property_list_narrows_the_comparison_to_the_fields_a_team_manages()
    {
        var comparer = Comparer(false, "call_handler", "call_request_url");
        comparer.Add(IdA, null,
            Cells(("name", "Renamed"), ("call_request_url", "https://example.com/new"), ("call_fallback_url", "https://example.com/f")));
        var difference = Assert.Single(Differences(Run(comparer, [Number(IdA, "+15550000001")]).Outcomes));
        Assert.Equal("CallRequestUrl", difference.Property);
    }

    [Theory]
    [InlineData("not-a-uuid", null, "InvalidId", "not-a-uuid")]
    [InlineData(null, "555-1234", "InvalidId", "555-1234")]
    [InlineData("", "  ", "NoTarget", "neither an Id nor a Number")]
    public void A_row_that_names_no_number_is_refused_with_Set_SwPhoneNumbers_error_id(string? id, string? number, string errorId, string mentioned)
    {
        var comparer = Comparer();
        var problem = comparer.Add(id, number, Cells(("name", "x")));
        // The kind's name is the error id the cmdlet writes.
        Assert.Equal(errorId, problem!.Kind.ToString());
        Assert.Contains(mentioned, problem.Message);
        Assert.Equal(0, comparer.Count);
    }

    [Fact]
    public void A_value_not_allowed_is_one_error_for_its_row_and_the_other_rows_are_compared()
    {
        var comparer = Comparer();
        comparer.Add(IdA, null, Cells(("call_request_url", "ftp://example.com/x"), ("name", "Renamed")));
        comparer.Add(IdB, null, Cells(("name", "Renamed")));
        var outcomes = Run(comparer, [Number(IdA, "+15550000001"), Number(IdB, "+15550000002")]).Outcomes;
        Assert.Equal(ComparisonProblemKind.InvalidFieldValue, outcomes[0].Problem!.Kind);
        Assert.Contains("CallRequestUrl", outcomes[0].Problem!.Message);
        Assert.Empty(outcomes[0].Differences);
        Assert.Null(outcomes[1].Problem);
        Assert.Equal(IdB, Assert.Single(outcomes[1].Differences).Id);
    }

    [Fact]
    public void A_value_only_the_api_sets_passes_where_the_number_already_has_it()
    {
        // A full export of a number a call queue answers: call_queue is not a value the update takes, but it is not a change.
        var comparer = Comparer();
        comparer.Add(IdA, null, Cells(("call_handler", "call_queue")));
        comparer.Add(IdB, null, Cells(("call_handler", "call_queue")));
        var outcomes = Run(comparer, [Number(IdA, "+15550000001", n => n.CallHandler = "call_queue"), Number(IdB, "+15550000002")]).Outcomes;
        Assert.Null(outcomes[0].Problem);
        Assert.Empty(outcomes[0].Differences);
        Assert.Equal(ComparisonProblemKind.InvalidFieldValue, outcomes[1].Problem!.Kind);
    }

    [Fact]
    public void Rows_naming_one_number_are_merged_in_order_the_last_value_of_a_field_winning()
    {
        var comparer = Comparer();
        comparer.Add(null, "+15550000001", Cells(("name", "First"), ("call_request_url", "https://example.com/first")));
        comparer.Add(null, "15550000001", Cells(("name", "Second"), ("call_request_url", "")));
        var (_, outcomes, c) = Run(comparer, [Number(IdA, "+15550000001")]);
        Assert.Equal(["+15550000001"], c.NamedTwice);
        var differences = Differences(outcomes);
        Assert.Equal([("Name", "Second"), ("CallRequestUrl", "https://example.com/first")], differences.Select(d => (d.Property!, d.Desired!)));
    }

    [Fact]
    public void A_row_by_id_and_a_row_by_number_for_the_same_number_are_merged_as_duplicates()
    {
        var comparer = Comparer();
        comparer.Add(IdA, null, Cells(("name", "By id")));
        comparer.Add(null, "+15550000001", Cells(("name", "By number"), ("call_fallback_url", "https://example.com/f")));
        var (_, outcomes, c) = Run(comparer, [Number(IdA, "+15550000001")]);
        Assert.Equal(["+15550000001"], c.NamedTwice);
        var outcome = Assert.Single(outcomes);
        Assert.Equal([("Name", "By number"), ("CallFallbackUrl", "https://example.com/f")],
            outcome.Differences.Select(d => (d.Property!, d.Desired!)));
    }

    [Fact]
    public void Two_numbers_of_the_project_with_the_rows_number_are_ambiguous()
    {
        var comparer = Comparer();
        comparer.Add(null, "+15550000001", Cells(("name", "x")));
        var outcome = Assert.Single(Run(comparer, [Number(IdA, "+15550000001"), Number(IdB, "+15550000001")]).Outcomes);
        Assert.Equal(ComparisonProblemKind.AmbiguousNumber, outcome.Problem!.Kind);
        Assert.Contains(IdB, outcome.Problem.Message);
    }

    [Fact]
    public void Outcomes_come_in_reference_order_whatever_the_listing_order_with_a_numbers_differences_together()
    {
        var comparer = Comparer();
        comparer.Add(IdC, null, Cells(("name", "C"), ("call_request_url", "https://example.com/c")));
        comparer.Add(null, "+15559990001", []);
        comparer.Add(IdA, null, Cells(("name", "A"), ("call_request_method", "GET")));
        var differences = Differences(Run(comparer,
            [Number(IdA, "+15550000001"), Number(IdB, "+15550000002"), Number(IdC, "+15550000003")]).Outcomes);
        Assert.Equal(["+15550000003", "+15550000003", "+15559990001", "+15550000001", "+15550000001"], differences.Select(d => d.Number));
    }

    [Fact]
    public void A_large_project_streams_through_a_small_reference_leaving_only_the_rows_outcomes()
    {
        // Ten thousand numbers stream through a reference of two rows: only the two rows' outcomes remain.
        var comparer = Comparer();
        comparer.Add(null, "+15550000001", Cells(("name", "Renamed")));
        comparer.Add(null, "+15550009999", Cells(("name", "Renamed")));
        var project = Enumerable.Range(0, 10_000).Select(i => Number(Guid.NewGuid().ToString(), "+1555" + i.ToString("D7")));
        var (streamed, outcomes, _) = Run(comparer, project);
        Assert.Empty(streamed);
        Assert.Equal(2, outcomes.Count);
        Assert.Equal(["+15550000001", "+15550009999"], Differences(outcomes).Select(d => d.Number));
    }

    [Fact]
    public void A_difference_reads_as_number_field_and_both_values()
    {
        var d = new PhoneNumberDifference(PhoneNumberDifferenceKind.Changed, "+15550000001", IdA, F("call_relay_topic"), null, "office");
        Assert.Equal("+15550000001 CallRelayTopic: '' → 'office'", d.ToString());
        Assert.Equal("+15550000001 NotInProject", new PhoneNumberDifference(PhoneNumberDifferenceKind.NotInProject, "+15550000001", null).ToString());
    }
}
