using System.Globalization;
using FlashSale.Api;
using FlashSale.Security;
using FlashSale.Stock;
using MapGuard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace FlashSale.Hosting;

/// <summary>Builds and starts the FlashSale web application.</summary>
internal static class FlashSaleApp
{
    /// <summary>The runtime's own meter (.NET 9 and later): GC collections, heap sizes, pause time, thread pool.</summary>
    public const string RuntimeMeter = "System.Runtime";

    /// <summary>ASP.NET Core's request meter: <c>http.server.request.duration</c>.</summary>
    public const string HostingMeter = "Microsoft.AspNetCore.Hosting";

    /// <summary>Bucket bounds of <c>mapguard.map.lock.wait</c>, in seconds: 1 µs to 1 s, with the 5 ms alert threshold a bound.</summary>
    private static readonly double[] s_lockWaitBuckets =
        [0.000_001, 0.000_005, 0.000_01, 0.000_05, 0.000_1, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

    /// <summary>Bucket bounds of <c>mapguard.map.resize.duration</c>, in seconds: 10 µs to 10 s.</summary>
    private static readonly double[] s_resizeDurationBuckets = [0.000_01, 0.000_1, 0.001, 0.01, 0.1, 0.5, 1, 2.5, 5, 10];

    /// <summary>Command-line shorthands: <c>--store redis://127.0.0.1:6379</c> sets <c>FlashSale:Store</c>.</summary>
    private static readonly Dictionary<string, string> s_switchMappings = new(StringComparer.Ordinal)
    {
        ["--store"] = FlashSaleOptions.SectionName + ":" + nameof(FlashSaleOptions.Store),
    };

    /// <summary>
    /// Builds the application: the inventory (in this process, or on the Redis or Garnet server that
    /// <c>--store redis://HOST:PORT</c> or <c>rediss://HOST:PORT</c> names; seeded from the <c>FlashSale</c> configuration section), the endpoints,
    /// and <c>/metrics</c> in Prometheus text format with the MapGuard, runtime and HTTP meters. The <c>/admin</c>
    /// endpoints need <c>Authorization: Bearer</c> with <c>FlashSale:AdminApiKey</c>, and are off (403) when it is not set.
    /// It listens where <c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c> or <c>Kestrel:Endpoints</c>
    /// say, and on <see cref="ListenAddresses.Default"/> when none is set. Requests whose <c>Host</c> is not in
    /// <c>AllowedHosts</c> (appsettings.json: the loopback names) get 400. At start it warns when no admin key is set
    /// and when it listens beyond loopback.
    /// </summary>
    /// <param name="args">Command-line arguments: host settings such as <c>--urls</c>, <c>--store</c>, and any configuration key.</param>
    /// <param name="configure">Changes the options after configuration is read (tests use it to seed stock).</param>
    /// <param name="inventory">Makes the inventory from the options; by default <see cref="StockStore.Create"/>.</param>
    /// <exception cref="InvalidOperationException">The seed names an invalid SKU or a quantity below 1, the admin key is
    /// shorter than <see cref="AdminKey.MinLength"/> characters, or the store setting is not valid.</exception>
    public static WebApplication Build(string[] args, Action<FlashSaleOptions>? configure = null, Func<FlashSaleOptions, IInventory>? inventory = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

        builder.Configuration.AddCommandLine(args, s_switchMappings);

        var options = new FlashSaleOptions();
        builder.Configuration.GetSection(FlashSaleOptions.SectionName).Bind(options);
        configure?.Invoke(options);
        ValidateSeed(options); // before the store is touched: a bad seed changes no shared stock
        var adminKey = new AdminKey(options.AdminApiKey); // likewise: a key too short to keep throws here
        ListenAddresses.ApplyDefault(builder);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = FlashSaleEndpoints.MaxBodyBytes);
        IInventory stock = (inventory ?? StockStore.Create)(options);
        try
        {
            foreach ((string sku, int quantity) in options.Seed)
            {
                // Set-if-absent: on a shared store, the instances after the first find the SKU and leave its stock alone.
                // This runs once at start-up, before the server takes a request, so waiting here starves nothing.
                stock.TrySeedAsync(sku, quantity, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }
        }
        catch
        {
            (stock as IDisposable)?.Dispose();
            throw;
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(adminKey);
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AdminKeyAuthentication>(AdminKeyAuthentication.SchemeName, configureOptions: null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminKeyAuthentication.PolicyName, policy => policy
                .AddAuthenticationSchemes(AdminKeyAuthentication.SchemeName)
                .RequireAuthenticatedUser());
        // Registered through a factory so that the container disposes it (and a Redis store's connection) on shutdown.
        builder.Services.AddSingleton<IInventory>(_ => stock);
        builder.Services.AddSingleton((stock as MapGuardInventory)?.Ledger ?? new OrderLedger());
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, FlashSaleJsonContext.Default));
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("flashsale"))
            .WithMetrics(metrics => metrics
                .AddMeter(MapGuardMeter.Name)
                .AddMeter(RuntimeMeter)
                .AddMeter(HostingMeter)
                // OpenTelemetry's default buckets (0, 5, 10, ... 10000) suit milliseconds; these two are in seconds.
                .AddView(MapGuardMeter.LockWait, new ExplicitBucketHistogramConfiguration { Boundaries = s_lockWaitBuckets })
                .AddView(MapGuardMeter.ResizeDuration, new ExplicitBucketHistogramConfiguration { Boundaries = s_resizeDurationBuckets })
                // A scrape reads the observable instruments right then: no cached, older answer.
                .AddPrometheusExporter(exporter => exporter.ScrapeResponseCacheDurationMilliseconds = 0));

