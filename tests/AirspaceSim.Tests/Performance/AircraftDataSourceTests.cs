using System.Globalization;
using AirspaceSim.Infrastructure;
using AirspaceSim.Performance;

namespace AirspaceSim.Tests.Performance;

/// <summary>
/// <c>data/aircraft/aircraft.csv</c> cites every figure: each figure column has a source column whose key is an entry
/// of <c>data/aircraft/sources.tsv</c>; the figures taken from primary data (US DOT seats and hours, the EUROCONTROL
/// cost table) are recomputed here from that data, not from the code under test.
/// </summary>
public class AircraftDataSourceTests
{
    private static readonly string[] Statuses = ["primary", "secondary", "derived", "assumed", "unverified"];

    /// <summary>The rows of aircraft.csv as column → text, read with the project's CSV splitter.</summary>
    private static (List<string> Header, List<Dictionary<string, string>> Rows) ReadAircraftCsv()
    {
        List<string>? header = null;
        var rows = new List<Dictionary<string, string>>();
        foreach (var line in File.ReadLines(ReferenceData.RepoData("aircraft/aircraft.csv")))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var f = Csv.Split(line, out var err) ?? throw new FormatException(err);
            if (header == null) { header = f; continue; }
            Assert.That(f, Has.Count.EqualTo(header.Count), $"row {f[0]}: {f.Count} fields for {header.Count} columns");
            rows.Add(header.Select((h, i) => (h, f[i])).ToDictionary(x => x.h, x => x.Item2));
        }
        return (header!, rows);
    }

    /// <summary>The entries of sources.tsv: key → (status, reference, says).</summary>
    private static Dictionary<string, (string Status, string Reference, string Says)> ReadSources()
    {
        var sources = new Dictionary<string, (string, string, string)>(StringComparer.Ordinal);
        bool header = true;
        foreach (var line in File.ReadLines(ReferenceData.RepoData("aircraft/sources.tsv")))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var f = line.Split('\t');
            Assert.That(f, Has.Length.EqualTo(4), $"sources.tsv: '{line}' has {f.Length} tab-separated fields, not 4");
            if (header) { Assert.That(f, Is.EqualTo(new[] { "key", "status", "reference", "says" })); header = false; continue; }
            Assert.That(sources.TryAdd(f[0], (f[1], f[2], f[3])), $"sources.tsv: key '{f[0]}' twice");
        }
        return sources;
    }

    [Test]
    public void EveryFigureHasASourceKeyThatIsInTheSourcesList()
    {
        var (header, rows) = ReadAircraftCsv();
        var sources = ReadSources();
        foreach (var (key, s) in sources)
        {
            Assert.That(Statuses, Does.Contain(s.Status), $"sources.tsv {key}: status '{s.Status}'");
            Assert.That(s.Reference.Length > 0 && s.Says.Length > 0, $"sources.tsv {key}: reference and what it says");
        }
        var figureColumns = header.Where(h => header.Contains(h + "Source")).ToArray();
        Assert.That(figureColumns, Is.EquivalentTo(AircraftCatalog.FigureColumns), "the loader's figure columns are the file's");
        Assert.That(header.Where(h => h.EndsWith("Source", StringComparison.Ordinal)).Select(h => h[..^"Source".Length]),
            Is.EquivalentTo(figureColumns), "every source column belongs to a figure column");
        var used = new HashSet<string>(StringComparer.Ordinal);
        string[] psColumns = ["mtomKg", "mlmKg", "oemKg", "maxPayloadKg", "mmo", "ceilingFl"];
        foreach (var row in rows)
        {
            string icao = row["icao"];
            foreach (var column in figureColumns)
            {
                string key = row[column + "Source"];
                Assert.That(sources.ContainsKey(key), $"{icao} {column}: source key '{key}' is not in sources.tsv");
                used.Add(key);
                // A jet's mass and limit columns are empty because the figure comes from the Poll–Schumann table; any
                // other empty figure would be a figure without a value.
                bool fromPs = row["model"] == "poll-schumann" && psColumns.Contains(column);
                Assert.That(row[column].Length == 0, Is.EqualTo(fromPs), $"{icao} {column}: '{row[column]}' with source {key}");
                Assert.That(key == "ps-2025", Is.EqualTo(fromPs), $"{icao} {column}: ps-2025 is the source exactly of the Poll–Schumann figures");
            }
            var loaded = AircraftCatalog.Bundled[icao];
            Assert.That(figureColumns.Select(c => loaded.FigureSources[c]), Is.EqualTo(figureColumns.Select(c => row[c + "Source"])), $"{icao}: the loaded sources");
            Assert.That(loaded.Sources, Is.EquivalentTo(figureColumns.Select(c => row[c + "Source"]).Distinct()));
        }
        Assert.That(sources.Keys.Except(used), Is.Empty, "entries of sources.tsv that no figure cites");
        Assert.That(rows.Select(r => r["icao"]), Is.EqualTo(AircraftCatalog.Bundled.Types.Select(t => t.Icao)), "the bundled catalog is this file");
    }

    [Test]
    public void SeatsAndAirborneBlockRatiosAreTheDotFigures()
    {
        // Σ seat-miles / Σ aircraft miles and Σ revenue airborne hours / Σ ramp-to-ramp hours over the Z, passenger
        // (config 1) rows of each DOT type, summed here from the file.
        var path = ReferenceData.Require("usdot-t2/T_SCHEDULE_T2_2024.csv");
        var sums = new Dictionary<int, (double SeatMiles, double Miles, double Airborne, double Block)>();
        using (var reader = new StreamReader(path))
        {
            var h = reader.ReadLine()!.Split(',');
            int Col(string name) => Array.IndexOf(h, name);
            int cType = Col("AIRCRAFT_TYPE"), cConfig = Col("AIRCRAFT_CONFIG"), cClass = Col("SERVICE_CLASS"), cAsm = Col("AVL_SEAT_MILES_320"),
                cMiles = Col("REV_ACRFT_MILES_FLOWN_410"), cAir = Col("REV_ACRFT_HRS_AIRBORNE_610"), cRamp = Col("ACRFT_HRS_RAMPTORAMP_630");
            static double N(string s) => s.Length == 0 ? 0 : double.Parse(s, CultureInfo.InvariantCulture);
            for (string? line; (line = reader.ReadLine()) != null;)
            {
                var f = Csv.Split(line, out var err) ?? throw new FormatException($"{path}: {err}"); // some carrier names are quoted
                if (f[cClass] != "Z" || f[cConfig] != "1") continue;
                int code = int.Parse(f[cType], CultureInfo.InvariantCulture);
                sums.TryGetValue(code, out var s);
                double air = N(f[cAir]), ramp = N(f[cRamp]);
                bool hours = air > 0 && ramp > 0;
                sums[code] = (s.SeatMiles + N(f[cAsm]), s.Miles + N(f[cMiles]), s.Airborne + (hours ? air : 0), s.Block + (hours ? ramp : 0));
            }
        }
        var codeOf = DotCrossCheckTests.DotTypes.ToDictionary(t => t.Icao, t => t.Code);
        var (_, rows) = ReadAircraftCsv();
        foreach (var row in rows)
        {
            string icao = row["icao"];
            if (row["typicalSeatsSource"] == "dot-t2-seats")
            {
                var s = sums[codeOf[icao]];
                Assert.That(int.Parse(row["typicalSeats"], CultureInfo.InvariantCulture), Is.EqualTo((int)Math.Round(s.SeatMiles / s.Miles)), $"{icao} seats");
            }
            string ratioIcao = row["airborneBlockRatioSource"] switch { "dot-t2-hours" => icao, "dot-t2-hours-at76" => "AT76", var k => throw new AssertionException($"{icao}: ratio source {k}") };
            var r = sums[codeOf[ratioIcao]];
            Assert.That(double.Parse(row["airborneBlockRatio"], CultureInfo.InvariantCulture), Is.EqualTo(r.Airborne / r.Block).Within(5e-5), $"{icao} airborne/block");
        }
    }

    [Test]
    public void HourlyCostsAreTheEurocontrolTable()
    {
        var path = ReferenceData.Require("eurocontrol-standard-inputs/aircraft_operating_costs.csv");
        var perFlightHour = File.ReadLines(path).Skip(1).Select(l => l.Split(';'))
            .ToDictionary(f => f[0].Trim().TrimStart('\uFEFF'), f => double.Parse(f[2], CultureInfo.InvariantCulture));
        foreach (var t in AircraftCatalog.Bundled.Types)
            Assert.That(t.AcmgCostUsdPerFlightHour, Is.EqualTo(perFlightHour[t.CostFamily]), $"{t.Icao} ({t.CostFamily})");
    }

    [Test]
    public void TimeCostPerBlockHourByHand_B38M()
    {
        // 737 MAX 8, cost family B737 NG: 4,337 US$ per flight hour (EUROCONTROL Standard Inputs). US DOT T2 2024, DOT
        // type 838, Z and config 1 rows: 970,360 revenue airborne hours in 1,143,564 ramp-to-ramp hours = 0.848540,
        // written 0.8485. Fuel share 0.247/(0.247 + 0.107 + 0.060 + 0.101 + 0.073 + 0.044 + 0.001) = 0.247/0.633 =
        // 0.3902054. Time cost per block hour = 4,337 × 0.8485 × 0.6097946 = 3,679.9445 × 0.6097946 = 2,244.010 US$.
        // Per flight hour it is 4,337 × 0.6097946 = 2,644.68 US$, so a block hour costs what 0.8485 flight hours do.
        var t = AircraftCatalog.Bundled["B38M"];
        Assert.That(t.AcmgCostUsdPerFlightHour, Is.EqualTo(4337));
        Assert.That(t.AirborneBlockRatio, Is.EqualTo(0.8485));
        Assert.That(t.TimeCostUsdPerBlockHour, Is.EqualTo(2_244.010).Within(0.001));
        // And the model charges it per block hour: a 1,000 km flight's time cost is its block hours times that rate.
        var e = FlightCostModel.Default.EstimateDistance(t, 1000, FlightConditions.Default);
        Assert.That(e.TimeCostUsd, Is.EqualTo(e.BlockMinutes / 60 * 2_244.010).Within(0.01));
    }
}
