using System.Collections.Generic;
using Connectors.Generators.Helpers;
using Connectors.Generators.Model;

namespace Connectors.Generators.Emit;

/// <summary>The types of a connector that get generated members: the ones written as JSON, and the configuration objects.</summary>
internal static class ConnectorShapes
{
    /// <summary>Every shape a record or command result contains, stream records first (so their writers keep their names when commands are added).</summary>
    public static IEnumerable<TypeShape> Written(ConnectorModel connector)
    {
        foreach (var stream in connector.Streams)
        {
            foreach (var shape in Walk(stream.Record))
            {
                yield return shape;
            }
        }
        foreach (var command in connector.Commands?.Commands ?? EquatableArray<CommandModel>.Empty)
        {
            if (command.Result is { } result)
            {
                foreach (var shape in Walk(result))
                {
                    yield return shape;
                }
            }
        }
    }

    /// <summary>The connector's configuration and every configuration class it contains, each once, outermost first.</summary>
    public static List<ObjectModel> ConfigObjects(ConnectorModel connector)
    {
        var objects = new List<ObjectModel>();
        Collect(connector.Config, objects);
        return objects;
    }

    /// <summary>A configuration member whose value a regular expression checks.</summary>
    public static bool HasPattern(MemberModel member) => member.Type.Kind == ShapeKind.String && member.Config?.Pattern is not null;

    private static void Collect(ObjectModel model, List<ObjectModel> objects)
    {
        if (objects.Exists(o => o.TypeName == model.TypeName))
        {
            return;
        }
        objects.Add(model);
        foreach (var member in model.Members)
        {
            for (var shape = member.Type; shape is not null; shape = shape.Element)
            {
                if (shape.Object is { } nested)
                {
                    Collect(nested, objects);
                }
            }
        }
    }

    private static IEnumerable<TypeShape> Walk(TypeShape shape)
    {
        yield return shape;
        if (shape.Element is { } element)
        {
            foreach (var inner in Walk(element))
            {
                yield return inner;
            }
        }
        if (shape.Object is { } model)
        {
            foreach (var member in model.Members)
            {
                foreach (var inner in Walk(member.Type))
                {
                    yield return inner;
                }
            }
        }
    }
}
