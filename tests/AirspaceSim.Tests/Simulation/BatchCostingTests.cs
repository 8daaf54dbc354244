using System.Globalization;
using System.Text;
using AirspaceSim.Airspaces;
using AirspaceSim.Batch;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Performance;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;
using AirspaceSim.Weather;

namespace AirspaceSim.Tests.Simulation;

/// <summary>The library's batch costing (<see cref="BatchCosting"/>): one result per row in order, unknown types and
/// types that cannot fly the conditions as error rows with their codes, the figures of a costed row checked by hand,
/// technical stops.</summary>
public class BatchCostingTests
{
    private static readonly DetourPlanner Svzm = DetourPlanner.Build([AirspaceCatalog.Bundled["SVZM"]]);

    private static List<BatchRow> Plan(DetourPlanner planner, params RouteListRow[] rows) =>
        RouteBatch.Plan(rows, AirportDirectory.Bundled, planner).ToList();

    private static RouteListRow Row(int line, string from, string to, string? type = null) => new(line, from, to) { AircraftType = type };

    [Test]
    public void KRowsInKRowsOut_InOrder_WithTheErrorRowsOfTheTypes()
    {
        // FL300 is above the ATR 72's ceiling (FL250, ATR's published maximum operating altitude 25,000 ft) and below
        // the 737 MAX's and the A320neo's (FL410 and FL398).
        var costing = new BatchCosting(new BatchCostingOptions
        {
            DefaultType = AircraftCatalog.Bundled["B38M"],
            Conditions = FlightConditions.Default with { CruiseFl = 300 },
        });
        var rows = Plan(Svzm,
            Row(2, "MIA", "POS"), // the default type
            Row(3, "MIA", "POS", "XXXX"),
            Row(4, "MIA", "POS", "b73"),
            Row(5, "MIA", "AUA", "AT76"),
            Row(6, "AMS", "XXX", "A20N"), // planning failed before: stays as it was
            Row(7, "MIA", "AUA", "a20n"),
            Row(8, "LIS", "CCS")); // unreachable (CCS lies inside SVZM): typed, nothing to fly
        var costed = costing.Cost(rows).ToList();

        Assert.That(costed.Select(c => c.Row.Row.LineNumber), Is.EqualTo(new[] { 2, 3, 4, 5, 6, 7, 8 }));
        Assert.That(costed.Select(c => RouteJson.ErrorCode(c.Row.ErrorKind)),
            Is.EqualTo(new[] { "", "unknown-aircraft-type", "unknown-aircraft-type", "aircraft-limit", "unknown-destination", "", "" }));
        Assert.That(costed[1].Row.Error, Does.StartWith("type: unknown aircraft type 'XXXX'"));
        Assert.That(costed[2].Row.Error, Does.Contain("did you mean B737, B738, B739?"));
        Assert.That(costed[3].Row.Error, Does.Contain("FL250"));
        Assert.That(costed.Where(c => c.Row.Error != null).Select(c => (c.Row.Plan, c.Cost)), Is.All.EqualTo(((RoutePlan?)null, (BatchRowCost?)null)));
        Assert.That(costed[4].Row, Is.SameAs(rows[4]), "a row that failed before costing passes unchanged");
        Assert.That(costed[0].Cost!.Type.Icao, Is.EqualTo("B38M"));
        Assert.That(costed[5].Cost!.Type.Icao, Is.EqualTo("A20N"), "the row's type, case-insensitive, overrides the default");
        Assert.That(costed[6].Row.Plan!.Status, Is.EqualTo(RouteStatus.Unreachable));
        Assert.That(costed[6].Cost, Is.EqualTo(new BatchRowCost(costing.Options.DefaultType!, costing.Options.Conditions, null, null)));
        Assert.That(costing.TypeText(rows[1].Row), Is.EqualTo("XXXX"));
        Assert.That(costing.TypeText(rows[0].Row), Is.EqualTo("B38M"));

        // Check gives the same rows without costing them.
        Assert.That(costing.Check(rows).Select(r => (r.Row.LineNumber, r.ErrorKind, r.Error)), Is.EqualTo(costed.Select(c => (c.Row.Row.LineNumber, c.Row.ErrorKind, c.Row.Error))));
    }

