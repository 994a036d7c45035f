#!/usr/bin/env bash
# Builds pinned open-source C# projects with the MapGuard analyzers injected and collects every MG diagnostic.
# Run by hand, never in CI. It fetches nothing: each project's git snapshot must already be on disk under $MIRROR
# (one repository per project, <owner>+<name>/repo, bare or with a work tree), and packages come from the configured
# NuGet source.
#
# Each project's library sources are compiled by a generated harness project (net10.0, the project's own
# define constants and package references) next to the extracted tree, so the project's own build props (signing,
# versioning tools, old target frameworks) play no part; only the analyzers under test and the compiler run.
#
#   tools/analyzer-precision/run.sh [name ...]     # default: every project in projects.tsv
#
# Output: tools/analyzer-precision/reports/<name>.txt, one line per diagnostic (file:line:col id message), paths
# relative to the project's repository, sorted. A planted racy file is compiled into every harness to prove the
# rules ran; its diagnostic is checked and left out of the report. MG1007 (opt-in) is enabled through a globalconfig.
# Then classify every line in classification.tsv and run summarize.py for the table in docs/analyzers/README.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
MIRROR="${MIRROR:-/work/.mirror}"
WORK="${WORK:-/tmp/mg-precision}"
# ANALYZER=path/to/MapGuard.Analyzers.dll uses a prebuilt analyzer instead of building src/MapGuard.Analyzers.
analyzer="${ANALYZER:-$root/src/MapGuard.Analyzers/bin/Release/netstandard2.0/MapGuard.Analyzers.dll}"
if [[ -z "${ANALYZER:-}" ]]; then
    dotnet build "$root/src/MapGuard.Analyzers" -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null
fi
mkdir -p "$WORK" "$here/reports"
cp "$analyzer" "$WORK/MapGuard.Analyzers.dll"

while IFS=$'\t' read -r name snapshot commit folder defines packages implicit; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    [[ "$defines" == "-" ]] && defines=""
    [[ "$packages" == "-" ]] && packages=""
    if (($# > 0)) && [[ " $* " != *" $name "* ]]; then continue; fi
    dir="$WORK/$name"
    rm -rf "$dir" && mkdir -p "$dir/src"
    gitdir="$MIRROR/$snapshot/repo"
    [[ -d "$gitdir/.git" ]] && gitdir="$gitdir/.git" # a snapshot kept as a work tree rather than a bare repository
    git --git-dir="$gitdir" archive "$commit" "$folder/" | tar -x -C "$dir/src"
    refs=""
    IFS=';' read -ra pkgs <<<"$packages"
    for p in "${pkgs[@]}"; do
        [[ -n "$p" ]] && refs+="    <PackageReference Include=\"${p%@*}\" Version=\"${p#*@}\" />"$'\n'
    done
    cp "$here/Planted.cs" "$dir/Planted.cs"
    # MG1007 is opt-in; the measurement turns it on the way a user does, so its reports are counted too.
    printf 'is_global = true\ndotnet_diagnostic.MG1007.severity = warning\n' >"$dir/MapGuard.globalconfig"
    cat >"$dir/Harness.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <AssemblyName>$name</AssemblyName>
    <LangVersion>latest</LangVersion>
    <Nullable>enable</Nullable>
    <ImplicitUsings>$implicit</ImplicitUsings>
    <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
    <GenerateAssemblyInfo>false</GenerateAssemblyInfo>
    <DefineConstants>\$(DefineConstants);$defines</DefineConstants>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <EnableNETAnalyzers>false</EnableNETAnalyzers>
    <NoWarn>\$(NoWarn);CS0618;CS1591;CS8600;CS8601;CS8602;CS8603;CS8604;CS8618;CS8625;CS0436;SYSLIB0011;SYSLIB0050;SYSLIB0051</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="src/$folder/**/*.cs" Exclude="src/$folder/obj/**;src/$folder/bin/**" />
    <Compile Include="Planted.cs" />
    <Analyzer Include="$WORK/MapGuard.Analyzers.dll" />
    <GlobalAnalyzerConfigFiles Include="MapGuard.globalconfig" />
$refs  </ItemGroup>
</Project>
XML
    echo "== $name @ ${commit:0:12}" >&2
    log="$dir/build.log"
    if ! dotnet build "$dir/Harness.csproj" -c Release -nologo -m:1 -clp:NoSummary -p:UseSharedCompilation=false >"$log" 2>&1; then
        { grep -E ": error " "$log" | sort -u | head -20 >&2; } || true
        echo "build failed: $log" >&2
        continue
    fi
    if ! grep -q 'Planted.cs.*warning MG1002' "$log"; then
        echo "the planted race was not reported: the analyzers did not run ($log)" >&2
        exit 1
    fi
    { grep -E 'warning MG[0-9]+:' "$log" || true; } | { grep -v 'Planted.cs' || true; } \
        | sed -E "s#^$dir/src/##; s#\(([0-9]+),([0-9]+)\): warning (MG[0-9]+): #:\1:\2 \3 #; s# \[[^]]*\]\$##" \
        | sort -u >"$here/reports/$name.txt"
    echo "$(wc -l <"$here/reports/$name.txt") reports" >&2
done <"$here/projects.tsv"
