namespace FlashSale.Tests;

/// <summary>Files of this repository, found from the test binary's folder upwards.</summary>
internal static class RepoFiles
{
    /// <summary>The repository root: the nearest folder above the test binary holding MapGuard.slnx.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The full path of <paramref name="relativePath"/> (with '/' separators) under the root.</summary>
    public static string Path(string relativePath) => System.IO.Path.Combine(Root, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "MapGuard.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no MapGuard.slnx above {AppContext.BaseDirectory}");
    }
}