    [Test]
    public void WithoutADefault_ARowWithoutATypeIsNotCosted()
    {
        var costing = new BatchCosting(new BatchCostingOptions());
        var costed = costing.Cost(Plan(Svzm, Row(2, "MIA", "AUA"), Row(3, "MIA", "AUA", "E190"))).ToList();
        Assert.That(costed, Has.Count.EqualTo(2));
        Assert.That(costed[0].Cost, Is.Null);
        Assert.That(costed[0].Row.ErrorKind, Is.EqualTo(BatchErrorKind.None));
        Assert.That(costing.TypeText(costed[0].Row.Row), Is.Null);
        Assert.That(costed[1].Cost!.Type.Icao, Is.EqualTo("E190"));
    }

    [Test]
    public void AUniformWindNotBelowTheAirspeed_IsALimitRowOfThatTypeOnly()
    {
        // 400 kt: above the ATR 72's cruise TAS (Mach 0.443 at FL170, about 275 kt), below the 737 MAX's (about 450 kt).
        var costing = new BatchCosting(new BatchCostingOptions { Conditions = FlightConditions.Default with { Wind = new Wind(270, 400) } });
        var costed = costing.Cost(Plan(Svzm, Row(2, "MIA", "AUA", "AT76"), Row(3, "MIA", "AUA", "B38M"), Row(4, "MIA", "POS", "AT76"))).ToList();
        Assert.That(costed.Select(c => c.Row.ErrorKind), Is.EqualTo(new[] { BatchErrorKind.AircraftLimit, BatchErrorKind.None, BatchErrorKind.AircraftLimit }));
        Assert.That(costed[0].Row.Error, Does.Contain("not below the true airspeed"));
        Assert.That(costed[1].Cost!.Cost, Is.Not.Null);
    }

    [Test]
    public void AWindFieldReachingTheAirspeed_IsALimitRowWhereTheRouteMeetsIt()
    {
        // 300 kt from the west at 10N 70W only (20 kt elsewhere): an ATR 72 (about 275 kt) cannot fly Bogota-Curacao
        // through it, but flies Miami-Aruba, north of it.
        var grid = new StringBuilder("lat,lon,fl,u_kt,v_kt\n");
        foreach (int lat in (int[])[0, 10, 20, 30])
            foreach (int lon in (int[])[-90, -80, -70, -60])
                foreach (int fl in (int[])[100, 200, 300, 400])
                    grid.Append(CultureInfo.InvariantCulture, $"{lat},{lon},{fl},{(lat == 10 && lon == -70 ? 300 : 20)},-10\n");
        var field = GriddedWindField.Parse(grid.ToString(), "strong.csv");
        var costing = new BatchCosting(new BatchCostingOptions { DefaultType = AircraftCatalog.Bundled["AT76"], Conditions = FlightConditions.Default with { WindField = field } });
        var costed = costing.Cost(Plan(DetourPlanner.Build([]), Row(2, "BOG", "CUR"), Row(3, "MIA", "AUA"), Row(4, "BOG", "CUR", "B38M"))).ToList();
        Assert.That(costed.Select(c => c.Row.ErrorKind), Is.EqualTo(new[] { BatchErrorKind.AircraftLimit, BatchErrorKind.None, BatchErrorKind.None }));
        Assert.That(costed[0].Row.Error, Does.Contain("not below the true airspeed 275 kt"));
        // The costed row's figures are those of the cost model itself (the check's own costing is reused).
        var own = FlightCostModel.Default.EstimateDetour(AircraftCatalog.Bundled["AT76"], costed[1].Row.Plan!, costing.Options.Conditions);
        Assert.That(costed[1].Cost!.Cost!.Flown.FuelKg, Is.EqualTo(own.Flown.FuelKg));
    }

