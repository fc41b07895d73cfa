using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Connectors.Runtime.Airbyte;
using Connectors.Runtime.Protocol;
using Connectors.Runtime.Secrets;

namespace Connectors.Runtime.Tests.Support;

/// <summary>An <see cref="AirbyteWriter"/> over a memory stream, for unit tests of the pieces that write messages.</summary>
internal sealed class CapturedOutput
{
    private readonly MemoryStream _stdout = new();

    public CapturedOutput()
    {
        Lines = new JsonLineWriter(_stdout);
        Writer = new AirbyteWriter(Lines, Masker);
    }

    public SecretMasker Masker { get; } = new();

    public JsonLineWriter Lines { get; }

    public AirbyteWriter Writer { get; }

    /// <summary>Flushes and parses everything written so far (each line validated as an AirbyteMessage).</summary>
    public IReadOnlyList<JsonElement> Messages()
    {
        Lines.Flush();
        return HostRun.ParseLines(Encoding.UTF8.GetString(_stdout.ToArray()));
    }

    /// <summary>Each message as a short token: R&lt;seq&gt; for records, S&lt;stream_state&gt;/&lt;count&gt; for states, else the status.</summary>
    public IReadOnlyList<string> Tokens()
    {
        var tokens = new List<string>();
        foreach (var message in Messages())
        {
            switch (message.GetProperty("type").GetString())
            {
                case "RECORD":
                    tokens.Add("R" + message.GetProperty("record").GetProperty("data").GetProperty("seq").GetInt64());
                    break;
                case "STATE":
                    var state = message.GetProperty("state");
                    tokens.Add("S" + state.GetProperty("stream").GetProperty("stream_state").GetRawText() + "/"
                        + state.GetProperty("sourceStats").GetProperty("recordCount").GetDouble());
                    break;
                case "TRACE":
                    tokens.Add(message.GetProperty("trace").GetProperty("stream_status").GetProperty("status").GetString()!);
                    break;
                default:
                    tokens.Add(message.GetProperty("type").GetString()!);
                    break;
            }
        }
        return tokens;
    }
}
