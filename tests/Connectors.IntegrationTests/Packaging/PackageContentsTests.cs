using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using Xunit;

namespace Connectors.IntegrationTests.Packaging;

/// <summary>What the packed SDK packages hold: what a connector project gets from one PackageReference.</summary>
[Collection(SdkFeedCollection.Name)]
public class PackageContentsTests(SdkFeed feed)
{
    [Fact]
    public void Runtime_package_carries_the_generator_the_MSBuild_switches_and_documented_libraries()
    {
        var entries = Entries("Connectors.Runtime");

        Assert.Contains("analyzers/dotnet/cs/Connectors.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Connectors.CodeFixes.dll", entries);
        Assert.Contains("buildTransitive/Connectors.Runtime.props", entries);
        Assert.Contains("PACKAGE.md", entries);
        foreach (var framework in new[] { "net8.0", "net10.0" })
        {
            Assert.Contains($"lib/{framework}/Connectors.Runtime.dll", entries);
            Assert.Contains($"lib/{framework}/Connectors.Runtime.xml", entries);
        }
        // The generator is a compiler plug-in, never a library the connector links against.
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", System.StringComparison.Ordinal) && e.Contains("Generators"));
    }

    [Fact]
    public void Runtime_package_depends_on_the_abstractions_package_of_the_same_version_for_every_framework()
    {
        var groups = Nuspec("Connectors.Runtime").Descendants().Where(e => e.Name.LocalName == "group").ToList();

        Assert.Equal(["net10.0", "net8.0"], groups.Select(g => g.Attribute("targetFramework")!.Value).Order(System.StringComparer.Ordinal));
        foreach (var group in groups)
        {
            var abstractions = Assert.Single(group.Elements(), d => d.Attribute("id")!.Value == "Connectors.Abstractions");
            Assert.Equal(feed.Version, abstractions.Attribute("version")!.Value);
            Assert.DoesNotContain(group.Elements(), d => d.Attribute("id")!.Value.Contains("CodeAnalysis"));
        }
    }

    [Fact]
    public void Execution_package_brings_SSH_NET_and_the_runtime_package_does_not()
    {
        var entries = Entries("Connectors.Execution");
        var groups = Nuspec("Connectors.Execution").Descendants().Where(e => e.Name.LocalName == "group").ToList();

        Assert.Contains("PACKAGE.md", entries);
        Assert.Equal(["net10.0", "net8.0"], groups.Select(g => g.Attribute("targetFramework")!.Value).Order(System.StringComparer.Ordinal));
        foreach (var group in groups)
        {
            var framework = group.Attribute("targetFramework")!.Value;
            Assert.Contains($"lib/{framework}/Connectors.Execution.dll", entries);
            Assert.Contains($"lib/{framework}/Connectors.Execution.xml", entries);
            Assert.Equal("2026.0.1", Assert.Single(group.Elements(), d => d.Attribute("id")!.Value == "SSH.NET").Attribute("version")!.Value);
            Assert.Equal(feed.Version, Assert.Single(group.Elements(), d => d.Attribute("id")!.Value == "Connectors.Abstractions").Attribute("version")!.Value);
        }
        // A connector that executes nothing carries no SSH library.
        Assert.DoesNotContain(Nuspec("Connectors.Runtime").Descendants(), e => e.Attribute("id")?.Value == "SSH.NET");
    }

