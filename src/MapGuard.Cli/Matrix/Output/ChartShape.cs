namespace MapGuard.Cli.Matrix.Output;

/// <summary>
/// One drawing primitive of the chart, in chart units (an SVG user unit; the PNG draws each as
/// <see cref="PngChartWriter.PixelsPerUnit"/> pixels): <see cref="ChartRect"/>, <see cref="ChartLine"/> or
/// <see cref="ChartText"/>. <see cref="ChartLayout"/> makes them; each back-end draws them in list order, later on top.
/// </summary>
internal abstract record ChartShape;
