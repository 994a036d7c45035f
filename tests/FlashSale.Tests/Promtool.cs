using System.Diagnostics;
using System.Security.Cryptography;

namespace FlashSale.Tests;

/// <summary>
/// Finds and runs Prometheus's promtool: <c>$PROMTOOL</c> (set by .ci/run), then the PATH, then the private cache
/// .ci/promtool unpacks it into, when the binary there still has the SHA-256 stored beside it. Missing under
/// <c>CI=true</c> is a failure; elsewhere the test skips.
/// </summary>
internal static class Promtool
{
    public static string Require()
    {
        IEnumerable<string> candidates =
        [
            Environment.GetEnvironmentVariable("PROMTOOL") ?? "",
            .. (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(dir => Path.Combine(dir, "promtool")),
        ];
        string? found = candidates.FirstOrDefault(path => path.Length > 0 && File.Exists(path)) ?? VerifiedCache();
        if (found is not null)
        {
            return found;
        }

        Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "promtool is missing under CI=true: .ci/run fetches it from Debian's prometheus package");
        Assert.Skip("promtool not found (PROMTOOL, PATH, or the .ci/run cache); run `bash .ci/run` once, or `apt-get install prometheus`");
        return "";
    }

    // ${XDG_CACHE_HOME:-$HOME/.cache}/mapguard/promtool, as .ci/promtool keeps it; never a folder under /tmp.
    private static string? VerifiedCache()
    {
        string? root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
            : Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? Path.Combine(home, ".cache")
            : null;
        if (root is null)
        {
            return null;
        }

        string binary = Path.Combine(root, "mapguard", "promtool");
        string digest = binary + ".sha256";
        return File.Exists(binary) && File.Exists(digest)
            && string.Equals(File.ReadAllText(digest).Trim(), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(binary))), StringComparison.Ordinal)
            ? binary
            : null;
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
