using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using FlashSale.Hosting;
using MapGuard;

namespace FlashSale.Tests;

/// <summary>
/// The metric names a FlashSale scrape can contain, from two sources that are not hand-copied lists: the MapGuard
/// meter's own instruments (read with a <see cref="MeterListener"/>) turned into Prometheus names by the exporter's
/// rules, and a real scrape of the running service for the runtime and HTTP metrics.
/// </summary>
public sealed partial class ExportedMetrics : IAsyncLifetime
{
    private readonly List<object> _keepAlive = [];

    /// <summary>Gets the MapGuard meter's instruments: name, unit and Prometheus family name and type.</summary>
    public List<(Instrument Instrument, string Family, string Type)> MapGuardInstruments { get; } = [];

    /// <summary>Gets the families in a scrape taken after exercising operations, entries, evictions and resizes.</summary>
    public Dictionary<string, string> ScrapedFamilies { get; private set; } = [];

    /// <summary>Gets every series name a rule or panel may use: the MapGuard families' and the scraped families' series.</summary>
    public HashSet<string> SeriesNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the values each MapGuard tag can take, from the library's enums (the observers lower-case them).</summary>
    public Dictionary<string, HashSet<string>> TagValues { get; } = new(StringComparer.Ordinal);

    public async ValueTask InitializeAsync()
    {
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        await using RunningFlashSale service = await FlashSaleApp.StartOnLoopbackAsync(o => o.Seed["sku-1"] = 5, cancellationToken: cancellation);
        using var client = new HttpClient { BaseAddress = service.BaseAddress };
        using (var order = new StringContent("""{"sku":"sku-1","quantity":1}""", System.Text.Encoding.UTF8, "application/json"))
        {
            (await client.PostAsync("orders", order, cancellation)).EnsureSuccessStatusCode();
        }

        // Evictions and resizes, on maps kept alive until the scrape.
        IConcurrentMap<int, int> bounded = MapBuilder.For<int, int>().Named("naming-bounded").WithCapacity(1, Eviction.Lru).WithMetrics().Build();
        bounded[1] = 1;
        bounded[2] = 2;
        IConcurrentMap<int, int> growing = MapBuilder.For<int, int>().Named("naming-growing").UseLockFree().WithMetrics().Build();
        for (int i = 0; i < 10_000; i++)
        {
            growing[i] = i;
        }

        _keepAlive.Add(bounded);
        _keepAlive.Add(growing);
        string scrape = await client.GetStringAsync("metrics", cancellation);
        ScrapedFamilies = PrometheusText.Types(scrape);

        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == MapGuardMeter.Name)
                {
                    (string family, string type) = PrometheusFamily(instrument);
                    lock (MapGuardInstruments)
                    {
                        MapGuardInstruments.Add((instrument, family, type));
                    }
                }
            };
            listener.Start();
        }

        foreach ((string family, string type) in MapGuardInstruments.Select(i => (i.Family, i.Type)).Concat(ScrapedFamilies.Select(p => (p.Key, p.Value))))
        {
            SeriesNames.UnionWith(type == "histogram" ? [family + "_bucket", family + "_sum", family + "_count"] : [family]);
        }

        TagValues[MapGuardMeter.OpTag] = EnumTagValues("MapGuard.Diagnostics.MapOperation");
        TagValues[MapGuardMeter.ResultTag] = EnumTagValues("MapGuard.Diagnostics.MapOutcome");
        TagValues[MapGuardMeter.ReasonTag] = EnumTagValues(typeof(EvictionReason).FullName!);
        TagValues[MapGuardMeter.MapTag] = [];
    }

    public ValueTask DisposeAsync()
    {
        GC.KeepAlive(_keepAlive);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The name and type OpenTelemetry's Prometheus exporter gives an instrument: characters outside
    /// <c>[a-zA-Z0-9_:]</c> become '_', a unit adds its word (annotations in braces add none), counters end in
    /// <c>_total</c>; histograms are families of <c>_bucket</c>, <c>_sum</c> and <c>_count</c> series.
    /// </summary>
    public static (string Family, string Type) PrometheusFamily(Instrument instrument)
    {
        string name = NotPrometheus().Replace(instrument.Name, "_");
        string? unit = instrument.Unit switch
        {
            null or "" => null,
            string braces when braces.StartsWith('{') && braces.EndsWith('}') => null,
            "s" => "seconds",
            "By" => "bytes",
            string other => throw new InvalidOperationException($"{instrument.Name}: unit '{other}' has no mapping here yet; add the exporter's word for it"),
        };
        if (unit is not null && !name.EndsWith("_" + unit, StringComparison.Ordinal))
        {
            name += "_" + unit;
        }

        Type kind = instrument.GetType().GetGenericTypeDefinition();
        return kind == typeof(Counter<>) || kind == typeof(ObservableCounter<>) ? (name + "_total", "counter")
            : kind == typeof(Histogram<>) ? (name, "histogram")
            : (name, "gauge");
    }

    private static HashSet<string> EnumTagValues(string typeName) =>
        [.. Enum.GetNames(typeof(MapGuardMeter).Assembly.GetType(typeName, throwOnError: true)!).Select(n => n.ToLowerInvariant())];

    [GeneratedRegex("[^a-zA-Z0-9_:]")]
    private static partial Regex NotPrometheus();
}
