using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Connectors.Generators.Model;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Connectors.Generators.Tests.Caching;

/// <summary>
/// The pipeline models hold no Roslyn objects by construction: no field of any type reachable from a model can hold a
/// symbol, syntax, location, semantic model or compilation (or an <c>object</c>, which could hold anything). The value
/// walk in <see cref="IncrementalCachingTests"/> checks what the samples produce; this checks every shape a model can take.
/// </summary>
public sealed class ModelTypeTests
{
    private static readonly Type[] Forbidden =
        [typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxToken), typeof(SyntaxTree), typeof(SemanticModel), typeof(Compilation), typeof(Location), typeof(object)];

    public static TheoryData<string> PipelineModels => new(typeof(ConnectorModel).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(ConnectorModel).Namespace && t.IsClass && !t.IsAbstract && !t.IsNested
                    && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
        .Select(t => t.FullName!));

    [Theory]
    [MemberData(nameof(PipelineModels))]
    public void Model_types_have_no_field_that_can_hold_a_Roslyn_object(string model)
    {
        var problems = FieldsReachableFrom(typeof(ConnectorModel).Assembly.GetType(model)!)
            .Where(f => Forbidden.Any(forbidden => forbidden == typeof(object) ? f.Field.FieldType == typeof(object) : forbidden.IsAssignableFrom(f.Field.FieldType)))
            .Select(f => $"{f.Path}: {f.Field.FieldType}")
            .ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_type_walk_finds_a_field_that_can_hold_a_symbol()
    {
        var reachable = FieldsReachableFrom(typeof(Holder)).Select(f => f.Field.FieldType).ToList();

        Assert.Contains(typeof(ISymbol), reachable);
    }

    /// <summary>Every instance field of the type and of the types its fields hold (generic arguments and array elements too).</summary>
    private static IEnumerable<(string Path, FieldInfo Field)> FieldsReachableFrom(Type root)
    {
        var seen = new HashSet<Type>();
        var pending = new Queue<(string, Type)>([(root.Name, root)]);
        while (pending.Count > 0)
        {
            var (path, type) = pending.Dequeue();
            if (!seen.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string) || type.Assembly == typeof(object).Assembly && !type.IsGenericType && !type.IsArray)
            {
                continue;
            }
            foreach (var argument in type.IsArray ? [type.GetElementType()!] : type.GetGenericArguments())
            {
                pending.Enqueue(($"{path}<{argument.Name}>", argument));
            }
            for (var declaring = type; declaring is not null && declaring != typeof(object); declaring = declaring.BaseType)
            {
                foreach (var field in declaring.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    yield return ($"{path}.{field.Name}", field);
                    pending.Enqueue(($"{path}.{field.Name}", field.FieldType));
                }
            }
        }
    }

    private sealed record Holder(List<(string Name, ISymbol Symbol)> Items);
}
