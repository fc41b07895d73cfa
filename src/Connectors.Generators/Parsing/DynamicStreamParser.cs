using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Connectors.Generators.Diagnostics;
using Connectors.Generators.Helpers;
using Connectors.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Parsing;

/// <summary>
/// Reads the <c>[DiscoverStreams]</c> methods of a connector class and the read methods they name. The generator (with
/// <see cref="ProblemSink.Ignore"/>) and the analyzer (collecting) both call it, so a family the generator skips is one
/// the analyzer flags.
/// </summary>
internal static class DynamicStreamParser
{
    public const string DiscoverStreamsAttribute = "Connectors.DiscoverStreamsAttribute";
    public const string StreamDescription = "Connectors.Runtime.StreamDescription";
    public const string DynamicStreamRequest = "Connectors.Runtime.DynamicStreamRequest";
    public const string RowWriter = "Connectors.Runtime.RowWriter";

    /// <summary>
    /// The model of a <c>[Connector]</c> class's families for the generator: null when it declares none, is a destination,
    /// or cannot be generated (the connector's own file would not be emitted either).
    /// </summary>
    public static DynamicStreamsModel? Model(INamedTypeSymbol type, AttributeData connector, CancellationToken cancellationToken)
    {
        if (connector.NamedInt("Kind") == ConnectorParser.DestinationKind)
        {
            return null;
        }
        var families = Parse(type, ProblemSink.Ignore, cancellationToken, out _);
        if (families.IsEmpty)
        {
            return null;
        }
        var entryPoint = ConnectorParser.EntryPoint(type, connector, cancellationToken);
        if (!entryPoint.IsGenerated)
        {
            return null;
        }
        // The file names the class and its discovery and read methods: their [Obsolete]/[Experimental] ids.
        var usage = new UsageDiagnostics();
        usage.NoteWithContainers(type);
        foreach (var family in families)
        {
            foreach (var member in type.GetMembers(family.DiscoverMethod).Concat(type.GetMembers(family.ReadMethod)))
            {
                usage.Note(member);
            }
        }
        return new DynamicStreamsModel(entryPoint.Type, families, usage.Ids);
    }

