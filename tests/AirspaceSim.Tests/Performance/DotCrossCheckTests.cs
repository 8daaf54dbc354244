using System.Globalization;
using AirspaceSim.Performance;

namespace AirspaceSim.Tests.Performance;

/// <summary>
/// The fuel model against real operations: US DOT Form 41 Schedule T2, 2024 (Q1–Q3), airborne fuel per airborne hour
/// over each type's average US stage length (README of ../shared/reference/usdot-t2/).
/// </summary>
public class DotCrossCheckTests
{
    // DOT aircraft type code → ICAO designator of the catalog.
    private static readonly (int Code, string Icao)[] Types =
    [
        (722, "A20N"), (721, "A21N"), (698, "A319"), (694, "A320"), (699, "A321"), (724, "BCS3"),
        (612, "B737"), (614, "B738"), (888, "B739"), (838, "B38M"), (839, "B39M"), (622, "B752"),
        (673, "E75L"), (678, "E190"), (638, "CRJ9"), (626, "B763"), (627, "B772"), (637, "B77W"),
        (887, "B788"), (889, "B789"), (837, "B78X"), (696, "A332"), (687, "A333"), (339, "A339"), (359, "A359"),
        (442, "AT76"),
    ];

    /// <summary>
    /// Types whose DOT figure is not a fair check, with the reason. E190 (type 678): 90 % of its hours are JetBlue's,
    /// which reports 944 US gal per airborne hour for its E190 and its A220-300 fleets alike; 2,860 kg/h is about
    /// 40 % above the E190's cruise burn (its sister E175 matches DOT within 1 %), so the row is printed, not asserted.
    /// </summary>
    private static readonly Dictionary<string, string> NotAsserted = new() { ["E190"] = "JetBlue-dominated figure, see the comment" };

    private const double KgPerUsGallon = 3.785 * 0.8; // the reference README's density and litres per gallon
    private const double KmPerStatuteMile = 1.609344;

    /// <summary>Sum of fuel, airborne hours, miles and departures over the SERVICE_CLASS = Z rows, by aircraft type.</summary>
    internal static Dictionary<int, (double FuelKg, double Hours, double Miles, double Departures)> ReadDot()
    {
        var path = ReferenceData.Require("usdot-t2/T_SCHEDULE_T2_2024.csv");
        var sums = new Dictionary<int, (double, double, double, double)>();
        using var reader = new StreamReader(path);
        var header = reader.ReadLine()!.Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        int cType = Col("AIRCRAFT_TYPE"), cClass = Col("SERVICE_CLASS"), cFuel = Col("AIRCRAFT_FUELS_921"),
            cHours = Col("HOURS_AIRBORNE_650"), cMiles = Col("REV_ACRFT_MILES_FLOWN_410"), cDep = Col("REV_ACRFT_DEP_PERF_510");
        static double N(string s) => s.Length == 0 ? 0 : double.Parse(s, CultureInfo.InvariantCulture);
        for (string? line; (line = reader.ReadLine()) != null;)
        {
            var f = line.Split(','); // no quoted fields in this file
            if (f[cClass] != "Z") continue;
            double fuel = N(f[cFuel]), hours = N(f[cHours]);
            if (fuel <= 0 || hours <= 0) continue; // rows without both say nothing about fuel per hour
            int code = int.Parse(f[cType], CultureInfo.InvariantCulture);
            sums.TryGetValue(code, out var s);
            sums[code] = (s.Item1 + fuel * KgPerUsGallon, s.Item2 + hours, s.Item3 + N(f[cMiles]), s.Item4 + N(f[cDep]));
        }
        return sums;
    }

    [Test]
    public void FuelPerAirborneHourIsWithin20PercentOfDot()
    {
        var dot = ReadDot();
        var model = FlightCostModel.Default;
        var failures = new List<string>();
        TestContext.Out.WriteLine("| type | model | DOT stage (mi) | DOT kg/h | model kg/h | model/DOT |");
        TestContext.Out.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var (code, icao) in Types)
        {
            Assert.That(dot.TryGetValue(code, out var d), $"DOT has no fuel for type {code} ({icao})");
            double stageMi = d.Miles / d.Departures, dotKgH = d.FuelKg / d.Hours;
            var type = AircraftCatalog.Bundled[icao];
            var e = model.EstimateDistance(type, stageMi * KmPerStatuteMile, FlightConditions.Default);
            double modelKgH = e.TripFuelKg / (e.AirborneMinutes / 60), ratio = modelKgH / dotKgH;
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {icao} | {e.Model} | {stageMi:0} | {dotKgH:0} | {modelKgH:0} | {ratio:0.00}{(NotAsserted.ContainsKey(icao) ? " (not asserted)" : "")} |"));
            if (Math.Abs(ratio - 1) > 0.20 && !NotAsserted.ContainsKey(icao)) failures.Add($"{icao}: {ratio:0.00}");
        }
        Assert.That(failures, Is.Empty, "types outside ±20 % of the DOT fuel per airborne hour");
    }
}
