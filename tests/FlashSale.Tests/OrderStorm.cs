using System.Net;
using System.Text;

namespace FlashSale.Tests;

/// <summary>
/// Fires many orders of one unit at a service at once: a fixed number of client tasks, all released together, each
/// taking the next order number and posting it until none are left, through one shared <see cref="HttpClient"/>.
/// </summary>
internal static class OrderStorm
{
    /// <summary>Posts <paramref name="orders"/> orders for <paramref name="sku"/> with <paramref name="concurrency"/> in flight.</summary>
    public static async Task<OrderStormResult> RunAsync(Uri baseAddress, string sku, int orders, int concurrency, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        byte[] body = Encoding.UTF8.GetBytes($$"""{"sku":"{{sku}}","quantity":1}""");
        var responses = new (HttpStatusCode Status, string Body)[orders];
        int next = -1;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task ClientAsync()
        {
            await start.Task;
            for (int i = Interlocked.Increment(ref next); i < orders; i = Interlocked.Increment(ref next))
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new("application/json");
                using HttpResponseMessage response = await client.PostAsync("orders", content, cancellationToken);
                responses[i] = (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
            }
        }

        Task[] clients = [.. Enumerable.Range(0, concurrency).Select(_ => Task.Run(ClientAsync, cancellationToken))];
        start.SetResult();
        await Task.WhenAll(clients);
        return new OrderStormResult(sku, responses);
    }
}
