using MapGuard.Redis.Tests.Servers;
using MapGuard.Testing.Broken;
using MapGuard.Testing.Stress;

namespace MapGuard.Redis.Tests.CrossClient;

/// <summary>
/// The checks above must be able to fail. Two deliberately broken setups, each caught within a bounded number of
/// attempts: RedisMap driven check-then-act (the foundation's <see cref="CheckThenActMap{TKey, TValue}"/> over it),
/// and Garnet with Lua scripts that are not transactions (<c>--lua-transaction-mode</c> off), where a script's HGET
/// and HDEL are separate steps that another connection's script can fall between.
/// </summary>
public sealed class BrokenVariantDetectionTests(SharedGarnet garnet)
{
    private const int Attempts = 5;

    [Fact]
    public void StressCounters_CatchCheckThenActOverRedisMap() =>
        AssertCaught(() => StressScenarios.CountersAreExact(() => new CheckThenActMap<long, long>(garnet.NewMap<long, long>()), threads: 4, incrementsPerKey: 100));

    [Fact]
    public void StressContestedTryAdd_CatchesCheckThenActOverRedisMap() =>
        AssertCaught(() => StressScenarios.ContestedTryAddHasOneWinner(() => new CheckThenActMap<long, long>(garnet.NewMap<long, long>()), threads: 4, keys: 2_000));

    [Fact]
    public void CrossClientTryRemove_CatchesGarnetWithoutLuaTransactionMode()
    {
        using var unsafeGarnet = new GarnetTestServer(luaTransactionMode: false);
        AssertCaught(() => CrossClientScenarios.ContestedTryRemove(unsafeGarnet));
    }

    private static void AssertCaught(Action scenario)
    {
        for (int attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                scenario();
            }
            catch (IntegrityException caught)
            {
                TestContext.Current.SendDiagnosticMessage($"caught on attempt {attempt}: {caught.Message}");
                return;
            }
        }

        Assert.Fail($"The check passed a broken setup {Attempts} times in a row.");
    }
}