    [Test]
    public void TheStopCandidatesAreListedOnlyWhenARouteNeedsAStop()
    {
        // A lazily read directory (as the bundled one is) parses every row when all airports are listed: a costed route
        // that fits its range must not pay for that, one beyond it lists them once and finds its stop among them.
        var airports = AirportDirectory.LoadBundledLazily();
        var costing = new BatchCosting(new BatchCostingOptions { DefaultType = AircraftCatalog.Bundled["A20N"], TechStops = TechStopSearch.Default(Svzm, airports) });
        var fits = costing.Cost(RouteBatch.Plan([Row(2, "LIS", "MAD")], airports, Svzm).Single());
        Assert.That(fits.Cost!.Range!.StatusCode, Is.EqualTo("fits"));
        Assert.That(airports.IsFullyRead, Is.False, "a route within range listed the candidate airports");
        var far = costing.Cost(RouteBatch.Plan([Row(3, "LIS", "SCL")], airports, Svzm).Single());
        Assert.That(far.Cost!.Range!.StatusCode, Is.EqualTo("tech-stop"));
        Assert.That(airports.IsFullyRead, Is.True);
    }

    [Test]
    public void ACostedDetourRow_CheckedByHand()
    {
        // Miami-Piarco around SVZM in still air, 737 MAX 8 (Mach 0.79 at FL370: the ISA speed of sound there is
        // sqrt(1.4 * 287.053 * 216.65) = 295.07 m/s, TAS 233.1 m/s = 839.2 km/h).
        var type = AircraftCatalog.Bundled["B38M"];
        var costing = new BatchCosting(new BatchCostingOptions { DefaultType = type, TechStops = TechStopSearch.Default(Svzm, AirportDirectory.Bundled) });
        var c = costing.Cost(Plan(Svzm, Row(2, "MIA", "POS"))[0]);
        var plan = c.Row.Plan!;
        Assert.That(plan.Status, Is.EqualTo(RouteStatus.Detour));
        var d = c.Cost!.Cost!;
        foreach (var e in (FlightEstimate[])[d.Direct, d.Flown])
        {
            Assert.That(e.Co2Kg, Is.EqualTo(3.16 * e.FuelKg).Within(1e-6 * e.FuelKg), "ICAO: 3.16 kg CO2 per kg of jet fuel");
            Assert.That(e.FuelCostUsd, Is.EqualTo(0.71 * e.FuelKg).Within(1e-6 * e.FuelKg), "the default fuel price, 0.71 US$/kg");
            Assert.That(e.TimeCostUsd, Is.EqualTo(e.BlockMinutes / 60 * type.TimeCostUsdPerBlockHour).Within(0.01), "the type's time cost per block hour");
            Assert.That(e.CostUsd, Is.EqualTo(e.FuelCostUsd + e.TimeCostUsd).Within(0.01));
            Assert.That(e.TrueAirspeedKt * 1.852, Is.EqualTo(839.2).Within(0.5));
        }
        Assert.That(d.Direct.DistanceKm, Is.EqualTo(plan.DirectKm).Within(1e-6));
        Assert.That(d.Flown.DistanceKm, Is.EqualTo(plan.RouteKm!.Value).Within(1e-6));
        Assert.That(d.ExtraKm, Is.EqualTo(plan.ExtraKm!.Value).Within(1e-6));
        Assert.That(d.ExtraFuelKg, Is.EqualTo(d.Flown.FuelKg - d.Direct.FuelKg).Within(1e-6));
        Assert.That(d.ExtraCostUsd, Is.EqualTo(d.Flown.CostUsd - d.Direct.CostUsd).Within(1e-6));
        // The detour is flown in cruise: its minutes are its kilometres at the cruise TAS (climb and descent are the same).
        Assert.That(d.ExtraMinutes, Is.EqualTo(d.ExtraKm / 839.2 * 60).Within(0.02 * d.ExtraMinutes));
        // 2,620 km is well within the 737 MAX 8's 6,570 km: no stop.
        Assert.That(c.Cost.Range, Is.Not.Null);
        Assert.That(c.Cost.Range!.Needed, Is.False);
        Assert.That(c.Cost.Range.StatusCode, Is.EqualTo("fits"));
    }

