using System;
using Connectors.Runtime.Logging;
using Connectors.Runtime.Platform;
using Connectors.Runtime.Secrets;
using Connectors.Runtime.Tests.Host;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Connectors.Runtime.Tests.Platform;

/// <summary>
/// A connector built with <c>ConnectorsHttpPlatform=false</c> (the switch a native build compiles HttpClient out with) says
/// so when its environment asks for the platform API, instead of failing somewhere inside a missing HTTP stack. The switch
/// is process-wide, so these run alone.
/// </summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class HttpPlatformSwitchTests
{
    [Fact]
    public void A_build_without_the_HTTP_platform_refuses_it_and_says_how_to_have_it()
    {
        var environment = PlatformEnvironment.From("x", n => n switch
        {
            "TDP_ENDPOINT" => "https://api.example.test",
            "CONNECTOR_ID" => "c-1",
            _ => null,
        });
        Assert.True(environment.UsesHttpPlatform);
        AppContext.SetSwitch(HttpPlatformFeature.Switch, false);
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => PlatformServices.CreateHttp(environment, new SecretMasker(),
                new ConnectorLogs(new LogLevelSwitch(LogLevel.Information), new LogShipper(1, TimeSpan.FromHours(1)))));

            Assert.Contains("built without it (ConnectorsHttpPlatform=false)", error.Message);
            Assert.Contains("CONNECTOR_PLATFORM=local", error.Message);
        }
        finally
        {
            AppContext.SetSwitch(HttpPlatformFeature.Switch, true);
        }
    }

    [Fact]
    public void The_HTTP_platform_is_there_unless_the_build_leaves_it_out() => Assert.True(HttpPlatformFeature.IsSupported);
}
