using System.Globalization;
using AirspaceSim.Simulation;
using MathNet.Numerics.Statistics;
using ScottPlot;

namespace AirspaceSim.Reports;

/// <summary>The 5th, 50th and 95th percentiles of a distribution.</summary>
/// <param name="P5">5th percentile.</param>
/// <param name="P50">Median.</param>
/// <param name="P95">95th percentile.</param>
public sealed record Percentiles(double P5, double P50, double P95)
{
    /// <summary>The percentiles of <paramref name="samples"/> by the definition the Monte Carlo summaries use
    /// (<see cref="MonteCarlo.Quantile"/>, R-7), so that a chart
    /// marks the figures its table prints.</summary>
    /// <exception cref="ArgumentException">No samples, or one that is not a finite number.</exception>
    public static Percentiles Of(IReadOnlyList<double> samples)
    {
        Charts.CheckSamples(samples);
        var data = samples.ToArray();
        return new Percentiles(MonteCarlo.Quantile(data, 0.05), MonteCarlo.Quantile(data, 0.50), MonteCarlo.Quantile(data, 0.95));
    }

    /// <summary>The percentiles of a Monte Carlo <see cref="Spread"/> (as its table prints them).</summary>
    /// <exception cref="ArgumentNullException">A null spread.</exception>
    public static Percentiles From(Spread spread)
    {
        ArgumentNullException.ThrowIfNull(spread);
        return new Percentiles((double)spread.P5, (double)spread.P50, (double)spread.P95);
    }
}

