using System;
using System.Linq;
using System.Reflection;
using System.Text.Json.Serialization;
using Connectors.Generators.Model;
using Connectors.Generators.Parsing;
using Connectors.Generators.Schema;
using Connectors.Runtime;
using Connectors.Runtime.Commands;
using Xunit;

namespace Connectors.Generators.Tests.Parsing;

/// <summary>
/// The generator references neither Connectors.Abstractions nor the runtime (it runs inside the compiler), so the
/// values it shares with them are written twice. Each pair is tied here: changing one side without the other fails.
/// </summary>
public sealed class MirroredConstantsTests
{
    [Fact]
    public void The_built_in_actions_a_command_may_not_take_are_the_ones_the_command_hosts_answer() =>
        Assert.Equal(TetraScienceActions.All, CommandParser.BuiltInActions);

    [Fact]
    public void Destination_sync_mode_flags_are_the_DestinationSyncModes_values_and_names()
    {
        var declared = Enum.GetValues<DestinationSyncModes>().Where(m => m != DestinationSyncModes.None).ToArray();

        Assert.Equal(declared.Select(m => ((int)m, m.ToString())), SyncModeFlags.Names.Select(n => (n.Flag, n.Name)));
        Assert.Equal(SyncModeFlags.All, (int)declared.Aggregate((a, b) => a | b));
        Assert.Equal(SyncModeFlags.Append, (int)DestinationSyncModes.Append);
        Assert.Equal(SyncModeFlags.Overwrite, (int)DestinationSyncModes.Overwrite);
        Assert.Equal(SyncModeFlags.AppendDedup, (int)DestinationSyncModes.AppendDedup);
    }

    [Fact]
    public void The_destination_kind_is_ConnectorKind_Destination() =>
        Assert.Equal(ConnectorParser.DestinationKind, (int)ConnectorKind.Destination);

    [Fact]
    public void Every_FieldNaming_value_is_a_naming_policy_the_generator_knows()
    {
        int[] policies = [JsonNaming.SnakeCase, JsonNaming.CamelCase, JsonNaming.AsDeclared, JsonNaming.KebabCase];

        Assert.Equal(Enum.GetValues<FieldNaming>().Select(n => (int)n).Order(), policies.Order());
    }

    [Fact]
    public void The_neutral_schema_keywords_are_the_ones_the_runtime_renders()
    {
        Assert.Equal(Runtime.SchemaKeywords.Secret, Schema.SchemaKeywords.Secret);
        Assert.Equal(Runtime.SchemaKeywords.Hidden, Schema.SchemaKeywords.Hidden);
        Assert.Equal(Runtime.SchemaKeywords.Timezone, Schema.SchemaKeywords.Timezone);
        Assert.Equal(
            typeof(Runtime.SchemaKeywords).GetFields().Select(f => f.Name).Order(),
            typeof(Schema.SchemaKeywords).GetFields().Select(f => f.Name).Order());
    }

    [Fact]
    public void JsonIgnore_Always_is_System_Text_Json_s_value() =>
        Assert.Equal(TypeShapeFactory.JsonIgnoreConditionAlways, (int)JsonIgnoreCondition.Always);

    [Fact]
    public void Every_type_the_generator_recognises_by_name_exists_under_that_name()
    {
        Assembly[] assemblies =
        [
            typeof(ConnectorAttribute).Assembly, typeof(ConnectorDescriptor<>).Assembly, typeof(JsonIgnoreAttribute).Assembly,
            typeof(Microsoft.Extensions.Logging.ILogger).Assembly, typeof(object).Assembly, typeof(System.Runtime.Serialization.EnumMemberAttribute).Assembly,
        ];
        var names = typeof(TypeNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.Contains("Connectors.ConnectorAttribute", names);
        var missing = names.Where(name => !assemblies.Any(a => a.GetType(name) is not null || a.GetType(name + "`1") is not null)).ToList();
        Assert.Empty(missing);
    }
}
