namespace MapGuard.Cli.Matrix.Output;

/// <summary>Which point of a <see cref="ChartText"/> its x names, as SVG's <c>text-anchor</c>.</summary>
internal enum TextAnchor
{
    /// <summary>The text starts at x.</summary>
    Start,

    /// <summary>The text is centred on x.</summary>
    Middle,

    /// <summary>The text ends at x.</summary>
    End,
}
