using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AirspaceSim.Airspaces;
using AirspaceSim.Batch;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Reports;
using AirspaceSim.Routing;
using AirspaceSim.Simulation;
using AirspaceSim.Spherical;
using AirspaceSim.Tests.Cli;
using SkiaSharp;

namespace AirspaceSim.Tests.Reports;

/// <summary>Maps: the projection against Snyder's worked example, and the images: size, content, one SVG path per route,
/// the antimeridian.</summary>
public class MapImageTests
{
    private static readonly Lazy<byte[]> SvzmPng = new(() => MapImage.Png(MapContent.FromSimulation(ReportFixtures.Svzm2025), GoldenImageTests.Size));
    private static readonly Lazy<string> SvzmSvg = new(() => MapImage.Svg(MapContent.FromSimulation(ReportFixtures.Svzm2025), new ImageOptions { WidthPx = 1000, HeightPx = 640 }));

    /// <summary>The PNG of the bundled scenario's map (shared with the golden-image test).</summary>
    internal static byte[] SvzmMapPng => SvzmPng.Value;

    [Test]
    public void TheLibraryHasNoDrawingDependency()
    {
        // The drawing is AirspaceSim.Reports': the AirspaceSim package must not pull ScottPlot or SkiaSharp.
        var names = typeof(GeoPoint).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.That(names.Where(n => n.StartsWith("ScottPlot", StringComparison.Ordinal) || n.StartsWith("SkiaSharp", StringComparison.Ordinal) || n.StartsWith("AirspaceSim.Reports", StringComparison.Ordinal)), Is.Empty);
        Assert.That(typeof(MapImage).Assembly.GetReferencedAssemblies().Select(a => a.Name), Does.Contain("ScottPlot"));
    }

    [Test]
    public void Projection_MatchesSnydersNumericalExample()
    {
        // Snyder (1987), Appendix A, Lambert azimuthal equal-area, sphere: R = 3, φ1 = 40°N, λ0 = 100°W; φ = 20°S,
        // λ = 100°E gives k' = 4.3912175, x = −4.2339303, y = 4.0257775.
        var p = new MapProjection(new GeoPoint(40, -100));
        var (x, y) = p.Project(new GeoPoint(-20, 100));
        double s = 3 / Sphere.MeanRadiusKm;
        Assert.That(x * s, Is.EqualTo(-4.2339303).Within(5e-7));
        Assert.That(y * s, Is.EqualTo(4.0257775).Within(5e-7));
        // The centre is the origin; distance from it is 2R sin(c/2) (Snyder 24-16 with ρ = R k' sin c).
        var o = p.Project(new GeoPoint(40, -100));
        Assert.That(Math.Abs(o.X) + Math.Abs(o.Y), Is.LessThan(1e-9));
        var q = p.Project(Sphere.Destination(new GeoPoint(40, -100), 57, 3000));
        Assert.That(Math.Sqrt(q.X * q.X + q.Y * q.Y), Is.EqualTo(2 * Sphere.MeanRadiusKm * Math.Sin(3000 / Sphere.MeanRadiusKm / 2)).Within(1e-6));
    }

    [Test]
    public void Clipping_KeepsEveryVertexInsideTheRegion_AndAWholeRingInsideUnchanged()
    {
        var p = new MapProjection(new GeoPoint(10, -66));
        var planes = p.ClipPlanes(40 * Math.PI / 180);
        // A ring around the whole Earth at the equator: clipped to the region, it must stay inside every plane.
        var ring = Enumerable.Range(0, 360).Select(i => AirspaceSim.Spherical.Vec3.FromLatLonDeg(0, i - 180)).ToList();
        var clipped = MapProjection.ClipRing(ring, planes);
        Assert.That(clipped, Has.Count.GreaterThan(2));
        foreach (var v in clipped)
            foreach (var n in planes) Assert.That(n.Dot(v), Is.GreaterThanOrEqualTo(-1e-12));
        var small = new[] { (9.0, -67.0), (9.0, -65.0), (11.0, -65.0), (11.0, -67.0) }.Select(c => AirspaceSim.Spherical.Vec3.FromLatLonDeg(c.Item1, c.Item2)).ToList();
        Assert.That(MapProjection.ClipRing(small, planes), Is.EqualTo(small));
        // A line from inside to the antipode is cut where it leaves the region.
        var pieces = MapProjection.ClipLine([AirspaceSim.Spherical.Vec3.FromLatLonDeg(10, -66), AirspaceSim.Spherical.Vec3.FromLatLonDeg(10, -30), AirspaceSim.Spherical.Vec3.FromLatLonDeg(-10, 114)], planes);
        Assert.That(pieces, Has.Count.EqualTo(1));
        // (The 48 sides touch the 40° circle; the corners lie at atan(tan 40° / cos(180°/48)) = 40.06°.)
        double angle = AirspaceSim.Spherical.Vec3.Angle(pieces[0][^1].Normalize(), AirspaceSim.Spherical.Vec3.FromLatLonDeg(10, -66)) * 180 / Math.PI;
        Assert.That(angle, Is.InRange(39.999, 40.07));
    }

