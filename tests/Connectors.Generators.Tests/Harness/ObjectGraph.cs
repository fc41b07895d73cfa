using System.Collections;
using System.Collections.Generic;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Tests.Harness;

/// <summary>
/// Walks an object graph through its fields looking for Roslyn objects that must never be cached in a pipeline value
/// (they root whole compilations and defeat equality). Uses <c>is</c> checks, so interfaces and base classes count.
/// </summary>
internal static class ObjectGraph
{
    /// <summary>The path to the first forbidden object, or null when there is none.</summary>
    public static string? FindRoslynObject(object? root) => Find(root, "value", new HashSet<object>(ReferenceEqualityComparer.Instance));

    private static string? Find(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || value is System.Type)
        {
            return null;
        }
        if (value is ISymbol or SyntaxNode or SyntaxTree or SemanticModel or Compilation or Location)
        {
            return $"{path} ({value.GetType().Name})";
        }
        if (!value.GetType().IsValueType && !seen.Add(value))
        {
            return null;
        }
        if (value is IEnumerable items and not IDictionary)
        {
            var index = 0;
            foreach (var item in items)
            {
                if (Find(item, $"{path}[{index++}]", seen) is { } found)
                {
                    return found;
                }
            }
        }
        for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (Find(field.GetValue(value), path + "." + field.Name, seen) is { } found)
                {
                    return found;
                }
            }
        }
        return null;
    }
}
