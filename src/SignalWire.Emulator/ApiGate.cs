using System.Globalization;
using System.Text;

namespace SignalWire.Emulator;

/// <summary>What every API request passes before it is routed: the project's credentials, then the write rate limit.</summary>
internal sealed class ApiGate(EmulatorState state)
{
    /// <summary>The 401 or 429 that refuses the request, or null to let it through.</summary>
    public EmulatorResponse? Refusal(ApiRequest request)
    {
        if (!IsAuthorized(request.Authorization))
        {
            return EmulatorResponse.Unauthorized();
        }
        if (ApiRouter.IsWrite(request.Method) && !state.RateLimiter.TryAcquire(DateTime.UtcNow, out var wait))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            return EmulatorResponse.Error(429, "Too Many Requests") with
            {
                Headers = new() { ["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture) },
            };
        }
        return null;
    }

    private bool IsAuthorized(string? header)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            return decoded == state.ProjectId + ":" + state.Token;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
