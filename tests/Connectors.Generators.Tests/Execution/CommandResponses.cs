using System.Text.Json;
using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Execution;

/// <summary>The one response a one-shot <c>command</c> writes: its body on SUCCESS (exit 0), its message on FAILURE (exit 1).</summary>
internal static class CommandResponses
{
    public static JsonElement AssertSuccess(HostResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var response = Assert.Single(result.Messages);
        Assert.Equal("SUCCESS", response.GetProperty("status").GetString());
        return response.GetProperty("body");
    }

    public static string AssertFailure(HostResult result)
    {
        Assert.True(result.ExitCode == 1, result.ToString());
        var response = Assert.Single(result.Messages);
        Assert.Equal("FAILURE", response.GetProperty("status").GetString());
        return response.GetProperty("body").GetProperty("message").GetString()!;
    }
}
