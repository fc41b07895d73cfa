using System.Linq;
using Connectors.Generators.Model;

namespace Connectors.Generators.Emit;

/// <summary>The C# expression that creates an object the generated code fills in (configuration objects).</summary>
internal static class ObjectCreation
{
    /// <summary>
    /// Creates a configuration object. C# <c>required</c> members must be set where the object is created, so they get
    /// placeholders here; binding then assigns them or reports them missing, so a placeholder never reaches the author.
    /// </summary>
    public static string New(ObjectModel model)
    {
        var required = model.Members.Where(m => m.Config?.IsRequiredMember == true).Select(m => GeneratedFile.Escape(m.Name) + " = default!").ToList();
        return required.Count == 0 ? $"new {model.TypeName}()" : $"new {model.TypeName}() {{ {string.Join(", ", required)} }}";
    }
}
