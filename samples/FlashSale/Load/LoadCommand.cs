using System.CommandLine;
using System.Globalization;
using FlashSale.Api;
using FlashSale.Hosting;
using FlashSale.Stock;
using MapGuard.Redis;
using StackExchange.Redis;

namespace FlashSale.Load;

/// <summary>
/// <c>load</c>: a bounded load test of the order endpoint, on loopback only. Without <c>--url</c> it starts its own
/// FlashSale on <c>127.0.0.1</c> with a port the OS chooses, seeded with <c>--stock</c> units, and checks afterwards
/// that the units sold equal the stock that disappeared. Prints requests per second and latency percentiles.
/// </summary>
internal static class LoadCommand
{
    /// <summary>The command's name, the first argument.</summary>
    public const string Name = "load";

    /// <summary>Exit code: the run finished, every order got 200 or 409, and (in-process) the stock balances.</summary>
    public const int SuccessExitCode = 0;

    /// <summary>Exit code: the run finished but some order got another answer or none, or the stock does not balance.</summary>
    public const int FailedExitCode = 1;

    /// <summary>Exit code: bad input (one line on stderr, nothing sent).</summary>
    public const int UsageExitCode = 2;

    /// <summary>Exit code: stopped by Ctrl+C; the report covers what was answered.</summary>
    public const int CancelledExitCode = 130;

    /// <summary>The longest run the command allows: it is a check, not a soak.</summary>
    public const int MaxSeconds = 300;

    private static readonly Option<string?> s_seconds = new("--seconds") { Description = "How long to send orders, 1 to 300 (default 10).", HelpName = "N" };
    private static readonly Option<string?> s_concurrency = new("--concurrency") { Description = "Clients with one order in flight each, 1 to 1024 (default 64).", HelpName = "N" };
    private static readonly Option<string?> s_url = new("--url") { Description = "A running FlashSale on loopback, e.g. http://127.0.0.1:5080; default: start one in this process.", HelpName = "URL" };
    private static readonly Option<string?> s_sku = new("--sku") { Description = "The SKU to order (default load-1).", HelpName = "SKU" };
    private static readonly Option<string?> s_stock = new("--stock") { Description = "Units the in-process service starts with (default 1000000000); not with --url.", HelpName = "N" };
    private static readonly Option<string?> s_store = new("--store") { Description = "Where the in-process service keeps its stock: memory (default), redis://HOST:PORT or rediss://HOST:PORT for TLS (a fresh map, deleted afterwards; credentials and a CA file from FlashSale__StorePassword, FlashSale__StoreCaCertificate); not with --url.", HelpName = "STORE" };
    private static readonly Option<string?> s_quantity = new("--quantity") { Description = "Units per order, 1 to 1000 (default 1).", HelpName = "N" };

