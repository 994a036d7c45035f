using System.Globalization;
using System.Text;
using System.Text.Json;
using MapGuard;
using YamlDotNet.RepresentationModel;

namespace FlashSale.Tests;

/// <summary>
/// docs/ops/alerts.yml and docs/ops/dashboard.json name only metrics, labels and tag values that MapGuard and the
/// FlashSale service really export, each rule carries a summary and a runbook line, and the golden signals are all
/// covered. (.ci/run also runs promtool's own `check rules` and `test rules` on the alert rules.)
/// </summary>
public sealed class OpsArtifactsTests(ExportedMetrics exported) : IClassFixture<ExportedMetrics>
{
    private static readonly string[] s_goldenAlerts =
        ["MapGuardMissRateSpike", "MapGuardLockWaitHigh", "MapGuardResizeStorm", "MapGuardEvictionSurge", "MapGuardGuardViolation"];

    [Fact]
    public void MapGuardInstruments_AppearInAScrapeUnderTheDerivedNames()
    {
        // Every instrument docs/design/metrics.md lists is on the meter (from MapGuardMeter's constants)...
        string[] constants = [.. typeof(MapGuardMeter).GetFields()
            .Where(f => f.IsLiteral && f.GetRawConstantValue() is string value && value.StartsWith("mapguard.", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)];
        Assert.NotEmpty(constants);
        Assert.Equal(constants.Order(), exported.MapGuardInstruments.Select(i => i.Instrument.Name).Order());

        // ...every MapGuard family in a real scrape has the name and type the naming rules derive...
        var derived = exported.MapGuardInstruments.ToDictionary(i => i.Family, i => i.Type);
        foreach ((string family, string type) in exported.ScrapedFamilies.Where(f => f.Key.StartsWith("mapguard_", StringComparison.Ordinal)))
        {
            Assert.True(derived.TryGetValue(family, out string? expected), $"scraped family {family} is not derived from any MapGuard instrument");
            Assert.Equal(expected, type);
        }

        // ...and the fixture exercised a counter with a {unit}, a gauge and a seconds histogram, so the rules are checked
        // on each shape the alerts use.
        foreach (string instrument in (string[])[MapGuardMeter.Operations, MapGuardMeter.Entries, MapGuardMeter.Evictions, MapGuardMeter.Resizes, MapGuardMeter.ResizeDuration])
        {
            string family = exported.MapGuardInstruments.Single(i => i.Instrument.Name == instrument).Family;
            Assert.True(exported.ScrapedFamilies.ContainsKey(family), $"{instrument} was exercised but {family} is not in the scrape");
        }
    }

    [Fact]
    public void AlertRules_NameOnlyExportedMetricsLabelsAndTagValues()
    {
        List<(string Alert, string Expression, Dictionary<string, string> Annotations)> rules = AlertRules();

        Assert.NotEmpty(rules);
        foreach ((string alert, string expression, _) in rules)
        {
            Assert.Empty(Unknown(alert, expression));
        }
    }

    [Fact]
    public void AlertRules_CoverTheGoldenSignals_EachWithASummaryAndARunbook()
    {
        List<(string Alert, string Expression, Dictionary<string, string> Annotations)> rules = AlertRules();

        Assert.Subset(rules.Select(r => r.Alert).ToHashSet(), s_goldenAlerts.ToHashSet());
        foreach ((string alert, _, Dictionary<string, string> annotations) in rules)
        {
            Assert.True(annotations.GetValueOrDefault("summary") is { Length: > 10 }, $"{alert} has no summary");
            Assert.True(annotations.GetValueOrDefault("runbook") is { Length: > 40 }, $"{alert} has no runbook line");
        }
    }

    [Fact]
    public void Dashboard_IsValidJson_AndEveryPanelQueriesExportedMetrics()
    {
        List<(string Panel, string Expression)> queries = DashboardQueries();

        Assert.True(queries.Count >= 10, $"only {queries.Count} queries");
        foreach ((string panel, string expression) in queries)
        {
            Assert.Empty(Unknown(panel, expression));
        }

        string all = string.Join("\n", queries.Select(q => q.Expression));
        foreach (string family in exported.MapGuardInstruments.Select(i => i.Family))
        {
            Assert.Contains(family, all, StringComparison.Ordinal); // a panel for every MapGuard instrument
        }
    }

    [Fact]
    public async Task Dashboard_Queries_AreValidPromQl()
    {
        string promtool = Promtool.Require();
        var rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int n = 0;
        foreach ((_, string expression) in DashboardQueries())
        {
            string concrete = expression.Replace("$__rate_interval", "5m", StringComparison.Ordinal).Replace("$__range", "1h", StringComparison.Ordinal).Replace("$map", ".*", StringComparison.Ordinal);
            rules.Append(CultureInfo.InvariantCulture, $"      - record: dashboard:query_{++n}\n        expr: |\n");
            foreach (string line in concrete.Split('\n'))
            {
                rules.Append("          ").AppendLine(line);
            }
        }

        string file = Path.Combine(Path.GetTempPath(), $"mapguard-dashboard-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(file, rules.ToString(), TestContext.Current.CancellationToken);
        try
        {
            (int exit, string output) = await Promtool.RunAsync(promtool, $"check rules {file}", TestContext.Current.CancellationToken);
            Assert.True(exit == 0, output);
            Assert.Contains($"SUCCESS: {n} rules found", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("""rate(mapguard_map_operation_total{op="get"}[5m])""", "unknown metric mapguard_map_operation_total")]
    [InlineData("""rate(mapguard_map_operations_total{op="read"}[5m])""", "op=\"read\" is not a value")]
    [InlineData("""rate(mapguard_map_operations_total{kind="get"}[5m])""", "label kind")]
    [InlineData("""mapguard_map_lock_wait_sum / mapguard_map_lock_wait_count""", "unknown metric mapguard_map_lock_wait_sum")]
    [InlineData("""rate(dotnet_gc_collection_total[5m])""", "unknown metric dotnet_gc_collection_total")]
    public void Checks_CatchAMisnamedMetricLabelOrValue(string expression, string expected)
    {
        List<string> problems = Unknown("probe", expression);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    /// <summary>What in <paramref name="expression"/> no scrape would contain: unknown metrics, labels or tag values.</summary>
    private List<string> Unknown(string where, string expression)
    {
        var problems = new List<string>();
        List<string> metrics = PromQl.MetricNames(expression);
        if (metrics.Count == 0)
        {
            problems.Add($"{where}: names no metric");
        }

        problems.AddRange(metrics.Where(m => !exported.SeriesNames.Contains(m)).Select(m => $"{where}: unknown metric {m}"));
        foreach ((string metric, var matchers) in PromQl.Selectors(expression).Where(s => s.Metric.StartsWith("mapguard_", StringComparison.Ordinal)))
        {
            foreach ((string label, string op, string value) in matchers)
            {
                if (!exported.TagValues.TryGetValue(label, out HashSet<string>? values))
                {
                    problems.Add($"{where}: {metric} has no label {label}");
                }
                else if (op == "=" && values.Count > 0 && !values.Contains(value))
                {
                    problems.Add($"{where}: {label}=\"{value}\" is not a value of {metric}'s {label} tag ({string.Join(", ", values)})");
                }
            }
        }

        return problems;
    }

    private static List<(string Alert, string Expression, Dictionary<string, string> Annotations)> AlertRules()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(RepoFiles.Path("docs/ops/alerts.yml")))
        {
            yaml.Load(reader);
        }

        var rules = new List<(string, string, Dictionary<string, string>)>();
        var root = (YamlMappingNode)yaml.Documents.Single().RootNode;
        foreach (YamlMappingNode group in ((YamlSequenceNode)root["groups"]).Cast<YamlMappingNode>())
        {
            foreach (YamlMappingNode rule in ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
            {
                string alert = ((YamlScalarNode)rule["alert"]).Value!;
                string expression = ((YamlScalarNode)rule["expr"]).Value!;
                Dictionary<string, string> annotations = rule.Children.TryGetValue(new YamlScalarNode("annotations"), out YamlNode? node)
                    ? ((YamlMappingNode)node).Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!, StringComparer.Ordinal)
                    : [];
                rules.Add((alert, expression, annotations));
            }
        }

        return rules;
    }

    private static List<(string Panel, string Expression)> DashboardQueries()
    {
        using JsonDocument dashboard = JsonDocument.Parse(File.ReadAllText(RepoFiles.Path("docs/ops/dashboard.json")));
        var queries = new List<(string, string)>();

        void Visit(JsonElement panels)
        {
            foreach (JsonElement panel in panels.EnumerateArray())
            {
                if (panel.TryGetProperty("panels", out JsonElement nested))
                {
                    Visit(nested);
                }

                if (panel.TryGetProperty("targets", out JsonElement targets))
                {
                    string title = panel.GetProperty("title").GetString()!;
                    queries.AddRange(targets.EnumerateArray().Select(t => (title, t.GetProperty("expr").GetString()!)));
                }
            }
        }

        Visit(dashboard.RootElement.GetProperty("panels"));
        return queries;
    }
}