    [Test]
    public void WhatIfPng_HasTheRequestedSize_AndIsAMap()
    {
        var png = SvzmMapPng;
        Assert.That(ImageStats.PngSize(png), Is.EqualTo((GoldenImageTests.Size.WidthPx, GoldenImageTests.Size.HeightPx)));
        using var bmp = ImageStats.Decode(png);
        Assert.That(ImageStats.DistinctColours(bmp), Is.GreaterThan(30), "land, sea, borders, FIRs, routes, text");
        // The middle band holds land and routes, not just sea.
        Assert.That(ImageStats.NonBackgroundFraction(bmp, SKColor.Parse("#dcebf5")), Is.GreaterThan(0.2));
        Assert.That(ImageStats.NonBackgroundFraction(bmp, SKColor.Parse("#f2efe6")), Is.GreaterThan(0.2));
        // Rerouted routes are drawn in their colour, the closed SVZM in its shade.
        Assert.That(ImageStats.CountNear(bmp, SKColor.Parse(MapImage.CategoryColor("rerouted"))), Is.GreaterThan(200));
        Assert.That(ImageStats.CountNear(bmp, SKColor.Parse(MapImage.CategoryColor("cancelled"))), Is.GreaterThan(50));
    }

    [Test]
    public void WhatIfSvg_HasOnePathPerFlownRoute_AndOnePerDirectRoute()
    {
        var r = ReportFixtures.Svzm2025;
        var svg = SvzmSvg.Value;
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.That(doc.Root!.Attribute("width")!.Value, Is.EqualTo("1000"));
        var paths = doc.Descendants(ns + "path").ToList();
        // Counted from the result, not from the map: flights with the same path and outcome are one route.
        int flown = r.Flights.Where(f => f.Waypoints.Count >= 2).Select(f => (f.Outcome, string.Join(";", f.Waypoints))).Distinct().Count();
        int direct = r.Flights.Where(f => f.Outcome is not (FlightOutcome.Unaffected or FlightOutcome.Error))
            .Select(f => (f.Outcome, f.From, f.To, string.Join(";", f.Waypoints))).Distinct().Count();
        var flownPaths = paths.Where(p => (string?)p.Attribute("class") == MapImage.FlownClass).ToList();
        Assert.That(flownPaths, Has.Count.EqualTo(flown));
        Assert.That(paths.Count(p => (string?)p.Attribute("class") == MapImage.DirectClass), Is.EqualTo(direct));
        Assert.That(flownPaths.Select(p => (string)p.Attribute("data-id")!), Does.Contain("AMS-CUR").And.Contain("MAD-BOG"));
        Assert.That(paths.Count(p => (string?)p.Attribute("class") == "closed-area"), Is.EqualTo(1));
        var texts = doc.Descendants(ns + "text").Select(t => t.Value.Trim()).ToList();
        Assert.That(texts, Does.Contain("SVZM").And.Contain("CUR").And.Contain("AMS").And.Contain(MapImage.Credits));
        Assert.That(texts.Any(t => t.StartsWith("svzm-2025-11: 149 flights", StringComparison.Ordinal)), texts[0]);
    }

