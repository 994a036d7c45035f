using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using StackExchange.Redis;

namespace MapGuard.Redis.Tests.Servers;

/// <summary>
/// A <c>redis-server</c> child process (Debian's package; <c>.ci/run</c> installs it) on a loopback ephemeral port, with
/// persistence off unless <c>durable</c> (then AOF with <c>appendfsync always</c>: a write is on disk before it is
/// acknowledged). Where redis-server is not installed, tests skip with a message, except under CI, where they fail.
/// </summary>
public sealed class RedisTestServer : IRestartableServer
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mapguard-redis-").FullName;
    private readonly bool _durable;
    private readonly string? _password;
    private readonly string? _executable;
    private Process? _process;

    /// <param name="durable">AOF with fsync on every write.</param>
    /// <param name="password">When set, the server requires it (<c>requirepass</c>) and <see cref="Connect"/> sends it.</param>
    public RedisTestServer(bool durable = false, string? password = null)
    {
        _durable = durable;
        _password = password;
        _executable = Find();
        Port = FreePort.Next();
        if (_executable is not null)
        {
            Start();
        }
    }

    public int Port { get; }

    public string Product => "redis-server";

    public string Configuration => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public void SkipIfUnavailable()
    {
        if (_executable is not null)
        {
            return;
        }

        const string Message = "redis-server is not installed (apt-get install redis-server); .ci/run installs it.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("Under CI the redis-server suite must run: " + Message);
        }

        Assert.Skip(Message);
    }

    public ConnectionMultiplexer Connect(RedisMapOptions? options = null)
    {
        SkipIfUnavailable();
        ConfigurationOptions configuration = RedisMapConnection.CreateConfiguration(Configuration, options ?? new RedisMapOptions());
        configuration.AllowAdmin = true; // CLIENT PAUSE in the unknown-outcome test
        configuration.Password = _password;
        return ConnectionMultiplexer.Connect(configuration);
    }

    public void Start()
    {
        List<string> args =
        [
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "",
            "--dir", _directory, "--daemonize", "no", "--loglevel", "warning",
        ];
        args.AddRange(_durable ? ["--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"]);
        if (_password is not null)
        {
            args.AddRange(["--requirepass", _password]);
        }
        var start = new ProcessStartInfo(_executable!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening(TimeSpan.FromSeconds(10));
    }

    /// <summary>Kills the process (SIGKILL: no shutdown save, no goodbye to clients).</summary>
    public void Halt() => Kill();

    /// <summary>Kills the process (SIGKILL: no shutdown save, no goodbye to clients).</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Kill();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // RACE(benign): redis-server may still hold a file; the temp folder is cleaned up later by the OS.
        }
    }

    private static string? Find()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Append("/usr/bin").Append("/usr/sbin"))
        {
            string candidate = Path.Combine(dir, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private void WaitUntilListening(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (clock.Elapsed < limit && _process is { HasExited: false })
            {
                Thread.Sleep(20);
            }
        }
    }
}