    [Test]
    public void BeyondRange_TheTechnicalStopOfTheSearch()
    {
        // Lisbon-Santiago (about 9,900 km) is beyond the A320neo's 6,300 km: a stop, neither end, both legs in range.
        var planner = DetourPlanner.Build([AirspaceCatalog.Bundled["UKBV"]]);
        var with = new BatchCosting(new BatchCostingOptions { TechStops = TechStopSearch.Default(planner, AirportDirectory.Bundled) });
        var without = new BatchCosting(new BatchCostingOptions());
        var rows = Plan(planner, Row(2, "LIS", "SCL", "A20N"));
        var stop = with.Cost(rows[0]).Cost!.Range!;
        Assert.That(stop.Needed, Is.True);
        Assert.That(stop.StatusCode, Is.EqualTo("tech-stop"));
        Assert.That(stop.Stop!.Code, Is.Not.EqualTo("LIS").And.Not.EqualTo("SCL"));
        Assert.That(stop.FirstLeg!.FitsRange && stop.SecondLeg!.FitsRange, Is.True);
        Assert.That(stop.FirstLeg.DistanceKm + stop.SecondLeg!.DistanceKm, Is.EqualTo(stop.TotalKm!.Value).Within(0.01));
        var lis = AirportDirectory.Bundled["LIS"].Location;
        var scl = AirportDirectory.Bundled["SCL"].Location;
        Assert.That(stop.TotalKm, Is.GreaterThanOrEqualTo(AirspaceSim.Spherical.Sphere.DistanceKm(lis, scl) / 1.006), "two legs are never shorter than the geodesic (sphere and WGS84 within 0.6 %)");
        Assert.That(without.Cost(rows[0]).Cost!.Range, Is.Null, "no search: no range status");
        // New York-Tokyo (about 10,900 km) in an ATR 72 (1,403 km): no airport keeps both legs within its range.
        var none = with.Cost(Plan(planner, Row(3, "JFK", "HND", "AT76"))[0]).Cost!.Range!;
        Assert.That((none.Needed, none.Stop, none.StatusCode), Is.EqualTo((true, (Airport?)null, "no-tech-stop")));
    }

    [Test]
    public void ThreadSafe_TheSameFiguresFromManyThreads()
    {
        var costing = new BatchCosting(new BatchCostingOptions { DefaultType = AircraftCatalog.Bundled["A20N"], Conditions = FlightConditions.Default with { Wind = new Wind(270, 80) } });
        var rows = Plan(Svzm, BundledData.CaribbeanRoutes.Select((r, i) => r with { LineNumber = i + 2, AircraftType = (i % 3) switch { 0 => null, 1 => "AT76", _ => "XX" + i } }).ToArray());
        static string Key(CostedBatchRow c) => FormattableString.Invariant($"{c.Row.Row.LineNumber} {c.Row.ErrorKind} {c.Cost?.Type.Icao} {c.Cost?.Cost?.Flown.FuelKg:R}");
        var sequential = new BatchCosting(costing.Options).Cost(rows).Select(Key).ToList();
        var parallel = rows.AsParallel().AsOrdered().WithDegreeOfParallelism(4).Select(r => Key(costing.Cost(r))).ToList();
        Assert.That(parallel, Is.EqualTo(sequential));
        Assert.That(sequential.Count(k => k.Contains("AircraftType", StringComparison.Ordinal)), Is.GreaterThan(0));
    }
}
