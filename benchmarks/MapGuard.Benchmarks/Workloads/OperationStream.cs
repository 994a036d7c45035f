namespace MapGuard.Benchmarks.Workloads;

/// <summary>
/// A thread's precomputed sequence of key indexes; the top bit marks a write. Precomputing keeps the random
/// number generator and the Zipf sampler out of the measured loop.
/// </summary>
public static class OperationStream
{
    public const int Length = 1 << 20;
    public const int WriteFlag = 1 << 30;

    public static int[] Create(Workload workload, int seed)
    {
        var random = new Random(seed);
        var stream = new int[Length];
        double[]? zipfCdf = workload.Zipf ? ZipfCdf(workload.Keys, 0.99) : null;
        for (int i = 0; i < stream.Length; i++)
        {
            int key = zipfCdf is null ? random.Next(workload.Keys) : Scatter(SampleZipf(zipfCdf, random.NextDouble()), workload.Keys);
            stream[i] = random.Next(100) < workload.ReadPercent ? key : key | WriteFlag;
        }

        return stream;
    }

    private static double[] ZipfCdf(int n, double s)
    {
        var cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += 1.0 / Math.Pow(i + 1, s);
            cdf[i] = sum;
        }

        for (int i = 0; i < n; i++)
        {
            cdf[i] /= sum;
        }

        return cdf;
    }

    private static int SampleZipf(double[] cdf, double u)
    {
        int index = Array.BinarySearch(cdf, u);
        return index >= 0 ? index : Math.Min(~index, cdf.Length - 1);
    }

    // Hot ranks map to scattered keys, so the popular keys are not neighbours in any table.
    private static int Scatter(int rank, int keys) => (int)(((ulong)(uint)rank * 2654435761UL) % (uint)keys);
}
