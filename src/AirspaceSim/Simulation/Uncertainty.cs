using System.Globalization;
using MathNet.Numerics.Distributions;

namespace AirspaceSim.Simulation;

/// <summary>The family of a <see cref="Distribution"/>.</summary>
public enum DistributionKind
{
    /// <summary>Always <see cref="Distribution.Value"/>.</summary>
    Fixed,
    /// <summary>Continuous uniform on [<see cref="Distribution.Min"/>, <see cref="Distribution.Max"/>].</summary>
    Uniform,
    /// <summary>Normal with <see cref="Distribution.Mean"/> and <see cref="Distribution.StdDev"/>.</summary>
    Normal,
    /// <summary>Triangular on [<see cref="Distribution.Min"/>, <see cref="Distribution.Max"/>] peaking at <see cref="Distribution.Mode"/>.</summary>
    Triangular,
    /// <summary>Log-normal: ln X is normal with <see cref="Distribution.Mu"/> and <see cref="Distribution.Sigma"/>.</summary>
    LogNormal,
    /// <summary><see cref="Distribution.Values"/> with probabilities proportional to <see cref="Distribution.Weights"/>.</summary>
    Discrete,
}

/// <summary>
/// A probability distribution of one uncertain input, drawn by inverse transform: <see cref="Quantile"/> maps one
/// uniform number in (0, 1) to a value through MathNet.Numerics' inverse CDFs, so every input consumes exactly one
/// uniform of the draw's stream and a draw does not depend on which other inputs are uncertain. Parameters are checked
/// when built (<see cref="ArgumentException"/> with what is wrong).
/// </summary>
public sealed record Distribution
{
    private Distribution(DistributionKind kind) => Kind = kind;

    /// <summary>The family.</summary>
    public DistributionKind Kind { get; }

    /// <summary>The value of a fixed distribution.</summary>
    public double Value { get; private init; }

    /// <summary>Lower limit (uniform, triangular).</summary>
    public double Min { get; private init; }

    /// <summary>Upper limit (uniform, triangular).</summary>
    public double Max { get; private init; }

    /// <summary>Most likely value (triangular).</summary>
    public double Mode { get; private init; }

    /// <summary>Mean (normal).</summary>
    public double Mean { get; private init; }

    /// <summary>Standard deviation (normal), &gt; 0.</summary>
    public double StdDev { get; private init; }

    /// <summary>Mean of ln X (log-normal).</summary>
    public double Mu { get; private init; }

    /// <summary>Standard deviation of ln X (log-normal), &gt; 0.</summary>
    public double Sigma { get; private init; }

    /// <summary>The values (discrete), in input order.</summary>
    public IReadOnlyList<double> Values { get; private init; } = [];

    /// <summary>Relative weights of <see cref="Values"/> (discrete), each ≥ 0, not all 0.</summary>
    public IReadOnlyList<double> Weights { get; private init; } = [];

    /// <summary>Always <paramref name="value"/>.</summary>
    public static Distribution Fixed(double value) => new(DistributionKind.Fixed) { Value = Finite(value, "fixed value") };

    /// <summary>Uniform on [min, max]; min &lt; max.</summary>
    public static Distribution Uniform(double min, double max)
    {
        Finite(min, "uniform min"); Finite(max, "uniform max");
        if (!(min < max)) throw new ArgumentException(Inv($"uniform: min {min} must be below max {max}"));
        return new(DistributionKind.Uniform) { Min = min, Max = max };
    }

    /// <summary>Normal; sd &gt; 0.</summary>
    public static Distribution Normal(double mean, double sd)
    {
        Finite(mean, "normal mean"); Finite(sd, "normal sd");
        if (!(sd > 0)) throw new ArgumentException(Inv($"normal: sd {sd} must be > 0 (use fixed for a certain value)"));
        return new(DistributionKind.Normal) { Mean = mean, StdDev = sd };
    }

