using System.Globalization;
using System.Text.Json;
using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Performance;
using AirspaceSim.Routing;
using AirspaceSim.Tests.Cli;

namespace AirspaceSim.Tests.Performance;

/// <summary>
/// <c>route --type</c> and <c>batch</c> say whether the flown route fits the type's range and, beyond it, name the
/// technical stop (issue 9): checked against a brute force over the world list's large and medium airports.
/// </summary>
public class TechStopCliTests
{
    private static readonly FlightCostModel Model = FlightCostModel.Default;

    // The Kyiv FIR, far from Lisbon–Santiago, so every leg that matters is the direct great circle and the brute force
    // needs no planner; an airport inside it is too far from the route to compete.
    private static readonly string[] FarClosure = ["--closed", "UKBV"];

    // Every large or medium airport X (the world list's classes, as the issue asks) whose two great-circle legs both
    // fit the type's range: the one of least total length.
    private static (Airport Stop, double Leg1Km, double Leg2Km) BruteForce(string typeIcao, string from, string to)
    {
        var type = AircraftCatalog.Bundled[typeIcao];
        var a = AirportDirectory.Bundled[from].Location;
        var b = AirportDirectory.Bundled[to].Location;
        (Airport, double, double)? best = null;
        double bestKm = double.PositiveInfinity;
        foreach (var x in AirportDirectory.Bundled.Airports.Where(p => p.Type is AirportType.Large or AirportType.Medium))
        {
            if (x.Location == a || x.Location == b) continue;
            var l1 = Model.Estimate(type, [a, x.Location], FlightConditions.Default);
            if (!l1.FitsRange) continue;
            var l2 = Model.Estimate(type, [x.Location, b], FlightConditions.Default);
            if (!l2.FitsRange || l1.DistanceKm + l2.DistanceKm >= bestKm) continue;
            best = (x, l1.DistanceKm, l2.DistanceKm);
            bestKm = l1.DistanceKm + l2.DistanceKm;
        }
        return best ?? throw new AssertionException("the brute force found no stop");
    }

    [Test]
    public void ALongThinRouteOnANarrowbodyNamesTheStopThatNoOtherAirportBeats()
    {
        // Lisbon–Santiago, ~10,200 km: beyond an A320neo's range with reserves at the default payload.
        var perf = CliRunner.Run(["route", "LIS", "SCL", "--type", "A20N", "--format", "json", .. FarClosure]).Json().GetProperty("performance");
        // The non-stop is beyond range (the reason says why); the flown figures are those through the stop, which fit.
        Assert.That(perf.GetProperty("range").GetProperty("reason").GetString(), Does.EndWith("MTOM 79000 kg non-stop)"));
        Assert.That(perf.GetProperty("flown").GetProperty("fitsRange").GetBoolean(), Is.True);
        var range = perf.GetProperty("range");
        Assert.That(range.GetProperty("status").GetString(), Is.EqualTo("tech-stop"), range.ToString());
        var (stop, leg1, leg2) = BruteForce("A20N", "LIS", "SCL");
        TestContext.Out.WriteLine($"brute force: {stop.Code} {leg1:F1} + {leg2:F1} km; CLI: {range}");
        Assert.That(range.GetProperty("techStop").GetString(), Is.EqualTo(stop.Code));
        Assert.That(range.GetProperty("leg1Km").GetDouble(), Is.EqualTo(leg1).Within(0.001));
        Assert.That(range.GetProperty("leg2Km").GetDouble(), Is.EqualTo(leg2).Within(0.001));
        Assert.That(range.GetProperty("totalKm").GetDouble(), Is.EqualTo(leg1 + leg2).Within(0.002));
        // Both legs are within range (the brute force's own check, repeated on the named airport from its code).
        var type = AircraftCatalog.Bundled["A20N"];
        var x = AirportDirectory.Bundled[range.GetProperty("techStop").GetString()!].Location;
        Assert.That(Model.Estimate(type, [AirportDirectory.Bundled["LIS"].Location, x], FlightConditions.Default).FitsRange);
        Assert.That(Model.Estimate(type, [x, AirportDirectory.Bundled["SCL"].Location], FlightConditions.Default).FitsRange);

        var table = CliRunner.Run(["route", "LIS", "SCL", "--type", "A20N", .. FarClosure]);
        Assert.That(table.Out, Does.Contain($"range: tech-stop: technical stop at {stop.Code}: "));
    }