    [Test]
    public void PacificRouteAcrossTheAntimeridian_AroundNzzo_DrawsWithoutAStreak()
    {
        // SYD to PPT crosses 180° inside the Auckland Oceanic FIR; NZZO itself spans the antimeridian.
        var nzzo = AirspaceCatalog.World["NZZO"];
        Assert.That(nzzo.CrossesAntimeridian, Is.True);
        var planner = DetourPlanner.Build([nzzo], 0);
        GeoPoint syd = AirportDirectory.Bundled["SYD"].Location, ppt = AirportDirectory.Bundled["PPT"].Location;
        var plan = planner.Plan(syd, ppt);
        Assert.That(plan.Status, Is.EqualTo(RouteStatus.Detour));
        var map = MapContent.FromPlans("SYD to PPT around NZZO", [nzzo], [(new RouteEnd("SYD", syd), new RouteEnd("PPT", ppt), plan)]);
        var size = new ImageOptions { WidthPx = 800, HeightPx = 500 };
        var doc = XDocument.Parse(MapImage.Svg(map, size));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var tagged = doc.Descendants(ns + "path").Where(p => p.Attribute("class") != null).ToList();
        Assert.That(tagged.Select(p => (string)p.Attribute("class")!), Is.EquivalentTo(new[] { "borders", "fir-outlines", "closed-area", MapImage.DirectClass, MapImage.FlownClass }));
        // A leg, border or FIR edge wrapped the wrong way round the Earth would be a segment from the antimeridian out of
        // the view (Natural Earth cuts Fiji and Russia at ±180°, VATSpy runs NZZO's longitudes past 180°). The map is
        // centred near 180°, so such a streak is at least about half the map long; drawn lines are simplified to
        // 0.35 px (PathLayer.Simplify), which merges only runs that are straight on the map (the longest here about
        // 13 % of the width, FIR edges along meridians near the centre).
        var centre = MapImage.View(map, size.WidthPx / (double)size.HeightPx).Projection.Center;
        Assert.That(Math.Abs(Math.Abs(centre.LonDeg) - 180), Is.LessThan(30), $"centre {centre}");
        foreach (var p in tagged)
        {
            double longest = LongestSegment((string)p.Attribute("d")!);
            Assert.That(longest, Is.GreaterThan(0).And.LessThan(0.25 * size.WidthPx), $"{p.Attribute("class")}: longest segment {longest:F1} px");
        }
        // The route reaches both sides of the map: it is drawn, not clipped away.
        var xs = Points((string)tagged.Single(p => (string)p.Attribute("class")! == MapImage.FlownClass).Attribute("d")!).Select(q => q.X).ToList();
        Assert.That(xs.Max() - xs.Min(), Is.GreaterThan(0.3 * size.WidthPx));
    }

    [Test]
    public void Cli_WhatIfRouteAndBatchWriteImages_AndNeedOut()
    {
        CliRunner.AssertUserError(CliRunner.Run("whatif", "--format", "png"), "--out");
        CliRunner.AssertUserError(CliRunner.Run("route", "AMS", "CUR", "--format", "svg"), "--out");
        CliRunner.AssertUserError(CliRunner.Run("route", "AMS", "CUR", "--out", "x.txt"), "--out", "png or svg");
        CliRunner.AssertUserError(CliRunner.Run("whatif", "--format", "png", "--out", "x.png", "--width", "50"), "--width", "50");
        CliRunner.AssertUserError(CliRunner.Run("batch", "x.csv", "--height", "500"), "--height", "png, svg or html");
        string png = ReportFixtures.TempFile("png"), svg = ReportFixtures.TempFile("svg"), list = ReportFixtures.TempFile("csv");
        try
        {
            var r = CliRunner.Run("route", "AMS", "CUR", "--closed", "SVZM", "--format", "png", "--out", png, "--width", "640", "--height", "400");
            Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
            Assert.That(r.Out, Is.Empty);
            Assert.That(ImageStats.PngSize(File.ReadAllBytes(png)), Is.EqualTo((640, 400)));
            File.WriteAllText(list, "from,to\nAMS,CUR\nMIA,GRU\nCCS,MAD\nXXX,AMS\n");
            r = CliRunner.Run("batch", list, "--closed", "SVZM", "--format", "svg", "--out", svg, "--width", "700", "--height", "450");
            Assert.That(r.Exit, Is.EqualTo(1), "one error row: " + r);
            Assert.That(r.Err, Does.Contain("line 5"));
            var doc = XDocument.Parse(File.ReadAllText(svg));
            XNamespace ns = "http://www.w3.org/2000/svg";
            // AMS-CUR and MIA-GRU are flown (detours or direct); CCS-MAD is unreachable (CCS inside SVZM): dashed only.
            var classes = doc.Descendants(ns + "path").Select(p => (string?)p.Attribute("class")).Where(c => c != null).ToList();
            Assert.That(classes.Count(c => c == MapImage.FlownClass), Is.EqualTo(2));
            Assert.That(doc.ToString(), Does.Contain("unreachable"));
        }
        finally
        {
            foreach (var f in new[] { png, svg, list }) File.Delete(f);
        }
    }

    private static List<(double X, double Y)> Points(string d) => SvgPath.Subpaths(d).SelectMany(p => p).ToList();

    // The longest line segment of an SVG path (a move starts a new subpath: no segment to it).
    private static double LongestSegment(string d)
    {
        double longest = 0;
        foreach (var sub in SvgPath.Subpaths(d))
            for (int i = 1; i < sub.Count; i++)
                longest = Math.Max(longest, Math.Sqrt((sub[i].X - sub[i - 1].X) * (sub[i].X - sub[i - 1].X) + (sub[i].Y - sub[i - 1].Y) * (sub[i].Y - sub[i - 1].Y)));
        return longest;
    }
}
