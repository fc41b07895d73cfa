using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests.Http;

/// <summary>
/// samples/NpmRegistry.Source end to end, as a process against a real verdaccio: check (token, login, bad token), a
/// full read of every stream compared with the registry's own documents, an incremental resume after new versions are
/// published, and the errors a user sees. Every stdout line is validated against the protocol and the discovered schemas.
/// </summary>
[Collection(VerdaccioCollection.Name)]
public sealed class NpmRegistrySampleTests
{
    private readonly Verdaccio _registry;

    public NpmRegistrySampleTests(Verdaccio registry) => _registry = registry;

    private static Connector Npm => Connector.NpmRegistry;

    [Fact]
    public async Task Check_succeeds_with_the_token_and_with_a_user_name_and_password()
    {
        var withToken = await Npm.RunAsync("check", "--config", _registry.ConfigFile());
        var withLogin = await Npm.RunAsync("check", "--config", _registry.ConfigFile(withToken: false,
            extra: new { username = _registry.Username, password = _registry.Password }));

        foreach (var run in new[] { withToken, withLogin })
        {
            Assert.Equal(0, run.ExitCode);
            var status = Assert.Single(run.OfType("CONNECTION_STATUS")).GetProperty("connectionStatus");
            Assert.Equal("SUCCEEDED", status.GetProperty("status").GetString());
            Assert.Contains($"as {_registry.Username}", status.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task A_refused_token_fails_the_check_and_the_read_with_a_config_error_and_is_never_printed()
    {
        var badToken = "bad-token-" + Guid.NewGuid().ToString("N");
        var config = TestFiles.Json("npm-config", new { registry_url = _registry.Url, token = badToken });
        var wrongPassword = _registry.ConfigFile(withToken: false, extra: new { username = _registry.Username, password = "not-the-password" });

        var check = await Npm.RunAsync("check", "--config", wrongPassword);
        var read = await Npm.RunAsync("read", "--config", config, "--catalog", await Npm.CatalogAsync("full_refresh", "user"));

        var status = Assert.Single(check.OfType("CONNECTION_STATUS")).GetProperty("connectionStatus");
        Assert.Equal("FAILED", status.GetProperty("status").GetString());
        Assert.Contains("401", status.GetProperty("message").GetString());
        Assert.Equal(1, read.ExitCode);
        var error = Assert.Single(read.Errors);
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.Contains("401", error.GetProperty("message").GetString());
        Assert.DoesNotContain(badToken, read.Stdout + read.Stderr);
        Assert.DoesNotContain("not-the-password", check.Stdout + check.Stderr);
    }

    [Fact]
    public async Task A_full_read_emits_every_package_version_and_the_user_as_the_registry_holds_them()
    {
        var catalog = await Npm.CatalogAsync("full_refresh", "packages", "versions", "user");
        // Pages of 4 over 6 packages: the offset paginator must ask twice and stop at the short page.
        var run = await Npm.RunAsync("read", "--config", _registry.ConfigFile(extra: new { search_text = "@acme/widget", page_size = 4 }), "--catalog", catalog);

        Assert.Equal(0, run.ExitCode);
        ReadAssertions.CompleteAndCheckpointed(run, "packages", "versions", "user");
        var packages = run.Records("packages").Select(r => r.GetProperty("data")).ToList();
        Assert.Equal(Verdaccio.BasePackages.Select(p => p.Name).Order(), packages.Select(p => p.GetProperty("name").GetString()).Order());
        Assert.All(packages, p => Assert.Equal(Verdaccio.BasePackages.Single(b => b.Name == p.GetProperty("name").GetString()).Versions[^1],
            p.GetProperty("latest_version").GetString()));

        var versions = run.Records("versions").Select(r => r.GetProperty("data")).ToList();
        var expected = new List<(string, string, string)>();
        foreach (var (name, published) in Verdaccio.BasePackages)
        {
            var document = await _registry.PackumentAsync(name);
            expected.AddRange(published.Select(v => (name, v, document.GetProperty("time").GetProperty(v).GetString()!)));
        }
        Assert.Equal(expected.Order(), versions.Select(v => (v.GetProperty("package").GetString()!, v.GetProperty("version").GetString()!,
            DateTimeOffset.Parse(v.GetProperty("published_at").GetString()!).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"))).Order());
        Assert.All(versions, v => Assert.Equal(1, v.GetProperty("dependency_count").GetInt32()));
        var user = Assert.Single(run.Records("user")).GetProperty("data");
        Assert.Equal(_registry.Username, user.GetProperty("name").GetString());
        Assert.DoesNotContain(_registry.Token, run.Stdout + run.Stderr);
    }

    [Fact]
    public async Task An_incremental_read_resumes_from_its_state_and_emits_only_versions_published_since()
    {
        // @inc/a 1.0.0 and 1.1.0 and @inc/b 1.0.0 were published with the base set.
        const string scope = "@inc";
        var config = _registry.ConfigFile(extra: new { search_text = scope, concurrency = 2 });
        var catalog = await Npm.CatalogAsync("incremental", "versions");

        var first = await Npm.RunAsync("read", "--config", config, "--catalog", catalog);
        var unchanged = await Npm.RunAsync("read", "--config", config, "--catalog", catalog, "--state", ReadAssertions.StateFile(ReadAssertions.FinalStates(first)));
        await _registry.PublishAsync([($"{scope}/b", ["2.0.0"]), ($"{scope}/c", ["0.1.0"])]);
        var second = await Npm.RunAsync("read", "--config", config, "--catalog", catalog, "--state", ReadAssertions.StateFile(ReadAssertions.FinalStates(first)));

        Assert.Equal(new[] { "a@1.0.0", "a@1.1.0", "b@1.0.0" }, Versions(first, scope));
        Assert.Empty(unchanged.Records("versions"));
        Assert.Equal(new[] { "b@2.0.0", "c@0.1.0" }, Versions(second, scope));
        var firstCursor = Cursor(first);
        var secondCursor = Cursor(second);
        Assert.True(secondCursor > firstCursor, $"the state did not advance: {firstCursor:O} → {secondCursor:O}");
        Assert.Equal(firstCursor, Cursor(unchanged));
        Assert.Equal(secondCursor, run_max(second));
        ReadAssertions.CompleteAndCheckpointed(second, "versions");

        static DateTimeOffset run_max(ConnectorRun run) =>
            run.Records("versions").Max(r => DateTimeOffset.Parse(r.GetProperty("data").GetProperty("published_at").GetString()!));
    }

    [Fact]
    public async Task A_sync_into_the_SQLite_destination_stores_every_package_and_version()
    {
        var database = new SqliteDatabase();
        var catalog = await Npm.CatalogAsync("full_refresh", "packages", "versions");
        var read = new[] { "read", "--config", _registry.ConfigFile(extra: new { search_text = "@acme/widget", concurrency = 2 }), "--catalog", catalog };

        var sync = await Pipe.RunAsync(Npm, read, database.Connector, ["write", "--config", await database.ConfigAsync(), "--catalog", catalog], Pipe.NumberStates());

        Assert.Equal(0, sync.Source.ExitCode);
        Assert.True(sync.Destination.ExitCode == 0, sync.Destination.Describe());
        Pipe.AssertStatesEchoed(sync.Input, sync.Destination);
        Assert.Equal(Verdaccio.BasePackages.Select(p => p.Name).Order(), (await database.RowsAsync("packages")).Select(r => (string)r["name"]!).Order());
        Assert.Equal(Verdaccio.BasePackages.Sum(p => p.Versions.Length), (await database.RowsAsync("versions")).Count);
    }

    [Fact]
    public async Task A_read_recorded_into_a_cassette_replays_offline_with_the_same_records()
    {
        var cassette = TestFiles.Write("cassette.json", "");
        File.Delete(cassette);
        var catalog = await Npm.CatalogAsync("full_refresh", "packages", "versions");
        var settings = new { search_text = "@acme/widget", page_size = 4, concurrency = 3 };
        var environment = new Dictionary<string, string?> { ["CONNECTORS_HTTP_CASSETTE"] = cassette };

        var recorded = await Npm.RunAsync(["read", "--config", _registry.ConfigFile(extra: settings), "--catalog", catalog], environment);
        // Nothing listens on port 9: every answer comes from the cassette, which matches requests whatever the host.
        var offline = TestFiles.Json("npm-config", new { registry_url = "http://127.0.0.1:9/", token = "not-used", settings.search_text, settings.page_size, settings.concurrency });
        var replayed = await Npm.RunAsync(["read", "--config", offline, "--catalog", catalog], environment);

        Assert.Equal(0, recorded.ExitCode);
        Assert.True(replayed.ExitCode == 0, replayed.Describe());
        Assert.Equal(Data(recorded), Data(replayed));
        Assert.Equal(6 + 14, Data(replayed).Count);
        Assert.DoesNotContain(_registry.Token, File.ReadAllText(cassette));

        static IReadOnlyList<string> Data(ConnectorRun run) =>
            run.Records().Select(r => r.GetProperty("stream").GetString() + " " + r.GetProperty("data").GetRawText()).Order(StringComparer.Ordinal).ToList();
    }

    private static IReadOnlyList<string> Versions(ConnectorRun run, string scope) =>
        run.Records("versions").Select(r => r.GetProperty("data"))
            .Select(v => v.GetProperty("package").GetString()![(scope.Length + 1)..] + "@" + v.GetProperty("version").GetString())
            .Order().ToList();

    private static DateTimeOffset Cursor(ConnectorRun run) =>
        DateTimeOffset.Parse(run.States("versions").Last().GetProperty("stream").GetProperty("stream_state").GetProperty("published_at").GetString()!);
}
