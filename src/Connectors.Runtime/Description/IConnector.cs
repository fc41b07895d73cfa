namespace Connectors.Runtime;

/// <summary>
/// Implemented by the source generator on every <c>[Connector]</c> class: the class describes itself, and the protocol
/// hosts interpret that description. The member is implemented explicitly, so it never clashes with author members.
/// </summary>
/// <typeparam name="TSelf">The connector class itself.</typeparam>
public interface IConnector<TSelf> where TSelf : class, IConnector<TSelf>
{
    /// <summary>The connector's description: spec, config binder, check, streams.</summary>
    static abstract ConnectorDescriptor<TSelf> Descriptor { get; }

    /// <summary>
    /// The spec as known at build time, or null (the default) when only <see cref="Descriptor"/> has it. The generator
    /// implements it for sources, so that <c>spec</c> builds no description (docs/aot.md, "Start-up under the JIT"); it
    /// must say what <see cref="Descriptor"/> says.
    /// </summary>
    static virtual ConnectorSpec? Spec => null;
}
