using System;

namespace Connectors.Runtime.Airbyte;

/// <summary>An input line the <c>write</c> command cannot accept: not JSON, a record of an unknown stream, data that is not an object.</summary>
internal sealed class InputLineException : Exception
{
    public InputLineException(long lineNumber, string problem, StreamKey? stream = null)
        : base($"Line {lineNumber} of the input: {problem}")
    {
        Stream = stream;
    }

    /// <summary>The stream the line is about, when known.</summary>
    public StreamKey? Stream { get; }
}

/// <summary>The destination's own code (a write, commit or stream hook) threw.</summary>
internal sealed class DestinationCodeException : Exception
{
    public DestinationCodeException(string doing, StreamKey? stream, Exception inner)
        : base($"The destination failed {doing}: {inner.Message}", inner)
    {
        Stream = stream;
    }

    /// <summary>The stream being handled, if any.</summary>
    public StreamKey? Stream { get; }
}
