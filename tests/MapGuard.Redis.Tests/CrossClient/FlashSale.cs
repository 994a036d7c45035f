using MapGuard.Redis.Tests.Servers;
using MapGuard.Testing.Stress;
using static MapGuard.Testing.Stress.StressHarness;

namespace MapGuard.Redis.Tests.CrossClient;

/// <summary>
/// The flash-sale shape from the FlashSale sample (which does not exist yet), run directly on RedisMap: two independent
/// clients (two multiplexers, as two service instances) take 20,000 order attempts between them for 100 units of one
/// SKU. A unit is sold by decrementing the stock with a compare-and-set, so no two orders can take the same unit.
/// </summary>
public static class FlashSale
{
    public const int Stock = 100;
    public const int Attempts = 20_000;
    private const string Sku = "sku-1";

    public readonly record struct Outcome(int Sold, int StockLeft, int Orders);

    /// <summary>Runs the sale; <paramref name="naive"/> decrements with a read and a blind write (the oversell bug).</summary>
    public static Outcome Run(ITestServer server, bool naive, int clients = 2, int threadsPerClient = 4)
    {
        using var all = new Clients(server, clients);
        string stockName = SharedServer.NextName();
        string ordersName = SharedServer.NextName();
        all.Map<string, int>(0, stockName)[Sku] = Stock;
        int threads = clients * threadsPerClient;
        int sold = 0;
        int next = -1;
        StressHarness.Run(threads, t =>
        {
            RedisMap<string, int> stock = all.Map<string, int>(t % clients, stockName);
            RedisMap<int, int> orders = all.Map<int, int>(t % clients, ordersName);
            int attempt;
            while ((attempt = Interlocked.Increment(ref next)) < Attempts)
            {
                if (naive ? TakeNaively(stock) : Take(stock))
                {
                    Interlocked.Increment(ref sold);
                    Check(orders.TryAdd(attempt, t % clients), $"Order {attempt} was recorded twice.");
                }
            }
        });

        return new Outcome(sold, all.Map<string, int>(0, stockName)[Sku], all.Map<int, int>(0, ordersName).Count);
    }

    private static bool Take(RedisMap<string, int> stock)
    {
        while (stock.TryGetValue(Sku, out int left) && left > 0)
        {
            if (stock.TryUpdate(Sku, left - 1, left))
            {
                return true;
            }
        }

        return false; // sold out
    }

    private static bool TakeNaively(RedisMap<string, int> stock)
    {
        if (stock.TryGetValue(Sku, out int left) && left > 0)
        {
            stock[Sku] = left - 1; // BUG (deliberate): another client may have taken the same unit since the read
            return true;
        }

        return false;
    }
}
