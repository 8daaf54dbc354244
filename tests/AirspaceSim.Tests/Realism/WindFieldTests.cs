using System.Globalization;
using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;
using AirspaceSim.Weather;

namespace AirspaceSim.Tests.Realism;

/// <summary>The wind-grid format, its interpolation (hand-worked values), the bundled climatology against the
/// parameters it was built from, and the arc-time quadrature against a fine subdivision.</summary>
public class WindFieldTests
{
    private const string Header = "lat,lon,fl,u_kt,v_kt\n";

    // Two levels, a 2 × 2 cell: u rises with latitude and level, v with longitude.
    private static readonly string Cell = "# a comment line\n" + Header +
        "10,-60,300,0,0\n10,-50,300,0,10\n20,-60,300,20,0\n20,-50,300,20,10\n" +
        "10,-60,400,40,0\n10,-50,400,40,10\n20,-60,400,60,0\n20,-50,400,60,10\n";

    [Test]
    public void BilinearInLatLonAndLinearInLevelByHand()
    {
        var f = GriddedWindField.Parse(Cell, "cell.csv");
        var w = f.At(new GeoPoint(15, -55), 350);
        // u: (0 + 20)/2 = 10 at FL300, (40 + 60)/2 = 50 at FL400 → 30 at FL350; v: 5 at every level.
        Assert.That(w.EastKt, Is.EqualTo(30).Within(1e-9));
        Assert.That(w.NorthKt, Is.EqualTo(5).Within(1e-9));
        var q = f.At(new GeoPoint(12.5, -57.5), 300); // a quarter across in latitude and longitude
        Assert.That(q.EastKt, Is.EqualTo(5).Within(1e-9));
        Assert.That(q.NorthKt, Is.EqualTo(2.5).Within(1e-9));
        // Nodes are reproduced; outside the grid the edge value holds.
        Assert.That(f.At(new GeoPoint(20, -60), 400).EastKt, Is.EqualTo(60).Within(1e-9));
        Assert.That(f.At(new GeoPoint(35, -80), 450).EastKt, Is.EqualTo(60).Within(1e-9));
        Assert.That(f.At(new GeoPoint(0, -40), 100).NorthKt, Is.EqualTo(10).Within(1e-9));
        Assert.That(f.MaxSpeedKt, Is.EqualTo(Math.Sqrt(60 * 60 + 10 * 10)).Within(1e-12));
    }

    [Test]
    public void InterpolatedSpeedNeverExceedsTheBound()
    {
        var f = GriddedWindField.Parse(Cell, "cell.csv");
        var rng = new Random(5);
        for (int i = 0; i < 2000; i++)
        {
            var w = f.At(new GeoPoint(rng.NextDouble() * 40, -80 + rng.NextDouble() * 50), 200 + rng.NextDouble() * 300);
            Assert.That(w.SpeedKt, Is.LessThanOrEqualTo(f.MaxSpeedKt + 1e-9));
        }
    }

    [TestCase("lat,lon,fl,u,v\n10,-60,300,0,0\n", "cell.csv: line 1: the header must be 'lat,lon,fl,u_kt,v_kt'")]
    [TestCase(Header + "10,-60,300,0,0\n10,-50,3x0,0,0\n", "cell.csv: line 3, column 3 (fl): '3x0' is not a number")]
    [TestCase(Header + "10,-60,300,0,0\n10,-50,300,0\n", "cell.csv: line 3: 4 field(s)")]
    [TestCase(Header + "95,-60,300,0,0\n", "cell.csv: line 2, column 1 (lat): 95 is outside [-90, 90]")]
    [TestCase(Header + "10,-60,300,500,0\n", "cell.csv: line 2, column 4 (u_kt): 500 is outside [-400, 400]")]
    [TestCase(Header + "10,-60,300,0,0\n10,-50,300,0,0\n20,-60,300,0,0\n10,-60,300,1,0\n", "cell.csv: line 5: node lat 10, lon -60, FL 300 is also given on line 2")]
    [TestCase(Header + "10,-60,300,0,0\n10,-50,300,0,0\n20,-60,300,0,0\n", "cell.csv: the grid is incomplete: node lat 20, lon -50, FL 300 is missing")]
    [TestCase(Header + "10,-60,300,0,0\n20,-60,300,0,0\n", "at least two of each")]
    [TestCase("# only a comment\n", "cell.csv: no header line")]
    [TestCase(Header + "10,-60,300,NaN,0\n", "column 4 (u_kt): 'NaN' is not a number")]
    public void StrictErrorsNameFileLineAndColumn(string text, string expected) =>
        Assert.That(() => GriddedWindField.Parse(text, "cell.csv"), Throws.TypeOf<WindGridFormatException>().With.Message.Contains(expected));

