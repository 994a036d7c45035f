using System.Globalization;
using MapGuard.Cli.Lab.Maps;
using MapGuard.Cli.Lab.Running;
using MapGuard.Cli.Lab.TornState;

namespace MapGuard.Cli.Lab.Hazards;

/// <summary>
/// <c>torn-state</c>: an operation interrupted halfway can leave a structure half-updated. In .NET the interruption
/// is an exception thrown partway through an operation, by a value factory or by the key comparer. A naive lock-plus-Dictionary wrapper that keeps two structures in step
/// ends torn; every concurrent map must leave the state exactly as it was before the failed call.
/// </summary>
internal sealed class TornStateHazard : LabHazard
{
    /// <summary>Operations per thread per trial.</summary>
    public const int OperationsPerThread = 2_000;

    /// <summary>Each thread's own keys: few enough that keys repeat, so updates and removes hit present keys.</summary>
    public const int KeysPerThread = 256;

    /// <summary>Share of value factories that throw.</summary>
    public const double FactoryFaultRate = 0.05;

    /// <summary>Share of comparer hash calls that throw while the workload runs.</summary>
    public const double ComparerFaultRate = 0.01;

    private const string NaiveName = "lock + Dictionary + key list";
    private const string TornLabel = "torn";
    private const string FaultsMetric = "faults thrown";
    private const int Threads = 2;

    public override string Name => "torn-state";

    public override string Problem => "an exception partway through a write leaves state torn";

    public override string Summary => "Factories and comparers that throw partway through an operation: a naive locked wrapper tears, the maps do not.";

    public override int DefaultTrials => 100;

    private enum Kind
    {
        GetOrAdd,
        AddOrUpdate,
        TryRemove,
    }

    public override LabReport Run(LabSettings settings, CancellationToken cancellationToken)
    {
        int trials = TrialsFor(settings);
        var report = NewReport(
            trials,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{Threads} threads each run {OperationsPerThread:N0} GetOrAdd/AddOrUpdate/TryRemove calls on their own {KeysPerThread} keys; {FactoryFaultRate:P0} of factories and {ComparerFaultRate:P0} of comparer hash calls throw; {trials} trials per subject. Afterwards the state must match a model of the calls that succeeded."));

        RunTrials(
            report,
            settings,
            trials,
            trial =>
            {
                Operation[][] streams = [.. Enumerable.Range(0, Threads).Select(t => CreateStream(trial, t))];
                RunNaive(report, streams, settings.TrialTimeout);
                foreach (string name in LabSubjects.MapNames)
                {
                    RunMap(report, name, streams, settings.TrialTimeout);
                }
            },
            cancellationToken);

        Summarize(report);
        return report;
    }

    private static Operation[] CreateStream(int trial, int thread)
    {
        var random = new Random((trial * 31) + thread);
        var stream = new Operation[OperationsPerThread];
        for (int i = 0; i < stream.Length; i++)
        {
            stream[i] = new Operation(
                (Kind)random.Next(3),
                ((long)thread * KeysPerThread) + random.Next(KeysPerThread),
                random.Next(1, 1_000),
                random.NextDouble() < FactoryFaultRate);
        }

        return stream;
    }

    private static long Make(Operation op) => op.Throws ? throw new InjectedFaultException("factory fault") : op.Value;

    private static void RunNaive(LabReport report, Operation[][] streams, TimeSpan timeout)
    {
        var comparer = new FaultyComparer(ComparerFaultRate);
        var cache = new NaiveLockedCache(comparer);
        var faults = new int[Threads];
        bool finished = ManagedThreadLauncher.Instance.Run(
            index =>
            {
                foreach (Operation op in streams[index])
                {
                    try
                    {
                        _ = op.Kind switch
                        {
                            Kind.GetOrAdd => cache.GetOrAdd(op.Key, _ => Make(op)),
                            Kind.AddOrUpdate => cache.AddOrUpdate(op.Key, _ => Make(op), (_, old) => op.Throws ? Make(op) : old + op.Value),
                            _ => cache.TryRemove(op.Key) ? 1 : 0,
                        };
                    }
                    catch (InjectedFaultException)
                    {
                        faults[index]++;
                    }
                }
            },
            Threads,
            timeout);

        comparer.Armed = false;
        LabRow row = report.Row(NaiveName, LabSubjectKind.Plain);
        AddMetric(row, FaultsMetric, faults.Sum());
        if (!finished)
        {
            row.Add(TrialOutcome.Hang(timeout));
            return;
        }

        (int listedWithoutValue, int valueNotListed) = cache.Check();
        row.Add(listedWithoutValue + valueNotListed == 0
            ? TrialOutcome.Correct
            : new TrialOutcome
            {
                Label = TornLabel,
                Message = string.Create(CultureInfo.InvariantCulture, $"{listedWithoutValue} keys listed with no value after {faults.Sum()} faults: an exception between the two updates left them half done"),
            });
    }

    private static void RunMap(LabReport report, string name, Operation[][] streams, TimeSpan timeout)
    {
        var comparer = new FaultyComparer(ComparerFaultRate);
        IConcurrentMap<long, long> map = LabSubjects.CreateMap(name, comparer);
        var models = new Dictionary<long, long>[Threads];
        var faults = new int[Threads];
        var mismatches = new string?[Threads];
        bool finished = ManagedThreadLauncher.Instance.Run(
            index =>
            {
                var model = new Dictionary<long, long>();
                models[index] = model;
                foreach (Operation op in streams[index])
                {
                    try
                    {
                        Apply(map, model, op, ref mismatches[index]);
                    }
                    catch (InjectedFaultException)
                    {
                        faults[index]++; // the call failed, so the model stays as it was, and so must the map
                    }
                }
            },
            Threads,
            timeout);

        comparer.Armed = false;
        LabRow row = report.Row(name, LabSubjectKind.Map);
        AddMetric(row, FaultsMetric, faults.Sum());
        if (!finished)
        {
            row.Add(TrialOutcome.Hang(timeout));
            return;
        }

        string? problem = mismatches.FirstOrDefault(m => m is not null) ?? CheckAgainstModels(map, models);
        row.Add(problem is null ? TrialOutcome.Correct : new TrialOutcome { Label = TrialOutcome.CorruptLabel, Message = problem });
    }

    /// <summary>Runs one call on the map and, only if it returns, on the model; records the first disagreement.</summary>
    private static void Apply(IConcurrentMap<long, long> map, Dictionary<long, long> model, Operation op, ref string? mismatch)
    {
        switch (op.Kind)
        {
            case Kind.GetOrAdd:
            {
                long got = map.GetOrAdd(op.Key, _ => Make(op));
                long expected = model.TryGetValue(op.Key, out long present) ? present : op.Value;
                model[op.Key] = expected;
                Note(ref mismatch, got == expected, op, got, expected);
                break;
            }

            case Kind.AddOrUpdate:
            {
                long got = map.AddOrUpdate(op.Key, _ => Make(op), (_, old) => op.Throws ? Make(op) : old + op.Value);
                long expected = model.TryGetValue(op.Key, out long old) ? old + op.Value : op.Value;
                model[op.Key] = expected;
                Note(ref mismatch, got == expected, op, got, expected);
                break;
            }

            default:
            {
                bool got = map.TryRemove(op.Key, out _);
                bool expected = model.Remove(op.Key);
                Note(ref mismatch, got == expected, op, got ? 1 : 0, expected ? 1 : 0);
                break;
            }
        }
    }

    private static void Note(ref string? mismatch, bool agrees, Operation op, long got, long expected)
    {
        if (!agrees && mismatch is null)
        {
            mismatch = string.Create(CultureInfo.InvariantCulture, $"{op.Kind}({op.Key}) returned {got}, but the calls that succeeded before it imply {expected}");
        }
    }

    /// <summary>Every key of every thread: present in the map exactly when in the model, with the model's value.</summary>
    private static string? CheckAgainstModels(IConcurrentMap<long, long> map, Dictionary<long, long>[] models)
    {
        int expectedCount = 0;
        for (int thread = 0; thread < Threads; thread++)
        {
            expectedCount += models[thread].Count;
            for (long key = (long)thread * KeysPerThread; key < (thread + 1L) * KeysPerThread; key++)
            {
                bool inMap = map.TryGetValue(key, out long value);
                bool inModel = models[thread].TryGetValue(key, out long expected);
                if (inMap != inModel || value != expected)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"key {key}: the map has {(inMap ? value.ToString(CultureInfo.InvariantCulture) : "nothing")}, the successful calls imply {(inModel ? expected.ToString(CultureInfo.InvariantCulture) : "nothing")}");
                }
            }
        }

