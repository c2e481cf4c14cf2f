using SignalWire.PowerShell.Client;

namespace SignalWire.PowerShell.Tests;

public class SpaceAddressTests
{
    [Theory]
    [InlineData("example", "https://example.signalwire.com/")]
    [InlineData("Example", "https://example.signalwire.com/")]
    [InlineData("  my-space-01 ", "https://my-space-01.signalwire.com/")]
    [InlineData("a", "https://a.signalwire.com/")]
    [InlineData("example.signalwire.com", "https://example.signalwire.com/")]
    [InlineData("EXAMPLE.SignalWire.com", "https://example.signalwire.com/")]
    [InlineData("example.signalwire.com:8443", "https://example.signalwire.com:8443/")]
    [InlineData("https://example.signalwire.com", "https://example.signalwire.com/")]
    [InlineData("https://example.signalwire.com/", "https://example.signalwire.com/")]
    [InlineData("https://example.signalwire.com/api/relay/rest/phone_numbers?page_size=5#x", "https://example.signalwire.com/")]
    [InlineData("https://example.signalwire.com:443/", "https://example.signalwire.com/")]
    [InlineData("https://10.1.2.3:9443", "https://10.1.2.3:9443/")]
    [InlineData("127.0.0.1:8080", "https://127.0.0.1:8080/")]
    public void Names_hosts_and_URLs_become_the_space_root(string space, string expected)
    {
        Assert.Equal(new Uri(expected), SpaceAddress.Parse(space));
        Assert.Equal(expected, SpaceAddress.Parse(space).AbsoluteUri);
    }

    [Theory]
    [InlineData("https://project:PTsecret@example.signalwire.com/api", "https://example.signalwire.com/")]
    [InlineData("project:PTsecret@example.signalwire.com", "https://example.signalwire.com/")]
    [InlineData("http://user:PTsecret@127.0.0.1:8080", "http://127.0.0.1:8080/")]
    public void Credentials_in_the_URL_are_not_kept(string space, string expected)
    {
        var uri = SpaceAddress.Parse(space);
        Assert.Equal(expected, uri.AbsoluteUri);
        Assert.Equal("", uri.UserInfo);
        Assert.DoesNotContain("PTsecret", uri.ToString());
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://127.0.0.1:8080/api/relay/rest", "http://127.0.0.1:8080/")]
    [InlineData("http://127.12.34.56:1234", "http://127.12.34.56:1234/")]
    [InlineData("http://[::1]:9000", "http://[::1]:9000/")]
    [InlineData("http://localhost:5000", "http://localhost:5000/")]
    [InlineData("http://LOCALHOST", "http://localhost/")]
    public void Plain_http_is_allowed_for_loopback(string space, string expected)
    {
        Assert.Equal(expected, SpaceAddress.Parse(space).AbsoluteUri);
    }

    [Theory]
    [InlineData("http://example.signalwire.com")]
    [InlineData("http://10.0.0.1:8080")]
    [InlineData("http://192.168.1.10")]
    [InlineData("http://[2001:db8::1]")]
    [InlineData("http://127.0.0.1.example.com")]
    [InlineData("http://localhost.example.com")]
    [InlineData("http://example.com/127.0.0.1")]
    [InlineData("http://0.0.0.0:8080")]
    public void Plain_http_is_refused_elsewhere(string space)
    {
        var error = Assert.Throws<ArgumentException>(() => SpaceAddress.Parse(space));
        Assert.Contains("plain http", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("exa mple")]
    [InlineData("-example")]
    [InlineData("example_space")]
    [InlineData("exämple")]
    [InlineData("ftp://example.signalwire.com")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://")]
    [InlineData("https://exa mple.com")]
    [InlineData("example..com:x")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")] // 64 characters: longer than a DNS label
    public void Bad_input_is_refused(string? space)
    {
        Assert.Throws<ArgumentException>(() => SpaceAddress.Parse(space!));
    }

    [Theory]
    [InlineData("http://127.0.0.1/", true)]
    [InlineData("http://127.255.255.254/", true)]
    [InlineData("http://[::1]/", true)]
    [InlineData("http://localhost/", true)]
    [InlineData("http://10.0.0.1/", false)]
    [InlineData("http://example.com/", false)]
    public void Loopback_is_recognised(string url, bool loopback)
    {
        Assert.Equal(loopback, SpaceAddress.IsLoopback(new Uri(url)));
    }

    [Theory]
    [InlineData("https://a.signalwire.com/api/x", "https://a.signalwire.com/other?q", true)]
    [InlineData("https://A.SignalWire.com/", "https://a.signalwire.com:443/", true)]
    [InlineData("https://a.signalwire.com/", "http://a.signalwire.com/", false)]
    [InlineData("https://a.signalwire.com/", "https://b.signalwire.com/", false)]
    [InlineData("https://a.signalwire.com/", "https://a.signalwire.com:8443/", false)]
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.1:5001/", false)]
    [InlineData("http://127.0.0.1:5000/", "http://localhost:5000/", false)]
    public void Same_origin_means_scheme_host_and_port(string a, string b, bool same)
    {
        Assert.Equal(same, SpaceAddress.SameOrigin(new Uri(a), new Uri(b)));
        Assert.Equal(same, SpaceAddress.SameOrigin(new Uri(b), new Uri(a)));
    }
}

public class SpaceAddressRedactionTests
{
    [Theory]
    [InlineData("http://2bd9a5c3-6d5e-4f1a-9b7c-0e8f4a6d2c11:PTsecret123@example.com")]
    [InlineData("ftp://project:PTsecret123@example.signalwire.com")]
    public void A_refused_space_is_echoed_without_its_user_info(string space)
    {
        var error = Assert.Throws<ArgumentException>(() => SignalWire.PowerShell.Client.SpaceAddress.Parse(space));
        Assert.DoesNotContain("PTsecret123", error.Message);
        Assert.Contains("****@", error.Message);
    }

    [Fact]
    public void Redact_masks_only_the_user_info()
    {
        Assert.Equal("https://****@example.signalwire.com/x",
            SignalWire.PowerShell.Client.SpaceAddress.Redact("https://p:PTsecret@example.signalwire.com/x"));
        Assert.Equal("example", SignalWire.PowerShell.Client.SpaceAddress.Redact("example"));
    }
}
