using System.Globalization;
using System.Text;
using System.Text.Json;
using AirspaceSim.Infrastructure;

namespace AirspaceSim.Simulation;

/// <summary>A numeric scenario parameter a sweep can vary.</summary>
public enum SweepParameter
{
    /// <summary>Every closure's lateral buffer, NM (0–600, the planner's <see cref="Routing.DetourPlanner.MaxBufferNm"/>).</summary>
    BufferNm,
    /// <summary>Jet fuel price, US$/kg (0–100).</summary>
    FuelPriceUsdPerKg,
    /// <summary>kg CO₂ per kg of fuel.</summary>
    Co2KgPerFuelKg,
    /// <summary>Time-related cost per block hour, US$ (0–1e6).</summary>
    HourlyCostUsd,
    /// <summary>Final reserve, minutes of holding.</summary>
    ReserveMinutes,
    /// <summary>Passenger load factor, 0–1.</summary>
    LoadFactor,
    /// <summary>Uniform wind speed, kt (0–400).</summary>
    WindKt,
    /// <summary>Direction the wind blows from, degrees true (0–360).</summary>
    WindFromDeg,
    /// <summary>Factor on every type's cruise Mach (0.5–1.5).</summary>
    CruiseSpeedFactor,
    /// <summary>Ground time at a technical stop, minutes (0–1440).</summary>
    TechStopGroundMinutes,
}

/// <summary>One point of a sweep: the parameter's value and the run with it.</summary>
/// <param name="Value">The value.</param>
/// <param name="Result">The run (its <see cref="SimulationResult.PlannersBuilt"/> counts the planners this point added).</param>
public sealed record SweepPoint(double Value, SimulationResult Result);

/// <summary>A sweep: the parameter and one run per value, in the order given (what a chart of the sweep plots).</summary>
/// <param name="Parameter">The parameter varied.</param>
/// <param name="Points">One point per value.</param>
public sealed record SweepResult(SweepParameter Parameter, IReadOnlyList<SweepPoint> Points)
{
    /// <summary>One point per value.</summary>
    public IReadOnlyList<SweepPoint> Points { get; init => field = ReadOnlyLists.Of(value); } = ReadOnlyLists.Of(Points);

    /// <summary>The parameter's CLI name, e.g. <c>fuel-price</c>.</summary>
    public string Name => Sweeps.Name(Parameter);

    /// <summary>The parameter's unit, e.g. <c>USD/kg</c>.</summary>
    public string Unit => Sweeps.Unit(Parameter);
}

