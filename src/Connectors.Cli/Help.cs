namespace Connectors.Cli;

internal static class Help
{
    public const string Text = """
        connectors — run any Airbyte connector from a shell.

        Usage:
          connectors spec      (--source S | --destination D)
          connectors validate  (--source S | --destination D) --config FILE
          connectors check     (--source S | --destination D) --config FILE
          connectors discover  --source S --config FILE
          connectors read      --source S --config FILE [--streams a,b] [--full-refresh] [--state FILE]
          connectors sync      --source S --config FILE [--streams a,b] [--full-refresh] [--cache CACHE]
                               [--destination D --destination-config FILE]
          connectors install   LOCATION
          connectors uninstall LOCATION
          connectors list

        Connectors (S, D, LOCATION):
          ./path/to/executable, connector.dll      a local program (a .dll runs with dotnet)
          path/to/Project.csproj                   a .NET project, built on first use
          npm:NAME@VERSION                         an npm package, installed into the connectors home
          docker:IMAGE:TAG                         a Docker image (docker run --rm -i …)

        Options:
          --config FILE|-          the connector's config (JSON); - reads stdin. Values "secret_reference::NAME" are
                                   resolved from the environment, a .env file or a prompt, and never printed.
          --streams a,b            read only these streams (default: all)
          --cache CACHE            sqlite:PATH | duckdb:PATH | postgres:CONNECTION-STRING
                                   (default: sqlite at HOME/cache/default.sqlite)
          --full-refresh           ignore saved state; replace the cache's tables
          --json                   machine-readable output (JSON lines)
          --home DIR               the connectors home (default: $CONNECTORS_HOME or ~/.connectors)
          --env-file FILE          where secret references are looked up after the environment (default: ./.env)
          --no-prompt              never ask for a missing secret
          --no-spec-cache          ask the connector for its spec (by default kept in HOME/spec-cache per build of it)
          --verbose                show the connectors' logs (otherwise warnings and errors only)

        Exit codes: 0 done, 1 a connector or the sync failed, 2 wrong command line, 3 config does not match the spec,
        4 check reported FAILED, 130 interrupted.

        """;
}
