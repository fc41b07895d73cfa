using System;
using System.Globalization;

namespace Connectors.Runtime.Conduit.Plugin;

/// <summary>
/// The go-plugin handshake as Conduit drives it: the magic cookie proves Conduit started the process, the app protocol
/// version is negotiated from <c>PLUGIN_PROTOCOL_VERSIONS</c>, and one stdout line tells Conduit where to connect.
/// </summary>
internal static class Handshake
{
    public const string CookieKey = "CONDUIT_PLUGIN_MAGIC_COOKIE";
    public const string CookieValue = "204e8e812c3a1bb73b838928c575b42a105dd2e9aa449be481bc4590486df53f";
    public const string VersionsKey = "PLUGIN_PROTOCOL_VERSIONS";

    /// <summary>go-plugin's own protocol version, the line's first field.</summary>
    public const int CoreProtocolVersion = 1;

    /// <summary>Connector protocol v2, the only one served.</summary>
    public const int AppProtocolVersion = 2;

    /// <summary>Why the process must not serve (a human message for stderr), or null.</summary>
    public static string? Refusal(Func<string, string?> environment)
    {
        var cookie = environment(CookieKey);
        if (cookie != CookieValue)
        {
            return cookie is null
                ? $"This connector serves the Conduit plugin protocol only when Conduit starts it ({CookieKey} is not set). "
                  + "Put the executable in Conduit's connectors directory, or run it with a command (--help lists them)."
                : $"{CookieKey} does not hold Conduit's cookie: this process was not started by Conduit.";
        }
        var versions = environment(VersionsKey);
        if (!string.IsNullOrWhiteSpace(versions) && !Offers(versions, AppProtocolVersion))
        {
            return $"Conduit offers plugin protocol versions {versions}; this connector speaks version {AppProtocolVersion} only.";
        }
        return null;
    }

    /// <summary>The line go-plugin's client parses: <c>1|2|tcp|127.0.0.1:PORT|grpc</c>.</summary>
    public static string Line(int port) => string.Create(CultureInfo.InvariantCulture,
        $"{CoreProtocolVersion}|{AppProtocolVersion}|tcp|127.0.0.1:{port}|grpc\n");

    private static bool Offers(string versions, int version)
    {
        foreach (var part in versions.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var offered) && offered == version)
            {
                return true;
            }
        }
        return false;
    }
}