    /// <summary>Triangular; min ≤ mode ≤ max, min &lt; max.</summary>
    public static Distribution Triangular(double min, double mode, double max)
    {
        Finite(min, "triangular min"); Finite(mode, "triangular mode"); Finite(max, "triangular max");
        if (!(min < max)) throw new ArgumentException(Inv($"triangular: min {min} must be below max {max}"));
        if (mode < min || mode > max) throw new ArgumentException(Inv($"triangular: mode {mode} must be within [min {min}, max {max}]"));
        return new(DistributionKind.Triangular) { Min = min, Mode = mode, Max = max };
    }

    /// <summary>Log-normal (parameters of ln X); sigma &gt; 0.</summary>
    public static Distribution LogNormal(double mu, double sigma)
    {
        Finite(mu, "lognormal mu"); Finite(sigma, "lognormal sigma");
        if (!(sigma > 0)) throw new ArgumentException(Inv($"lognormal: sigma {sigma} must be > 0"));
        return new(DistributionKind.LogNormal) { Mu = mu, Sigma = sigma };
    }

    /// <summary>Discrete: <paramref name="values"/>, all equally likely.</summary>
    public static Distribution Discrete(IReadOnlyList<double> values) => Discrete(values, null);

    /// <summary>Discrete: <paramref name="values"/> with probabilities proportional to <paramref name="weights"/> (all equal when null).</summary>
    public static Distribution Discrete(IReadOnlyList<double> values, IReadOnlyList<double>? weights)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("discrete: give at least one value");
        foreach (var v in values) Finite(v, "discrete value");
        var w = weights ?? Enumerable.Repeat(1.0, values.Count).ToArray();
        if (w.Count != values.Count) throw new ArgumentException($"discrete: {w.Count} weights for {values.Count} values; give one weight per value");
        foreach (var x in w)
            if (!double.IsFinite(x) || x < 0) throw new ArgumentException(Inv($"discrete: weight {x} must be a finite number ≥ 0"));
        if (w.Sum() <= 0) throw new ArgumentException("discrete: the weights sum to 0; at least one must be > 0");
        return new(DistributionKind.Discrete) { Values = values.ToArray(), Weights = w.ToArray() };
    }

    /// <summary>Smallest value the distribution can give (−∞ for normal, 0 for log-normal).</summary>
    public double SupportMin => Kind switch
    {
        DistributionKind.Fixed => Value, DistributionKind.Uniform or DistributionKind.Triangular => Min,
        DistributionKind.Normal => double.NegativeInfinity, DistributionKind.LogNormal => 0, _ => Values.Where((_, i) => Weights[i] > 0).Min(),
    };

    /// <summary>Largest value the distribution can give (+∞ for normal and log-normal).</summary>
    public double SupportMax => Kind switch
    {
        DistributionKind.Fixed => Value, DistributionKind.Uniform or DistributionKind.Triangular => Max,
        DistributionKind.Normal or DistributionKind.LogNormal => double.PositiveInfinity, _ => Values.Where((_, i) => Weights[i] > 0).Max(),
    };

    /// <summary>
    /// The value at cumulative probability <paramref name="u"/> in (0, 1): MathNet's inverse CDF of the family; for a
    /// discrete distribution the first value whose cumulative weight exceeds u × the total (so u uniform gives each value
    /// with its weight's share).
    /// </summary>
    public double Quantile(double u)
    {
        if (!(u > 0 && u < 1)) throw new ArgumentOutOfRangeException(nameof(u), u, "u must be in (0, 1)");
        switch (Kind)
        {
            case DistributionKind.Fixed: return Value;
            case DistributionKind.Uniform: return ContinuousUniform.InvCDF(Min, Max, u);
            case DistributionKind.Normal: return MathNet.Numerics.Distributions.Normal.InvCDF(Mean, StdDev, u);
            case DistributionKind.Triangular: return MathNet.Numerics.Distributions.Triangular.InvCDF(Min, Max, Mode, u);
            case DistributionKind.LogNormal: return MathNet.Numerics.Distributions.LogNormal.InvCDF(Mu, Sigma, u);
            default:
                // By hand rather than MathNet's Categorical.InvCDF, which works on normalised probabilities and so may
                // round a boundary differently; this keeps "value i with weight share" exact for the tests' cases.
                double total = Weights.Sum(), target = u * total, cum = 0;
                for (int i = 0; i < Values.Count; i++)
                {
                    cum += Weights[i];
                    if (target < cum) return Values[i];
                }
                return Values[Weights.ToList().FindLastIndex(x => x > 0)];
        }
    }

    /// <summary>The distribution in words (parameters to 4 decimals), e.g. <c>uniform(240, 2160)</c>.</summary>
    public override string ToString() => Kind switch
    {
        DistributionKind.Fixed => Inv($"fixed({Value:0.####})"),
        DistributionKind.Uniform => Inv($"uniform({Min:0.####}, {Max:0.####})"),
        DistributionKind.Normal => Inv($"normal(mean {Mean:0.####}, sd {StdDev:0.####})"),
        DistributionKind.Triangular => Inv($"triangular({Min:0.####}, {Mode:0.####}, {Max:0.####})"),
        DistributionKind.LogNormal => Inv($"lognormal(mu {Mu:0.####}, sigma {Sigma:0.####})"),
        _ => "discrete(" + string.Join(", ", Values.Select((v, i) => Inv($"{v:0.####}: {Weights[i]:0.####}"))) + ")",
    };

    /// <summary>Structural equality (lists element by element).</summary>
    public bool Equals(Distribution? o) =>
        o is not null && Kind == o.Kind && Value.Equals(o.Value) && Min.Equals(o.Min) && Max.Equals(o.Max) && Mode.Equals(o.Mode) &&
        Mean.Equals(o.Mean) && StdDev.Equals(o.StdDev) && Mu.Equals(o.Mu) && Sigma.Equals(o.Sigma) &&
        Values.SequenceEqual(o.Values) && Weights.SequenceEqual(o.Weights);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Value, Min, Max, Mean, Mu);

    private static double Finite(double v, string what) =>
        double.IsFinite(v) ? v : throw new ArgumentException(Inv($"{what} {v} must be a finite number"));

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The uncertain end of one closure: hours after its start.</summary>
/// <param name="ClosureId">The closure's id.</param>
/// <param name="HoursAfterStart">Distribution of the window's length in hours (draws rounded to the minute, at least one minute).</param>
public sealed record ClosureEndUncertainty(string ClosureId, Distribution HoursAfterStart);