    [Test]
    public void WithTheRealismLayerTheRangeIsJudgedOnTheRealisticRouteAndItsStopFound()
    {
        // Issue 13: technical stops keep working with the layer on. LIS-SCL on an A320neo: the layer's efficiency factor
        // (flown distance x1.03) pushes the geometric stop's long first leg out of range, so the realistic stop is
        // another airport. Brute force: every large or medium airport, both great-circle legs costed under the layer's
        // conditions (the factor; still air), the least total of those that fit (the Kyiv FIR is far from every leg).
        var realistic = RealismOptions.Default;
        var conditions = RealisticRoute.Conditions(FlightConditions.Default, realistic);
        var type = AircraftCatalog.Bundled["A20N"];
        GeoPoint a = AirportDirectory.Bundled["LIS"].Location, b = AirportDirectory.Bundled["SCL"].Location;
        Airport? best = null;
        double bestKm = double.PositiveInfinity;
        foreach (var x in AirportDirectory.Bundled.Airports.Where(p => p.Type is AirportType.Large or AirportType.Medium))
        {
            if (x.Location == a || x.Location == b) continue;
            var l1 = Model.Estimate(type, [a, x.Location], conditions);
            var l2 = Model.Estimate(type, [x.Location, b], conditions);
            if (!l1.FitsRange || !l2.FitsRange || l1.DistanceKm + l2.DistanceKm >= bestKm) continue;
            (best, bestKm) = (x, l1.DistanceKm + l2.DistanceKm);
        }
        Assert.That(best, Is.Not.Null);
        var (geometric, _, _) = BruteForce("A20N", "LIS", "SCL");
        Assert.That(best!.Code, Is.Not.EqualTo(geometric.Code), "the case must show the layer moving the stop");

        var json = CliRunner.Run(["route", "LIS", "SCL", "--type", "A20N", "--realistic", "--format", "json", .. FarClosure]).Json();
        Assert.That(json.GetProperty("performance").GetProperty("range").GetProperty("techStop").GetString(), Is.EqualTo(geometric.Code));
        var range = json.GetProperty("realistic").GetProperty("range");
        TestContext.Out.WriteLine($"geometric stop {geometric.Code}; realistic brute force {best.Code} {bestKm:F1} km; CLI: {range}");
        Assert.That(range.GetProperty("status").GetString(), Is.EqualTo("tech-stop"), range.ToString());
        Assert.That(range.GetProperty("techStop").GetString(), Is.EqualTo(best.Code));
        Assert.That(range.GetProperty("totalKm").GetDouble(), Is.EqualTo(bestKm).Within(0.002));
        var table = CliRunner.Run(["route", "LIS", "SCL", "--type", "A20N", "--realistic", .. FarClosure]).Out;
        Assert.That(table, Does.Contain($"range: tech-stop: technical stop at {best.Code}: "));

        // Without a type nothing is costed: the realistic range is null, as its extras are.
        var plain = CliRunner.Run(["route", "LIS", "MAD", "--realistic", "--format", "json", .. FarClosure]).Json().GetProperty("realistic");
        Assert.That(plain.GetProperty("range").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public void ARouteWithinRangeSaysSo()
    {
        var range = CliRunner.Run(["route", "LIS", "MAD", "--type", "A20N", "--format", "json", .. FarClosure]).Json().GetProperty("performance").GetProperty("range");
        Assert.That(range.GetProperty("status").GetString(), Is.EqualTo("fits"));
        Assert.That(range.GetProperty("techStop").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(range.GetProperty("leg1Km").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(CliRunner.Run(["route", "LIS", "MAD", "--type", "A20N", .. FarClosure]).Out, Does.Contain("range: fits"));
    }

    [Test]
    public void ATurbopropAcrossThePacificHasNoStop()
    {
        // JFK–Tokyo on an ATR 72 (~1,500 km of range): no airport within range of both ends: "none".
        var range = CliRunner.Run(["route", "JFK", "HND", "--type", "AT76", "--format", "json", .. FarClosure]).Json().GetProperty("performance").GetProperty("range");
        Assert.That(range.GetProperty("status").GetString(), Is.EqualTo("no-tech-stop"));
        Assert.That(range.GetProperty("techStop").GetString(), Is.EqualTo("none"));
    }

    [Test]
    public void ADetourBeyondRangeGetsAStopOutsideTheClosure()
    {
        // GRU–MIA around SVZM on an A320neo: the detour is beyond range (issue 9: the flown route), and the stop's legs
        // are planned around the closure too.
        var perf = CliRunner.Run("route", "GRU", "MIA", "--closed", "SVZM", "--type", "A20N", "--format", "json").Json().GetProperty("performance");
        // The detour non-stop is beyond range (the reason says why); the flown figures are through the stop.
        Assert.That(perf.GetProperty("range").GetProperty("reason").GetString(), Does.Contain("exceeds the A20N's MTOM 79000 kg non-stop)"));
        var range = perf.GetProperty("range");
        Assert.That(range.GetProperty("status").GetString(), Is.EqualTo("tech-stop"), range.ToString());
        var code = range.GetProperty("techStop").GetString()!;
        // The stop is open: its legs around SVZM exist and each fits the range, and the two add up.
        var planner = DetourPlanner.Build([AirspaceCatalog.Bundled["SVZM"]]);
        var type = AircraftCatalog.Bundled["A20N"];
        var x = AirportDirectory.Bundled[code].Location;
        var p1 = planner.Plan(AirportDirectory.Bundled["GRU"].Location, x);
        var p2 = planner.Plan(x, AirportDirectory.Bundled["MIA"].Location);
        Assert.That(p1.Status, Is.Not.EqualTo(RouteStatus.Unreachable));
        Assert.That(p2.Status, Is.Not.EqualTo(RouteStatus.Unreachable));
        Assert.That(Model.Estimate(type, p1.Waypoints, FlightConditions.Default).FitsRange && Model.Estimate(type, p2.Waypoints, FlightConditions.Default).FitsRange);
        Assert.That(range.GetProperty("leg1Km").GetDouble(), Is.EqualTo(p1.RouteKm!.Value).Within(0.01));
        Assert.That(range.GetProperty("leg2Km").GetDouble(), Is.EqualTo(p2.RouteKm!.Value).Within(0.01));
        // Brute force: no large or medium airport with both planned legs in range is shorter. A planned leg is never
        // shorter than its geodesic, so only airports whose geodesics add up to less than the stop's total are planned.
        double totalKm = range.GetProperty("totalKm").GetDouble();
        GeoPoint gru = AirportDirectory.Bundled["GRU"].Location, mia = AirportDirectory.Bundled["MIA"].Location;
        int planned = 0;
        foreach (var y in AirportDirectory.Bundled.Airports.Where(p => p.Type is AirportType.Large or AirportType.Medium))
        {
            if (y.Location == gru || y.Location == mia || y.Code == code) continue;
            if ((Wgs84.DistanceM(gru, y.Location) + Wgs84.DistanceM(y.Location, mia)) / 1000 >= totalKm - 0.01) continue;
            planned++;
            var q1 = planner.Plan(gru, y.Location);
            var q2 = planner.Plan(y.Location, mia);
            if (q1.Status == RouteStatus.Unreachable || q2.Status == RouteStatus.Unreachable) continue;
            bool fits = Model.Estimate(type, q1.Waypoints, FlightConditions.Default).FitsRange && Model.Estimate(type, q2.Waypoints, FlightConditions.Default).FitsRange;
            Assert.That(fits && q1.RouteKm + q2.RouteKm < totalKm - 0.01, Is.False, $"{y.Code} beats {code}");
        }
        TestContext.Out.WriteLine($"{code}: {totalKm:F1} km; {planned} airports planned by the brute force");
    }

    [TestCase("--wind", "270/400", "AT76", "wind 270/400 kt is not below the true airspeed")]
    [TestCase("--fl", "300", "DH8D", "flight level 300 is outside [0, 250], the DH8D's maximum operating level being FL250")]
    public void ARowWhoseTypeCannotFlyTheConditionsIsAnErrorRowAndTheOthersGoOn(string option, string value, string icao, string reason)
    {
        // Issue 8, nothing lost: the cost model's refusal of one row's type (an ATR slower than the wind, a Dash 8 above
        // its ceiling) ended the whole batch with exit 2 and no output; now that row is an error row with its reason.
        var r = CliRunner.RunWithInput($"from,to,type\nLIS,MAD,A20N\nLIS,MAD,{icao}\nLIS,OPO,A20N\n", ["batch", "-", option, value, .. FarClosure]);
        Assert.That(r.Exit, Is.EqualTo(1), r.ToString());
        var lines = r.OutLines.Where(l => !l.StartsWith('#')).ToArray();
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => AirspaceSim.Infrastructure.Csv.Split(l, out _)!).ToArray();
        Assert.That(rows, Has.Length.EqualTo(3));
        string Col(int row, string name) => rows[row][Array.IndexOf(header, name)];
        Assert.That(new[] { Col(0, "status"), Col(1, "status"), Col(2, "status") }, Is.EqualTo(new[] { "direct", "error", "direct" }));
        Assert.That(Col(1, "reason"), Does.Contain(reason));
        Assert.That(Col(1, "error_code"), Is.EqualTo("aircraft-limit"));
        Assert.That(Col(0, "fuel_kg"), Is.Not.Empty);
        Assert.That(Col(2, "fuel_kg"), Is.Not.Empty);
        Assert.That(r.Err, Does.Contain("line 3: "));
    }

    [Test]
    public void BatchCarriesTheRangeStatusAndTheDirectCo2AndCost()
    {
        var r = CliRunner.RunWithInput("from,to,type\nLIS,SCL,A20N\nLIS,MAD,A20N\nJFK,HND,AT76\n", ["batch", "-", .. FarClosure]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        var lines = r.OutLines.Where(l => !l.StartsWith('#')).ToArray();
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => AirspaceSim.Infrastructure.Csv.Split(l, out _)!).ToArray();
        string Col(int row, string name) => rows[row][Array.IndexOf(header, name)];
        Assert.That(new[] { Col(0, "range_status"), Col(1, "range_status"), Col(2, "range_status") }, Is.EqualTo(new[] { "tech-stop", "fits", "no-tech-stop" }));
        var (stop, leg1, leg2) = BruteForce("A20N", "LIS", "SCL");
        Assert.That(Col(0, "tech_stop"), Is.EqualTo(stop.Code));
        Assert.That(double.Parse(Col(0, "tech_stop_leg1_km"), CultureInfo.InvariantCulture), Is.EqualTo(leg1).Within(0.051));
        Assert.That(double.Parse(Col(0, "tech_stop_leg2_km"), CultureInfo.InvariantCulture), Is.EqualTo(leg2).Within(0.051));
        Assert.That(Col(1, "tech_stop"), Is.Empty);
        Assert.That(Col(2, "tech_stop"), Is.EqualTo("none"));
        // The direct CO2 and cost are those of route --type's direct flight.
        var direct = CliRunner.Run(["route", "LIS", "MAD", "--type", "A20N", "--format", "json", .. FarClosure]).Json().GetProperty("performance").GetProperty("direct");
        Assert.That(double.Parse(Col(1, "co2_kg_direct"), CultureInfo.InvariantCulture), Is.EqualTo(direct.GetProperty("co2Kg").GetDouble()).Within(0.051));
        Assert.That(double.Parse(Col(1, "cost_usd_direct"), CultureInfo.InvariantCulture), Is.EqualTo(direct.GetProperty("costUsd").GetDouble()).Within(0.051));
        var json = JsonDocument.Parse(CliRunner.RunWithInput("from,to,type\nLIS,SCL,A20N\n", ["batch", "-", "--format", "json", .. FarClosure]).Out).RootElement;
        Assert.That(json.GetProperty("results")[0].GetProperty("performance").GetProperty("range").GetProperty("techStop").GetString(), Is.EqualTo(stop.Code));
    }
}
