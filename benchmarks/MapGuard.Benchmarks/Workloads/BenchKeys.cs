using MapGuard.Cli.Matrix.Worker;

namespace MapGuard.Benchmarks.Workloads;

/// <summary>
/// The key shapes (docs/design/matrix.md) for the benchmark grid, from the matrix's own <see cref="ShapedKeys"/> (compiled into
/// this project as a linked file), so both tools measure the same keys.
/// </summary>
public static class BenchKeys
{
    /// <summary>The shape every benchmark outside the shape grid uses: scrambled <see cref="long"/> keys.</summary>
    public const string Random = "random";

    /// <summary>The names of the shapes whose keys are <typeparamref name="TKey"/>, e.g. <c>seq</c> and <c>random</c> for long.</summary>
    public static IEnumerable<string> ShapesOf<TKey>() =>
        ShapedKeys.All.Where(shape => ShapedKeys.KeyTypeOf(shape) == typeof(TKey)).Select(ShapedKeys.NameOf);

    /// <summary>The function from index to key of the shape named <paramref name="shape"/>, whose keys must be <typeparamref name="TKey"/>.</summary>
    public static Func<int, TKey> KeyAt<TKey>(string shape)
    {
        Cli.Matrix.Workloads.KeyShape parsed = Parse(shape);
        if (ShapedKeys.KeyTypeOf(parsed) != typeof(TKey))
        {
            throw new ArgumentException($"'{shape}' is not a key shape of {typeof(TKey).Name}; use one of {string.Join(", ", ShapesOf<TKey>())}.", nameof(shape));
        }

        Delegate keyAt = parsed switch
        {
            Cli.Matrix.Workloads.KeyShape.Seq => new Func<int, long>(ShapedKeys.Sequential),
            Cli.Matrix.Workloads.KeyShape.Random => new Func<int, long>(ShapedKeys.Random),
            Cli.Matrix.Workloads.KeyShape.String => new Func<int, string>(ShapedKeys.ShortString),
            Cli.Matrix.Workloads.KeyShape.Url => new Func<int, string>(ShapedKeys.Url),
            _ => new Func<int, Guid>(ShapedKeys.Guid),
        };
        return (Func<int, TKey>)keyAt;
    }

    /// <summary>The shape named <paramref name="shape"/>.</summary>
    internal static Cli.Matrix.Workloads.KeyShape Parse(string shape) =>
        ShapedKeys.TryParse(shape, out var parsed)
            ? parsed
            : throw new ArgumentException($"'{shape}' is not a key shape; use one of {string.Join(", ", ShapedKeys.All.Select(ShapedKeys.NameOf))}.", nameof(shape));
}