    /// <summary>Parses <paramref name="args"/> (starting with <c>load</c>) and runs the load.</summary>
    /// <param name="args">The command line, e.g. <c>load --seconds 10</c>.</param>
    /// <param name="stdout">Where the report goes.</param>
    /// <param name="stderr">Where progress and errors go.</param>
    /// <param name="cancellationToken">Stops the run early (Ctrl+C).</param>
    /// <returns>One of the exit codes above.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var command = new Command(Name, "Send orders to FlashSale on loopback for a bounded time; report req/s and p99.")
        {
            s_seconds, s_concurrency, s_url, s_sku, s_stock, s_store, s_quantity,
        };
        var root = new RootCommand("FlashSale: the flash-sale inventory service on a MapGuard map.") { command };
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            await stderr.WriteLineAsync("error: " + parse.Errors[0].Message.ReplaceLineEndings(" ")).ConfigureAwait(false);
            return UsageExitCode;
        }

        if (parse.Action is not null)
        {
            // --help (or --version): System.CommandLine prints it; the command itself has no action of its own.
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await RunAsync(parse, stdout, stderr, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return UsageExitCode;
        }
    }

    private static async Task<int> RunAsync(ParseResult parse, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        int seconds = Bounded(parse.GetValue(s_seconds), "--seconds", 10, 1, MaxSeconds);
        int concurrency = Bounded(parse.GetValue(s_concurrency), "--concurrency", 64, 1, 1024);
        int quantity = Bounded(parse.GetValue(s_quantity), "--quantity", 1, 1, 1000);
        string sku = parse.GetValue(s_sku) ?? "load-1";
        if (!Skus.IsValid(sku))
        {
            throw new UsageException("--sku: " + Skus.InvalidMessage);
        }

        string? url = parse.GetValue(s_url);
        string? stockText = parse.GetValue(s_stock);
        if (url is not null && stockText is not null)
        {
            throw new UsageException("--stock sets up the in-process service; it cannot be combined with --url");
        }

        string? store = parse.GetValue(s_store);
        if (url is not null && store is not null)
        {
            throw new UsageException("--store sets up the in-process service; it cannot be combined with --url");
        }

        RedisStore? redis;
        try
        {
            redis = StockStore.ParseRedis(store);
        }
        catch (InvalidOperationException ex)
        {
            throw new UsageException("--store: " + ex.Message);
        }

        var settings = new LoadSettings(TimeSpan.FromSeconds(seconds), concurrency, sku, quantity);
        if (url is not null)
        {
            Uri target = LoopbackTarget.Parse(url);
            using HttpClient client = LoopbackTarget.CreateClient(target, concurrency);
            await stderr.WriteLineAsync($"load: {seconds} s against {target} ...").ConfigureAwait(false);
            return await ReportAsync(client, settings, stockChecked: false, stdout, cancellationToken).ConfigureAwait(false);
        }

        int stock = Bounded(stockText, "--stock", 1_000_000_000, 1, int.MaxValue);

        // On a shared server the run gets a map of its own, so it neither reads nor changes a live stock, and deletes it after.
        string map = redis is null ? new FlashSaleOptions().MapName : "load-" + Guid.NewGuid().ToString("N")[..12];
        FlashSaleOptions? serviceOptions = null; // as configured (credentials, CA file), for the clean-up's connection
        try
        {
            await using RunningFlashSale service = await FlashSaleApp.StartOnLoopbackAsync(
                options =>
                {
                    options.Seed[sku] = stock;
                    options.MapName = map;
                    serviceOptions = options;
                },
                args: store is null ? null : ["--store", store],
                cancellationToken: cancellationToken).ConfigureAwait(false);
            using HttpClient client = LoopbackTarget.CreateClient(service.BaseAddress, concurrency);
            string where = redis is null ? "stock in memory" : $"stock in map {map} on {redis.Endpoint}{(redis.UsesTls ? " (TLS)" : "")}";
            await stderr.WriteLineAsync($"load: {seconds} s against an in-process FlashSale at {service.BaseAddress} ({stock:N0} units of {sku}, {where}) ...").ConfigureAwait(false);
            return await ReportAsync(client, settings, stockChecked: true, stdout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (redis is not null && serviceOptions is not null)
            {
                await DeleteMapsAsync(redis, serviceOptions, map).ConfigureAwait(false);
            }
        }
    }

    private static async Task DeleteMapsAsync(RedisStore redis, FlashSaleOptions serviceOptions, string map)
    {
        var options = new RedisMapOptions();
        await using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(StockStore.CreateConfiguration(redis, serviceOptions, options)).ConfigureAwait(false);
        IDatabase database = connection.GetDatabase();
        foreach (string name in new[] { map, map + "-orders", map + "-customers" })
        {
            await database.KeyDeleteAsync(options.KeyPrefix + "{" + name + "}").ConfigureAwait(false);
        }
    }

    private static async Task<int> ReportAsync(HttpClient client, LoadSettings settings, bool stockChecked, TextWriter stdout, CancellationToken cancellationToken)
    {
        LoadReport report = await LoadRunner.RunAsync(client, settings, cancellationToken).ConfigureAwait(false);
        report.Write(stdout, stockChecked);
        if (cancellationToken.IsCancellationRequested)
        {
            return CancelledExitCode;
        }

        return report.AllAnswered && (!stockChecked || report.StockBalances) ? SuccessExitCode : FailedExitCode;
    }

    private static int Bounded(string? text, string option, int fallback, int min, int max)
    {
        if (text is null)
        {
            return fallback;
        }

        if (!long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            throw new UsageException($"{option}: '{text}' is not a whole number");
        }

        return value >= min && value <= max
            ? (int)value
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option}: must be between {min:N0} and {max:N0} (got {value:N0})"));
    }
}
