#!/usr/bin/env bash
# Packs the Connectors SDK (Connectors.Abstractions, Connectors.Runtime, Connectors.Http, Connectors.Execution,
# Connectors.Platform.Sqlite, Connectors.Testing, Connectors.Runtime.Conduit and Connectors.Templates) into a local NuGet feed and installs the templates from it, so that
# `dotnet new connector-source` (connector-destination, connector-service) works before the packages are on nuget.org.
# With --with-client it also packs Connectors.Client and the connectors tool (Connectors.Cli), which bring DuckDB's native libraries and take longer.
#
#   ./build/local-feed.sh [--with-client]
#
# Every run packs a new version, <ConnectorsVersion>-local.<UTC time> (so NuGet's package cache never serves an older
# build), into ~/.connectors/feed, and installs that version's templates for `dotnet new` (replacing an older one). Each
# new project gets a nuget.config that restores Connectors.* from the feed and everything else from nuget.org; the
# user-wide NuGet configuration is not touched. Projects made earlier keep their version, which stays in the feed.
#
# Environment:
#   CONNECTORS_FEED                 the feed folder (default: ~/.connectors/feed)
#   CONNECTORS_PACK_CONFIGURATION   Release (the default) or Debug, to pack a Debug build you already have
# Undo: dotnet new uninstall Connectors.Templates && rm -rf ~/.connectors
set -euo pipefail
cd "$(dirname "$0")/.."

feed="${CONNECTORS_FEED:-$HOME/.connectors/feed}"
configuration="${CONNECTORS_PACK_CONFIGURATION:-Release}"
base_version="$(sed -n 's:.*<ConnectorsVersion>\(.*\)</ConnectorsVersion>.*:\1:p' Directory.Build.props)"
version="$base_version-local.$(date -u +%Y%m%d%H%M%S)"

mkdir -p "$feed"
feed="$(cd "$feed" && pwd)"
echo "Packing the Connectors SDK $version ($configuration) into $feed."
echo "A fresh clone builds the SDK first: about a minute on two cores."
with_client=false
for argument in "$@"; do
  case "$argument" in
    --with-client) with_client=true ;;
    *) echo "usage: $0 [--with-client]" >&2; exit 2 ;;
  esac
done
# One dotnet pack for all the packages (build/sdk-packages.slnf lists them): one restore, and each project they share
# is built or checked once, not once per package.
packages=(build/sdk-packages.slnf)
if $with_client; then
  packages+=(build/client-packages.slnf)
fi
for filter in "${packages[@]}"; do
  dotnet pack "$filter" --configuration "$configuration" --output "$feed" -p:PackageVersion="$version" \
    -p:ConnectorsLocalFeed="$feed" -nologo
done
for package in "$feed"/*."$version".nupkg; do
  echo "  $package"
done

echo "Installing the templates connector-source, connector-destination and connector-service $version."
# One uninstall removes every installed version; a second install would otherwise sit beside the first.
dotnet new uninstall Connectors.Templates >/dev/null 2>&1 || true
dotnet new install "$feed/Connectors.Templates.$version.nupkg" >/dev/null

cat <<DONE
Done. In an empty folder:
  dotnet new connector-source -n Weather
  dotnet new connector-destination -n Lake
  dotnet new connector-service -n Lab
New projects reference Connectors.Runtime $version (connector-service also Connectors.Platform.Sqlite) and restore them from $feed (their nuget.config).
DONE
if $with_client; then
  echo "The connectors tool: dotnet tool install -g Connectors.Cli --version $version --add-source $feed"
fi