/// <summary>
/// Sweeps: runs a scenario once per value of one parameter. One simulator serves every point (variants of the
/// scenario), so points that keep the closures' buffers share their planners. Writers for the grid (table, CSV, JSON)
/// are here too.
/// </summary>
public static class Sweeps
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // Each parameter's range is the scenario reader's and the builder's for the same field (ParameterRanges, one table):
    // a value the file takes the sweep takes, and the other way round (the reader took any fuel price, hourly cost and
    // tech-stop time, the sweep 100, 1e6 and 1440; a buffer 500 NM here, 600 for --buffer-nm). An open end is excluded
    // as the cost model excludes it (CO2 per kg in (0, 10), load factor in (0, 1], final reserve in [0, 600) min).
    private static readonly (SweepParameter P, string Name, ParameterRange Range)[] Table =
    [
        (SweepParameter.BufferNm, "buffer", ParameterRanges.BufferNm),
        (SweepParameter.FuelPriceUsdPerKg, "fuel-price", ParameterRanges.FuelPriceUsdPerKg),
        (SweepParameter.Co2KgPerFuelKg, "co2", ParameterRanges.Co2KgPerFuelKg),
        (SweepParameter.HourlyCostUsd, "hourly-cost", ParameterRanges.HourlyCostUsd),
        (SweepParameter.ReserveMinutes, "reserve", ParameterRanges.ReserveMinutes),
        (SweepParameter.LoadFactor, "load-factor", ParameterRanges.LoadFactor),
        (SweepParameter.WindKt, "wind", ParameterRanges.WindKt),
        (SweepParameter.WindFromDeg, "wind-from", ParameterRanges.WindFromDeg),
        (SweepParameter.CruiseSpeedFactor, "speed-factor", ParameterRanges.CruiseSpeedFactor),
        (SweepParameter.TechStopGroundMinutes, "tech-stop", ParameterRanges.TechStopGroundMinutes),
    ];

    /// <summary>Every parameter's name as the CLI takes it, with its unit and range, e.g. <c>buffer (NM, [0, 600])</c>
    /// (a round bracket: that end excluded, e.g. <c>load-factor (fraction of the maximum payload, (0, 1])</c>).</summary>
    public static IReadOnlyList<string> Described => Array.AsReadOnly(Table.Select(t => $"{t.Name} ({t.Range.Unit}, {t.Range.Interval})").ToArray());

    /// <summary>The CLI name, e.g. <c>fuel-price</c>.</summary>
    public static string Name(SweepParameter p) => Row(p).Name;

    /// <summary>The unit.</summary>
    public static string Unit(SweepParameter p) => Row(p).Range.Unit;

    private static (SweepParameter P, string Name, ParameterRange Range) Row(SweepParameter p) => Table.First(t => t.P == p);

    /// <summary>The parameter named <paramref name="name"/>: its CLI name (<c>fuel-price</c>) or its scenario JSON name
    /// (<c>fuelPriceUsdPerKg</c>), case-insensitive.</summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the known ones.</exception>
    public static SweepParameter Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var t in Table)
            if (string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase) || string.Equals(t.Range.Json, name.Trim(), StringComparison.OrdinalIgnoreCase)) return t.P;
        throw new ArgumentException($"unknown sweep parameter '{name}'; known: {string.Join(", ", Table.Select(t => t.Name))}");
    }

    /// <summary>The scenario with the parameter set to <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">The value is outside the parameter's range.</exception>
    public static Scenario Apply(Scenario scenario, SweepParameter parameter, double value)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var t = Row(parameter);
        if (!t.Range.Contains(value)) throw new ArgumentException($"sweep {t.Name}: value {t.Range.Outside(value)}");
        var p = scenario.Parameters;
        var c = p.Cost;
        return parameter switch
        {
            SweepParameter.BufferNm => scenario with { Closures = scenario.Closures.Select(x => x with { BufferNm = value }).ToArray() },
            SweepParameter.TechStopGroundMinutes => scenario with { Parameters = p with { TechStopGroundMinutes = value } },
            _ => scenario with
            {
                Parameters = p with
                {
                    Cost = parameter switch
                    {
                        SweepParameter.FuelPriceUsdPerKg => c with { FuelPriceUsdPerKg = value },
                        SweepParameter.Co2KgPerFuelKg => c with { Co2KgPerFuelKg = value },
                        SweepParameter.HourlyCostUsd => c with { HourlyCostUsd = value },
                        SweepParameter.ReserveMinutes => c with { ReserveMinutes = value },
                        SweepParameter.LoadFactor => c with { LoadFactor = value },
                        SweepParameter.WindKt => c with { WindKt = value },
                        SweepParameter.WindFromDeg => c with { WindFromDeg = value },
                        _ => c with { CruiseSpeedFactor = value },
                    },
                },
            },
        };
    }

    /// <summary>Runs <paramref name="scenario"/> once per value of <paramref name="parameter"/>, in order, in place of
    /// the scenario's own buffer sweep (<see cref="ScenarioParameters.BufferSweepNm"/>, which is not run: each value
    /// runs with every closure at its own buffer).</summary>
    /// <exception cref="ArgumentException">No values, a value outside the parameter's range (checked before running), or
    /// <c>wind-from</c> swept in still air.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (progress counts flights over all points).</exception>
    public static SweepResult Run(Scenario scenario, SimulationOptions options, SweepParameter parameter, IReadOnlyList<double> values) =>
        Run(scenario, options, parameter, values, CancellationToken.None, null);

    /// <summary>As <see cref="Run(Scenario, SimulationOptions, SweepParameter, IReadOnlyList{double})"/>, with cancellation and
    /// progress (flights over all points).</summary>
    /// <exception cref="ArgumentException">No values, or a value outside the parameter's range (checked before running).</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static SweepResult Run(Scenario scenario, SimulationOptions options, SweepParameter parameter, IReadOnlyList<double> values,
        CancellationToken cancellationToken, IProgress<SimulationProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException($"sweep {Name(parameter)}: give at least one value");
        // In still air every direction gives the same rows: a sweep that cannot change anything is refused, not run.
        if (parameter == SweepParameter.WindFromDeg && !(scenario.Parameters.Cost.WindKt > 0))
            throw new ArgumentException("sweep wind-from: the scenario's uniform wind is 0 kt, so its direction changes nothing; " +
                "give it a wind speed (\"windKt\" in its \"parameters\")");
        var base_ = scenario.Parameters.BufferSweepNm.Count > 0 ? scenario with { Parameters = scenario.Parameters with { BufferSweepNm = [] } } : scenario;
        var variants = values.Select(v => Apply(base_, parameter, v)).ToList();
        var template = new WhatIfSimulator(base_, options);
        int flights = template.Flights.Count, total = flights * values.Count;
        var points = new List<SweepPoint>();
        for (int i = 0; i < variants.Count; i++)
        {
            int before = template.PlannersBuilt, offset = i * flights;
            var inner = progress == null ? null : new Offset(progress, offset, total);
            SimulationResult r;
            try { r = template.Variant(variants[i]).Run(cancellationToken, inner); }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException($"cancelled after {i} of {values.Count} sweep points", cancellationToken);
            }
            points.Add(new SweepPoint(values[i], r with { PlannersBuilt = template.PlannersBuilt - before }));
        }
        return new SweepResult(parameter, points);
    }

    private sealed class Offset(IProgress<SimulationProgress> to, int offset, int total) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => to.Report(new SimulationProgress(offset + value.Done, total));
    }

    // ------------------------------------------------------------------------------------------ writers

    private static string V(double v) => v.ToString(Inv);

    private static string Counts(Totals t) => string.Join(", ", t.ByOutcome.Where(kv => kv.Value > 0).Select(kv => $"{kv.Value} {SimulationReport.Text(kv.Key)}"));

    /// <summary>The grid as a table: one line per value with the totals and the outcome counts.</summary>
    public static void WriteTable(TextWriter w, SweepResult sweep)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(sweep);
        var first = sweep.Points[0].Result;
        w.WriteLine($"{first.Scenario.Name}: sweep of {sweep.Name} ({sweep.Unit}) over {sweep.Points.Count} values; {first.Flights.Count} flights; cost model: {first.CostModel}");
        const string fmt = "{0,12} {1,7} {2,11} {3,11} {4,12} {5,12} {6,13}  {7}";
        w.WriteLine(string.Format(Inv, fmt, sweep.Name, "flights", "extra km", "extra min", "fuel kg", "CO2 kg", "cost USD", "outcomes"));
        w.WriteLine(new string('-', 110));
        foreach (var p in sweep.Points)
        {
            var t = p.Result.Totals;
            w.WriteLine(string.Format(Inv, fmt, V(p.Value), t.Flights, t.ExtraKm.ToString("F1", Inv), t.ExtraMinutes.ToString("F1", Inv), t.ExtraFuelKg.ToString("F1", Inv),
                t.ExtraCo2Kg.ToString("F1", Inv), t.ExtraCostUsd.ToString("F2", Inv), Counts(t)));
        }
    }

    /// <summary>The grid as CSV: <c>NAME,flights,OUTCOME...,extraKm,extraMinutes,extraFuelKg,extraCo2Kg,extraCostUsd</c>.</summary>
    public static void WriteCsv(TextWriter w, SweepResult sweep)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(sweep);
        var outcomes = Enum.GetValues<FlightOutcome>();
        w.WriteLine($"{sweep.Name},flights,{string.Join(",", outcomes.Select(SimulationReport.Text))},extraKm,extraMinutes,extraFuelKg,extraCo2Kg,extraCostUsd");
        foreach (var p in sweep.Points)
        {
            var t = p.Result.Totals;
            w.WriteLine(string.Join(",", V(p.Value), t.Flights.ToString(Inv), string.Join(",", outcomes.Select(o => t.ByOutcome[o].ToString(Inv))),
                t.ExtraKm.ToString(Inv), t.ExtraMinutes.ToString(Inv), t.ExtraFuelKg.ToString(Inv), t.ExtraCo2Kg.ToString(Inv), t.ExtraCostUsd.ToString(Inv)));
        }
    }

    /// <summary>
    /// The grid as JSON: <c>{"scenario":"NAME","costModel","sweep":{"parameter":"fuel-price","unit":"USD/kg","points":[{"value",
    /// "plannersBuilt","totals":{"flights","unaffected",...,"extraCostUsd"},"flights":[{"id","outcome","extraMinutes","extraCostUsd"}]}]}}</c>.
    /// </summary>
    public static string Json(SweepResult sweep) => Json(sweep, false);

    /// <summary>As <see cref="Json(SweepResult)"/>, indented when <paramref name="indented"/> is true.</summary>
    public static string Json(SweepResult sweep, bool indented)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var first = sweep.Points[0].Result;
            w.WriteStartObject();
            w.WriteString("scenario", first.Scenario.Name);
            w.WriteString("costModel", first.CostModel);
            w.WriteStartObject("sweep");
            w.WriteString("parameter", sweep.Name); w.WriteString("unit", sweep.Unit);
            w.WriteStartArray("points");
            foreach (var p in sweep.Points)
            {
                var t = p.Result.Totals;
                w.WriteStartObject();
                w.WriteNumber("value", p.Value);
                w.WriteNumber("plannersBuilt", p.Result.PlannersBuilt);
                w.WriteStartObject("totals");
                w.WriteNumber("flights", t.Flights);
                foreach (var (o, n) in t.ByOutcome) w.WriteNumber(SimulationReport.Text(o), n);
                w.WriteNumber("extraKm", t.ExtraKm); w.WriteNumber("extraMinutes", t.ExtraMinutes); w.WriteNumber("extraFuelKg", t.ExtraFuelKg);
                w.WriteNumber("extraCo2Kg", t.ExtraCo2Kg); w.WriteNumber("extraCostUsd", t.ExtraCostUsd);
                w.WriteEndObject();
                w.WriteStartArray("flights");
                foreach (var f in p.Result.Flights)
                {
                    w.WriteStartObject();
                    w.WriteString("id", f.Flight.Id); w.WriteString("outcome", SimulationReport.Text(f.Outcome));
                    w.WriteNumber("extraMinutes", f.ExtraMinutes); w.WriteNumber("extraCostUsd", f.ExtraCostUsd);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