    [Test]
    public void ScatteredRowsAreAnIncompleteGridWithoutAllocatingItsNodes()
    {
        // Found auditing issue 8: K rows with distinct values on every axis span K³ nodes; 1,300 rows (27 KB) gave
        // 2.2e9 nodes, an OverflowException from the node array's size (an OutOfMemoryException a little smaller),
        // instead of the format error. Now a node count above the row count is said before anything is allocated,
        // with the messages of a small grid: the first repeated node, else the first missing one.
        var rows = Enumerable.Range(0, 1300).Select(i => string.Create(CultureInfo.InvariantCulture, $"{-80 + i * 0.1:0.0},{-170 + i * 0.2:0.0},{i * 0.3:0.0},1,1"));
        string text = Header + string.Join("\n", rows) + "\n";
        Assert.That(() => GriddedWindField.Parse(text, "big.csv"), Throws.TypeOf<WindGridFormatException>()
            .With.Message.EqualTo("big.csv: the grid is incomplete: node lat -80, lon -169.8, FL 0 is missing (1300 rows for 1300 × 1300 × 1300 nodes)"));
        Assert.That(() => GriddedWindField.Parse(text + "-80.0,-170.0,0.0,2,2\n", "big.csv"), Throws.TypeOf<WindGridFormatException>()
            .With.Message.EqualTo("big.csv: line 1302: node lat -80, lon -170, FL 0 is also given on line 2"));
        // The regression input the fuzz corpus replays.
        var saved = File.ReadAllText(Path.Combine(ReferenceData.RepoRoot, "tests", "AirspaceSim.Fuzz", "corpus", "wind", "regressions", "scattered-rows.csv"));
        Assert.That(() => GriddedWindField.Parse(saved, "scattered-rows.csv"), Throws.TypeOf<WindGridFormatException>().With.Message.Contains("incomplete"));
    }

    [TestCase("caribbean-north-atlantic-january", 45.0, 30.0)]
    [TestCase("caribbean-north-atlantic-july", 45.0 * 30 / 70, 42.0)]
    public void BundledClimatologyIsTheStatedJet(string name, double coreMs, double coreLat)
    {
        // The generator's parameters (data/winds/make_climatology.py): the core speed at the core latitude and FL390,
        // zonal (v = 0), and e^-1 of it 10 degrees away and 120 FL away.
        var f = GriddedWindField.Bundled(name);
        Assert.That(f.Description, Does.Contain("climatology"));
        double coreKt = coreMs * 3600 / 1852;
        var onGridLat = Math.Round(coreLat / 5) * 5;
        var core = f.At(new GeoPoint(onGridLat, -60), 390);
        Assert.That(core.EastKt, Is.EqualTo(coreKt * Math.Exp(-Math.Pow((onGridLat - coreLat) / 10, 2))).Within(0.05));
        Assert.That(core.NorthKt, Is.EqualTo(0));
        Assert.That(f.MaxSpeedKt, Is.LessThanOrEqualTo(coreKt + 0.05));
        Assert.That(f.At(new GeoPoint(coreLat >= 40 ? 50 : 40, -30), 390).EastKt,
            Is.EqualTo(coreKt * Math.Exp(-Math.Pow(((coreLat >= 40 ? 50 : 40) - coreLat) / 10, 2))).Within(0.05));
        Assert.That(() => GriddedWindField.Bundled("nope"), Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("caribbean-north-atlantic-january"));
    }

    [Test]
    public void UniformWindOnAMeridianIsExact()
    {
        // A tailwind of 50 kt along a meridian: the ground speed is V + 50 everywhere.
        double tas = 450 * 1852 / 3600.0;
        var a = Vec3.FromLatLonDeg(0, -40); var b = Vec3.FromLatLonDeg(30, -40);
        var south = new UniformWindField(180, 50); // from the south: blows north
        Assert.That(ArcWind.SecondsPerMetre(a, b, tas, south, 350), Is.EqualTo(1 / ((450 + 50) * 1852 / 3600.0)).Within(1e-15));
        Assert.That(ArcWind.SecondsPerMetre(a, b, tas, null, 350), Is.EqualTo(1 / tas));
    }

    [Test]
    public void EightPointQuadratureAgreesWithSixtyFourSubArcsInTheGriddedJet()
    {
        // The bound the README quotes: per leg, the 8-point rule against 64 sub-arcs of 8 points each (the grid's kinks
        // make the integrand only piecewise smooth). Legs of 300–3,000 km across the January jet.
        var f = GriddedWindField.Bundled("caribbean-north-atlantic-january");
        double tas = 470 * 1852 / 3600.0, worst = 0;
        var rng = new Random(11);
        for (int i = 0; i < 200; i++)
        {
            var a = Vec3.FromLatLonDeg(5 + rng.NextDouble() * 50, -95 + rng.NextDouble() * 100);
            var b = Vec3.FromLatLonDeg(5 + rng.NextDouble() * 50, -95 + rng.NextDouble() * 100);
            double theta = Vec3.Angle(a, b);
            if (theta * 6371 is < 300 or > 3000) continue;
            double coarse = ArcWind.SecondsPerMetre(a, b, tas, f, 370);
            double fine = 0;
            for (int k = 0; k < 64; k++)
                fine += ArcWind.SecondsPerMetre(Sphere.Intermediate(a, b, k / 64.0), Sphere.Intermediate(a, b, (k + 1) / 64.0), tas, f, 370) / 64;
            worst = Math.Max(worst, Math.Abs(coarse - fine) / fine);
        }
        Assert.That(worst, Is.LessThan(2e-4), "relative time error of one leg");
    }
}