/// <summary>An uncertain scalar input of a scenario.</summary>
public enum UncertainInput
{
    /// <summary>Jet fuel price, US$/kg (0–100).</summary>
    FuelPriceUsdPerKg,
    /// <summary>Uniform wind speed, kt (0–400).</summary>
    WindKt,
    /// <summary>Direction the wind blows from, degrees true (taken modulo 360).</summary>
    WindFromDeg,
    /// <summary>A lateral margin added to every closure's buffer, NM (0–600 in all, the planner's <see cref="Routing.DetourPlanner.MaxBufferNm"/>).</summary>
    ExtraBufferNm,
    /// <summary>Factor on every type's cruise Mach (0.5–1.5; capped at the type's MMO by the cost model).</summary>
    CruiseSpeedFactor,
}

/// <summary>
/// The uncertain inputs of a scenario: distributions of closure ends and of scalar inputs. Empty = a deterministic
/// scenario. A Monte Carlo run (<see cref="MonteCarlo"/>) draws them; a plain run uses the scenario as given.
/// </summary>
public sealed record ScenarioUncertainty
{
    /// <summary>No uncertain input.</summary>
    public static ScenarioUncertainty None { get; } = new();

    /// <summary>Closure ends, one per closure at most.</summary>
    public IReadOnlyList<ClosureEndUncertainty> ClosureEnds { get; init; } = [];

