using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Connectors.Generators.Diagnostics;
using Connectors.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Connectors.Generators.Parsing;

/// <summary>
/// Authoring checks of a [ConfigProperty] that do not stop it from being generated (CONN0039–CONN0042): secrets,
/// defaults and examples. Only the analyzer runs them.
/// </summary>
internal static class ConfigRules
{
    // Words (camelCase, PascalCase with acronyms, snake_case, kebab-case) of a member or JSON name.
    private static readonly Regex Words = new("[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+", RegexOptions.CultureInvariant);

    // A name is a secret's when its words end with one of these.
    private static readonly string[][] SecretEndings =
    {
        new[] { "password" }, new[] { "passwd" }, new[] { "pwd" }, new[] { "passphrase" }, new[] { "secret" }, new[] { "token" },
        new[] { "apikey" }, new[] { "api", "key" }, new[] { "private", "key" }, new[] { "access", "key" }, new[] { "secret", "key" },
    };

    /// <summary>True when the name reads like a credential: <c>Password</c>, <c>api_key</c>, <c>RefreshToken</c>, <c>AwsSecretAccessKey</c>.</summary>
    public static bool LooksSecret(string name)
    {
        var words = Words.Matches(name).Cast<Match>().Select(m => m.Value.ToLowerInvariant()).ToArray();
        return SecretEndings.Any(ending => ending.Length <= words.Length
            && ending.Select((word, i) => word == words[words.Length - ending.Length + i]).All(same => same));
    }

    public static void Check(IPropertySymbol property, AttributeData attribute, TypeShape shape, string jsonName, EqualsValueClauseSyntax? initializer,
        Compilation compilation, ProblemSink problems, CancellationToken cancellationToken)
    {
        CheckSecret(property, attribute, shape, jsonName, problems, cancellationToken);
        var fromAttribute = attribute.Named("Default") is { IsNull: false } constant ? constant : (TypedConstant?)null;
        if (fromAttribute is { } written && (written.Kind == TypedConstantKind.Array || !ConstantText.Fits(shape, written.Value)))
        {
            problems.Report(DiagnosticDescriptors.ConfigValueTypeMismatch, attribute.ArgumentLocation("Default", cancellationToken),
                "default", written.ToCSharpString(), property.Name, property.Type.ToDisplayString());
            fromAttribute = null;
        }
        if (attribute.Named("Examples") is { Kind: TypedConstantKind.Array, IsNull: false } examples)
        {
            foreach (var example in examples.Values.Where(v => !v.IsNull && (v.Kind == TypedConstantKind.Array || !ConstantText.Fits(shape, v.Value))))
            {
                problems.Report(DiagnosticDescriptors.ConfigValueTypeMismatch, attribute.ArgumentLocation("Examples", cancellationToken),
                    "example", example.ToCSharpString(), property.Name, property.Type.ToDisplayString());
            }
        }

        // The default the spec shows: the attribute's, or else the initializer's constant.
        object? value;
        string text;
        Location? location;
        if (fromAttribute is { } given)
        {
            (value, text, location) = (given.Value, given.ToCSharpString(), attribute.ArgumentLocation("Default", cancellationToken));
        }
        else if (initializer is not null && attribute.Named("Default") is null
            && compilation.GetSemanticModel(initializer.SyntaxTree).GetConstantValue(initializer.Value, cancellationToken) is { HasValue: true, Value: { } constantValue }
            && ConstantText.Fits(shape, constantValue))
        {
            (value, text, location) = (constantValue, initializer.Value.ToString(), initializer.Value.GetLocation());
        }
        else
        {
            return;
        }
        if (ConstraintProblem(attribute, shape, value) is { } problem)
        {
            problems.Report(DiagnosticDescriptors.DefaultViolatesConstraints, location, text, property.Name, problem);
        }
    }

    private static void CheckSecret(IPropertySymbol property, AttributeData attribute, TypeShape shape, string jsonName, ProblemSink problems,
        CancellationToken cancellationToken)
    {
        var isText = shape.Kind == ShapeKind.String || shape is { Kind: ShapeKind.Array, Element.Kind: ShapeKind.String };
        if (attribute.Named("Secret") is not { } secret)
        {
            if (shape.Kind == ShapeKind.String && (LooksSecret(property.Name) || LooksSecret(jsonName)))
            {
                problems.Report(DiagnosticDescriptors.SecretNotMarked, property.FirstLocation(), property.Name);
            }
        }
        else if (secret.Value is true && !isText)
        {
            problems.Report(DiagnosticDescriptors.SecretOnNonString, attribute.ArgumentLocation("Secret", cancellationToken),
                property.Name, property.Type.ToDisplayString());
        }
    }

    /// <summary>How a default value breaks the property's Minimum, Maximum or Pattern; null when it keeps them.</summary>
    private static string? ConstraintProblem(AttributeData attribute, TypeShape shape, object? value)
    {
        if (shape.Kind is ShapeKind.Integer or ShapeKind.Number && value is IConvertible)
        {
            var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (attribute.NamedDouble("Minimum") is { } minimum && number < minimum)
            {
                return "is less than its Minimum " + minimum.ToString("R", CultureInfo.InvariantCulture);
            }
            if (attribute.NamedDouble("Maximum") is { } maximum && number > maximum)
            {
                return "is greater than its Maximum " + maximum.ToString("R", CultureInfo.InvariantCulture);
            }
        }
        if (value is string text && attribute.NamedString("Pattern") is { } pattern)
        {
            try
            {
                // JSON Schema patterns are unanchored ECMA-262 expressions; .NET's dialect agrees on everything a
                // default is likely to meet. A pattern .NET cannot read is not judged here.
                if (!Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200)))
                {
                    return $"does not match its Pattern '{pattern}'";
                }
            }
            catch (ArgumentException)
            {
            }
            catch (RegexMatchTimeoutException)
            {
            }
        }
        return null;
    }
}
