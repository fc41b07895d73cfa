using System.Reflection;
using System.Threading.Tasks;
using ConduitWire.Connector.V2;
using Connectors.Runtime.Conduit.Config;
using Grpc.Core;

namespace Connectors.Runtime.Conduit.Plugin.Services;

/// <summary>Specify: the connector's name, version and parameters, from its generated description.</summary>
internal sealed class SpecifierService<TConnector> : SpecifierPlugin.SpecifierPluginBase where TConnector : class
{
    private readonly PluginState<TConnector> _plugin;

    public SpecifierService(PluginState<TConnector> plugin) => _plugin = plugin;

    public override Task<Specifier.Types.Specify.Types.Response> Specify(Specifier.Types.Specify.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new Specifier.Types.Specify.Types.Response { Specification = Build(_plugin.Descriptor) });

    public static Specification Build(ConnectorDescriptor<TConnector> descriptor)
    {
        var assembly = typeof(TConnector).Assembly;
        var title = Title(descriptor.ConfigSchema);
        var specification = new Specification
        {
            Name = descriptor.Name,
            Summary = title ?? descriptor.Name,
            Description = Describe(descriptor, assembly),
            Version = descriptor.Version.StartsWith('v') ? descriptor.Version : "v" + descriptor.Version,
            Author = assembly.GetCustomAttribute<AssemblyCompanyAttribute>()?.Company ?? "",
        };
        var parameters = descriptor.Kind == ConnectorKind.Destination ? specification.DestinationParams : specification.SourceParams;
        SpecParameters.Fill(parameters, descriptor.ConfigSchema, descriptor.Kind);
        return specification;
    }

    private static string Describe(ConnectorDescriptor<TConnector> descriptor, Assembly assembly)
    {
        var text = assembly.GetCustomAttribute<AssemblyDescriptionAttribute>()?.Description;
        var streams = descriptor.Kind == ConnectorKind.Source && descriptor.Streams.Count > 0
            ? "Streams: " + string.Join(", ", System.Linq.Enumerable.Select(descriptor.Streams, s => s.Name)) + "."
            : null;
        var docs = descriptor.DocumentationUrl is { } url ? "Documentation: " + url : null;
        return string.Join("\n\n", System.Linq.Enumerable.Where(new[] { text, streams, docs }, part => !string.IsNullOrEmpty(part)));
    }

    private static string? Title(string schema)
    {
        using var document = System.Text.Json.JsonDocument.Parse(schema);
        return document.RootElement.TryGetProperty("title", out var title) && title.ValueKind == System.Text.Json.JsonValueKind.String
            ? title.GetString()
            : null;
    }
}
