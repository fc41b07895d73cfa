using System;
using System.Collections.Generic;
using System.Text;

namespace Connectors.Runtime.Secrets;

/// <summary>
/// Replaces secret values, and the forms they take in logs (<see cref="SecretForms"/>: JSON-escaped, URL-encoded,
/// base64 alone or as <c>user:secret</c>), with <c>****</c>. Protocol-neutral and thread-safe: every host passes its
/// outbound text through one (log messages, error messages, stack traces, response bodies, <c>Console.Out</c> and
/// <c>Console.Error</c>). All forms are found in one pass over the text, so masking costs about one vectorized search
/// per text when nothing is found.
/// </summary>
public sealed class SecretMasker
{
    /// <summary>What a secret becomes.</summary>
    public const string Mask = "****";

    /// <summary>
    /// Secrets shorter than this many characters occur by chance inside unrelated words, and their base64 is a few
    /// characters found in any base64 text. They are masked only where they stand alone (no letter or digit touching
    /// them), with their JSON and URL forms but not their base64 forms; hosts warn about them (<see cref="IsTooShort"/>).
    /// </summary>
    public const int MinimumSafeLength = 6;

    /// <summary>How many user names are tried for <c>base64(user:secret)</c> (besides the empty one).</summary>
    public const int MaxUserNames = 64;

    private readonly object _gate = new();
    private readonly List<string> _secrets = new();
    private readonly HashSet<string> _secretSet = new(StringComparer.Ordinal);
    private readonly List<string> _userNames = new();
    private volatile MaskPatterns _patterns = MaskPatterns.Empty;

    /// <summary>True once a secret has been added.</summary>
    public bool HasSecrets => _patterns.Count > 0;

    /// <summary>The number of strings searched for (every form of every secret).</summary>
    public int FormCount => _patterns.Count;

    /// <summary>True when <paramref name="secret"/> is too short to mask without garbling other text.</summary>
    public static bool IsTooShort(string secret) => secret.Length < MinimumSafeLength;

    /// <summary>Adds secret values (and so their derived forms); returns those not added before. Empty values are ignored.</summary>
    public IReadOnlyList<string> Add(IEnumerable<string> secrets)
    {
        lock (_gate)
        {
            var added = new List<string>();
            foreach (var secret in secrets)
            {
                if (!string.IsNullOrEmpty(secret) && _secretSet.Add(secret))
                {
                    _secrets.Add(secret);
                    added.Add(secret);
                }
            }
            if (added.Count > 0)
            {
                Rebuild();
            }
            return added;
        }
    }

    /// <summary>Adds one secret value; true when it was not known before.</summary>
    public bool Add(string secret) => Add([secret]).Count > 0;

    /// <summary>
    /// Adds values that may be the user part of a Basic authorization header, <c>base64(user:secret)</c> (the other
    /// string values of a configuration). Values with a <c>:</c>, longer than 256 characters, or past
    /// <see cref="MaxUserNames"/> are ignored.
    /// </summary>
    public void AddUserNames(IEnumerable<string> userNames)
    {
        lock (_gate)
        {
            var changed = false;
            foreach (var user in userNames)
            {
                if (_userNames.Count < MaxUserNames && user.Length is > 0 and <= 256 && !user.Contains(':')
                    && !_secretSet.Contains(user) && !_userNames.Contains(user))
                {
                    _userNames.Add(user);
                    changed = true;
                }
            }
            if (changed && _secrets.Count > 0)
            {
                Rebuild();
            }
        }
    }

    /// <summary>Masks every form of every secret in <paramref name="text"/>.</summary>
    public string Apply(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }
        var ranges = _patterns.Matches(text);
        return ranges is null ? text : Replace(text, ranges);
    }

    /// <summary>Masks a nullable text.</summary>
    public string? ApplyOrNull(string? text) => text is null ? null : Apply(text);

    /// <summary>True when some form of some secret occurs in <paramref name="text"/>.</summary>
    public bool Occurs(ReadOnlySpan<char> text) => _patterns.Matches(text) is not null;

    /// <summary>
    /// Where text written so far may be cut so that no secret straddles the cut: <paramref name="desired"/>, or the start of
    /// a match that spans it. Streaming writers emit <c>text[..cut]</c> and keep the rest for later.
    /// </summary>
    public int SafeCut(ReadOnlySpan<char> text, int desired)
    {
        var ranges = _patterns.Matches(text);
        if (ranges is null)
        {
            return desired;
        }
        foreach (var (start, end) in ranges)
        {
            if (start < desired && end > desired)
            {
                return start;
            }
        }
        return desired;
    }

    /// <summary>The longest form searched for (a streaming writer must hold back this many characters minus one).</summary>
    public int LongestForm => _patterns.LongestLength;

    private static string Replace(string text, List<(int Start, int End)> ranges)
    {
        var result = new StringBuilder(text.Length);
        var copied = 0;
        foreach (var (start, end) in ranges)
        {
            result.Append(text, copied, start - copied).Append(Mask);
            copied = end;
        }
        return result.Append(text, copied, text.Length - copied).ToString();
    }

    private void Rebuild()
    {
        // A form found anywhere wins over the same text as a short secret's whole-word form.
        var forms = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var secret in _secrets)
        {
            var wholeWord = IsTooShort(secret);
            foreach (var form in SecretForms.Of(secret, _userNames))
            {
                forms[form] = wholeWord && forms.GetValueOrDefault(form, true);
            }
        }
        var patterns = new Pattern[forms.Count];
        var i = 0;
        foreach (var (form, wholeWord) in forms)
        {
            patterns[i++] = new Pattern(form, wholeWord);
        }
        _patterns = new MaskPatterns(patterns);
    }
}
