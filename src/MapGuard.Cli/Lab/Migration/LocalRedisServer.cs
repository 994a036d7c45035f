using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MapGuard.Cli.Lab.Migration;

/// <summary>
/// A <c>redis-server</c> from the user's <c>PATH</c>, started by <c>mapguard lab migrate-to-redis</c> for one run: on a
/// loopback port the OS picks, with persistence off and its working folder in a temporary directory, and killed with it.
/// The tool carries no server of its own (one would be most of the package), so without <c>--redis</c> and without
/// redis-server the hazard stops at once with a usage error naming both ways to run it.
/// </summary>
internal sealed class LocalRedisServer : IDisposable
{
    /// <summary>The command looked up on <c>PATH</c>.</summary>
    public const string Command = "redis-server";

    /// <summary>The usage error's text when no server is named or found.</summary>
    public const string MissingMessage =
        "migrate-to-redis needs a Redis-protocol server: pass --redis HOST:PORT (Redis, or Garnet started with --lua " +
        "--lua-transaction-mode), or put redis-server on PATH (Debian and Ubuntu: apt-get install redis-server) and it " +
        "is started on a loopback port for the run";

    private static readonly TimeSpan s_startLimit = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly string _directory;

    private LocalRedisServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    /// <summary>Gets the loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>Gets the StackExchange.Redis endpoint, <c>127.0.0.1:PORT</c>.</summary>
    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>Finds <see cref="Command"/> in the folders of <paramref name="searchPath"/> (a <c>PATH</c> value).</summary>
    /// <returns>The executable's path, or null.</returns>
    public static string? Find(string? searchPath)
    {
        string name = OperatingSystem.IsWindows() ? Command + ".exe" : Command;
        foreach (string folder in (searchPath ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder.Trim(), name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Starts the redis-server found on <paramref name="searchPath"/> and waits until it accepts connections.</summary>
    /// <param name="searchPath">A <c>PATH</c> value; the process's own by default.</param>
    /// <exception cref="UsageException">No redis-server is on the path, or it did not start listening.</exception>
    public static LocalRedisServer Start(string? searchPath)
    {
        string executable = Find(searchPath) ?? throw new UsageException(MissingMessage);
        string directory = Directory.CreateTempSubdirectory("mapguard-lab-redis-").FullName;
        try
        {
            // RACE(benign): another process may take the port between the probe and redis-server's bind; the server
            // then exits and the next attempt picks another port.
            for (int attempt = 1; ; attempt++)
            {
                int port = FreeLoopbackPort();
                Process process = Launch(executable, directory, port);
                if (WaitUntilListening(process, port))
                {
                    return new LocalRedisServer(process, directory, port);
                }

                Stop(process);
                if (attempt == 3)
                {
                    throw new UsageException($"{executable} did not start listening on a loopback port within {s_startLimit.TotalSeconds:0} s; pass --redis HOST:PORT to use a server that is already running");
                }
            }
        }
        catch
        {
            DeleteDirectory(directory);
            throw;
        }
    }

    /// <summary>Kills the server (its data lived only for the run) and deletes its folder.</summary>
    public void Dispose()
    {
        Stop(_process);
        DeleteDirectory(_directory);
    }

    private static Process Launch(string executable, string directory, int port)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true, // its log must not mix with the report (--json writes to standard output)
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (string argument in (string[])
            [
                "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", directory, "--daemonize", "no", "--loglevel", "warning",
            ])
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start) ?? throw new UsageException($"{executable} could not be started");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static bool WaitUntilListening(Process process, int port)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < s_startLimit && !process.HasExited)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }

        return false;
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // RACE(benign): it exited between the check and the kill.
        }
        finally
        {
            process.Dispose();
        }
    }

    private static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // RACE(benign): the killed server may still hold a file for a moment; the OS cleans its temp folder later.
        }
    }
}
