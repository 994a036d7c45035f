namespace MapGuard.Tests.Internal;

/// <summary>
/// Load-load ordering must come from a primitive the .NET memory model documents, not from what today's JIT and
/// x64 happen to do. These tests read the code, not its behaviour: on x64 a missing load-load barrier cannot be made to
/// fail reliably, because the processor never reorders loads with loads.
/// </summary>
public sealed class MemoryOrderTests
{
    [Fact]
    public void TheUndocumentedLoadLoadHelper_IsGone()
    {
        Assert.Null(typeof(ShardedMap<,>).Assembly.GetType("MapGuard.Internal.MemoryOrder"));
    }

    [Fact]
    public void NoLibraryFile_OrdersLoadsWithAnythingButTheDocumentedPrimitives()
    {
        string root = RepoRoot();
        string library = Path.Combine(root, "src", "MapGuard");
        string[] callers = Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => File.ReadAllText(path).Contains("MemoryOrder.", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .ToArray();

        Assert.Empty(callers);
    }

    /// <summary>The repository root: the nearest folder above the test binary holding MapGuard.slnx.</summary>
    private static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MapGuard.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no MapGuard.slnx above {AppContext.BaseDirectory}");
    }
}
