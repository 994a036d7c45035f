using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace MapGuard.Analyzers.Tests.Infrastructure;

/// <summary>
/// What the test compilations reference: the running shared framework's own assemblies (no reference pack is
/// downloaded at test time), the real DI and hosting abstractions for the singleton rule, and MapGuard itself for
/// <c>GuardedByAttribute</c>.
/// </summary>
internal static class TestReferences
{
    /// <summary>No package to resolve: <see cref="All"/> is added as plain references instead.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> All { get; } = Create();

    private static ImmutableArray<MetadataReference> Create()
    {
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = new List<string>();
        foreach (string path in ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator))
        {
            if (Path.GetDirectoryName(path) == framework)
            {
                paths.Add(path);
            }
        }

        paths.Add(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location);
        paths.Add(typeof(Microsoft.Extensions.DependencyInjection.ServiceCollectionHostedServiceExtensions).Assembly.Location);
        paths.Add(typeof(MapGuard.GuardedByAttribute).Assembly.Location);
        return [.. paths.Distinct(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
