using System.Text;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Tests;

/// <summary>The registry's client methods against the emulator: paths, bodies, and the registry's optional "data".</summary>
public class ClientRegistryTests
{
    private const string Registry = "/api/relay/rest/registry/beta";

    [Fact]
    public async Task Campaigns_carry_their_brand_and_assignments_their_campaign_name_and_nested_number()
    {
        await using var harness = await Harness.StartAsync(o => { o.Numbers = 5; o.RegistryOrderDelayMs = 0; });
        var brands = await harness.Client.ListAllBrandsAsync(null, CancellationToken.None);
        var health = brands.Single(b => b.Name == "Acme Health");
        var campaigns = await harness.Client.ListAllCampaignsAsync(health, null, null, CancellationToken.None);
        Assert.All(campaigns, c => Assert.Equal(("Acme Health", health.Id), (c.BrandName, c.BrandId)));
        var sms = campaigns.Single(c => c.Name == "Support SMS");
        Assert.Equal("CUSTOMER_CARE", sms.SmsUseCase);
        Assert.False(sms.NumberPoolingRequired);

        var numbers = await harness.Client.ListAllCampaignNumbersAsync(sms, "completed", null, CancellationToken.None);
        Assert.Equal(2, numbers.Count);
        Assert.All(numbers, n => Assert.Equal(("Support SMS", sms.Id, "completed"), (n.CampaignName, n.CampaignId, n.State)));
        Assert.Equal(numbers[0].PhoneNumber!.Number, numbers[0].Number);
        Assert.NotEqual(numbers[0].Id, numbers[0].PhoneNumberId); // the assignment's id is not the number's
        var last = harness.Requests[^1];
        Assert.Equal(($"{Registry}/campaigns/{sms.Id}/numbers", "filter_state=completed"), (last.Path, last.Query.TrimStart('?')));
    }

    [Fact]
    public async Task An_order_sends_the_numbers_in_E164_and_the_delete_takes_the_assignment_id()
    {
        await using var harness = await Harness.StartAsync(o => { o.Numbers = 8; o.RegistryOrderDelayMs = 0; });
        var health = (await harness.Client.ListAllBrandsAsync(null, CancellationToken.None)).Single(b => b.Name == "Acme Health");
        var sms = (await harness.Client.ListAllCampaignsAsync(health, "Support SMS", null, CancellationToken.None)).Single();
        var order = await harness.Client.CreateCampaignOrderAsync(sms, ["+15552000004", "+15552000005"], null, null, CancellationToken.None);
        Assert.Equal(("pending", "Support SMS"), (order.State, order.CampaignName));
        Assert.Equal(["+15552000004", "+15552000005"], order.PhoneNumbers);
        var post = harness.Requests.Single(r => r.Method == "POST");
        Assert.Equal($"{Registry}/campaigns/{sms.Id}/orders", post.Path);
        Assert.Equal("""{"phone_numbers":["+15552000004","+15552000005"]}""", post.Body);

        var processed = await harness.Client.GetCampaignOrderAsync(order.Id, null, CancellationToken.None);
        Assert.Equal("processed", processed.State);
        Assert.NotNull(processed.ProcessedAt);

        var assignment = (await harness.Client.ListAllCampaignNumbersAsync(sms, null, null, CancellationToken.None))
            .First(a => a.Number == "+15552000004");
        await harness.Client.DeleteCampaignNumberAsync(assignment.Id, null, CancellationToken.None);
        Assert.Equal($"{Registry}/numbers/{assignment.Id}", harness.Requests.Single(r => r.Method == "DELETE").Path);
    }

    [Fact]
    public async Task A_refused_order_is_a_validation_error_with_the_api_message()
    {
        await using var harness = await Harness.StartAsync(o => { o.Numbers = 5; o.RegistryOrderDelayMs = 0; });
        var health = (await harness.Client.ListAllBrandsAsync(null, CancellationToken.None)).Single(b => b.Name == "Acme Health");
        var reminders = (await harness.Client.ListAllCampaignsAsync(health, "Appointment", null, CancellationToken.None)).Single();
        var error = await Assert.ThrowsAsync<SignalWireApiException>(() =>
            harness.Client.CreateCampaignOrderAsync(reminders, ["+15552000000"], null, null, CancellationToken.None));
        Assert.Equal(SignalWireErrorKind.Validation, error.Kind);
        Assert.Contains("This resource is already assigned.", error.Message);
    }

    [Fact]
    public void A_registry_page_without_data_is_empty_as_the_spec_has_data_optional()
    {
        var page = new ListPage<Brand>(ResourceJson<Brand>.OpenPage(Encoding.UTF8.GetBytes("""{"links":{"self":"/x","first":"/x"}}"""), 200, null,
            dataOptional: true));
        Assert.Empty(page.Items);
        Assert.Null(page.Next);
        var error = Assert.Throws<SignalWireApiException>(() =>
            new ListPage<Brand>(ResourceJson<Brand>.OpenPage(Encoding.UTF8.GetBytes("""{"links":{}}"""), 200, null)).Items.Count);
        Assert.Contains("without its \"data\"", error.Message);
    }

    [Fact]
    public void The_order_body_leaves_out_an_empty_callback()
    {
        Assert.Equal("""{"phone_numbers":["+15558675309"],"status_callback_url":"https://example.com/handle_callback"}""",
            Encoding.UTF8.GetString(SignalWireClient.WriteOrder(["+15558675309"], "https://example.com/handle_callback")));
        Assert.Equal("""{"phone_numbers":[]}""", Encoding.UTF8.GetString(SignalWireClient.WriteOrder([], "")));
    }
}
