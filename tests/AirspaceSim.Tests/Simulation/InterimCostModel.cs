using System.Diagnostics.CodeAnalysis;
using AirspaceSim.Geodesy;
using AirspaceSim.Simulation;
using AirspaceSim.Spherical;

namespace AirspaceSim.Tests.Simulation;

/// <summary>
/// TEST DOUBLE, NOT A PERFORMANCE MODEL: constant true airspeed, fuel proportional to distance, cost = fuel × price +
/// block hours × hourly cost. Its figures are round numbers chosen so that tests can work the arithmetic by hand; the
/// shipped cost model is the aircraft-performance model (AirspaceSim.Performance) through its adapter. Linked into
/// the benchmarks too, where it stands in for the cost layer until that adapter is merged.
/// </summary>
internal sealed class InterimCostModel : IFlightCostModel
{
    public const double TasKt = 450, FuelKgPerKm = 3, DefaultFuelPriceUsdPerKg = 0.7, DefaultHourlyCostUsd = 3000, DefaultCo2 = 3.16;

    // type → (cruise FL, range km)
    private static readonly Dictionary<string, (int Fl, double RangeKm)> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["B38M"] = (370, 7000), ["A20N"] = (370, 6300), ["A320"] = (360, 6000), ["B738"] = (360, 5400), ["A321"] = (360, 5900),
        ["A21N"] = (370, 7400), ["B752"] = (380, 7000),
        ["A332"] = (380, 13000), ["A333"] = (380, 11000), ["A359"] = (390, 15000), ["B789"] = (390, 14000), ["B77W"] = (370, 13600),
        ["B763"] = (350, 11000), ["B788"] = (390, 13500), ["E190"] = (350, 4000), ["E195"] = (350, 4000), ["AT76"] = (240, 1500),
        ["CRJ9"] = (350, 2900), ["B737"] = (360, 5500), ["A319"] = (370, 6900), ["B772"] = (370, 9700), ["A339"] = (390, 12000),
    };

    public string Name => "interim test double (constant TAS 450 kt, 3 kg fuel per km)";

    public IReadOnlyList<string> Assumptions(CostParameters p) => ["TEST DOUBLE: constant TAS, fuel proportional to distance"];

    public bool TryGetType(string typeIcao, [MaybeNullWhen(false)] out AircraftProfile profile, out string error)
    {
        if (Types.TryGetValue(typeIcao, out var t)) { profile = new AircraftProfile(typeIcao.ToUpperInvariant(), t.Fl); error = ""; return true; }
        profile = null; error = $"not in the test double's {Types.Count} types"; return false;
    }

    public double GroundSpeedKt(AircraftProfile type, int cruiseFl, GeoPoint from, GeoPoint to, CostParameters p)
    {
        double tas = TasKt * (p.CruiseSpeedFactor ?? 1);
        if (p.WindKt is not { } ws || ws == 0) return tas;
        double course = Sphere.InitialCourseDeg(from, to);
        double head = ws * Math.Cos(((p.WindFromDeg ?? 0) - course) * Math.PI / 180);
        return tas - head;
    }

    public FlightCost Estimate(AircraftProfile type, IReadOnlyList<GeoPoint> waypoints, int cruiseFl, CostParameters p)
    {
        double km = 0, minutes = 0;
        for (int i = 0; i + 1 < waypoints.Count; i++)
        {
            double leg = Wgs84.DistanceM(waypoints[i], waypoints[i + 1]) / 1000;
            km += leg;
            minutes += leg / (GroundSpeedKt(type, cruiseFl, waypoints[i], waypoints[i + 1], p) * 1.852 / 60);
        }
        double fuel = km * FuelKgPerKm;
        return new FlightCost(km, minutes, fuel, fuel * (p.Co2KgPerFuelKg ?? DefaultCo2),
            fuel * (p.FuelPriceUsdPerKg ?? DefaultFuelPriceUsdPerKg) + minutes / 60 * (p.HourlyCostUsd ?? DefaultHourlyCostUsd));
    }

    public double MaxRangeKm(AircraftProfile type, CostParameters p) => Types[type.TypeIcao].RangeKm;
}
