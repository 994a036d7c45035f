using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Garnet;
using MapGuard.Redis;
using StackExchange.Redis;

namespace MapGuard.Cli.Lab.Migration;

/// <summary>
/// The target of <c>mapguard lab migrate-to-redis</c>: a <see cref="RedisMap{TKey, TValue}"/> on the server that
/// <c>--redis</c> names, or, without it, on a Garnet server hosted in this process on a loopback port, so the lab runs
/// on a machine with nothing installed.
/// </summary>
internal static class RedisMigrationTarget
{
    /// <summary>Connects (starting Garnet first if no server was named) and returns an empty map under a fresh name.</summary>
    /// <exception cref="UsageException">The named server cannot be reached.</exception>
    public static MigrationTarget Open(LabSettings settings)
    {
        var resources = new Resources();
        try
        {
            // --redis may carry a password (host:port,password=...): messages show it only through Redact.
            string endpoint;
            string shown;
            string where;
            if (settings.RedisEndpoint is { } named)
            {
                endpoint = named;
                shown = RedisMapConnection.Redact(named);
                where = $"the Redis-protocol server at {shown}";
            }
            else
            {
                resources.Directory = Directory.CreateTempSubdirectory("mapguard-lab-garnet-").FullName;
                resources.Garnet = StartGarnet(resources.Directory, out int port);
                endpoint = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");
                shown = endpoint;
                where = $"Garnet hosted in this process at {endpoint}";
            }

            var options = new RedisMapOptions();
            ConfigurationOptions configuration;
            try
            {
                configuration = RedisMapConnection.CreateConfiguration(endpoint, options);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException($"--redis: cannot read '{shown}' as a server address: {ex.Message.ReplaceLineEndings(" ")}");
            }

            resources.Connection = ConnectionMultiplexer.Connect(configuration);

            // RedisMap's connections keep retrying instead of failing (AbortOnConnectFail is off), so ask once here.
            if (!resources.Connection.IsConnected)
            {
                throw new UsageException($"--redis: cannot connect to '{shown}' (is a Redis or Garnet server listening there?)");
            }

            // A fresh name per run, so the lab never touches a user's keys on a shared server; Dispose deletes it.
            string name = "mapguard-lab-migration-" + Guid.NewGuid().ToString("N")[..12];
            var map = new RedisMap<long, long>(resources.Connection.GetDatabase(), name, options);
            resources.Map = map;
            return new MigrationTarget(map, $"a RedisMap named {name} on {where}", resources);
        }
        catch
        {
            resources.Dispose();
            throw;
        }
    }

    private static GarnetServer StartGarnet(string directory, out int port)
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        // Lua on and run as transactions: RedisMap's compare-and-act scripts rely on both (docs/design/redis-map.md).
        // No AOF: the lab's keys live only as long as the run.
        var server = new GarnetServer(
        [
            "--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--lua", "--lua-transaction-mode",
            "-q", // quiet: no version banner or text art on standard output, where --json writes the report
            "--checkpointdir", directory, // nothing is checkpointed; keeps Garnet from writing beside the caller
            "--index", "16m",
            "--device-type", "RandomAccess", // the native device needs libaio, which Debian 12 ships under another name
        ]);
        server.Start();
        return server;
    }

    private sealed class Resources : IDisposable
    {
        public GarnetServer? Garnet { get; set; }

        public ConnectionMultiplexer? Connection { get; set; }

        public RedisMap<long, long>? Map { get; set; }

        public string? Directory { get; set; }

        public void Dispose()
        {
            try
            {
                Map?.Clear(); // deletes the run's hash on a server that outlives the lab
            }
            catch (MapUnavailableException)
            {
                // The server went away: nothing left to clean up there.
            }

            Connection?.Dispose();
            Garnet?.Dispose();
            if (Directory is not null)
            {
                try
                {
                    System.IO.Directory.Delete(Directory, recursive: true);
                }
                catch (IOException)
                {
                    // RACE(benign): Garnet may still be closing a file; the OS cleans its temp folder later.
                }
            }
        }
    }
}