        WebApplication app = builder.Build();
        FlashSaleEndpoints.Map(app);
        app.MapPrometheusScrapingEndpoint();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            string urls = string.Join(", ", app.Urls);
            string store = StockStore.Describe(options.Store); // a store setting may carry a password
            FlashSaleLog.Started(app.Logger, options.Seed.Count, options.MapName, store, urls);
            if (!adminKey.IsConfigured)
            {
                FlashSaleLog.AdminKeyMissing(app.Logger);
            }

            ListenAddresses.WarnIfBeyondLoopback(app.Logger, app.Urls, app.Configuration["AllowedHosts"]);
        });
        return app;
    }

    /// <summary>
    /// Builds the application and starts it on <c>127.0.0.1</c> with a port the OS chooses (tests and the load
    /// command use this), logging only warnings and errors. The seed from configuration is dropped: the stock is
    /// exactly what <paramref name="configure"/> seeds.
    /// </summary>
    /// <param name="configure">Sets the options (seed, map name).</param>
    /// <param name="inventory">Makes the inventory; by default <see cref="StockStore.Create"/>.</param>
    /// <param name="args">More command-line arguments, e.g. <c>--store redis://127.0.0.1:6379</c>; null for none.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running service, with the address it listens on.</returns>
    public static async Task<RunningFlashSale> StartOnLoopbackAsync(
        Action<FlashSaleOptions>? configure = null,
        Func<FlashSaleOptions, IInventory>? inventory = null,
        IReadOnlyList<string>? args = null,
        CancellationToken cancellationToken = default)
    {
        WebApplication app = Build(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning", .. args ?? Array.Empty<string>()],
            options =>
            {
                options.Seed.Clear();
                configure?.Invoke(options);
            },
            inventory);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            IServerAddressesFeature? addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
            string address = addresses?.Addresses.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel started but reported no address.");
            return new RunningFlashSale(app, new Uri(address + "/"));
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static void ValidateSeed(FlashSaleOptions options)
    {
        if (options.MaxUnitsPerCustomer < 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"FlashSale:MaxUnitsPerCustomer = {options.MaxUnitsPerCustomer}: must be 0 (no limit) or more."));
        }

        if (options.MaxSkus < 1)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"FlashSale:MaxSkus = {options.MaxSkus}: must be at least 1."));
        }

        foreach ((string sku, int quantity) in options.Seed)
        {
            if (!Skus.IsValid(sku) || quantity < 1)
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"FlashSale:Seed:{sku} = {quantity}: each seeded SKU needs a valid name ({Skus.InvalidMessage}) and at least 1 unit."));
            }
        }
    }
}
