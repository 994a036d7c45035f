using System.Diagnostics;
using System.Text;

namespace MapGuard.Cli.HitRate;

/// <summary>
/// Opens a trace file for reading, as it is or, for a name ending in <c>.zst</c>, through the <c>zstd</c> tool's
/// decompressor (the format's own tool; the core library and the CLI take no compression dependency for it).
/// </summary>
internal sealed class TraceStream : IDisposable
{
    private readonly Process? _zstd;
    private readonly string _path;
    private readonly Task<string>? _zstdErrors;

    private TraceStream(string path, StreamReader reader, Process? zstd, Task<string>? zstdErrors)
    {
        _path = path;
        Reader = reader;
        _zstd = zstd;
        _zstdErrors = zstdErrors;
    }

    /// <summary>Gets the text of the trace.</summary>
    public StreamReader Reader { get; }

    /// <summary>Whether <paramref name="path"/> names a zstd-compressed file.</summary>
    public static bool IsCompressed(string path) => path.EndsWith(".zst", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens <paramref name="path"/>.</summary>
    /// <exception cref="UsageException">The file is missing, or compressed and <c>zstd</c> is not installed.</exception>
    public static TraceStream Open(string path)
    {
        if (!IsCompressed(path))
        {
            return new TraceStream(path, new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true), null, null);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException("no such trace", path);
        }

        string zstd = FindOnPath("zstd") ?? throw new UsageException(
            $"--trace: '{path}' is zstd-compressed and zstd is not installed; install it (Debian: zstd) or expand the trace first (zstd -d FILE.zst on a machine that has it)");
        var start = new ProcessStartInfo(zstd)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-qdc");
        start.ArgumentList.Add("--");
        start.ArgumentList.Add(path);
        Process process = Process.Start(start) ?? throw new UsageException($"--trace: could not start '{zstd}'");
        return new TraceStream(path, process.StandardOutput, process, process.StandardError.ReadToEndAsync());
    }

    /// <summary>Checks that the decompressor read the whole file; call once the text is read to its end.</summary>
    /// <exception cref="UsageException">zstd failed: the file is damaged or not zstd.</exception>
    public void ThrowIfIncomplete()
    {
        if (_zstd is null)
        {
            return;
        }

        _zstd.WaitForExit();
        if (_zstd.ExitCode != 0)
        {
            string detail = _zstdErrors!.Result.ReplaceLineEndings(" ").Trim();
            throw new UsageException($"--trace: zstd could not expand '{_path}' (exit {_zstd.ExitCode}){(detail.Length > 0 ? ": " + detail : "")}");
        }
    }

    public void Dispose()
    {
        Reader.Dispose();
        if (_zstd is not null)
        {
            if (!_zstd.HasExited)
            {
                _zstd.Kill(); // a refused trace stops the decompressor it was reading from
            }

            _zstd.Dispose();
        }
    }

    private static string? FindOnPath(string tool)
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in OperatingSystem.IsWindows() ? [tool + ".exe"] : new[] { tool })
            {
                string candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
