using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Grpc.Core;

namespace Connectors.Runtime.Conduit.Config;

/// <summary>What Configure produced: the author's connector with its configuration bound, and the SDK's own settings.</summary>
internal sealed class Configured<TConnector> : IAsyncDisposable where TConnector : class
{
    private Configured(TConnector connector, HostSettings settings, IReadOnlyDictionary<string, string> config)
    {
        Connector = connector;
        Settings = settings;
        Config = config;
    }

    public TConnector Connector { get; }

    public HostSettings Settings { get; }

    /// <summary>The map Conduit sent.</summary>
    public IReadOnlyDictionary<string, string> Config { get; }

    /// <summary>
    /// Binds Conduit's map through the generated binder (types, defaults, validations, unknown keys rejected).
    /// </summary>
    /// <exception cref="RpcException">InvalidArgument with every problem, each with its key; secrets masked.</exception>
    public static Configured<TConnector> Bind(ConnectorDescriptor<TConnector> descriptor, IReadOnlyDictionary<string, string> config,
        Secrets.SecretMasker masker)
    {
        var problems = new List<string>();
        var parameters = ConfigParameter.FromSchema(descriptor.ConfigSchema);
        var settings = HostSettings.Read(config, descriptor.Kind, problems);
        var json = ConfigMap.ToJson(config, parameters, problems);
        var result = ConnectorConfig.Bind(descriptor, ConfigMap.ToElement(json), masker, rejectUnknownProperties: true);
        problems.AddRange(result.Problems.Select(p => $"{(ConfigMap.KeyOf(p.Path) is { Length: > 0 } key ? key : "config")}: {p.Message}"));
        if (problems.Count > 0 || result.Connector is null)
        {
            _ = Disposal(result.Connector);
            var message = $"The configuration has {problems.Count} problem(s): " + string.Join("; ", problems);
            throw new RpcException(new Status(StatusCode.InvalidArgument, masker.Apply(message)));
        }
        return new Configured<TConnector>(result.Connector, settings, config);
    }

    public ValueTask DisposeAsync() => Disposal(Connector);

    private static async ValueTask Disposal(TConnector? connector)
    {
        switch (connector)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