        int enumerated = 0;
        using (IEnumerator<KeyValuePair<long, long>> walk = map.GetEnumerator())
        {
            while (walk.MoveNext())
            {
                enumerated++;
            }
        }

        return map.Count == expectedCount && enumerated == expectedCount
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"Count says {map.Count} and enumeration yields {enumerated}, expected {expectedCount}");
    }

    private static void AddMetric(LabRow row, string name, double value)
    {
        row.Metrics ??= new SortedDictionary<string, double>(StringComparer.Ordinal);
        row.Metrics[name] = row.Metrics.GetValueOrDefault(name) + value;
    }

    private static void Summarize(LabReport report)
    {
        foreach (LabRow row in report.Rows)
        {
            double faults = row.Metrics?.GetValueOrDefault(FaultsMetric) ?? 0;
            if (row.Kind == LabSubjectKind.Plain)
            {
                report.Findings.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{row.Subject}: torn in {row.Failed} of {row.Trials} trials after {faults:N0} faults; the lock keeps other threads out, not exceptions ({WriteRaceRows.Describe(row)})."));
            }
            else if (row.Failed > 0)
            {
                report.Unexpected.Add(string.Create(CultureInfo.InvariantCulture, $"{row.Subject}: inconsistent after a fault in {row.Failed} of {row.Trials} trials ({WriteRaceRows.Describe(row)})."));
            }
        }

        var maps = report.Rows.Where(r => r.Kind == LabSubjectKind.Map).ToList();
        if (maps.Count > 0)
        {
            report.Findings.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Concurrent maps ({string.Join(", ", maps.Select(m => m.Subject))}): {maps.Sum(m => m.Failed)} inconsistent trials out of {maps.Sum(m => m.Trials)}; all {maps.Sum(m => m.Metrics?.GetValueOrDefault(FaultsMetric) ?? 0):N0} faults reached the caller and left the map as it was."));
        }

        if (report.Rows.FirstOrDefault(r => r.Kind == LabSubjectKind.Plain)?.Examples.TryGetValue(TornLabel, out string? example) == true)
        {
            report.Notes.Add("Example tear: " + example);
        }
    }

    private readonly record struct Operation(Kind Kind, long Key, long Value, bool Throws);
}
