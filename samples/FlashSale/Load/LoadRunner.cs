using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlashSale.Api;

namespace FlashSale.Load;

/// <summary>Runs a bounded load: <see cref="LoadSettings.Concurrency"/> clients ordering one SKU for <see cref="LoadSettings.Duration"/>.</summary>
internal static class LoadRunner
{
    /// <summary>Reads the SKU's stock, sends orders until the duration is up, reads the stock again, and reports.</summary>
    /// <param name="client">A client whose base address is the service (from <see cref="LoopbackTarget.CreateClient"/>).</param>
    /// <param name="settings">What to send.</param>
    /// <param name="cancellationToken">Stops sending early; the report covers what was answered.</param>
    /// <returns>The report.</returns>
    /// <exception cref="UsageException">The service cannot be reached, or the SKU does not exist there.</exception>
    public static async Task<LoadReport> RunAsync(HttpClient client, LoadSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(settings);
        int before = await ReadStockAsync(client, settings.Sku, CancellationToken.None).ConfigureAwait(false);
        byte[] order = JsonSerializer.SerializeToUtf8Bytes(new OrderRequest(settings.Sku, settings.Quantity), FlashSaleJsonContext.Default.OrderRequest);

        var workers = new LoadWorker[settings.Concurrency];
        long start = Stopwatch.GetTimestamp();
        long deadline = start + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
        var running = new Task[workers.Length];
        for (int i = 0; i < workers.Length; i++)
        {
            LoadWorker worker = workers[i] = new LoadWorker(client, order);
            running[i] = Task.Run(() => worker.RunAsync(deadline, cancellationToken), CancellationToken.None);
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        int after = await ReadStockAsync(client, settings.Sku, CancellationToken.None).ConfigureAwait(false);

        return new LoadReport(
            settings,
            client.BaseAddress!,
            elapsed,
            workers.Sum(w => w.Accepted),
            workers.Sum(w => w.OutOfStock),
            workers.Sum(w => w.OtherStatus),
            workers.Sum(w => w.TransportErrors),
            workers.Select(w => w.FirstProblem).FirstOrDefault(p => p is not null),
            LatencySummary.FromTicks([.. workers.SelectMany(w => w.Latencies)]),
            before,
            after);
    }

    private static async Task<int> ReadStockAsync(HttpClient client, string sku, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(new Uri("stock/" + Uri.EscapeDataString(sku), UriKind.Relative), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new UsageException($"cannot reach the FlashSale service at {client.BaseAddress}: {ex.Message}", ex);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new UsageException($"--sku: '{sku}' does not exist at {client.BaseAddress}; restock it first (POST /admin/restock)");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new UsageException($"GET {client.BaseAddress}stock/{sku} answered HTTP {(int)response.StatusCode}; is this the FlashSale service?");
            }

            StockLevel? level;
            try
            {
                level = await response.Content.ReadFromJsonAsync(FlashSaleJsonContext.Default.StockLevel, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                level = null;
            }

            return level?.Available ?? throw new UsageException($"GET {client.BaseAddress}stock/{sku} answered no stock level; is this the FlashSale service?");
        }
    }
}
