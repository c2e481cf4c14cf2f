using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Tests;

public class E911RulesTests
{
    private const string Address = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    [Fact]
    public void A_toll_free_number_is_refused_an_address_naming_the_number_and_why()
    {
        var reason = E911Rules.AssignmentRefusal(new PhoneNumber { Id = "x", Number = "+18005550100", NumberType = "toll-free" }, "+18005550100");
        Assert.Contains("+18005550100", reason);
        Assert.Contains("Not supported for toll-free numbers", reason);
        Assert.Null(E911Rules.AssignmentRefusal(new PhoneNumber { Id = "x", NumberType = "longcode" }, "+15035550100"));
    }

    [Theory]
    [InlineData("active", true)]
    [InlineData("pending", true)]
    [InlineData("failed", false)] // sent again: the way out of a failed assignment
    public void The_same_address_is_sent_again_only_after_a_failed_assignment(string status, bool alreadyAssigned)
    {
        var number = new PhoneNumber { Id = "x", E911AddressId = Address, E911Status = status };
        Assert.Equal(alreadyAssigned, E911Rules.AlreadyAssigned(number, Address.ToUpperInvariant()));
        Assert.False(E911Rules.AlreadyAssigned(number, "1313fe58-5e14-4c11-bbe7-6fdfa11fe781"));
    }

    [Fact]
    public void Removal_is_refused_unless_active_and_a_failed_one_names_the_way_out()
    {
        Assert.Null(E911Rules.RemovalRefusal(new PhoneNumber { Id = "x", E911AddressId = Address, E911Status = "active" }, "n"));
        Assert.Null(E911Rules.RemovalRefusal(new PhoneNumber { Id = "x" }, "n"));
        Assert.Contains("'pending'", E911Rules.RemovalRefusal(new PhoneNumber { Id = "x", E911AddressId = Address, E911Status = "pending" }, "n"));
        var failed = E911Rules.RemovalRefusal(new PhoneNumber { Id = "x", E911AddressId = Address, E911Status = "failed" }, "+15035550100")!;
        Assert.Contains("-E911AddressId", failed);
        Assert.Contains("-E911Status failed", failed);
        var tollFree = E911Rules.RemovalRefusal(
            new PhoneNumber { Id = "x", E911AddressId = Address, E911Status = "failed", NumberType = "toll-free" }, "n")!;
        Assert.Contains("support", tollFree);
    }
}
