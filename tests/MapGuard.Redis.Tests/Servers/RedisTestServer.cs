using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using StackExchange.Redis;

namespace MapGuard.Redis.Tests.Servers;

/// <summary>
/// A <c>redis-server</c> child process (Debian's package; <c>.ci/run</c> installs it) on a loopback ephemeral port, with
/// persistence off unless <c>durable</c> (then AOF with <c>appendfsync always</c>: a write is on disk before it is
/// acknowledged). With <see cref="TestCertificates"/> it listens on a TLS port only (<c>--tls-port</c>, no plain port;
/// clients need no certificate of their own). Where redis-server is not installed, or was built without TLS and TLS is
/// asked for, tests skip with a message, except under CI, where they fail.
/// </summary>
public sealed class RedisTestServer : IRestartableServer
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mapguard-redis-").FullName;
    private readonly bool _durable;
    private readonly string? _password;
    private readonly TestCertificates? _tls;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
    private string? _executable;
    private string? _unavailable;
    private Process? _process;

    /// <param name="durable">AOF with fsync on every write.</param>
    /// <param name="password">When set, the server requires it (<c>requirepass</c>) and <see cref="Connect"/> sends it.</param>
    /// <param name="tls">When set, the server speaks TLS only, with this server certificate, and <see cref="Connect"/>
    /// trusts this CA.</param>
    public RedisTestServer(bool durable = false, string? password = null, TestCertificates? tls = null)
    {
        _durable = durable;
        _password = password;
        _tls = tls;
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

        string Message = _unavailable ?? "redis-server is not installed (apt-get install redis-server); .ci/run installs it.";
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
        if (_tls is not null)
        {
            RedisMapConnection.UseTls(configuration, _tls.CaCertificateFile);
        }

        return ConnectionMultiplexer.Connect(configuration);
    }

    public void Start()
    {
        string port = Port.ToString(CultureInfo.InvariantCulture);
        List<string> args = _tls is null
            ? ["--port", port]
            :
            [
                "--port", "0", "--tls-port", port, "--tls-cert-file", _tls.ServerCertificateFile,
                "--tls-key-file", _tls.ServerKeyFile, "--tls-ca-cert-file", _tls.CaCertificateFile, "--tls-auth-clients", "no",
            ];
        args.AddRange(["--bind", "127.0.0.1", "--save", "", "--dir", _directory, "--daemonize", "no", "--loglevel", "warning"]);
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
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening(TimeSpan.FromSeconds(10));
    }

    private void Keep(string? line)
    {
        if (line is not null && _output.Count < 200)
        {
            _output.Enqueue(line);
        }
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
            catch (SocketException) when (_tls is not null && _process is { HasExited: true })
            {
                // A build without TLS refuses the --tls-* directives and exits; SkipIfUnavailable reports it.
                _process.WaitForExit();
                _unavailable = "redis-server exited instead of listening on a TLS port (built without TLS?): " +
                    string.Join(" | ", _output.Where(line => line.Length > 0).TakeLast(3));
                _executable = null;
                return;
            }
        }
    }
}