    /// <summary>The valid families, in declaration order; <paramref name="declares"/> says whether any method has the attribute.</summary>
    public static EquatableArray<DynamicStreamFamilyModel> Parse(INamedTypeSymbol type, ProblemSink problems, CancellationToken cancellationToken,
        out bool declares)
    {
        var families = new List<DynamicStreamFamilyModel>();
        declares = false;
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            if (method.FindAttribute(DiscoverStreamsAttribute) is not { } attribute)
            {
                continue;
            }
            cancellationToken.ThrowIfCancellationRequested();
            declares = true;
            if (Family(type, method, attribute, problems, cancellationToken) is { } family)
            {
                families.Add(family);
            }
        }
        return families.ToEquatableArray();
    }

    private static DynamicStreamFamilyModel? Family(INamedTypeSymbol type, IMethodSymbol discover, AttributeData attribute, ProblemSink problems,
        CancellationToken cancellationToken)
    {
        var discoverReturn = DiscoverReturn(discover);
        var discoverParameters = Arguments(discover, allowRequest: false, out var badParameter);
        var discoverProblem = MethodSignatures.CallProblem(discover)
            ?? (discoverReturn is null ? $"it returns '{discover.ReturnType.ToDisplayString()}'; return IEnumerable<StreamDescription>, a Task or ValueTask of one, or IAsyncEnumerable<StreamDescription>"
            : badParameter is not null ? $"the runtime cannot supply its parameter '{badParameter.Name}' of type '{badParameter.Type.ToDisplayString()}' (only CancellationToken and ILogger)"
            : null);
        if (discoverProblem is not null)
        {
            problems.Report(DiagnosticDescriptors.InvalidDiscoverMethod, discover.FirstLocation(), discover.Name, discoverProblem);
        }

        var readName = attribute.ConstructorString() ?? "";
        var candidates = type.GetMembers(readName).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
        if (candidates.Count != 1)
        {
            var suggestion = candidates.Count > 1 ? " only once (it is overloaded)" : Closest(type, readName);
            var properties = ImmutableDictionary<string, string?>.Empty;
            if (candidates.Count == 0 && ClosestName(type, readName) is { } closest)
            {
                properties = properties.Add(DiagnosticDescriptors.KeyProperty, readName)
                    .Add(DiagnosticDescriptors.SuggestionProperty, closest)
                    .Add(DiagnosticDescriptors.MemberSuggestionProperty, closest);
            }
            problems.Report(DiagnosticDescriptors.UnknownStreamReadMethod, attribute.ArgumentLocation(null, cancellationToken), properties,
                discover.Name, readName, suggestion);
            return null;
        }
        var read = candidates[0];
        var readReturn = MethodSignatures.ReturnsNothing(read);
        var readParameters = Arguments(read, allowRequest: true, out var badReadParameter);
        var requests = readParameters.Count(p => p == DynamicArgumentKind.Request);
        var rows = readParameters.Count(p => p == DynamicArgumentKind.Rows);
        var readProblem = MethodSignatures.CallProblem(read)
            ?? (readReturn is null ? $"it returns '{read.ReturnType.ToDisplayString()}'; return Task, ValueTask or void"
            : badReadParameter is not null ? $"the runtime cannot supply its parameter '{badReadParameter.Name}' of type '{badReadParameter.Type.ToDisplayString()}'"
            : requests != 1 || rows != 1 ? "it must take one DynamicStreamRequest and one RowWriter"
            : null);
        if (readProblem is not null)
        {
            problems.Report(DiagnosticDescriptors.InvalidStreamReadMethod, read.FirstLocation(), read.Name, discover.Name, readProblem);
        }
        if (discoverProblem is not null || readProblem is not null)
        {
            return null;
        }
        return new DynamicStreamFamilyModel(discover.Name, discover.IsStatic, discoverReturn!.Value, discoverParameters.Select(k => new DynamicArgument(k)).ToEquatableArray(),
            read.Name, read.IsStatic, readReturn!.Value, readParameters.Select(k => new DynamicArgument(k)).ToEquatableArray());
    }

    private static DiscoverReturnKind? DiscoverReturn(IMethodSymbol method)
    {
        var kind = MethodSignatures.Return(method, out var value);
        if (value is null)
        {
            return null;
        }
        if (kind != ReturnKind.Value)
        {
            return IsDescriptions(value) ? DiscoverReturnKind.Awaitable : null;
        }
        if (value is INamedTypeSymbol returned && returned.Is(TypeNames.IAsyncEnumerable) && returned.TypeArguments.Length == 1)
        {
            return returned.TypeArguments[0].Is(StreamDescription) ? DiscoverReturnKind.AsyncEnumerable : null;
        }
        return IsDescriptions(value) ? DiscoverReturnKind.Enumerable : null;
    }

    /// <summary>True for <c>IEnumerable&lt;StreamDescription&gt;</c> or a type that implements it.</summary>
    private static bool IsDescriptions(ITypeSymbol type)
    {
        static bool IsEnumerable(INamedTypeSymbol t) => t.Is(TypeNames.IEnumerable) && t.TypeArguments.Length == 1 && t.TypeArguments[0].Is(StreamDescription);
        return (type is INamedTypeSymbol named && IsEnumerable(named)) || type.AllInterfaces.Any(IsEnumerable);
    }

    private static List<DynamicArgumentKind> Arguments(IMethodSymbol method, bool allowRequest, out IParameterSymbol? unsupported)
    {
        var kinds = new List<DynamicArgumentKind>();
        unsupported = null;
        foreach (var parameter in method.Parameters)
        {
            // The services are those of a check (token, logger); a stream's context has no meaning here.
            DynamicArgumentKind? kind = MethodSignatures.Service(parameter) switch
            {
                ParameterKind.CancellationToken => DynamicArgumentKind.CancellationToken,
                ParameterKind.Logger => DynamicArgumentKind.Logger,
                _ => null,
            };
            kind ??= parameter.RefKind != RefKind.None ? null
                : allowRequest && parameter.Type.Is(DynamicStreamRequest) ? DynamicArgumentKind.Request
                : allowRequest && parameter.Type.Is(RowWriter) ? DynamicArgumentKind.Rows
                : null;
            if (kind is null)
            {
                unsupported ??= parameter;
                continue;
            }
            kinds.Add(kind.Value);
        }
        return kinds;
    }

    private static string? ClosestName(INamedTypeSymbol type, string name)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            if (method.MethodKind != MethodKind.Ordinary || method.FindAttribute(DiscoverStreamsAttribute) is not null)
            {
                continue;
            }
            var distance = EditDistance.Between(name, method.Name, ignoreCase: true);
            if (distance < bestDistance && distance <= System.Math.Max(2, name.Length / 3))
            {
                best = method.Name;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static string Closest(INamedTypeSymbol type, string name) =>
        ClosestName(type, name) is { } closest ? $"; did you mean '{closest}'?" : "";
}
