using System.Diagnostics;
using MapGuard.Redis.Tests.Servers;
using StackExchange.Redis;

namespace MapGuard.Redis.Tests.Faults;

/// <summary>
/// Faults on a real server: it stops under load and comes back; it is not there at all; it holds a write without
/// answering. The map must fail each call within its timeout with a clear exception, never lose a write it
/// acknowledged, say when a write's outcome is unknown, and work again by itself.
/// </summary>
public sealed class FaultTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMilliseconds(500);

    // A failed call may take the timeout plus the client's timer granularity and a little scheduling on 2 busy cores.
    private static readonly TimeSpan s_failureBound = TimeSpan.FromSeconds(2.5);

    public static TheoryData<string> Servers => ["Garnet", "redis-server"];

    [Theory]
    [MemberData(nameof(Servers))]
    public void ServerStoppedAndRestartedUnderLoad_FailsClearly_LosesNoAcknowledgedWrite_AndRecovers(string product)
    {
        using IRestartableServer server = product == "Garnet" ? new GarnetTestServer(durable: true) : new RedisTestServer(durable: true);
        server.SkipIfUnavailable();
        var options = new RedisMapOptions { OperationTimeout = s_timeout };
        using ConnectionMultiplexer connection = server.Connect(options);
        var map = new RedisMap<long, long>(connection.GetDatabase(), "orders", options);

        var run = new RestartUnderLoad();
        run.Run(server, map, writers: 4, before: TimeSpan.FromMilliseconds(400), down: TimeSpan.FromMilliseconds(1500));

        TestContext.Current.SendDiagnosticMessage(
            $"{product}: {run.Acknowledged.Count} acknowledged ({run.AcknowledgedAfterRestart} after the restart), {run.NotApplied.Count} not applied, " +
            $"{run.Unknown.Count} unknown; slowest failure {run.FailureDurations.DefaultIfEmpty().Max().TotalMilliseconds:F0} ms; " +
            $"first failure: {run.Failures.FirstOrDefault()?.Message}");

        // Clear errors: only MapUnavailableException (or its unknown-outcome subtype), wrapping the client's error, in time.
        Assert.Empty(run.Unexpected);
        Assert.NotEmpty(run.Failures);
        Assert.All(run.Failures, f =>
        {
            // The client's error: a connection error (RedisException) or a timeout (RedisTimeoutException, which derives
            // from TimeoutException, not RedisException: a write sent just before the kill times out waiting for its reply).
            Assert.True(f.InnerException is RedisException or RedisTimeoutException, $"Unexpected inner exception: {f.InnerException}");
            Assert.Equal("orders", f.MapName);
            Assert.Equal("TryAdd", f.Operation);
        });
        Assert.All(run.FailureDurations, d => Assert.True(d <= s_failureBound, $"A failed call took {d.TotalMilliseconds:F0} ms (timeout {s_timeout.TotalMilliseconds} ms)."));
        Assert.NotEmpty(run.NotApplied); // calls made while the server was down never left the process

        // Recovery: writes succeed again after the restart without any action by the map's user.
        Assert.True(run.AcknowledgedAfterRestart >= 200, $"Only {run.AcknowledgedAfterRestart} writes succeeded after the restart.");

        // No acknowledged write lost; no write reported as not applied is there; unknown ones may be either.
        long[] lost = [.. run.Acknowledged.Where(k => !map.TryGetValue(k, out long v) || v != ~k)];
        Assert.True(lost.Length == 0, $"{lost.Length} acknowledged writes were lost, e.g. key {lost.FirstOrDefault()}.");
        long[] phantom = [.. run.NotApplied.Where(map.ContainsKey)];
        Assert.True(phantom.Length == 0, $"{phantom.Length} writes reported as not applied are in the map, e.g. key {phantom.FirstOrDefault()}.");
        Assert.Equal(run.Acknowledged.Count + run.Unknown.Count(map.ContainsKey), map.Count);
    }

    [Fact]
    public void NoServerAtAll_EachCallFailsWithinTheTimeout_AsUnavailableAndNotApplied()
    {
        var options = new RedisMapOptions { OperationTimeout = s_timeout };
        using ConnectionMultiplexer connection = ConnectionMultiplexer.Connect(
            RedisMapConnection.CreateConfiguration($"127.0.0.1:{FreePort.Next()}", options));
        var map = new RedisMap<string, int>(connection.GetDatabase(), "nowhere", options);
        Action[] calls =
        [
            () => map.TryAdd("a", 1),
            () => map["a"] = 1,
            () => map.TryGetValue("a", out _),
            () => _ = map.Count,
            () => map.AddOrUpdate("a", 1, (_, v) => v + 1),
            () => map.TryRemove("a", out _),
            () => map.Clear(),
        ];

        foreach (Action call in calls)
        {
            var clock = Stopwatch.StartNew();
            MapUnavailableException error = Assert.Throws<MapUnavailableException>(call); // exact type: not "unknown"
            Assert.True(clock.Elapsed <= s_failureBound, $"{error.Operation} took {clock.Elapsed.TotalMilliseconds:F0} ms to fail.");
            Assert.False(error.MayHaveBeenApplied);
            Assert.IsType<RedisConnectionException>(error.InnerException);
            Assert.Contains("RedisMap 'nowhere'", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AWriteTheServerHoldsPastTheTimeout_ReportsAnUnknownOutcome_AndMayStillBeApplied()
    {
        // CLIENT PAUSE ... WRITE makes redis-server hold write commands unanswered: the HSET is sent, the client times
        // out, and the server applies it when the pause ends. That is exactly an unknown outcome.
        using var server = new RedisTestServer();
        server.SkipIfUnavailable();
        var options = new RedisMapOptions { OperationTimeout = TimeSpan.FromMilliseconds(300) };
        using ConnectionMultiplexer writer = server.Connect(options);
        using ConnectionMultiplexer admin = server.Connect();
        var map = new RedisMap<long, long>(writer.GetDatabase(), "held", options);
        var observer = new RedisMap<long, long>(admin.GetDatabase(), "held", options);

        admin.GetServer(admin.GetEndPoints()[0]).Execute("CLIENT", "PAUSE", "1500", "WRITE");
        MapOutcomeUnknownException error = Assert.Throws<MapOutcomeUnknownException>(() => map[1] = 42);
        Assert.True(error.MayHaveBeenApplied);
        Assert.IsType<RedisTimeoutException>(error.InnerException);
        Assert.Contains("may or may not have been applied", error.Message, StringComparison.Ordinal);

        var deadline = Stopwatch.StartNew();
        while (!observer.ContainsKey(1) && deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            Thread.Sleep(50);
        }

        Assert.Equal(42, observer[1]); // the write whose outcome was "unknown" did happen
    }
}
