using AirspaceSim.Airspaces;
using AirspaceSim.Spherical;
using static AirspaceSim.Tests.Routing.SphereTestGeometry;

namespace AirspaceSim.Tests.Routing;

/// <summary>
/// Independent reference for the strict rule of a route end inside a buffer band (docs/design.md): the end E is joined
/// by one straight leg that crosses no closure, enters no other buffered obstacle, and leaves E's band at most once;
/// the rest of the route keeps out of every buffered obstacle. Shares nothing with the planner but the exact
/// orientation predicate and polygon containment.
/// </summary>
/// <remarks>
/// The point where the straight leg's route first turns may be anywhere outside the bands, so it is sampled: every
/// vertex of the buffered boundaries, and points every <see cref="SpacingRad"/> along the band's own edges, set
/// 1e-10 rad outside. For each candidate c with a valid leg E→c, the rest is the free-space shortest path from c
/// (<see cref="BruteForceShortestPath"/> on the buffered boundaries: a direct segment, or one to a vertex plus that
/// vertex's Dijkstra distance). A leg E→c is valid iff it properly crosses no closure edge and no other obstacle's
/// buffered edge (exact, unperturbed orientations), properly crosses the band's buffered edges at most once, and of
/// <see cref="LegSamples"/> points none is inside a closure or another buffered obstacle and none is inside the band
/// after one outside it. The result is at least the exact optimum of the rule and exceeds it by at most the sampling:
/// the nearest sample on the visible side of the exit lies at most one spacing δ away along the edge, and moving the
/// exit by δ lengthens the route by at most 2δ: the excess is at most <see cref="ExcessBoundRad"/> = 2 <see cref="SpacingRad"/>.

/// </remarks>
internal sealed class BandEndBruteForce
{
    /// <summary>The default spacing of the samples along the band's edges (1.3 km).</summary>
    public const double DefaultSpacingRad = 2e-4;

    /// <summary>The spacing of the samples along the band's edges, and the bound on the brute force's excess.</summary>
    public double SpacingRad { get; }

    /// <summary>The most by which the brute force can exceed the rule's exact optimum: twice the spacing.</summary>
    public double ExcessBoundRad => 2 * SpacingRad;
    private const int LegSamples = 256;
    private const double OutsideRad = 1e-10;

    private readonly Airspace[] _closures;
    private readonly Airspace[] _buffered;
    private readonly IReadOnlyList<IReadOnlyList<Vec3[]>> _loops;
    private readonly BruteForceShortestPath _free;

    /// <summary>The free-space solver (to share with a finer instance).</summary>
    public BruteForceShortestPath Free => _free;

    public BandEndBruteForce(Airspace[] closures, IReadOnlyList<IReadOnlyList<Vec3[]>> bufferedLoops, Airspace[] buffered,
        double spacingRad = DefaultSpacingRad, BruteForceShortestPath? free = null)
    {
        SpacingRad = spacingRad;
        _closures = closures;
        _loops = bufferedLoops;
        _buffered = buffered;
        _free = free ?? new BruteForceShortestPath(buffered);
    }

    /// <summary>The buffered obstacles as polygons.</summary>
    public Airspace[] Buffered => _buffered;

    /// <summary>The buffered obstacle whose interior holds p (beyond the sample tolerance), or -1.</summary>
    public int BandOf(in Vec3 p)
    {
        for (int k = 0; k < _buffered.Length; k++) if (InsideBeyondTolerance(p, _buffered[k])) return k;
        return -1;
    }

    private bool InsideClosure(in Vec3 p)
    {
        foreach (var a in _closures) if (InsideBeyondTolerance(p, a)) return true;
        return false;
    }

