using MapGuard.Redis.Tests.Servers;
using MapGuard.Testing.Stress;

namespace MapGuard.Redis.Tests.CrossClient;

/// <summary>Independent clients racing on one map, on Garnet and on redis-server.</summary>
public abstract class CrossClientTests(ITestServer server)
{
    [Fact]
    public void ContestedTryRemove_AcrossClients_SucceedsExactlyOncePerKey() => CrossClientScenarios.ContestedTryRemove(server);

    [Fact]
    public void ContestedTryAdd_AcrossClients_HasExactlyOneWinnerPerKey() => CrossClientScenarios.ContestedTryAdd(server);

    [Fact]
    public void AddOrUpdateCounters_AcrossClients_AreExact() => CrossClientScenarios.ContestedCounters(server);

    [Fact]
    public void FlashSale_TwoClients20000Orders100Units_SellsExactly100()
    {
        server.SkipIfUnavailable();
        FlashSale.Outcome outcome = FlashSale.Run(server, naive: false);
        Assert.Equal(new FlashSale.Outcome(Sold: FlashSale.Stock, StockLeft: 0, Orders: FlashSale.Stock), outcome);
    }

    [Fact]
    public void FlashSale_WithANaiveReadThenWriteDecrement_Oversells_SoTheCheckCanFail()
    {
        server.SkipIfUnavailable();
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            FlashSale.Outcome outcome = FlashSale.Run(server, naive: true);
            if (outcome.Sold > FlashSale.Stock)
            {
                TestContext.Current.SendDiagnosticMessage($"{server.Product}: naive decrement sold {outcome.Sold} of {FlashSale.Stock} units on attempt {attempt}.");
                return;
            }
        }

        Assert.Fail("The naive decrement never oversold in 3 runs: the flash-sale check would not catch the bug.");
    }
}

public sealed class GarnetCrossClientTests(SharedGarnet garnet) : CrossClientTests(garnet.Server);

public sealed class RedisCrossClientTests(SharedRedis redis) : CrossClientTests(redis.Server);
