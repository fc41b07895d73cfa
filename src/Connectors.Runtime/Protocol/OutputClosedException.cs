using System;
using System.IO;

namespace Connectors.Runtime.Protocol;

/// <summary>The reader of stdout went away (a broken pipe): nothing more can be written, so the process should exit quietly.</summary>
public sealed class OutputClosedException : IOException
{
    /// <summary>Creates the exception.</summary>
    public OutputClosedException(Exception? inner = null) : base("The output stream was closed by its reader.", inner)
    {
    }
}
