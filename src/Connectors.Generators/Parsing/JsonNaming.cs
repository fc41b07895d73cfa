using System.Globalization;
using System.Text;

namespace Connectors.Generators.Parsing;

/// <summary>
/// Turns C# member names into JSON names the way System.Text.Json's naming policies do (<c>UpdatedAt</c> →
/// <c>updated_at</c>, <c>APIKey</c> → <c>api_key</c>), so names agree with what STJ would write.
/// </summary>
internal static class JsonNaming
{
    /// <summary>The values of <c>Connectors.FieldNaming</c>.</summary>
    public const int SnakeCase = 0;
    public const int CamelCase = 1;
    public const int AsDeclared = 2;
    public const int KebabCase = 3;

    public static string Apply(int policy, string name) => policy switch
    {
        CamelCase => ToCamelCase(name),
        AsDeclared => name,
        KebabCase => Separate(name, '-'),
        _ => Separate(name, '_'),
    };

    /// <summary>Words for a form label: <c>RecordsPerSlice</c> → <c>Records Per Slice</c>.</summary>
    public static string Humanize(string name)
    {
        var words = Separate(name, ' ').Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i].Length > 0)
            {
                words[i] = char.ToUpperInvariant(words[i][0]) + words[i].Substring(1);
            }
        }
        return string.Join(" ", words);
    }

    private static string ToCamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            // Lower the leading run of capitals, keeping the capital that starts the next word ("URLValue" → "urlValue").
            if (i == 1 && !char.IsUpper(chars[i]))
            {
                break;
            }
            var hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
            {
                if (chars[i + 1] == ' ')
                {
                    chars[i] = char.ToLowerInvariant(chars[i]);
                }
                break;
            }
            chars[i] = char.ToLowerInvariant(chars[i]);
        }
        return new string(chars);
    }

    // The state machine of STJ's JsonSeparatorNamingPolicy.
    private static string Separate(string name, char separator)
    {
        var result = new StringBuilder(name.Length + 8);
        var state = State.Start;
        for (var i = 0; i < name.Length; i++)
        {
            var current = name[i];
            var category = char.GetUnicodeCategory(current);
            switch (category)
            {
                case UnicodeCategory.UppercaseLetter:
                    if (state == State.SpaceSeparator
                        || state == State.LowercaseLetterOrDigit
                        || (state == State.UppercaseLetter && i + 1 < name.Length && char.IsLower(name[i + 1])))
                    {
                        result.Append(separator);
                    }
                    result.Append(char.ToLowerInvariant(current));
                    state = State.UppercaseLetter;
                    break;
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.DecimalDigitNumber:
                    if (state == State.SpaceSeparator)
                    {
                        result.Append(separator);
                    }
                    result.Append(current);
                    state = State.LowercaseLetterOrDigit;
                    break;
                case UnicodeCategory.SpaceSeparator:
                    if (state != State.Start)
                    {
                        state = State.SpaceSeparator;
                    }
                    break;
                default:
                    result.Append(current);
                    state = State.Start;
                    break;
            }
        }
        return result.ToString();
    }

    private enum State
    {
        Start,
        UppercaseLetter,
        LowercaseLetterOrDigit,
        SpaceSeparator,
    }
}
