using System.Net;
using System.Text;

namespace FlashSale.Tests;

/// <summary>
/// Fires many orders of one unit at a service (or at several instances of it) at once: a fixed number of client
/// tasks, all released together, each taking the next order number and posting it until none are left. Client task
/// <c>i</c> talks to instance <c>i % instances</c>, so the orders split evenly across instances and interleave in time.
/// Every client's first order waits until all clients hold one, so the storm opens with <c>concurrency</c> orders in
/// flight at once (<see cref="OrderStormResult.PeakInFlight"/>).
/// </summary>
internal static class OrderStorm
{
    /// <summary>Posts <paramref name="orders"/> orders for <paramref name="sku"/> with <paramref name="concurrency"/> in flight.</summary>
    public static Task<OrderStormResult> RunAsync(Uri baseAddress, string sku, int orders, int concurrency, CancellationToken cancellationToken) =>
        RunAsync([baseAddress], sku, orders, concurrency, cancellationToken);

    /// <summary>
    /// Posts <paramref name="orders"/> orders for <paramref name="sku"/> with <paramref name="concurrency"/> in flight in
    /// total, spread over <paramref name="instances"/> (one <see cref="HttpClient"/> each).
    /// </summary>
    public static async Task<OrderStormResult> RunAsync(IReadOnlyList<Uri> instances, string sku, int orders, int concurrency, CancellationToken cancellationToken)
    {
        var clients = new HttpClient[instances.Count];
        try
        {
            for (int i = 0; i < clients.Length; i++)
            {
                var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false };
                clients[i] = new HttpClient(handler, disposeHandler: true) { BaseAddress = instances[i], Timeout = TimeSpan.FromSeconds(30) };
            }

            byte[] body = Encoding.UTF8.GetBytes($$"""{"sku":"{{sku}}","quantity":1}""");
            var responses = new (HttpStatusCode Status, string Body)[orders];
            int[] servedBy = new int[orders];
            int next = -1;
            int inFlight = 0, peak = 0, arrived = 0;
            int opening = Math.Min(concurrency, orders);
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var allIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            async Task ClientAsync(int instance)
            {
                HttpClient client = clients[instance];
                await start.Task;
                for (int i = Interlocked.Increment(ref next); i < orders; i = Interlocked.Increment(ref next))
                {
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new("application/json");
                    int now = Interlocked.Increment(ref inFlight);
                    for (int seen = Volatile.Read(ref peak); now > seen && Interlocked.CompareExchange(ref peak, now, seen) != seen; seen = Volatile.Read(ref peak))
                    {
                    }

                    if (i < opening)
                    {
                        // Every client's first order waits for all the others: the storm opens with all of them in flight.
                        if (Interlocked.Increment(ref arrived) == opening)
                        {
                            allIn.SetResult();
                        }

                        await allIn.Task;
                    }

                    using HttpResponseMessage response = await client.PostAsync("orders", content, cancellationToken);
                    responses[i] = (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
                    servedBy[i] = instance;
                    Interlocked.Decrement(ref inFlight);
                }
            }

            Task[] tasks = [.. Enumerable.Range(0, concurrency).Select(c => Task.Run(() => ClientAsync(c % clients.Length), cancellationToken))];
            start.SetResult();
            await Task.WhenAll(tasks);
            return new OrderStormResult(sku, responses) { ServedBy = servedBy, PeakInFlight = peak };
        }
        finally
        {
            foreach (HttpClient? client in clients)
            {
                client?.Dispose();
            }
        }
    }
}
