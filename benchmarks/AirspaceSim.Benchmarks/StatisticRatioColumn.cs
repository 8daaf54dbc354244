using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace AirspaceSim.Benchmarks;

/// <summary>
/// A benchmark's median (or minimum) time over its baseline's. BenchmarkDotNet's own Ratio is a mean of ratios, which on
/// the shared machine a few iterations slowed by other processes' bursts move a long way (WorldDataBenchmarks: 1.75 ±
/// 0.58 with one run's iterations at 14–42 ms for the same work); the median and the minimum are what those bursts
/// move least.
/// </summary>
internal sealed class StatisticRatioColumn(string name, Func<Statistics, double> statistic) : IColumn
{
    public static readonly StatisticRatioColumn Median = new("Median ratio", s => s.Median);
    public static readonly StatisticRatioColumn Minimum = new("Min ratio", s => s.Min);

    public string Id => nameof(StatisticRatioColumn) + "." + name;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Baseline;
    public int PriorityInCategory => 10;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"{name[..name.IndexOf(' ')]} time over the baseline's";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        var own = summary[benchmarkCase]?.ResultStatistics;
        var reference = baseline is null ? null : summary[baseline]?.ResultStatistics;
        if (own is null || reference is null || statistic(reference) <= 0) return "?";
        return (statistic(own) / statistic(reference)).ToString("0.00", CultureInfo.InvariantCulture);
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}

/// <summary>Adds <see cref="StatisticRatioColumn.Median"/> and <see cref="StatisticRatioColumn.Minimum"/> to a benchmark class.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class StatisticRatioColumnsAttribute() : BenchmarkDotNet.Attributes.ColumnConfigBaseAttribute(StatisticRatioColumn.Median, StatisticRatioColumn.Minimum);