    [Fact]
    public void Http_package_carries_the_toolkit_and_brings_the_resilience_library_and_the_runtime_package_does_not()
    {
        var entries = Entries("Connectors.Http");
        var groups = Nuspec("Connectors.Http").Descendants().Where(e => e.Name.LocalName == "group").ToList();

        Assert.Contains("PACKAGE.md", entries);
        Assert.Equal(["net10.0", "net8.0"], groups.Select(g => g.Attribute("targetFramework")!.Value).Order(System.StringComparer.Ordinal));
        foreach (var group in groups)
        {
            var framework = group.Attribute("targetFramework")!.Value;
            Assert.Contains($"lib/{framework}/Connectors.Http.dll", entries);
            Assert.Contains($"lib/{framework}/Connectors.Http.xml", entries);
            Assert.Equal(feed.Version, Assert.Single(group.Elements(), d => d.Attribute("id")!.Value == "Connectors.Abstractions").Attribute("version")!.Value);
            Assert.Contains(group.Elements(), d => d.Attribute("id")!.Value == "Polly.Core");
            Assert.Contains(group.Elements(), d => d.Attribute("id")!.Value == "Polly.RateLimiting");
        }
        // A connector that reads no API carries no HTTP resilience stack.
        Assert.DoesNotContain(Nuspec("Connectors.Runtime").Descendants(), e => e.Attribute("id")?.Value.StartsWith("Polly", System.StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Sqlite_package_brings_SQLite_and_the_targets_that_choose_it_and_the_runtime_package_does_not()
    {
        var entries = Entries("Connectors.Platform.Sqlite");
        var groups = Nuspec("Connectors.Platform.Sqlite").Descendants().Where(e => e.Name.LocalName == "group").ToList();

        Assert.Contains("buildTransitive/Connectors.Platform.Sqlite.targets", entries);
        Assert.Contains("buildTransitive/UseSqliteConnectorStore.cs", entries);
        Assert.Contains("PACKAGE.md", entries);
        Assert.Equal(["net10.0", "net8.0"], groups.Select(g => g.Attribute("targetFramework")!.Value).Order(System.StringComparer.Ordinal));
        foreach (var group in groups)
        {
            Assert.Contains($"lib/{group.Attribute("targetFramework")!.Value}/Connectors.Platform.Sqlite.dll", entries);
            Assert.Single(group.Elements(), d => d.Attribute("id")!.Value == "Microsoft.Data.Sqlite");
            Assert.Equal(feed.Version, Assert.Single(group.Elements(), d => d.Attribute("id")!.Value == "Connectors.Runtime").Attribute("version")!.Value);
        }
        // A plain or native AOT connector carries no SQLite (docs/packaging.md).
        Assert.DoesNotContain(Nuspec("Connectors.Runtime").Descendants(), e => e.Attribute("id")?.Value.Contains("Sqlite", System.StringComparison.OrdinalIgnoreCase) == true);
    }

    [Fact]
    public void Abstractions_package_has_xml_docs_for_every_framework_and_no_dependencies()
    {
        var entries = Entries("Connectors.Abstractions");

        foreach (var framework in new[] { "netstandard2.0", "net8.0", "net10.0" })
        {
            Assert.Contains($"lib/{framework}/Connectors.Abstractions.xml", entries);
        }
        Assert.DoesNotContain(Nuspec("Connectors.Abstractions").Descendants(), e => e.Name.LocalName == "dependency");
    }

    [Fact]
    public void Testing_package_carries_the_kit_with_the_protocol_schema_and_depends_on_the_runtime_of_the_same_version()
    {
        var entries = Entries("Connectors.Testing");

        Assert.Contains("PACKAGE.md", entries);
        foreach (var framework in new[] { "net8.0", "net10.0" })
        {
            Assert.Contains($"lib/{framework}/Connectors.Testing.dll", entries);
            Assert.Contains($"lib/{framework}/Connectors.Testing.xml", entries);
            // The protocol's message schema is a resource of the dll: a test project needs no file of this repository.
            Assert.Contains("Connectors.Testing.airbyte_protocol.yaml", System.Text.Encoding.UTF8.GetString(ReadBytes("Connectors.Testing", $"lib/{framework}/Connectors.Testing.dll")));
        }
        var groups = Nuspec("Connectors.Testing").Descendants().Where(e => e.Name.LocalName == "group").ToList();
        Assert.Equal(["net10.0", "net8.0"], groups.Select(g => g.Attribute("targetFramework")!.Value).Order(System.StringComparer.Ordinal));
        foreach (var group in groups)
        {
            var runtime = Assert.Single(group.Elements(), d => d.Attribute("id")!.Value == "Connectors.Runtime");
            Assert.Equal(feed.Version, runtime.Attribute("version")!.Value);
            Assert.Contains(group.Elements(), d => d.Attribute("id")!.Value == "JsonSchema.Net");
        }
    }

    [Fact]
    public void Packages_record_the_source_repository_commit_for_SourceLink()
    {
        var repository = Nuspec("Connectors.Runtime").Descendants().Single(e => e.Name.LocalName == "repository");

        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")!.Value);
    }

    [Fact]
    public void Templates_package_is_a_template_package_with_its_three_templates()
    {
        var entries = Entries("Connectors.Templates");

        Assert.Contains("Template", Nuspec("Connectors.Templates").Descendants().Where(e => e.Name.LocalName == "packageType")
            .Select(e => e.Attribute("name")!.Value));
        Assert.Contains("content/connector-source/.template.config/template.json", entries);
        Assert.Contains("content/connector-source/src/Example/ExampleSource.cs", entries);
        Assert.Contains("content/connector-destination/.template.config/template.json", entries);
        Assert.Contains("content/connector-service/.template.config/template.json", entries);
        Assert.Contains("content/connector-service/src/Example/ExampleConnector.cs", entries);
        // A folder copied as it is: the inbox the service's config.json names, with its first file.
        Assert.Contains("content/connector-service/src/Example/inbox/first-file.txt", entries);
        Assert.DoesNotContain(entries, e => e.Contains("/bin/") || e.Contains("/obj/"));
    }

    [Theory]
    [InlineData("connector-source")]
    [InlineData("connector-destination")]
    [InlineData("connector-service")]
    public void Template_references_the_SDK_version_it_is_packed_with_by_default(string template)
    {
        var packed = SdkVersionDefault(ReadEntry("Connectors.Templates", $"content/{template}/.template.config/template.json"));
        var inRepository = SdkVersionDefault(File.ReadAllText(Path.Combine(SdkFeed.RepoRoot, "templates", "content", template, ".template.config", "template.json")));

        // A prerelease such as 0.1.0-local.… included: the templates and the runtime of one pack go together.
        Assert.Equal(feed.Version, packed);
        // Installed from the folder (dotnet new install templates/), the default is the repository's version.
        Assert.Equal(SdkFeed.RepositoryVersion(), inRepository);
    }

    [Fact]
    public void Templates_packed_without_a_local_feed_carry_no_nuget_config()
    {
        // build/local-feed.sh adds one naming its feed; a package for nuget.org must leave the user's sources alone.
        Assert.DoesNotContain(Entries("Connectors.Templates"), e => e.EndsWith("nuget.config", System.StringComparison.OrdinalIgnoreCase));
    }

    private static string? SdkVersionDefault(string templateJson) =>
        JsonDocument.Parse(templateJson).RootElement.GetProperty("symbols").GetProperty("SdkVersion").GetProperty("defaultValue").GetString();

    private string ReadEntry(string id, string entry)
    {
        using var zip = ZipFile.OpenRead(feed.Package(id));
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    private byte[] ReadBytes(string id, string entry)
    {
        using var zip = ZipFile.OpenRead(feed.Package(id));
        using var stream = zip.GetEntry(entry)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private string[] Entries(string id)
    {
        using var zip = ZipFile.OpenRead(feed.Package(id));
        return zip.Entries.Select(e => e.FullName).ToArray();
    }

    private XDocument Nuspec(string id)
    {
        using var zip = ZipFile.OpenRead(feed.Package(id));
        using var stream = zip.GetEntry(id + ".nuspec")!.Open();
        return XDocument.Load(stream);
    }
}
