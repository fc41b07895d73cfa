using System;
using System.Text;

namespace Connectors.Generators.Emit;

/// <summary>An indented text writer for generated C# (the cookbook's advice: text, not SyntaxFactory trees).</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>Writes a line at the current indentation; a multi-line string is indented line by line.</summary>
    public SourceWriter Line(string line = "")
    {
        if (line.IndexOf('\n') >= 0)
        {
            foreach (var part in line.Replace("\r\n", "\n").Split('\n'))
            {
                Line(part);
            }
            return this;
        }
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
        }
        _text.Append(line).Append('\n');
        return this;
    }

    /// <summary>Writes lines verbatim, without indentation (raw string literal contents).</summary>
    public SourceWriter Verbatim(string text)
    {
        _text.Append(text.Replace("\r\n", "\n"));
        if (!text.EndsWith("\n", StringComparison.Ordinal))
        {
            _text.Append('\n');
        }
        return this;
    }

    /// <summary>Opens a brace block; dispose to close it.</summary>
    public BlockScope Block(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return new BlockScope(this, "}");
    }

    /// <summary>Opens a block ending with a custom closer (such as <c>};</c>).</summary>
    public BlockScope Block(string header, string closer)
    {
        Line(header);
        Line("{");
        _indent++;
        return new BlockScope(this, closer);
    }

    public int Indent => _indent;

    internal void Close(string closer)
    {
        _indent--;
        Line(closer);
    }

    public override string ToString() => _text.ToString();

    internal readonly struct BlockScope : IDisposable
    {
        private readonly SourceWriter _writer;
        private readonly string _closer;

        public BlockScope(SourceWriter writer, string closer)
        {
            _writer = writer;
            _closer = closer;
        }

        public void Dispose() => _writer.Close(_closer);
    }
}
