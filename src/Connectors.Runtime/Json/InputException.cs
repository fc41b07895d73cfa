using System;

namespace Connectors.Runtime.Json;

/// <summary>
/// A config, catalog, state or payload file the user supplied is missing or wrong. The message names the file, the
/// JSON path and the problem; hosts report it as a configuration error, never as a crash.
/// </summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InputException(string message) : base(message)
    {
    }
}
