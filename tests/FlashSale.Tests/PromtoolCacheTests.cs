using System.Diagnostics;
using System.Runtime.Versioning;
using System.Security.Cryptography;

namespace FlashSale.Tests;

/// <summary>
/// .ci/promtool reuses a cached promtool only from a folder that only this user can use, and only when the binary's
/// SHA-256 matches the one stored at unpacking. Each case runs the script with a fake <c>apt-get</c> that fails and
/// records that it was called, so nothing is downloaded.
/// </summary>
[UnsupportedOSPlatform("windows")] // each test skips there: the script is bash, the modes are POSIX
public sealed class PromtoolCacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mapguard-promtool-cache-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task PrivateCacheWithAMatchingDigest_IsReused()
    {
        if (!CanRun(out string home, out string binary))
        {
            return;
        }

        (int exitCode, string stdout, string stderr) = await RunAsync(home);

        Assert.Equal(0, exitCode);
        Assert.Equal(binary, stdout.Trim());
        Assert.Equal("", stderr);
        Assert.False(File.Exists(Marker), "apt-get was called although the cache was good");
    }

    [Fact]
    public async Task CachedBinaryThatDoesNotMatchItsDigest_IsDeletedAndFetchedAgain()
    {
        if (!CanRun(out string home, out string binary))
        {
            return;
        }

        await File.AppendAllTextAsync(binary, "# changed after unpacking\n", TestContext.Current.CancellationToken);

        (int exitCode, string stdout, string stderr) = await RunAsync(home);

        Assert.Equal(1, exitCode); // the fake apt-get cannot fetch it
        Assert.Equal("", stdout);
        Assert.Contains("does not match its SHA-256", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(binary));
        Assert.True(File.Exists(Marker));
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute)]
    public async Task CacheFolderThatOthersCanUse_IsNotUsed(UnixFileMode mode)
    {
        // The old cache lived under ${HOME:-/tmp}: without HOME, in a folder anyone could write to, reused unchecked.
        if (!CanRun(out string home, out string binary))
        {
            return;
        }

        File.SetUnixFileMode(Path.GetDirectoryName(binary)!, mode);

        (int exitCode, string stdout, string stderr) = await RunAsync(home);

        Assert.Equal(1, exitCode);
        Assert.DoesNotContain(binary, stdout, StringComparison.Ordinal);
        Assert.Contains("is not a folder that only", stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Marker));
    }

    [Fact]
    public async Task CacheFolderThatIsASymlink_IsNotUsed()
    {
        if (!CanRun(out string home, out string binary))
        {
            return;
        }

        string real = Path.GetDirectoryName(binary)!;
        string moved = Path.Combine(_root, "elsewhere");
        Directory.Move(real, moved);
        Directory.CreateSymbolicLink(real, moved);

        (int exitCode, string stdout, string stderr) = await RunAsync(home);

        Assert.Equal(1, exitCode);
        Assert.Equal("", stdout);
        Assert.Contains("not a symlink", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutHome_NothingIsCachedOutsideTheScratchFolder()
    {
        if (!CanRun(out _, out _))
        {
            return;
        }

        (int exitCode, string stdout, _) = await RunAsync(home: null);

        Assert.Equal(1, exitCode);
        Assert.Equal("", stdout);
        Assert.True(File.Exists(Marker));
        Assert.Empty(Directory.GetFileSystemEntries(Scratch));
    }

    private string Marker => Path.Combine(_root, "apt-get-was-called");

    private string Scratch => Path.Combine(_root, "scratch");

    // Sets up a home with a private cache holding a fake promtool and its digest, and a PATH whose apt-get fails.
    private bool CanRun(out string home, out string binary)
    {
        home = Path.Combine(_root, "home");
        binary = Path.Combine(home, ".cache", "mapguard", "promtool");
        if (OperatingSystem.IsWindows() || !File.Exists("/bin/bash") || SystemPromtool() is not null)
        {
            Assert.Skip("needs bash on Linux and no promtool on PATH (the script prefers one on PATH)");
            return false;
        }

        string cache = Path.GetDirectoryName(binary)!;
        Directory.CreateDirectory(Path.GetDirectoryName(cache)!);
        Directory.CreateDirectory(cache, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(binary, "#!/bin/sh\necho fake promtool\n");
        File.WriteAllText(binary + ".sha256", Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(binary))) + "\n");
        Directory.CreateDirectory(Scratch, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        string bin = Path.Combine(_root, "bin");
        Directory.CreateDirectory(bin);
        string aptGet = Path.Combine(bin, "apt-get");
        File.WriteAllText(aptGet, "#!/bin/sh\ntouch \"$APT_MARKER\"\nexit 1\n");
        File.SetUnixFileMode(aptGet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return true;
    }

    private static string? SystemPromtool() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Append("/usr/bin").Append("/bin")
            .Select(dir => Path.Combine(dir, "promtool"))
            .FirstOrDefault(File.Exists);

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string? home)
    {
        var start = new ProcessStartInfo("/bin/bash", [RepoFiles.Path(".ci/promtool"), Scratch])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Clear();
        start.Environment["PATH"] = Path.Combine(_root, "bin") + ":/usr/bin:/bin";
        start.Environment["APT_MARKER"] = Marker;
        if (home is not null)
        {
            start.Environment["HOME"] = home;
        }

        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        watchdog.CancelAfter(TimeSpan.FromSeconds(60));
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(watchdog.Token);
        Task<string> stderr = process.StandardError.ReadToEndAsync(watchdog.Token);
        await process.WaitForExitAsync(watchdog.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
