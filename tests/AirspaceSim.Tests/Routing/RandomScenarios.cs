using System.Globalization;
using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace AirspaceSim.Tests.Routing;

/// <summary>Where a random scenario lives.</summary>
public enum ScenarioKind { Local, Polar, Antimeridian, Long }

/// <summary>A random closure: star-shaped around <see cref="Centre"/>, every vertex within <see cref="RadiusRad"/>.</summary>
public sealed record RandomPolygon(string Id, (double Lat, double Lon)[] Ring, Vec3 Centre, double RadiusRad, bool Convex)
{
    public Airspace ToAirspace() => TestAirspaces.FromLatLon(Id, Ring);

    public override string ToString() => $"{Id}{(Convex ? " convex" : "")} [{string.Join(", ", Ring.Select(p => $"({F(p.Lat)},{F(p.Lon)})"))}]";

    internal static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>1–4 pairwise disjoint random closures and an origin and destination outside all of them.</summary>
public sealed record Scenario(ScenarioKind Kind, RandomPolygon[] Polygons, GeoPoint From, GeoPoint To)
{
    public Airspace[] Closures(int count = int.MaxValue) => Polygons.Take(count).Select(p => p.ToAirspace()).ToArray();

    public override string ToString() =>
        $"{Kind} from ({RandomPolygon.F(From.LatDeg)},{RandomPolygon.F(From.LonDeg)}) to ({RandomPolygon.F(To.LatDeg)},{RandomPolygon.F(To.LonDeg)}) " +
        $"polygons: {string.Join("; ", Polygons.Select(p => p.ToString()))}";
}

/// <summary>
/// FsCheck generators of random planner scenarios. Polygons are star-shaped around a random centre: n = 3..20
/// vertices at sorted azimuths (random gaps in [0.5, 1] of the mean, so every gap is below a half turn and the
/// polygon is simple), each at a random distance in [0.25, 1]·R (non-convex) or all at R (convex: vertices on a small
/// circle). Great circles through the centre are its azimuth rays, so the polygon is star-shaped on the sphere too.
/// Polygons whose bounding caps come within 0.3° of an earlier one are dropped, so closures never overlap or touch.
/// </summary>
public static class RandomScenarios
{
    private const double Deg = Math.PI / 180;

    public static Gen<double> Uniform(double lo, double hi) =>
        Gen.Choose(0, 1 << 30).Select(i => lo + (hi - lo) * (i / (double)(1 << 30)));

    private sealed record PolySpec(double OffsetDeg, double OffsetAzDeg, double ROffsetFactor, double RadiusDeg, bool Convex,
        double[] Radii, double[] Gaps, double RotationDeg);

    private static Gen<PolySpec> PolySpecs(double maxOffsetDeg, double minRDeg, double maxRDeg) =>
        from n in Gen.Choose(3, 20)
        from convex in Gen.Choose(0, 2).Select(c => c == 0)
        from r in Uniform(minRDeg, maxRDeg)
        from radii in Gen.ArrayOf(Uniform(0.25, 1), n)
        from gaps in Gen.ArrayOf(Uniform(0.5, 1), n)
        from rot in Uniform(0, 360)
        from off in Uniform(0, maxOffsetDeg)
        from offAz in Uniform(0, 360)
        from t in Uniform(0.15, 0.85)
        select new PolySpec(off, offAz, t, r, convex, radii, gaps, rot);

    /// <summary>All scenario kinds, weighted towards local clusters.</summary>
    public static Gen<Scenario> Any() =>
        Gen.Frequency(
            (5, Of(ScenarioKind.Local)),
            (2, Of(ScenarioKind.Polar)),
            (2, Of(ScenarioKind.Antimeridian)),
            (2, Of(ScenarioKind.Long)));

