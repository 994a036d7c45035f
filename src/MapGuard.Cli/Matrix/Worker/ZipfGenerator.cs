namespace MapGuard.Cli.Matrix.Worker;

/// <summary>
/// Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s, by the closed-form method of Gray et al.,
/// "Quickly Generating Billion-Record Synthetic Databases" (SIGMOD 1994), as YCSB's ZipfianGenerator does.
/// Setup is O(n) (one zeta sum); each draw is O(1). Requires 0 &lt; s &lt; 1.
/// </summary>
internal sealed class ZipfGenerator
{
    private readonly int _n;
    private readonly double _theta;
    private readonly double _alpha;
    private readonly double _zetaN;
    private readonly double _eta;

    /// <summary>Prepares a generator over <paramref name="n"/> ranks with exponent <paramref name="s"/>.</summary>
    public ZipfGenerator(int n, double s)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (s is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(s), s, "The closed form needs 0 < s < 1.");
        }

        _n = n;
        _theta = s;
        _alpha = 1.0 / (1.0 - s);
        double zetaN = 0;
        for (int i = 1; i <= n; i++)
        {
            zetaN += 1.0 / Math.Pow(i, s);
        }

        _zetaN = zetaN;
        double zeta2 = 1.0 + Math.Pow(0.5, s);
        _eta = (1.0 - Math.Pow(2.0 / n, 1.0 - s)) / (1.0 - (zeta2 / zetaN));
    }

    /// <summary>Maps a uniform <paramref name="u"/> in [0, 1) to a rank; rank 0 is the hottest.</summary>
    public int Next(double u)
    {
        double uz = u * _zetaN;
        if (uz < 1.0)
        {
            return 0;
        }

        if (uz < 1.0 + Math.Pow(0.5, _theta))
        {
            return Math.Min(1, _n - 1);
        }

        long rank = (long)(_n * Math.Pow((_eta * u) - _eta + 1.0, _alpha));
        return (int)Math.Clamp(rank, 0, _n - 1);
    }
}
