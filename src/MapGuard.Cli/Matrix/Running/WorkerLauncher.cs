using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using MapGuard.Cli.Matrix.Worker;

namespace MapGuard.Cli.Matrix.Running;

/// <summary>
/// Starts one child process per measurement: this same program with the hidden <c>worker</c> command, the
/// <see cref="MeasurementSpec"/> as a JSON argument, and the <see cref="MeasurementResult"/> as JSON on its stdout.
/// </summary>
internal sealed class WorkerLauncher
{
    private readonly string _fileName;
    private readonly IReadOnlyList<string> _prefixArguments;

    /// <summary>Creates a launcher that runs <paramref name="fileName"/> with <paramref name="prefixArguments"/> first.</summary>
    public WorkerLauncher(string fileName, IReadOnlyList<string> prefixArguments)
    {
        _fileName = fileName;
        _prefixArguments = prefixArguments;
    }

    /// <summary>The command line prefix, for diagnostics.</summary>
    public override string ToString() => string.Join(' ', [_fileName, .. _prefixArguments]);

    /// <summary>
    /// A launcher for this program. When it runs as its own apphost (<c>mapguard</c>), that executable is reused. When
    /// it runs under the <c>dotnet</c> host, or is loaded by another program such as a test host, it is
    /// <c>dotnet path/to/mapguard.dll</c>.
    /// </summary>
    public static WorkerLauncher ForCurrentProcess()
    {
        var self = typeof(WorkerLauncher).Assembly;
        string? processPath = Environment.ProcessPath;
        bool selfIsEntry = Assembly.GetEntryAssembly() == self;
        if (selfIsEntry && processPath is not null && !IsDotnetHost(processPath))
        {
            return new WorkerLauncher(processPath, []);
        }

        return new WorkerLauncher(FindDotnetHost(processPath), [self.Location]);
    }

    /// <summary>Runs one measurement in a child process.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired; the child was killed.</exception>
    /// <exception cref="WorkerFailedException">The child failed, timed out or returned no result.</exception>
    public async Task<MeasurementResult> RunAsync(MeasurementSpec spec, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        // Tier up as soon as a method is hot instead of after 100 ms without new tier-0 code. The steady-state code is
        // the same (tier 1 with PGO); it just arrives within the warm-up, and the warm-up can tell when it has.
        start.Environment["DOTNET_TC_CallCountingDelayMs"] = "0";
        foreach (string argument in _prefixArguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("worker");
        start.ArgumentList.Add("--spec");
        start.ArgumentList.Add(JsonSerializer.Serialize(spec, MatrixJsonContext.Default.MeasurementSpec));

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new WorkerFailedException($"cannot start worker '{_fileName}': {ex.Message}", ex);
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeoutSource.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeoutSource.Token);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new WorkerFailedException(string.Create(CultureInfo.InvariantCulture, $"timed out after {timeout.TotalSeconds:0} s"));
        }

        if (process.ExitCode != 0)
        {
            cancellationToken.ThrowIfCancellationRequested(); // Ctrl+C reaches the child too
            string detail = LastLine(await stderr.ConfigureAwait(false));
            throw new WorkerFailedException(string.Create(CultureInfo.InvariantCulture, $"worker exited with code {process.ExitCode}{(detail.Length > 0 ? ": " + detail : "")}"));
        }

        string output = await stdout.ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(output, MatrixJsonContext.Default.MeasurementResult)
                ?? throw new WorkerFailedException("worker printed no result");
        }
        catch (JsonException ex)
        {
            throw new WorkerFailedException($"worker printed an unreadable result: {LastLine(ex.Message)}", ex);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5_000);
        }
        catch (InvalidOperationException)
        {
            // It already exited.
        }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";

    private static bool IsDotnetHost(string path) =>
        Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);

    private static string FindDotnetHost(string? processPath)
    {
        if (processPath is not null && IsDotnetHost(processPath))
        {
            return processPath;
        }

        // Set by the SDK for builds and test runs.
        string? hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        string? root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        string exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, exe)))
        {
            return Path.Combine(root, exe);
        }

        return exe; // resolved through PATH
    }
}
