using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Xunit;

namespace Connectors.Generators.Tests.Harness;

/// <summary>
/// A test program compiled with the generator, loaded into a collectible load context, and run in-process through
/// <see cref="ConnectorHost"/> with the generated descriptor, as its generated <c>Main</c> would run it.
/// </summary>
internal sealed class LoadedConnector : IDisposable
{
    private static readonly MethodInfo RunAsyncMethod = typeof(ConnectorHost).GetMethods()
        .Single(m => m.Name == nameof(ConnectorHost.RunAsync) && m.GetParameters().Length == 4);

    private readonly AssemblyLoadContext _context;
    private readonly MethodInfo _run;

    private LoadedConnector(AssemblyLoadContext context, Type connectorType, object descriptor)
    {
        _context = context;
        ConnectorType = connectorType;
        Descriptor = descriptor;
        _run = RunAsyncMethod.MakeGenericMethod(connectorType);
    }

    public Type ConnectorType { get; }

    /// <summary>The generated <c>ConnectorDescriptor&lt;T&gt;</c>.</summary>
    public object Descriptor { get; }

    /// <summary>Generates, compiles and loads <paramref name="source"/>, then finds the descriptor of <paramref name="connectorType"/>.</summary>
    public static LoadedConnector Load(string source, string connectorType)
    {
        var run = GeneratorHarness.Run(source);
        GeneratorAssert.Succeeds(run);
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;

        var context = new AssemblyLoadContext("generated-connector", isCollectible: true);
        var type = context.LoadFromStream(image).GetType(connectorType, throwOnError: true)!;
        // The generated members live in a private nested class, out of the author's way.
        var generated = type.GetNestedType("ConnectorsGenerated", BindingFlags.NonPublic)!;
        var descriptor = generated.GetField("Descriptor", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        return new LoadedConnector(context, type, descriptor);
    }

    /// <summary>Runs one command line; stdout and stderr are captured, stdin is empty.</summary>
    public async Task<HostResult> RunAsync(params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var io = new HostIO(stdout, stderr, Stream.Null);
        var exitCode = await (Task<int>)_run.Invoke(null, [Descriptor, args, io, CancellationToken.None])!;
        return new HostResult(exitCode, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    public void Dispose() => _context.Unload();
}
