using System.Globalization;

namespace AirspaceSim.Simulation;

/// <summary>The accepted range of one numeric scenario quantity: its JSON name, unit and ends (an open end excluded).</summary>
internal sealed record ParameterRange(string Json, string Unit, double Min, double Max, bool MinOpen = false, bool MaxOpen = false)
{
    /// <summary>Whether <paramref name="value"/> is finite and inside the range.</summary>
    public bool Contains(double value) =>
        double.IsFinite(value) && (MinOpen ? value > Min : value >= Min) && (MaxOpen ? value < Max : value <= Max);

    /// <summary>The range as written, e.g. <c>[0, 600]</c> or <c>(0, 1]</c>.</summary>
    public string Interval => string.Create(CultureInfo.InvariantCulture, $"{(MinOpen ? "(" : "[")}{Min}, {Max}{(MaxOpen ? ")" : "]")}");

    /// <summary>The one wording of a value out of range, e.g. <c>700 is outside [0, 600] NM</c>; the caller says where
    /// (the file and JSON path, the switch, or the property).</summary>
    public string Outside(string valueText) => $"{valueText} is outside {Interval} {Unit}";

    /// <inheritdoc cref="Outside(string)"/>
    public string Outside(double value) => Outside(value.ToString(CultureInfo.InvariantCulture));
}

/// <summary>
/// The one table of the ranges of a scenario's numeric quantities. The scenario reader, <see cref="ScenarioBuilder"/>,
/// <see cref="Sweeps"/> (and so <c>--sweep</c>), the Monte Carlo inputs (<see cref="ScenarioUncertainty.Range"/>) and
/// the CLI switches for the same quantity take their bounds from here, so that a value one of them accepts the others
/// accept too (the reader took any fuel price, hourly cost and tech-stop time the sweep refused, and capped a closure's
/// buffer at 500 NM where <c>--buffer-nm</c> and the realism margins took 600).
/// </summary>
internal static class ParameterRanges
{
    /// <summary>A closure's lateral buffer (and each buffer of a buffer sweep, and a closure's buffer with a drawn
    /// extra): the planner's own limit, <see cref="Routing.DetourPlanner.MaxBufferNm"/>, which the CLI's
    /// <c>--buffer-nm</c> and the realism margins already took. A second, lower cap (500 NM) guarded nothing the
    /// planner does not handle: it plans at 600 NM (Hygiene7Tests).</summary>
    public static readonly ParameterRange BufferNm = new("bufferNm", "NM", 0, Routing.DetourPlanner.MaxBufferNm);

    // The cost ranges keep every figure a run writes far inside what the outputs hold: a Monte Carlo partial refuses a
    // figure beyond 1e15 (MonteCarloReport.ReadPartial), and 100 USD/kg (a hundred times the price of jet fuel) or
    // 1e6 USD per block hour over the extra hours of a network stay many orders below it. The reader took any price:
    // 1e300 USD/kg ended `whatif` with an unhandled OverflowException (a cost beyond decimal) and a stack trace.

    /// <summary>Jet fuel price, US$/kg.</summary>
    public static readonly ParameterRange FuelPriceUsdPerKg = new("fuelPriceUsdPerKg", "USD/kg", 0, 100);

    /// <summary>kg CO₂ per kg of fuel, as the cost model bounds it (PerformanceOptions.Validate: (0, 10)).</summary>
    public static readonly ParameterRange Co2KgPerFuelKg = new("co2KgPerFuelKg", "kg CO2/kg fuel", 0, 10, MinOpen: true, MaxOpen: true);

    /// <summary>Time-related cost per block hour, US$.</summary>
    public static readonly ParameterRange HourlyCostUsd = new("hourlyCostUsd", "USD/block hour", 0, 1e6);

    /// <summary>Final reserve, minutes of holding, as the cost model bounds it ([0, 600)).</summary>
    public static readonly ParameterRange ReserveMinutes = new("reserveMinutes", "min", 0, 600, MaxOpen: true);

    /// <summary>Passenger load factor, as the cost model bounds it ((0, 1]).</summary>
    public static readonly ParameterRange LoadFactor = new("loadFactor", "fraction of the maximum payload", 0, 1, MinOpen: true);

    /// <summary>Uniform wind speed: the range of a uniform wind given as DIR/SPEED (<c>--wind</c>, <c>realism.wind</c>,
    /// <see cref="Performance.Wind.MaxSpeedKt"/>), so that the scenario's <c>windKt</c> and a wind written 270/350
    /// take the same speeds (the run then checks it against each type's airspeed).</summary>
    public static readonly ParameterRange WindKt = new("windKt", "kt", 0, Performance.Wind.MaxSpeedKt);

    /// <summary>Direction the wind blows from, degrees true.</summary>
    public static readonly ParameterRange WindFromDeg = new("windFromDeg", "deg true", 0, 360);

    /// <summary>Factor on every type's cruise Mach.</summary>
    public static readonly ParameterRange CruiseSpeedFactor = new("cruiseSpeedFactor", "factor", 0.5, 1.5);

    /// <summary>Ground time at a technical stop, minutes: at most a day (the sweep's bound; the reader had none).</summary>
    public static readonly ParameterRange TechStopGroundMinutes = new("techStopGroundMinutes", "min", 0, 24 * 60);
}