    /// <summary>Scalar inputs, one distribution each, in <see cref="UncertainInput"/> order.</summary>
    public IReadOnlyDictionary<UncertainInput, Distribution> Inputs { get; init; } = new SortedDictionary<UncertainInput, Distribution>();

    /// <summary>True when nothing is uncertain.</summary>
    public bool IsEmpty => ClosureEnds.Count == 0 && Inputs.Count == 0;

    /// <summary>The accepted range of each scalar input (draws of an unbounded distribution are clamped into it).</summary>
    /// <remarks>The scenario file's, the sweep's and the builder's ranges for the same quantity (one table), so that a
    /// draw is always a value a scenario could be written with.</remarks>
    public static (double Min, double Max) Range(UncertainInput input) => input switch
    {
        UncertainInput.FuelPriceUsdPerKg => (ParameterRanges.FuelPriceUsdPerKg.Min, ParameterRanges.FuelPriceUsdPerKg.Max),
        UncertainInput.WindKt => (ParameterRanges.WindKt.Min, ParameterRanges.WindKt.Max),
        UncertainInput.WindFromDeg => (double.NegativeInfinity, double.PositiveInfinity), // wrapped into [0, 360)
        UncertainInput.ExtraBufferNm => (ParameterRanges.BufferNm.Min, ParameterRanges.BufferNm.Max),
        _ => (ParameterRanges.CruiseSpeedFactor.Min, ParameterRanges.CruiseSpeedFactor.Max),
    };

    /// <summary>The input's JSON name, e.g. <c>fuelPriceUsdPerKg</c>.</summary>
    public static string Name(UncertainInput input) => input switch
    {
        UncertainInput.FuelPriceUsdPerKg => "fuelPriceUsdPerKg", UncertainInput.WindKt => "windKt", UncertainInput.WindFromDeg => "windFromDeg",
        UncertainInput.ExtraBufferNm => "extraBufferNm", _ => "cruiseSpeedFactor",
    };

    /// <summary>
    /// Checks the distributions against the scenario: each closure end names a closure of it without a fixed end, once; a bounded
    /// distribution lies inside the input's range (an unbounded one is clamped when drawn, and says so).
    /// </summary>
    /// <exception cref="ArgumentException">What is wrong.</exception>
    public void Check(IReadOnlyList<Closure> closures)
    {
        ArgumentNullException.ThrowIfNull(closures);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in ClosureEnds)
        {
            var closure = closures.FirstOrDefault(c => string.Equals(c.Id, e.ClosureId, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"closure end: no closure '{e.ClosureId}' in the scenario (closures: {string.Join(", ", closures.Select(c => c.Id))})");
            // The JSON reader refuses this; the builder let it through, so ScenarioJson.Write gave a file it cannot read back.
            if (closure.EndUtc is { } end)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"closure end of '{e.ClosureId}': the closure has a fixed end ({end:yyyy-MM-dd'T'HH:mm'Z'}); remove it to make the end uncertain"));
            if (!seen.Add(e.ClosureId)) throw new ArgumentException($"closure end: closure '{e.ClosureId}' is given twice");
            if (e.HoursAfterStart.SupportMax <= 0)
                throw new ArgumentException($"closure end of '{e.ClosureId}': {e.HoursAfterStart} is never after the start; hours after start must be > 0");
        }
        foreach (var (input, d) in Inputs)
        {
            var (lo, hi) = Range(input);
            if (d.Kind is not (DistributionKind.Normal or DistributionKind.LogNormal) && (d.SupportMin < lo || d.SupportMax > hi))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{Name(input)}: {d} reaches outside the accepted range [{lo}, {hi}]"));
        }
    }

    /// <summary>Structural equality.</summary>
    public bool Equals(ScenarioUncertainty? o) =>
        o is not null && ClosureEnds.SequenceEqual(o.ClosureEnds) && Inputs.Count == o.Inputs.Count &&
        Inputs.All(kv => o.Inputs.TryGetValue(kv.Key, out var d) && d == kv.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ClosureEnds.Count, Inputs.Count);
}
