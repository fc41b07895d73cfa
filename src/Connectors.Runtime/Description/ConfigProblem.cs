namespace Connectors.Runtime;

/// <summary>One problem with a configuration: where in the document (a JSON path such as <c>$.auth.client_id</c>) and what.</summary>
/// <param name="Path">The JSON path: <c>$</c>, then <c>.name</c>, <c>['odd name']</c> and <c>[index]</c> segments.</param>
/// <param name="Message">What is wrong there (<c>required</c>, <c>expected an integer, got "ten"</c>…); never a secret's value.</param>
public readonly record struct ConfigProblem(string Path, string Message)
{
    /// <summary>The problem as <see cref="ConfigReader.Errors"/> words it: <c>$.path: message</c>.</summary>
    public override string ToString() => Path + ": " + Message;

    /// <summary>Splits one of <see cref="ConfigReader.Errors"/> at the end of its path.</summary>
    public static ConfigProblem Parse(string error)
    {
        var end = PathLength(error);
        return end > 0 && string.CompareOrdinal(error, end, ": ", 0, 2) == 0
            ? new ConfigProblem(error.Substring(0, end), error.Substring(end + 2))
            : new ConfigProblem("$", error);
    }

    // The paths ConfigReader.Child and ConfigReader.Item build: a quoted name may hold anything, even ": ".
    private static int PathLength(string text)
    {
        if (text.Length == 0 || text[0] != '$')
        {
            return 0;
        }
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-'))
                {
                    i++;
                }
            }
            else if (string.CompareOrdinal(text, i, "['", 0, 2) == 0)
            {
                i += 2;
                while (i < text.Length && string.CompareOrdinal(text, i, "']", 0, 2) != 0)
                {
                    i += text[i] == '\\' ? 2 : 1;
                }
                i += 2;
            }
            else if (text[i] == '[')
            {
                while (i < text.Length && text[i] != ']')
                {
                    i++;
                }
                i++;
            }
            else
            {
                break;
            }
        }
        return System.Math.Min(i, text.Length);
    }
}
