using AirspaceSim.Airspaces;
using AirspaceSim.Routing;
using AirspaceSim.Spherical;
using static AirspaceSim.Tests.Routing.SphereTestGeometry;

namespace AirspaceSim.Tests.Routing;

/// <summary>
/// The buffered obstacle of real FIRs against a brute-force distance to the closure (every edge, written independently
/// in <see cref="SphereTestGeometry"/>): every vertex of the planning boundary lies between the buffer d and its stated
/// bound R = d + excess (give or take the snap grid), every point outside the closure nearer than d is inside the
/// obstacle, and no point farther than R is. The FIRs have many vertices close together (a coast, dense corners), so
/// the buffer is built from many offset chunks and their union; SVZM is the one the bundled scenarios use.
/// </summary>
[TestFixture]
public class BufferBoundaryTests
{
    // The snap grid is 1e-9 in the gnomonic plane (about 6 mm); a vertex moves by at most half a cell diagonal there,
    // and the plane's scale is at most a few times the sphere's over a FIR. 1e-8 rad is 6 cm.
    private const double SnapToleranceRad = 1e-8;

    [TestCase("ENBD", 5), TestCase("ENBD", 50), TestCase("CZQX", 50), TestCase("CZZV", 25), TestCase("SVZM", 10),
     TestCase("SVZM", 25), TestCase("ULLL", 10)]
    public void BoundaryLiesBetweenTheBufferAndItsBound(string id, double bufferNm)
    {
        var fir = AirspaceCatalog.Bundled[id];
        var result = ObstacleBuilder.Build([fir], bufferNm, 64);
        double d = result.BufferRad, r = d + result.BufferExcessRad;
        Assert.That(result.Obstacles, Is.Not.Empty);

        // The brute-force distances (every vertex or probe against every closure edge) are most of the test's time: they
        // are computed on every core, and checked in order.
        var boundary = result.Obstacles.SelectMany(ob => ob.Loops).SelectMany(loop => loop.Vertices.ToArray()).ToList();
        var boundaryDist = boundary.AsParallel().AsOrdered().Select(v => DistanceToClosure(v, fir)).ToList();
        int vertices = 0;
        for (int k = 0; k < boundary.Count; k++)
        {
            Assert.That(boundaryDist[k], Is.InRange(d - SnapToleranceRad, r + SnapToleranceRad),
                $"{id} at {bufferNm} NM: boundary vertex {boundary[k].ToGeo()} is {boundaryDist[k] * KmPerRad:F6} km from the closure (d {d * KmPerRad:F6}, R {r * KmPerRad:F6} km)");
            vertices++;
        }

        // Probes from every closure vertex and edge midpoint outward (to the right of a counter-clockwise shell; a hole's
        // probes go into the closure and are skipped): along the edge's normal, at a vertex also the previous edge's and
        // between them, at fractions of d and just beyond R.
        bool Inside(in Vec3 p) { foreach (var ob in result.Obstacles) if (ob.Contains(p)) return true; return false; }
        var probes = new List<(Vec3 P, bool Far)>();
        foreach (var ring in Rings(fir))
        {
            for (int i = 0; i < ring.Length; i++)
            {
                var a = ring[i]; var b = ring[(i + 1) % ring.Length]; var prev = ring[(i + ring.Length - 1) % ring.Length];
                var n = -a.Cross(b).Normalize(); var nPrev = -prev.Cross(a).Normalize();
                var mid = Slerp(a, b, 0.5);
                var directions = new[] { (mid, n), (a, n), (a, nPrev), (a, (n + nPrev).Norm2 > 1e-12 ? (n + nPrev).Normalize() : n) };
                foreach (var (origin, dir) in directions)
                {
                    var t = (dir - dir.Dot(origin) * origin);
                    if (t.Norm2 < 1e-24) continue;
                    t = t.Normalize();
                    foreach (double f in new[] { 0.3, 0.9, 0.999 })
                    {
                        var (s, c) = Math.SinCos(f * d);
                        probes.Add((c * origin + s * t, false));
                    }
                    {
                        var (s, c) = Math.SinCos(r * 1.001 + 2 * SnapToleranceRad);
                        probes.Add((c * origin + s * t, true));
                    }
                }
            }
        }
        var probeDist = probes.AsParallel().AsOrdered().Select(x => DistanceToClosure(x.P, fir)).ToList();
        int near = 0, far = 0;
        for (int k = 0; k < probes.Count; k++)
        {
            var (p, isFar) = probes[k];
            double dist = probeDist[k];
            if (!isFar)
            {
                if (dist == 0 || dist > d * (1 - 1e-6) - SnapToleranceRad) continue; // inside the closure, or not nearer than d
                Assert.That(Inside(p), Is.True, $"{id} at {bufferNm} NM: {p.ToGeo()} is {dist * KmPerRad:F6} km from the closure but outside the obstacle");
                near++;
            }
            else
            {
                if (dist <= r + SnapToleranceRad) continue;
                Assert.That(Inside(p), Is.False, $"{id} at {bufferNm} NM: {p.ToGeo()} is {dist * KmPerRad:F6} km from the closure (R {r * KmPerRad:F6} km) but inside the obstacle");
                far++;
            }
        }
        Assert.That(near, Is.GreaterThan(vertices / 4), "enough probes nearer than d");
        Assert.That(far, Is.GreaterThan(0), "some probes beyond R");
    }
}
