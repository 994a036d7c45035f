using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace FlashSale.Load;

/// <summary>One load client: sends one order at a time until the deadline, and keeps its own tallies (no sharing).</summary>
internal sealed class LoadWorker
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    private readonly HttpClient _client;
    private readonly byte[] _orderBody;

    /// <summary>Creates a client that posts <paramref name="orderBody"/> to <c>orders</c> through <paramref name="client"/>.</summary>
    /// <param name="client">The shared client.</param>
    /// <param name="orderBody">The JSON order, sent as is.</param>
    public LoadWorker(HttpClient client, byte[] orderBody)
    {
        _client = client;
        _orderBody = orderBody;
    }

    /// <summary>Gets the latency of every answered order, in <see cref="Stopwatch"/> ticks.</summary>
    public List<long> Latencies { get; } = new(4_096);

    /// <summary>Gets the orders answered 200.</summary>
    public long Accepted { get; private set; }

    /// <summary>Gets the orders answered 409.</summary>
    public long OutOfStock { get; private set; }

    /// <summary>Gets the orders answered with another status.</summary>
    public long OtherStatus { get; private set; }

    /// <summary>Gets the orders that got no answer.</summary>
    public long TransportErrors { get; private set; }

    /// <summary>Gets the first unexpected status or error, or null.</summary>
    public string? FirstProblem { get; private set; }

    /// <summary>Sends orders until <paramref name="deadline"/> (a <see cref="Stopwatch"/> timestamp) or cancellation.</summary>
    /// <param name="deadline">When to stop sending.</param>
    /// <param name="cancellationToken">Stops the worker early; the order in flight is abandoned, not counted.</param>
    public async Task RunAsync(long deadline, CancellationToken cancellationToken)
    {
        while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
        {
            long start = Stopwatch.GetTimestamp();
            try
            {
                using var content = new ByteArrayContent(_orderBody);
                content.Headers.ContentType = s_json;
                using HttpResponseMessage response = await _client.PostAsync(new Uri("orders", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
                string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                Latencies.Add(Stopwatch.GetTimestamp() - start);
                switch (response.StatusCode)
                {
                    case HttpStatusCode.OK:
                        Accepted++;
                        break;
                    case HttpStatusCode.Conflict:
                        OutOfStock++;
                        break;
                    default:
                        OtherStatus++;
                        FirstProblem ??= $"HTTP {(int)response.StatusCode}: {body}";
                        break;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                // A timeout (OperationCanceledException without our cancellation) or a failed connection.
                TransportErrors++;
                FirstProblem ??= ex.Message;
            }
        }
    }
}
