using System.Diagnostics;

namespace FlashSale.Tests;

/// <summary>
/// Finds and runs Prometheus's promtool: <c>$PROMTOOL</c> (set by .ci/run), then the PATH, then the cache .ci/run
/// unpacks it into. Missing under <c>CI=true</c> is a failure; elsewhere the test skips.
/// </summary>
internal static class Promtool
{
    public static string Require()
    {
        string cache = Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") ?? Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/tmp", ".cache"), "mapguard", "promtool", "usr", "bin", "promtool");
        IEnumerable<string> candidates =
        [
            Environment.GetEnvironmentVariable("PROMTOOL") ?? "",
            .. (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(dir => Path.Combine(dir, "promtool")),
            cache,
        ];
        string? found = candidates.FirstOrDefault(path => path.Length > 0 && File.Exists(path));
        if (found is not null)
        {
            return found;
        }

        Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "promtool is missing under CI=true: .ci/run fetches it from Debian's prometheus package");
        Assert.Skip("promtool not found (PROMTOOL, PATH, or the .ci/run cache); run `bash .ci/run` once, or `apt-get install prometheus`");
        return "";
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string promtool, string arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(promtool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
