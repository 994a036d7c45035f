using System.Diagnostics.Metrics;

namespace MapGuard.Tests.Diagnostics;

/// <summary>
/// Listens to the MapGuard meter and keeps the measurements tagged with one map name: observable instruments on
/// <see cref="Collect"/>, histograms as they are recorded.
/// </summary>
internal sealed class MetricsCollector : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _map;
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = [];

    public MetricsCollector(string map)
    {
        _map = map;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MapGuardMeter.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Reads every observable instrument now and returns this map's measurements of <paramref name="instrument"/>.</summary>
    public List<(double Value, Dictionary<string, object?> Tags)> Collect(string instrument)
    {
        lock (_measurements)
        {
            _measurements.RemoveAll(m => m.Instrument != MapGuardMeter.LockWait && m.Instrument != MapGuardMeter.ResizeDuration);
        }

        _listener.RecordObservableInstruments();
        lock (_measurements)
        {
            return [.. _measurements.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Tags))];
        }
    }

    /// <summary>The operations counter as "op/result" → value.</summary>
    public Dictionary<string, double> Operations() =>
        Collect(MapGuardMeter.Operations).ToDictionary(m => $"{m.Tags[MapGuardMeter.OpTag]}/{m.Tags[MapGuardMeter.ResultTag]}", m => m.Value);

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var dictionary = new Dictionary<string, object?>();
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            dictionary[tag.Key] = tag.Value;
        }

        if (Equals(dictionary.GetValueOrDefault(MapGuardMeter.MapTag), _map))
        {
            lock (_measurements)
            {
                _measurements.Add((instrument.Name, value, dictionary));
            }
        }
    }
}
