using System.Globalization;
using System.Text.Json;
using AirspaceSim.Airspaces;
using AirspaceSim.Batch;
using AirspaceSim.Data;
using AirspaceSim.Performance;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;

namespace AirspaceSim.Tests.Simulation;

/// <summary>The library's batch result writers (<see cref="BatchCsvWriter"/>, <see cref="BatchJsonWriter"/>): a small
/// costed batch written to CSV and JSON, its columns and fields checked against hand-worked arithmetic (CO₂ 3.16 kg per
/// kg of fuel, 0.71 US$ per kg of fuel, the type's US$ per block hour, extra = flown - direct), the error rows with
/// status <c>error</c>, their reasons and codes; K rows in, K rows out; rows written before the batch ends.</summary>
public class BatchWritersTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly DetourPlanner Svzm = DetourPlanner.Build([AirspaceCatalog.Bundled["SVZM"]]);
    private static readonly AircraftType B38M = AircraftCatalog.Bundled["B38M"];

    // The batch CSV's header as documented (docs, CLI help), typed out rather than taken from the writer.
    private static readonly string[] CostedHeader =
    [
        "line", "from", "to", "status", "direct_km", "route_km", "extra_km", "extra_percent", "crossed", "reason", "waypoints",
        "type", "block_min_direct", "block_min", "fuel_kg_direct", "fuel_kg", "co2_kg", "cost_usd", "extra_minutes", "extra_fuel_kg",
        "extra_co2_kg", "extra_cost_usd", "error_code", "co2_kg_direct", "cost_usd_direct", "range_status", "tech_stop",
        "tech_stop_leg1_km", "tech_stop_leg2_km",
    ];

    private static RouteListRow Row(int line, string from, string to, string? type = null) => new(line, from, to) { AircraftType = type };

    // Five rows of every kind: a detour (the default type), an unknown type, an unknown destination, an unreachable
    // route (CCS lies inside SVZM) and one beyond the A320neo's range (a technical stop).
    private static (BatchCosting Costing, List<CostedBatchRow> Rows) SmallBatch()
    {
        var costing = new BatchCosting(new BatchCostingOptions { DefaultType = B38M, TechStops = TechStopSearch.Default(Svzm, AirportDirectory.Bundled) });
        var planned = RouteBatch.Plan([Row(2, "MIA", "POS"), Row(3, "MIA", "POS", "XXXX"), Row(4, "AMS", "ZZZ"), Row(5, "LIS", "CCS"), Row(6, "LIS", "SCL", "A20N")],
            AirportDirectory.Bundled, Svzm);
        return (costing, costing.Cost(planned).ToList());
    }

    private static double Num(string s) => double.Parse(s, NumberStyles.Float, Inv);

    [Test]
    public void Csv_KRowsOut_ColumnsCheckedByHand_ErrorRowsWithReasonAndCode()
    {
        var (costing, rows) = SmallBatch();
        var text = new StringWriter();
        var summary = BatchCsvWriter.Write(text, rows, costing);
        var lines = text.ToString().Split('\n');
        Assert.That(lines[^1], Is.Empty, "ends in a newline");
        Assert.That(lines, Has.Length.EqualTo(1 + rows.Count + 1 + 1), "header, K rows, summary");
        Assert.That(Cli.BatchCommandTests.SplitCsv(lines[0]), Is.EqualTo(CostedHeader));
        var f = lines.Skip(1).Take(rows.Count).Select(l => CostedHeader.Zip(Cli.BatchCommandTests.SplitCsv(l)).ToDictionary(p => p.First, p => p.Second)).ToList();
        Assert.That(lines.Skip(1).Take(rows.Count).Select(l => Cli.BatchCommandTests.SplitCsv(l).Count), Is.All.EqualTo(CostedHeader.Length));
        Assert.That(f.Select(r => r["line"]), Is.EqualTo(new[] { "2", "3", "4", "5", "6" }));

        // The detour, by hand from its own columns.
        var d = f[0];
        Assert.That((d["from"], d["to"], d["status"], d["type"], d["error_code"]), Is.EqualTo(("MIA", "POS", "detour", "B38M", "")));
        Assert.That(d["crossed"], Does.Contain("SVZM"));
        double directKm = Num(d["direct_km"]), routeKm = Num(d["route_km"]), extraKm = Num(d["extra_km"]);
        Assert.That(extraKm, Is.EqualTo(routeKm - directKm).Within(0.0015));
        Assert.That(Num(d["extra_percent"]), Is.EqualTo(100 * extraKm / directKm).Within(0.0001));
        double fuel = Num(d["fuel_kg"]), fuelDirect = Num(d["fuel_kg_direct"]);
        // Each figure is rounded to 0.1: a product of a rounded figure is within 3.16 x 0.05 + 0.05 of the printed one.
        Assert.That(Num(d["co2_kg"]), Is.EqualTo(3.16 * fuel).Within(0.21), "ICAO: 3.16 kg CO2 per kg of fuel");
        Assert.That(Num(d["co2_kg_direct"]), Is.EqualTo(3.16 * fuelDirect).Within(0.21));
        double cost = 0.71 * fuel + Num(d["block_min"]) / 60 * B38M.TimeCostUsdPerBlockHour;
        Assert.That(Num(d["cost_usd"]), Is.EqualTo(cost).Within(0.05 * 0.71 + 0.05 / 60 * B38M.TimeCostUsdPerBlockHour + 0.05), "fuel at 0.71 US$/kg and the type's time cost");
        Assert.That(Num(d["extra_fuel_kg"]), Is.EqualTo(fuel - fuelDirect).Within(0.15));
        Assert.That(Num(d["extra_co2_kg"]), Is.EqualTo(3.16 * (fuel - fuelDirect)).Within(0.5));
        Assert.That(Num(d["extra_cost_usd"]), Is.EqualTo(Num(d["cost_usd"]) - Num(d["cost_usd_direct"])).Within(0.15));
        Assert.That(Num(d["extra_minutes"]), Is.EqualTo(Num(d["block_min"]) - Num(d["block_min_direct"])).Within(0.15));
        // The detour is flown in cruise at Mach 0.79, FL370: 839.2 km/h (BatchCostingTests works it out).
        Assert.That(Num(d["extra_minutes"]), Is.EqualTo(extraKm / 839.2 * 60).Within(0.02 * Num(d["extra_minutes"]) + 0.05));
        Assert.That((d["range_status"], d["tech_stop"], d["tech_stop_leg1_km"], d["tech_stop_leg2_km"]), Is.EqualTo(("fits", "", "", "")), "2,620 km within 6,570 km");
        var wp = d["waypoints"].Split(';');
        var mia = AirportDirectory.Bundled["MIA"].Location;
        Assert.That(wp[0], Is.EqualTo(FormattableString.Invariant($"{Math.Round(mia.LatDeg, 6)} {Math.Round(mia.LonDeg, 6)}")), "starts at Miami");
        Assert.That(wp, Has.Length.GreaterThan(2), "a detour turns");

        // The error rows: status error, the reason, the code, the type asked for, every figure empty.
        string[] figures = [.. CostedHeader.Skip(CostedHeader.ToList().IndexOf("block_min_direct")).Where(c => c != "error_code")];
        var unknownType = f[1];
        Assert.That((unknownType["status"], unknownType["type"], unknownType["error_code"]), Is.EqualTo(("error", "XXXX", "unknown-aircraft-type")));
        Assert.That(unknownType["reason"], Does.StartWith("type: unknown aircraft type 'XXXX'"));
        var unknownEnd = f[2];
        Assert.That((unknownEnd["from"], unknownEnd["to"], unknownEnd["status"], unknownEnd["type"], unknownEnd["error_code"]), Is.EqualTo(("AMS", "ZZZ", "error", "B38M", "unknown-destination")));
        Assert.That(unknownEnd["reason"], Does.Contain("ZZZ"));
        foreach (var e in (Dictionary<string, string>[])[unknownType, unknownEnd])
            Assert.That(figures.Concat(["direct_km", "route_km", "extra_km", "waypoints"]).Select(c => e[c]), Is.All.Empty, e["line"]);

        // Unreachable: typed, nothing flown, so no figures and no range status.
        Assert.That((f[3]["status"], f[3]["type"], f[3]["error_code"]), Is.EqualTo(("unreachable", "B38M", "")));
        Assert.That(figures.Select(c => f[3][c]), Is.All.Empty);

        // Lisbon-Santiago, about 9,900 km, beyond the A320neo's 6,300 km: a stop at neither end, two legs in range.
        var stop = f[4];
        Assert.That((stop["type"], stop["range_status"]), Is.EqualTo(("A20N", "tech-stop")));
        Assert.That(stop["tech_stop"], Is.Not.Empty.And.Not.EqualTo("LIS").And.Not.EqualTo("SCL"));
        double leg1 = Num(stop["tech_stop_leg1_km"]), leg2 = Num(stop["tech_stop_leg2_km"]);
        Assert.That(leg1 + leg2, Is.GreaterThanOrEqualTo(Num(stop["direct_km"]) - 0.2), "two legs are never shorter than the direct route");
        Assert.That(Math.Max(leg1, leg2), Is.LessThanOrEqualTo(AircraftCatalog.Bundled["A20N"].RangeKm));

        // The summary, counted by hand: 5 routes, 2 errors, 1 unreachable, 2 planned around or through.
        Assert.That((summary.Routes, summary.Errors, summary.Unreachable), Is.EqualTo((5, 2, 1)));
        Assert.That(lines[^2], Does.StartWith("# summary: routes 5, ").And.Contain("errors 2"));
    }

    [Test]
    public void Csv_Uncosted_RouteColumnsOnly_ErrorRowWithReason()
    {
        var rows = RouteBatch.Plan([Row(2, "MIA", "POS"), Row(3, "QQQ", "POS")], AirportDirectory.Bundled, Svzm).ToList();
        var text = new StringWriter();
        BatchCsvWriter.Write(text, rows);
        var lines = text.ToString().Split('\n');
        Assert.That(Cli.BatchCommandTests.SplitCsv(lines[0]), Is.EqualTo(CostedHeader.Take(11)));
        Assert.That(lines, Has.Length.EqualTo(5));
        var error = Cli.BatchCommandTests.SplitCsv(lines[2]);
        Assert.That(error, Has.Count.EqualTo(11));
        Assert.That((error[0], error[1], error[2], error[3]), Is.EqualTo(("3", "QQQ", "POS", "error")));
        Assert.That(error[9], Does.Contain("QQQ"));
    }

    [Test]
    public void Json_KRowsOut_PerformanceAndRangeByHand_ErrorRowsWithReasonAndCode()
    {
        var (_, rows) = SmallBatch();
        var text = new StringWriter();
        var summary = BatchJsonWriter.Write(text, rows);
        Assert.That(text.ToString(), Does.EndWith("}" + Environment.NewLine));
        using var doc = JsonDocument.Parse(text.ToString());
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.That(results, Has.Count.EqualTo(rows.Count));
        Assert.That(results.Select(r => r.GetProperty("line").GetInt32()), Is.EqualTo(new[] { 2, 3, 4, 5, 6 }));

        var p = results[0].GetProperty("performance");
        Assert.That((p.GetProperty("type").GetString(), p.GetProperty("cruiseFl").GetDouble()), Is.EqualTo(("B38M", 370.0)));
        Assert.That(p.GetProperty("wind").ValueKind, Is.EqualTo(JsonValueKind.Null), "still air");
        foreach (var name in (string[])["direct", "flown"])
        {
            var e = p.GetProperty(name);
            double fuel = e.GetProperty("fuelKg").GetDouble();
            Assert.That(e.GetProperty("co2Kg").GetDouble(), Is.EqualTo(3.16 * fuel).Within(0.21), name);
            Assert.That(e.GetProperty("fuelCostUsd").GetDouble(), Is.EqualTo(0.71 * fuel).Within(0.05), name);
            Assert.That(e.GetProperty("timeCostUsd").GetDouble(), Is.EqualTo(e.GetProperty("blockMinutes").GetDouble() / 60 * B38M.TimeCostUsdPerBlockHour)
                .Within(0.005 / 60 * B38M.TimeCostUsdPerBlockHour + 0.005), name + ": minutes rounded to 0.01, US$ to 0.01");
            Assert.That(e.GetProperty("costUsd").GetDouble(), Is.EqualTo(e.GetProperty("fuelCostUsd").GetDouble() + e.GetProperty("timeCostUsd").GetDouble()).Within(0.011), name);
        }
        Assert.That(p.GetProperty("flown").GetProperty("distanceKm").GetDouble(), Is.EqualTo(results[0].GetProperty("routeKm").GetDouble()).Within(0.0015));
        Assert.That(p.GetProperty("direct").GetProperty("distanceKm").GetDouble(), Is.EqualTo(results[0].GetProperty("directKm").GetDouble()).Within(0.0015));
        Assert.That(p.GetProperty("extraFuelKg").GetDouble(),
            Is.EqualTo(p.GetProperty("flown").GetProperty("fuelKg").GetDouble() - p.GetProperty("direct").GetProperty("fuelKg").GetDouble()).Within(0.15));
        var range = p.GetProperty("range");
        Assert.That((range.GetProperty("status").GetString(), range.GetProperty("techStop").ValueKind), Is.EqualTo(("fits", JsonValueKind.Null)));

        // Error rows: status error, the reason and its code, no performance object.
        Assert.That(results[1].GetProperty("status").GetString(), Is.EqualTo("error"));
        Assert.That(results[1].GetProperty("reason").GetString(), Does.StartWith("type: unknown aircraft type 'XXXX'"));
        Assert.That(results[1].GetProperty("reasonCode").GetString(), Is.EqualTo("unknown-aircraft-type"));
        Assert.That((results[2].GetProperty("status").GetString(), results[2].GetProperty("reasonCode").GetString()), Is.EqualTo(("error", "unknown-destination")));
        Assert.That(results[2].GetProperty("to").GetProperty("code").GetString(), Is.EqualTo("ZZZ"));
        Assert.That(results[1].TryGetProperty("performance", out _) || results[2].TryGetProperty("performance", out _), Is.False);

        // Unreachable: the type, nothing flown.
        var u = results[3].GetProperty("performance");
        Assert.That((u.GetProperty("direct").ValueKind, u.GetProperty("flown").ValueKind, u.GetProperty("range").ValueKind),
            Is.EqualTo((JsonValueKind.Null, JsonValueKind.Null, JsonValueKind.Null)));

        var stop = results[4].GetProperty("performance").GetProperty("range");
        Assert.That(stop.GetProperty("status").GetString(), Is.EqualTo("tech-stop"));
        Assert.That(stop.GetProperty("leg1Km").GetDouble() + stop.GetProperty("leg2Km").GetDouble(), Is.EqualTo(stop.GetProperty("totalKm").GetDouble()).Within(0.002));

        var s = doc.RootElement.GetProperty("summary");
        Assert.That((s.GetProperty("routes").GetInt32(), s.GetProperty("errors").GetInt32(), s.GetProperty("unreachable").GetInt32()), Is.EqualTo((5, 2, 1)));
        Assert.That(summary.Routes, Is.EqualTo(5));
    }

    [Test]
    public void CsvAndJson_TheSameFiguresForTheSameRow()
    {
        var (costing, rows) = SmallBatch();
        var csv = new StringWriter();
        BatchCsvWriter.Write(csv, rows, costing);
        var f = CostedHeader.Zip(Cli.BatchCommandTests.SplitCsv(csv.ToString().Split('\n')[1])).ToDictionary(p => p.First, p => p.Second);
        var json = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(json)) BatchJsonWriter.WriteRow(w, rows[0]);
        using var doc = JsonDocument.Parse(json.WrittenMemory);
        var p = doc.RootElement.GetProperty("performance");
        Assert.That(Num(f["fuel_kg"]), Is.EqualTo(p.GetProperty("flown").GetProperty("fuelKg").GetDouble()).Within(0.051));
        Assert.That(Num(f["co2_kg"]), Is.EqualTo(p.GetProperty("flown").GetProperty("co2Kg").GetDouble()).Within(0.051));
        Assert.That(Num(f["block_min"]), Is.EqualTo(p.GetProperty("flown").GetProperty("blockMinutes").GetDouble()).Within(0.051));
        Assert.That(f["range_status"], Is.EqualTo(p.GetProperty("range").GetProperty("status").GetString()));
    }

    [TestCase("csv")]
    [TestCase("json")]
    public void RowsAreWrittenAsTheyCome_NotAfterTheBatch(string format)
    {
        // 3,000 copies of a costed detour row (each about 300 chars of CSV, 2 kB of JSON): text reaches the output
        // while the rows are still being enumerated, in pieces (nothing holds the whole batch).
        var (costing, rows) = SmallBatch();
        var text = new StringWriter();
        var seenWhileEnumerating = new List<int>();
        IEnumerable<CostedBatchRow> Many()
        {
            for (int i = 0; i < 3000; i++)
            {
                if (i % 500 == 0) seenWhileEnumerating.Add(text.GetStringBuilder().Length);
                yield return rows[0] with { Row = rows[0].Row with { Row = rows[0].Row.Row with { LineNumber = i + 2 } } };
            }
        }
        var summary = format == "csv" ? BatchCsvWriter.Write(text, Many(), costing) : BatchJsonWriter.Write(text, Many());
        Assert.That(summary.Routes, Is.EqualTo(3000));
        Assert.That(seenWhileEnumerating[1], Is.GreaterThan(0), "written before the 500th row was taken");
        Assert.That(seenWhileEnumerating, Is.Ordered.Ascending);
        Assert.That(seenWhileEnumerating[^1], Is.GreaterThan(seenWhileEnumerating[1]));
        int count = format == "csv"
            ? text.ToString().Split('\n').Count(l => l.Length > 0 && char.IsDigit(l[0]))
            : JsonDocument.Parse(text.ToString()).RootElement.GetProperty("results").GetArrayLength();
        Assert.That(count, Is.EqualTo(3000), "K rows in, K rows out");
    }

    [Test]
    public void ADefaultRow_IsAnArgumentError()
    {
        Assert.Throws<ArgumentException>(() => BatchCsvWriter.Write(new StringWriter(), [default(CostedBatchRow)], null));
        Assert.Throws<ArgumentException>(() => BatchJsonWriter.Write(new StringWriter(), [default(CostedBatchRow)]));
    }
}
