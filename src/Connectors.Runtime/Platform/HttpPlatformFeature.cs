using System;

namespace Connectors.Runtime.Platform;

/// <summary>
/// Whether this build can talk to the platform API (<see cref="HttpPlatform"/>). A connector that never runs on that
/// platform sets <c>ConnectorsHttpPlatform</c> to false, and a native AOT build then leaves out HttpClient, its TLS stack and
/// the certificate and crypto code under it, which a native start pays for in type data to rehydrate (the Faker sample's
/// image went from 8.45 to 4.29 MB with this and a Regex-free JSON error rewording; docs/aot.md, "Feature switches").
/// </summary>
internal static class HttpPlatformFeature
{
    /// <summary>The runtimeconfig switch, set from the MSBuild property <c>ConnectorsHttpPlatform</c> (Connectors.Runtime.props).</summary>
    internal const string Switch = "Connectors.Runtime.HttpPlatform.IsSupported";

    /// <summary>True unless the build turned the switch off; the native compiler reads it as a constant when it is set.</summary>
#if NET9_0_OR_GREATER
    [System.Diagnostics.CodeAnalysis.FeatureSwitchDefinition(Switch)]
#endif
    internal static bool IsSupported => !AppContext.TryGetSwitch(Switch, out var supported) || supported;

    /// <summary>What the services say when the environment asks for the platform API of a build without it.</summary>
    internal static InvalidOperationException LeftOut() => new(
        "The environment asks for the HTTP platform (CONNECTOR_PLATFORM=http, or TDP_ENDPOINT and CONNECTOR_ID), but this connector "
        + "was built without it (ConnectorsHttpPlatform=false). Build it without that property, or set CONNECTOR_PLATFORM=local.");
}
