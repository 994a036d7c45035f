using System.ComponentModel;
using System.Diagnostics;

namespace MapGuard.Cli.Matrix.Running;

/// <summary>Finds the commit the matrix was run on, when it runs inside a git work tree.</summary>
internal static class GitInfo
{
    /// <summary>Returns <c>git rev-parse HEAD</c> of the current directory, or null when git or the repository is missing.</summary>
    public static string? TryGetCommit()
    {
        try
        {
            var start = new ProcessStartInfo("git")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                CreateNoWindow = true,
            };
            start.ArgumentList.Add("rev-parse");
            start.ArgumentList.Add("HEAD");
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            string output = process.StandardOutput.ReadToEnd().Trim();
            if (!process.WaitForExit(5_000))
            {
                process.Kill();
                return null;
            }

            return process.ExitCode == 0 && output.Length == 40 && output.All(char.IsAsciiHexDigit) ? output : null;
        }
        catch (Win32Exception)
        {
            return null; // git is not installed
        }
    }
}