/// <summary>Charts of what-if results (ScottPlot), as PNG or SVG: extra minutes per route, extra cost per operator, and the
/// distribution of a Monte Carlo total with its percentiles.</summary>
public static class Charts
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Most bars drawn; the rest are summed into one "others" bar.</summary>
    public const int MaxBars = 25;

    /// <summary>Extra block minutes per route (origin–destination, all its flights), horizontal bars, largest on top;
    /// routes with no extra minutes are left out.</summary>
    public static byte[] ExtraMinutesByRoute(SimulationResult result, ImageFormat format, ImageOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Render(RouteMinutes(result), format, options);
    }

    /// <summary>Extra cost (US$) per operator, horizontal bars, largest on top; operators with no extra cost are left out.</summary>
    public static byte[] ExtraCostByOperator(SimulationResult result, ImageFormat format, ImageOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Render(OperatorCost(result), format, options);
    }

    /// <summary>
    /// A histogram of Monte Carlo draws of a total extra cost (US$), with <paramref name="percentiles"/> marked (compute
    /// them with <see cref="Percentiles.Of"/>).
    /// </summary>
    /// <exception cref="ArgumentException">No samples, or one that is not a finite number.</exception>
    public static byte[] CostDistribution(IReadOnlyList<double> samplesUsd, Percentiles percentiles, string title, ImageFormat format, ImageOptions options) =>
        Render(Distribution(samplesUsd, percentiles, title), format, options);

    /// <summary>The histogram of a Monte Carlo run's total extra cost, its P5/P50/P95 those of the run's summary.</summary>
    /// <exception cref="ArgumentNullException">A null result.</exception>
    public static byte[] CostDistribution(MonteCarloResult result, ImageFormat format, ImageOptions options) =>
        Render(Distribution(result), format, options);

    /// <summary>A sweep's totals against the swept value: total extra cost (US$, left axis) and extra block minutes
    /// (right axis), one point per value.</summary>
    /// <exception cref="ArgumentNullException">A null sweep.</exception>
    public static byte[] Sweep(SweepResult sweep, ImageFormat format, ImageOptions options) =>
        Render(SweepPlot(sweep), format, options);

    internal static Plot Distribution(MonteCarloResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var cost = result.Totals.First(t => t.Name == "extraCostUsd").Spread;
        return Distribution(result.Draws.Select(d => (double)d.Totals.ExtraCostUsd).ToList(), Percentiles.From(cost),
            string.Create(Inv, $"{result.Header.ScenarioName}: total extra cost over {result.Draws.Count} draws (seed {result.Header.Seed})"));
    }

    internal static Plot SweepPlot(SweepResult sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        if (sweep.Points.Count == 0) throw new ArgumentException("a sweep with no points", nameof(sweep));
        var plot = NewPlot($"{sweep.Points[0].Result.Scenario.Name}: sweep of {sweep.Name}");
        double[] xs = sweep.Points.Select(p => p.Value).ToArray();
        var cost = plot.Add.Scatter(xs, sweep.Points.Select(p => (double)p.Result.Totals.ExtraCostUsd).ToArray(), Color.FromHex("#3a6fb0"));
        cost.LegendText = "extra cost, US$ (left)";
        cost.LineWidth = 2; cost.MarkerSize = 8;
        var minutes = plot.Add.Scatter(xs, sweep.Points.Select(p => (double)p.Result.Totals.ExtraMinutes).ToArray(), Color.FromHex("#e07b00"));
        minutes.LegendText = "extra block minutes (right)";
        // Told apart from the cost series by colour, axis side and square markers, not by a dashed line: Skia's SVG canvas
        // has no dash path effect ("Unsupported path effect" on stderr, drawn solid anyway), so a dash would only show in PNG.
        minutes.LineWidth = 2; minutes.MarkerSize = 8; minutes.MarkerShape = MarkerShape.FilledSquare;
        minutes.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Bottom.Label.Text = $"{sweep.Name}, {sweep.Unit}";
        plot.Axes.Left.Label.Text = "total extra cost, US$";
        plot.Axes.Right.Label.Text = "total extra minutes";
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    internal static Plot RouteMinutes(SimulationResult r) =>
        HorizontalBars(r.Group(GroupBy.Route).Select(g => (g.Key, (double)g.Totals.ExtraMinutes)),
            $"{r.Scenario.Name}: extra block minutes per route", "extra minutes (all flights of the route)", "#e07b00", "N0");

    internal static Plot OperatorCost(SimulationResult r) =>
        HorizontalBars(r.Group(GroupBy.Operator).Select(g => (g.Key, (double)g.Totals.ExtraCostUsd)),
            $"{r.Scenario.Name}: extra cost per operator", "extra cost, US$", "#3a6fb0", "N0");

    internal static Plot Distribution(IReadOnlyList<double> samples, Percentiles p, string title)
    {
        CheckSamples(samples);
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(title);
        var plot = NewPlot(title);
        double min = samples.Min(), max = samples.Max();
        if (max - min < 1e-9 * Math.Max(1, Math.Abs(max))) { min -= 0.5; max += 0.5; }
        // Sturges' rule, at least 10 and at most 60 bins.
        int bins = Math.Clamp((int)Math.Ceiling(Math.Log2(samples.Count)) + 1, 10, 60);
        var hist = new Histogram(samples, bins, min, max);
        var bars = new List<Bar>();
        for (int i = 0; i < hist.BucketCount; i++)
        {
            var b = hist[i];
            bars.Add(new Bar { Position = (b.LowerBound + b.UpperBound) / 2, Value = b.Count, Size = b.Width * 0.95, FillColor = Color.FromHex("#9bb7d4"), LineWidth = 0 });
        }
        plot.Add.Bars(bars);
        foreach (var (label, x, colour) in new[] { ("P5", p.P5, "#2ca02c"), ("P50", p.P50, "#d62728"), ("P95", p.P95, "#2ca02c") })
        {
            var line = plot.Add.VerticalLine(x, 2, Color.FromHex(colour));
            line.LabelText = $"{label} {x.ToString("N0", Inv)}";
            line.LabelFontName = PlotStyle.SansFont;
            line.LabelOppositeAxis = true;
        }
        plot.XLabel("total extra cost, US$");
        plot.YLabel($"draws (of {samples.Count})");
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    internal static void CheckSamples(IReadOnlyList<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0) throw new ArgumentException("no samples: a distribution needs at least one draw", nameof(samples));
        for (int i = 0; i < samples.Count; i++)
            if (!double.IsFinite(samples[i])) throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"sample {i} is {samples[i]}, not a finite number"), nameof(samples));
    }

    private static Plot HorizontalBars(IEnumerable<(string Label, double Value)> items, string title, string xLabel, string colour, string numberFormat)
    {
        var sorted = items.Where(i => i.Value != 0).OrderByDescending(i => i.Value).ThenBy(i => i.Label, StringComparer.Ordinal).ToList();
        if (sorted.Count > MaxBars)
            sorted = [.. sorted.Take(MaxBars - 1), ($"{sorted.Count - MaxBars + 1} others", sorted.Skip(MaxBars - 1).Sum(i => i.Value))];
        var plot = NewPlot(title);
        // Largest on top: the first item at the highest position.
        var bars = sorted.Select((item, i) => new Bar
        {
            Position = sorted.Count - i, Value = item.Value, FillColor = Color.FromHex(colour), LineWidth = 0,
            Label = item.Value.ToString(numberFormat, Inv),
        }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plottable.ValueLabelStyle.FontName = PlotStyle.SansFont;
        plottable.ValueLabelStyle.FontSize = 11;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            sorted.Select((_, i) => (double)(sorted.Count - i)).ToArray(), sorted.Select(i => i.Label).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.Label.Text = xLabel;
        if (sorted.Count == 0) plot.Add.Annotation("nothing to show: every value is zero", Alignment.MiddleCenter);
        plot.Axes.Margins(left: 0, right: 0.12);
        plot.HideGrid();
        return plot;
    }

    private static Plot NewPlot(string title)
    {
        var plot = new Plot();
        plot.Title(title, 14);
        plot.Font.Set(PlotStyle.SansFont);
        return plot;
    }

    internal static byte[] Render(Plot plot, ImageFormat format, ImageOptions options)
    {
        using (plot)
        {
            ArgumentNullException.ThrowIfNull(options);
            options.Validate();
            return InInvariantCulture(() => format == ImageFormat.Svg ? Reports.Svg.Bytes(plot.GetSvgXml(options.WidthPx, options.HeightPx))
                : plot.GetImageBytes(options.WidthPx, options.HeightPx, ScottPlot.ImageFormat.Png));
        }
    }

    /// <summary>An SVG document of <paramref name="plot"/> (the HTML report inlines it).</summary>
    internal static string SvgText(Plot plot, ImageOptions options)
    {
        using (plot) return InInvariantCulture(() => plot.GetSvgXml(options.WidthPx, options.HeightPx));
    }

    /// <summary>
    /// Renders in the invariant culture and restores the caller's. ScottPlot writes its automatic numeric tick labels in
    /// the current culture (its <c>LabelFormatters.Numeric</c>), so a de-DE caller got "2.000" on an axis whose tables
    /// say 2,000; the rest of every report is invariant, and the same input must give the same bytes anywhere.
    /// </summary>
    private static T InInvariantCulture<T>(Func<T> render)
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try { return render(); }
        finally { CultureInfo.CurrentCulture = saved; }
    }
}
