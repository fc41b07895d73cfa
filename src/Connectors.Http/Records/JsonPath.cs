using System;
using System.Collections.Generic;
using System.Text;

namespace Connectors.Http;

/// <summary>
/// The subset of JSONPath that locates records and tokens in a response: <c>$</c>, <c>.name</c>, <c>['name']</c>,
/// <c>[n]</c>, and the wildcards <c>[*]</c> (every element of an array, or every value of an object) and <c>.*</c>.
/// </summary>
public sealed class JsonPath
{
    private JsonPath(string text, Segment[] segments)
    {
        Text = text;
        Segments = segments;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    internal Segment[] Segments { get; }

    /// <summary>Parses a path; a leading <c>$</c> is optional (<c>data[*]</c> means <c>$.data[*]</c>).</summary>
    /// <exception cref="FormatException">The path is not in the supported subset.</exception>
    public static JsonPath Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = new List<Segment>();
        var i = 0;
        if (path.StartsWith('$'))
        {
            i = 1;
        }
        else if (path.Length > 0 && path[0] != '.' && path[0] != '[')
        {
            path = "$." + path;
            i = 1;
        }
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                i++;
                if (i < path.Length && path[i] == '*')
                {
                    segments.Add(Segment.Wildcard);
                    i++;
                    continue;
                }
                var start = i;
                while (i < path.Length && path[i] != '.' && path[i] != '[')
                {
                    i++;
                }
                if (i == start)
                {
                    throw Invalid(path, "an empty name");
                }
                segments.Add(Segment.Property(path[start..i]));
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0)
                {
                    throw Invalid(path, "a '[' without ']'");
                }
                var inner = path[(i + 1)..end].Trim();
                if (inner == "*")
                {
                    segments.Add(Segment.Wildcard);
                }
                else if (inner.Length >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[^1] == inner[0])
                {
                    segments.Add(Segment.Property(inner[1..^1]));
                }
                else if (int.TryParse(inner, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
                {
                    segments.Add(Segment.Index(index));
                }
                else
                {
                    throw Invalid(path, $"'[{inner}]'");
                }
                i = end + 1;
            }
            else
            {
                throw Invalid(path, $"'{path[i]}' at position {i}");
            }
        }
        return new JsonPath(path, segments.ToArray());
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static FormatException Invalid(string path, string what) =>
        new($"The JSON path '{path}' is not supported: {what}. Use $, .name, ['name'], [n], [*] or .*.");

    internal enum SegmentKind
    {
        Property,
        Index,
        Wildcard,
    }

    internal readonly struct Segment
    {
        private Segment(SegmentKind kind, byte[]? name, int index)
        {
            Kind = kind;
            Utf8Name = name;
            ArrayIndex = index;
        }

        public static Segment Wildcard => new(SegmentKind.Wildcard, null, 0);

        public SegmentKind Kind { get; }

        public byte[]? Utf8Name { get; }

        public int ArrayIndex { get; }

        public static Segment Property(string name) => new(SegmentKind.Property, Encoding.UTF8.GetBytes(name), 0);

        public static Segment Index(int index) => new(SegmentKind.Index, null, index);
    }
}