    /// <summary>Whether the straight leg from e (inside band k) to c obeys the strict rule.</summary>
    public bool ValidLeg(in Vec3 e, in Vec3 c, int k)
    {
        if (e == c || Predicates.NearlyAntipodal(e, c)) return false;
        foreach (var a in _closures)
            foreach (var ring in Rings(a))
                for (int i = 0; i < ring.Length; i++)
                    if (ProperlyCrossesExactly(e, c, ring[i], ring[(i + 1) % ring.Length])) return false;
        int bandCrossings = 0;
        for (int b = 0; b < _loops.Count; b++)
            foreach (var ring in _loops[b])
                for (int i = 0; i < ring.Length; i++)
                    if (ProperlyCrossesExactly(e, c, ring[i], ring[(i + 1) % ring.Length]))
                    {
                        if (b != k || ++bandCrossings > 1) return false;
                    }
        bool left = false;
        for (int s = 1; s < LegSamples; s++)
        {
            var p = Slerp(e, c, (double)s / LegSamples);
            if (InsideClosure(p)) return false;
            for (int b = 0; b < _buffered.Length; b++)
            {
                if (b == k) continue;
                if (InsideBeyondTolerance(p, _buffered[b])) return false;
            }
            bool inBand = _buffered[k].Region.Contains(p);
            if (left && InsideBeyondTolerance(p, _buffered[k])) return false;
            if (!inBand) left = true;
        }
        return true;
    }

    /// <summary>Candidate first turning points for an end in band k: every buffered vertex, and the band's edges sampled.</summary>
    private IEnumerable<Vec3> Candidates(int k)
    {
        foreach (var v in _free.Vertices) yield return v;
        foreach (var ring in _loops[k])
            for (int i = 0; i < ring.Length; i++)
            {
                Vec3 a = ring[i], b = ring[(i + 1) % ring.Length];
                var outward = -a.Cross(b).Normalize(); // the obstacle is on the left of its edges
                int m = Math.Max(4, (int)Math.Ceiling(Vec3.Angle(a, b) / SpacingRad));
                for (int j = 1; j < m; j++)
                    yield return (Slerp(a, b, (double)j / m) + OutsideRad * outward).Normalize();
            }
    }

    /// <summary>Shortest length in radians under the strict rule from e (inside a band) to t (outside every band), +∞
    /// if none. <paramref name="upperBoundRad"/> is the length of a route known to obey the rule (e.g. a coarser brute
    /// force's answer, never the planner's): the answer is then the smaller of the two, found with fewer candidates.</summary>
    /// <remarks>The candidates are taken in the order of their lower bound |ec| + |ct| and the scan stops at the first
    /// whose bound reaches the best route so far: every later one has a larger bound, so none can beat it, and the
    /// minimum is the one over all candidates (the same value as scanning them all; only fewer legs are checked).</remarks>
    public double Shortest(in Vec3 e, in Vec3 t, double upperBoundRad = double.PositiveInfinity)
    {
        int k = BandOf(e);
        if (k < 0 || InsideClosure(e) || BandOf(t) >= 0) throw new ArgumentException("e must be in a band, t outside every obstacle");
        var toT = _free.DistancesTo(t);
        var verts = _free.Vertices;
        double best = ValidLeg(e, t, k) ? Math.Min(upperBoundRad, Vec3.Angle(e, t)) : upperBoundRad;
        Vec3 ee = e, tt = t;
        var ordered = Candidates(k).Select(c => (C: c, Leg: Vec3.Angle(ee, c), Bound: Vec3.Angle(ee, c) + Vec3.Angle(c, tt)))
            .Where(x => x.Bound < best).OrderBy(x => x.Bound).ToArray();
        foreach (var (c, leg, bound) in ordered)
        {
            if (bound >= best) break; // sorted: no later candidate can beat the best
            double rest = _free.SegmentLength(c, t);
            for (int i = 0; i < verts.Count; i++)
            {
                double lb = Vec3.Angle(c, verts[i]) + toT[i];
                if (leg + lb >= best || lb >= rest) continue;
                double seg = _free.SegmentLength(c, verts[i]);
                if (seg + toT[i] < rest) rest = seg + toT[i];
            }
            if (leg + rest >= best || !ValidLeg(e, c, k)) continue;
            best = leg + rest;
        }
        return best;
    }
}
