using MapGuard.Redis;
using StackExchange.Redis;

namespace MapGuard.Cli.Lab.Migration;

/// <summary>
/// The target of <c>mapguard lab migrate-to-redis</c>: a <see cref="RedisMap{TKey, TValue}"/> on the server that
/// <c>--redis</c> names, or, without it, on a redis-server from <c>PATH</c> that it starts for the run
/// (<see cref="LocalRedisServer"/>); with neither, it stops with a usage error saying what it needs.
/// </summary>
internal static class RedisMigrationTarget
{
    /// <summary>Connects (starting redis-server first if no server was named) and returns an empty map under a fresh name.</summary>
    /// <exception cref="UsageException">The named server cannot be reached, or none was named and redis-server is not on
    /// <c>PATH</c>.</exception>
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
                resources.Server = LocalRedisServer.Start(settings.ServerSearchPath);
                endpoint = resources.Server.Endpoint;
                shown = endpoint;
                where = $"a redis-server started for this run at {endpoint}";
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

    private sealed class Resources : IDisposable
    {
        public LocalRedisServer? Server { get; set; }

        public ConnectionMultiplexer? Connection { get; set; }

        public RedisMap<long, long>? Map { get; set; }

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
            Server?.Dispose();
        }
    }
}
