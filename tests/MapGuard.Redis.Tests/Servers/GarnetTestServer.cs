using System.Globalization;
using Garnet;
using StackExchange.Redis;

namespace MapGuard.Redis.Tests.Servers;

/// <summary>
/// A <see cref="GarnetServer"/> from the Microsoft.Garnet package, hosted in this process on a loopback ephemeral port.
/// Lua is on (<c>--lua</c>) and, unless a test asks otherwise, scripts run as transactions
/// (<c>--lua-transaction-mode</c>), which is what makes a script atomic on Garnet. With <c>durable</c>, every write is
/// appended to the AOF and committed before it is acknowledged, and a restart replays it.
/// </summary>
public sealed class GarnetTestServer : IRestartableServer
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mapguard-garnet-").FullName;
    private readonly bool _lua;
    private readonly bool _luaTransactionMode;
    private readonly bool _durable;
    private GarnetServer? _server;

    public GarnetTestServer(bool luaTransactionMode = true, bool durable = false, bool lua = true)
    {
        _lua = lua;
        _luaTransactionMode = luaTransactionMode;
        _durable = durable;
        Port = FreePort.Next();
        Start();
    }

    public int Port { get; }

    public string Product => "Garnet";

    public string Configuration => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public void SkipIfUnavailable()
    {
    }

    public ConnectionMultiplexer Connect(RedisMapOptions? options = null) =>
        ConnectionMultiplexer.Connect(RedisMapConnection.CreateConfiguration(Configuration, options ?? new RedisMapOptions()));

    /// <summary>Starts the server on <see cref="Port"/>; after <see cref="Stop"/>, a durable server recovers its AOF.</summary>
    public void Start()
    {
        List<string> args =
        [
            "--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--checkpointdir", _directory,
            "--device-type", "RandomAccess", // the native device needs libaio, which Debian 12 ships under another name
            "--index", "16m",
        ];
        if (_lua)
        {
            args.Add("--lua");
        }

        if (_lua && _luaTransactionMode)
        {
            args.Add("--lua-transaction-mode");
        }

        if (_durable)
        {
            args.AddRange(["--aof", "--aof-commit-freq", "0", "--aof-commit-wait", "--recover"]);
        }

        _server = new GarnetServer([.. args]);
        _server.Start();
    }

    /// <summary>Disposes the server; connected clients see their connections drop.</summary>
    public void Halt() => Stop();

    /// <summary>Stops the server; connected clients see their connections drop.</summary>
    public void Stop()
    {
        _server?.Dispose();
        _server = null;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // RACE(benign): Garnet may still be closing a file; the temp folder is cleaned up later by the OS.
        }
    }
}
