namespace Connectors.Runtime;

/// <summary>
/// How a protocol host gets at a stream's record type, which only the generated code knows: pass a visitor to
/// <see cref="SourceStream{TConnector}.Accept{TResult}"/> and it is called back with the typed stream, from where the
/// host reads it with a sink of its own (<see cref="SourceStream{TConnector,TRecord}.ReadAsync{TSink}"/>).
/// </summary>
/// <typeparam name="TConnector">The author's connector class.</typeparam>
/// <typeparam name="TResult">What the host's visit returns (a task of its outcome, say).</typeparam>
public interface ISourceStreamVisitor<TConnector, out TResult> where TConnector : class
{
    /// <summary>Called with the stream, typed by its records.</summary>
    TResult Visit<TRecord>(SourceStream<TConnector, TRecord> stream);
}
