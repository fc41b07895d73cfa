using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Connectors.Execution.Inventory;
using Xunit;

namespace Connectors.Execution.Tests;

/// <summary>Inventories: hosts, groups, data merged as pyinfra merges it, selection, and errors that name the file and the JSON path.</summary>
public sealed class InventoryTests
{
    private const string Full = """
        {
          "data": {"ssh_user": "deploy", "env": "prod"},
          "groups": {"web": {"data": {"role": "web", "ssh_port": 2222}}, "eu": {"data": {"region": "eu", "role": "edge"}}},
          "hosts": [
            {"name": "web1", "data": {"ssh_hostname": "10.0.0.1"}, "groups": ["web", "eu"]},
            {"name": "web2", "data": {"ssh_port": 22}, "groups": ["web"]},
            {"name": "db1", "groups": ["db"]}
          ]
        }
        """;

    [Fact]
    public void Host_data_is_the_inventorys_then_each_groups_then_its_own()
    {
        var inventory = Parse(Full);

        Assert.Equal("""{"ssh_user":"deploy","env":"prod","role":"edge","ssh_port":2222,"region":"eu","ssh_hostname":"10.0.0.1"}""",
            inventory.Find("web1")!.Data.GetRawText());
        Assert.Equal(22, inventory.Find("web2")!.GetInt32("ssh_port"));
        Assert.Equal("""{"ssh_user":"deploy","env":"prod"}""", inventory.Find("db1")!.Data.GetRawText());
    }

    [Fact]
    public void Groups_list_their_hosts_those_with_data_first()
    {
        var inventory = Parse(Full);

        Assert.Equal(["web: web1, web2", "eu: web1", "db: db1"], inventory.Groups.Select(g => $"{g.Name}: {string.Join(", ", g.Hosts)}"));
        Assert.Equal("""{"role":"web","ssh_port":2222}""", inventory.Groups[0].Data.GetRawText());
    }

    [Fact]
    public void An_array_of_hosts_is_an_inventory_too()
    {
        var inventory = Parse("""[{"name": "@local"}, {"name": "a", "data": {"x": 1}, "groups": ["g"]}]""");

        Assert.Equal(["@local", "a"], inventory.Hosts.Select(h => h.Name));
        Assert.True(inventory.Hosts[0].IsLocal);
        Assert.Equal(["g"], inventory.Find("a")!.Groups);
    }

    [Fact]
    public void Selects_one_host_a_group_or_all()
    {
        var inventory = Parse(Full);

        Assert.Equal(["web2"], inventory.Select("web2", null).Select(h => h.Name));
        Assert.Equal(["web1", "web2"], inventory.Select(null, "web").Select(h => h.Name));
        Assert.Equal(["web1", "web2", "db1"], inventory.Select(null, null).Select(h => h.Name));
    }

    [Theory]
    [InlineData("nope", null, "There is no host 'nope' in the inventory. Hosts: web1, web2, db1.")]
    [InlineData(null, "nope", "There is no group 'nope' in the inventory. Groups: web, eu, db.")]
    [InlineData("web1", "web", "Give a host or a group, not both.")]
    public void A_selection_that_names_nothing_is_refused(string? host, string? group, string message)
    {
        var error = Assert.Throws<ConfigException>(() => Parse(Full).Select(host, group));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("""{"hosts": [{"name": "a", "dta": {}}]}""", "$.hosts[0].dta: unknown key; expected \"name\", \"data\", \"groups\".")]
    [InlineData("""{"hosts": [{"name": "a"}, {"name": "a"}]}""", "$.hosts[1].name: the host 'a' is listed twice.")]
    [InlineData("""{"hosts": [{"data": {}}]}""", "$.hosts[0].name: a host needs a non-empty name.")]
    [InlineData("""{"hosts": [{"name": "a", "data": []}]}""", "$.hosts[0].data: must be an object.")]
    [InlineData("""{"hosts": [{"name": "a", "groups": "web"}]}""", "$.hosts[0].groups: must be an array of group names.")]
    [InlineData("""{"groups": {"web": {"hosts": []}}, "hosts": []}""", "$.groups.web.hosts: unknown key; expected \"data\".")]
    [InlineData("""{"host": []}""", "$.host: unknown key; expected \"data\", \"groups\", \"hosts\".")]
    [InlineData("42", "$: must be an array of hosts or an object with \"hosts\".")]
    public void A_bad_inventory_names_the_file_and_the_path(string json, string problem)
    {
        var error = Assert.Throws<ConfigException>(() => Parse(json));

        Assert.Equal($"The inventory file 'inventory.json': {problem}", error.Message.Replace("['web']", ".web", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_that_is_not_json_names_the_file()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "{ not json");
        try
        {
            var error = Assert.Throws<ConfigException>(() => HostInventory.Load(file));

            Assert.StartsWith($"The inventory file '{file}' cannot be read: ", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Typed_data_reads_say_which_host_and_key_are_wrong()
    {
        var host = Parse("""[{"name": "a", "data": {"ssh_port": "22"}}]""").Hosts[0];

        var error = Assert.Throws<ConfigException>(() => host.GetInt32("ssh_port"));

        Assert.Equal("Host 'a': data.ssh_port must be an integer, got \"22\".", error.Message);
    }

    private static HostInventory Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return HostInventory.Parse(document.RootElement, "inventory.json");
    }
}