    public static Gen<Scenario> Of(ScenarioKind kind)
    {
        var centres = kind switch
        {
            ScenarioKind.Polar => from lat in Uniform(84, 90) from south in Gen.Choose(0, 1) from lon in Uniform(-180, 180)
                                  select (south == 1 ? -lat : lat, lon),
            ScenarioKind.Antimeridian => from lat in Uniform(-70, 70) from lon in Uniform(176, 184) select (lat, lon),
            _ => from z in Uniform(-0.97, 0.97) from lon in Uniform(-180, 180) select (Math.Asin(z) / Deg, lon),
        };
        // Long routes: Europe to South America, closures along the way.
        var ends = kind == ScenarioKind.Long
            ? from olat in Uniform(36, 56) from olon in Uniform(-10, 25) from dlat in Uniform(-35, 5) from dlon in Uniform(-75, -40)
              select (Vec3.FromLatLonDeg(olat, olon), Vec3.FromLatLonDeg(dlat, dlon))
            : Gen.Constant((default(Vec3), default(Vec3)));
        var (maxOff, minR, maxR) = kind == ScenarioKind.Long ? (6.0, 1.0, 10.0) : (12.0, 0.5, 6.0);
        return (from c in centres
                from e in ends
                from k in Gen.Choose(1, 4)
                from specs in Gen.ArrayOf(PolySpecs(maxOff, minR, maxR), k)
                from oDist in Uniform(2, 28)
                from oAz in Uniform(0, 360)
                from dDist in Uniform(2, 28)
                from dAz in Uniform(140, 220)
                select Build(kind, Vec3.FromLatLonDeg(c.Item1, c.Item2), e, specs, oDist, oAz, dDist, dAz))
            .Where(s => s is not null).Select(s => s!);
    }

    private static Scenario? Build(ScenarioKind kind, Vec3 centre, (Vec3 O, Vec3 D) ends, PolySpec[] specs,
        double oDist, double oAz, double dDist, double dAz)
    {
        var polys = new List<RandomPolygon>();
        foreach (var s in specs)
        {
            Vec3 c = kind == ScenarioKind.Long
                ? SphereTestGeometry.Offset(SphereTestGeometry.Slerp(ends.O, ends.D, s.ROffsetFactor), s.OffsetDeg * Deg, s.OffsetAzDeg * Deg)
                : polys.Count == 0 && kind == ScenarioKind.Polar ? centre // around the pole itself
                : SphereTestGeometry.Offset(centre, s.OffsetDeg * Deg, s.OffsetAzDeg * Deg);
            double r = s.RadiusDeg * Deg;
            // Disjoint from the polygons kept so far: caps at least 0.3° apart.
            if (polys.Any(p => Vec3.Angle(p.Centre, c) < p.RadiusRad + r + 0.3 * Deg)) continue;
            int n = s.Radii.Length;
            double total = s.Gaps.Sum(), az = s.RotationDeg * Deg;
            var ring = new (double, double)[n];
            double? firstLon = null;
            for (int i = 0; i < n; i++)
            {
                double ri = s.Convex ? r : s.Radii[i] * r;
                var g = SphereTestGeometry.Offset(c, ri, az).ToGeo();
                // Continuous longitudes along the ring (antimeridian), as the loader stores them.
                double lon = g.LonDeg;
                if (firstLon is { } f) lon += 360 * Math.Round((f - lon) / 360);
                firstLon ??= lon;
                ring[i] = (g.LatDeg, lon);
                az -= 2 * Math.PI * s.Gaps[i] / total; // clockwise or not: FromPoints orients
            }
            polys.Add(new RandomPolygon($"P{polys.Count + 1}", ring, c, r, s.Convex));
        }
        Vec3 o, d;
        if (kind == ScenarioKind.Long) (o, d) = ends;
        else
        {
            o = SphereTestGeometry.Offset(centre, oDist * Deg, oAz * Deg);
            d = SphereTestGeometry.Offset(centre, dDist * Deg, (oAz + dAz) * Deg);
        }
        var from = o.ToGeo(); var to = d.ToGeo();
        var fv = Vec3.FromGeo(from); var tv = Vec3.FromGeo(to);
        var closures = polys.Select(p => p.ToAirspace()).ToList();
        if (closures.Any(a => a.Region.Contains(fv) || a.Region.Contains(tv))) return null;
        // Ends exactly on a boundary are not what this generator is about; keep a margin of ~100 m.
        if (closures.Any(a => SphereTestGeometry.DistanceToClosure(fv, a) < 1.5e-5 || SphereTestGeometry.DistanceToClosure(tv, a) < 1.5e-5)) return null;
        return new Scenario(kind, polys.ToArray(), from, to);
    }

    /// <summary>Reproducible FsCheck configuration: fixed replay seed, bounded number of tests.</summary>
    public static Config Config(int maxTest, ulong seed) =>
        FsCheck.Config.QuickThrowOnFailure
            .WithMaxTest(maxTest)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));
}
