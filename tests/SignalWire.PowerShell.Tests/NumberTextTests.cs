using SignalWire.PowerShell.Models;

namespace SignalWire.PowerShell.Tests;

/// <summary>The one reading of a typed phone number that every cmdlet and every row share.</summary>
public class NumberTextTests
{
    [Theory]
    [InlineData("+15552000010", "+15552000010")]
    [InlineData(" +1 (555) 200-0010 ", "+15552000010")]
    [InlineData("+1.555.200.0010", "+15552000010")]
    [InlineData("15552000010", "+15552000010")]
    [InlineData("1-555-200-0010", "+15552000010")]
    [InlineData("(555) 200-0010", "+15552000010")]
    [InlineData("(555)200-0010", "+15552000010")]
    [InlineData("(555) 200 0010", "+15552000010")]
    [InlineData("(555) 200.0010", "+15552000010")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("442079460958", "+442079460958")]
    public void Reads_the_forms_people_type(string typed, string e164)
    {
        Assert.Equal(e164, PhoneNumberText.ToE164(typed));
    }

    [Theory]
    [InlineData("555-200-0010")]      // ten digits could be a national number of any country
    [InlineData("5552000010")]
    [InlineData("555-1234")]          // a local number
    [InlineData("(020) 7946 0958")]   // a national number in brackets, but no North American area code
    [InlineData("(02) 9876 5432")]
    [InlineData("(155) 200-0010")]    // no North American area code starts with 0 or 1
    [InlineData("+1555200001x")]
    [InlineData("+0 555 200 0010")]
    [InlineData("")]
    public void Leaves_anything_else_as_it_was_for_the_caller_to_refuse(string typed)
    {
        Assert.Equal(typed, PhoneNumberText.ToE164(typed));
        Assert.False(PhoneNumberText.IsE164(PhoneNumberText.ToE164(typed)));
    }
}
