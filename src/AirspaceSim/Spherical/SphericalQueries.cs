using System.Runtime.InteropServices;
using AirspaceSim.Geodesy;

namespace AirspaceSim.Spherical;

/// <summary>
/// One stretch of a great-circle route strictly inside a <see cref="SphericalRegion"/>.
/// </summary>
/// <param name="Entry">Where the stretch begins: the route's start if <paramref name="StartsInside"/>, else the exact
/// intersection of the route with a boundary edge.</param>
/// <param name="Exit">Where the stretch ends: the route's end if <paramref name="EndsInside"/>, else a boundary crossing.</param>
/// <param name="EntryFraction">Position of <paramref name="Entry"/> along the route, as a fraction (0..1) of its angle.</param>
/// <param name="ExitFraction">Position of <paramref name="Exit"/> along the route, as a fraction (0..1) of its angle.</param>
/// <param name="LengthRad">Angle in radians from entry to exit along the route (unit sphere).</param>
/// <param name="StartsInside">The stretch begins at the route's start: the start is inside, or it lies on the boundary
/// and the route heads inwards.</param>
/// <param name="EndsInside">The stretch runs up to the route's end.</param>
public readonly record struct RouteInterval(
    Vec3 Entry, Vec3 Exit, double EntryFraction, double ExitFraction, double LengthRad, bool StartsInside, bool EndsInside);

/// <summary>The nearest point of a region's boundary to a query point.</summary>
/// <param name="Radians">Angular distance on the unit sphere (≥ 0); +∞ for a region without polygons.</param>
/// <param name="Nearest">The nearest boundary point.</param>
/// <param name="Part">Index of the polygon in <see cref="SphericalRegion.Polygons"/>.</param>
/// <param name="Hole">−1 for the polygon's shell, else the index of the hole.</param>
/// <param name="Edge">Edge index in that loop: edge i joins <see cref="SphericalLoop.Vertices"/>[i] to vertex i + 1
/// (loops are stored counter-clockwise, so this may be reversed with respect to the input ring).</param>
public readonly record struct BoundaryDistance(double Radians, Vec3 Nearest, int Part, int Hole, int Edge);

public sealed partial class SphericalRegion
{
    /// <summary>Intervals shorter than this (radians, about 6 µm on the Earth) are touches; gaps shorter than this
    /// between consecutive intervals (shared edges of multipolygon parts, vertex touches from inside) are closed.</summary>
    public const double MergeToleranceRad = 1e-12;

    // Offset across a boundary edge that a route runs along, used to decide whether that stretch is interior to the
    // union (an edge shared by two parts) or boundary (not inside).
    private const double CollinearProbeRad = 1e-9;

    private readonly SphericalLoop[] _loops;       // every loop: for polygon k, its shell then its holes
    private readonly int[] _loopPolygon;           // polygon index of each loop
    private readonly int[] _loopHole;              // −1 for a shell, else hole index
    private readonly int[] _polyStart;             // loops of polygon k are _polyStart[k] .. _polyStart[k + 1] − 1

    /// <summary>Centre of a cap holding the whole region.</summary>
    public Vec3 Center { get; }

    /// <summary>Angular radius in radians of a cap around <see cref="Center"/> holding the whole region; queries
    /// outside it return at once.</summary>
    public double CapRadiusRad { get; }

    private readonly double _capCos;

    private static void Prepare(IReadOnlyList<SphericalPolygon> polygons, out SphericalLoop[] loops, out int[] loopPolygon,
        out int[] loopHole, out int[] polyStart, out Vec3 center, out double cap)
    {
        var l = new List<SphericalLoop>(); var lp = new List<int>(); var lh = new List<int>();
        polyStart = new int[polygons.Count + 1];
        for (int k = 0; k < polygons.Count; k++)
        {
            polyStart[k] = l.Count;
            var poly = polygons[k] ?? throw new ArgumentException("null polygon", nameof(polygons));
            l.Add(poly.Shell); lp.Add(k); lh.Add(-1);
            for (int h = 0; h < poly.Holes.Count; h++) { l.Add(poly.Holes[h]); lp.Add(k); lh.Add(h); }
        }
        polyStart[polygons.Count] = l.Count;
        loops = l.ToArray(); loopPolygon = lp.ToArray(); loopHole = lh.ToArray();
        var sum = new Vec3(0, 0, 0);
        foreach (var loop in loops) sum += loop.Center;
        center = sum.Norm2 > 1e-20 ? sum.Normalize() : loops.Length > 0 ? loops[0].Center : new Vec3(0, 0, 1);
        cap = 0;
        foreach (var loop in loops) cap = Math.Max(cap, Vec3.Angle(center, loop.Center) + loop.CapRadiusRad);
        cap = CapBound.Pad(cap);
        // The caps bound the rings; a shell whose inside reaches beyond its ring's cap (it holds the antipode of the ring's
        // centre: a near-hemisphere ring, or the larger side asked for with "interior") bounds nothing.
        foreach (var poly in polygons) if (poly.Shell.Contains(-poly.Shell.Center)) cap = Math.PI;
    }

    /// <summary>
    /// The stretches of the great-circle route <paramref name="a"/>→<paramref name="b"/> (the shorter arc) that lie
    /// strictly inside the region, in order along the route.
    /// </summary>
    /// <remarks>
    /// Entries and exits are found with the exact predicates (symbolic perturbation settles a route through a vertex),
    /// so the result agrees with <see cref="Contains(in Vec3)"/>. Touching the boundary at a vertex, or running along a
    /// boundary edge, is not entering; a stretch along an edge shared by two parts is inside. Consecutive stretches
    /// that meet (within <see cref="MergeToleranceRad"/>) are merged, so crossing the seam between two parts of a
    /// multipolygon gives one stretch; stretches shorter than that tolerance are dropped. A route that misses the
    /// bounding cap returns without allocating; a zero-length route (a = b) has no stretches.
    /// </remarks>
    /// <exception cref="ArgumentException">The endpoints are antipodal.</exception>
    public IReadOnlyList<RouteInterval> CrossRoute(in Vec3 a, in Vec3 b)
    {
        if (a == b) return Array.Empty<RouteInterval>();
        if (Predicates.NearlyAntipodal(a, b))
            throw new ArgumentException($"route from {a.ToGeo()} to {b.ToGeo()}: endpoints are antipodal " +
                                        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"(within {Predicates.AntipodalToleranceRad} rad), the great circle is undefined"));
        var route = new GreatCircleArc(a, b);
        var crosser = new EdgeCrosser(a, b);
        if (route.Length <= 0 || !crosser.MayHitCap(Center, _capCos)) return Array.Empty<RouteInterval>();

        var sc = Scratch.Get(_loops.Length, _polyStart.Length - 1);
        bool anyLoop = false;
        for (int j = 0; j < _loops.Length; j++)
        {
            var loop = _loops[j];
            if (!crosser.MayHitCap(loop.Center, loop.CapCos)) { sc.State[j] = false; continue; }
            anyLoop = true;
            int vi = loop.IndexOfVertex(a);
            sc.State[j] = vi >= 0 ? loop.WedgePointsInside(vi, b) : loop.Contains(a);
            CollectCrossings(loop, j, route, crosser, sc);
        }
        if (!anyLoop) return Array.Empty<RouteInterval>();

        var events = CollectionsMarshal.AsSpan(sc.Events);
        events.Sort(static (x, y) => x.S.CompareTo(y.S));

        // Sweep: per-loop parity, per-polygon "in shell and in no hole", region = any polygon.
        int insideCount = 0;
        for (int k = 0; k + 1 < _polyStart.Length; k++)
        {
            int start = _polyStart[k], end = _polyStart[k + 1];
            sc.ShellIn[k] = sc.State[start];
            int holes = 0;
            for (int j = start + 1; j < end; j++) if (sc.State[j]) holes++;
            sc.HolesIn[k] = holes;
            if (sc.ShellIn[k] && holes == 0) insideCount++;
        }
        var pieces = sc.Pieces;
        bool inside = insideCount > 0;
        var open = inside ? new Piece(0, a, true) : default;
        foreach (ref readonly var ev in events)
        {
            int j = ev.Loop, k = _loopPolygon[j];
            bool before = sc.ShellIn[k] && sc.HolesIn[k] == 0;
            bool st = sc.State[j] = !sc.State[j];
            if (_loopHole[j] < 0) sc.ShellIn[k] = st; else sc.HolesIn[k] += st ? 1 : -1;
            bool after = sc.ShellIn[k] && sc.HolesIn[k] == 0;
            if (before != after) insideCount += after ? 1 : -1;
            bool now = insideCount > 0;
            if (now == inside) continue;
            if (now) open = new Piece(ev.S, ev.X, ev.End < 0);
            else pieces.Add(open.Close(ev.S, ev.X, ev.End > 0));
            inside = now;
        }
        if (inside) pieces.Add(open.Close(route.Length, b, true));

        if (sc.Overlaps.Count > 0) ResolveCollinear(route, sc);
        return Finish(route, pieces);
    }

    /// <summary>The stretches of the great-circle route between two geographic points strictly inside the region.</summary>
    public IReadOnlyList<RouteInterval> CrossRoute(GeoPoint from, GeoPoint to) => CrossRoute(Vec3.FromGeo(from), Vec3.FromGeo(to));

    /// <summary>
    /// The nearest point of the boundary (all shells and holes of all parts) to <paramref name="p"/>: the minimum over
    /// edges of the point–arc distance (perpendicular foot when it lies on the arc, else the nearer endpoint).
    /// Always ≥ 0 whether <paramref name="p"/> is inside or outside; combine with <see cref="Contains(in Vec3)"/> for
    /// a signed distance. Loops, edge blocks and edges whose caps cannot beat the best distance so far are skipped.
    /// </summary>
    public BoundaryDistance DistanceToBoundary(in Vec3 p)
    {
        double best = double.PositiveInfinity;
        var nearest = p;
        int bestLoop = -1, bestEdge = -1;
        for (int j = 0; j < _loops.Length; j++)
        {
            var loop = _loops[j];
            if (Vec3.Angle(p, loop.Center) - loop.CapRadiusRad >= best) continue;
            var index = loop.Index;
            var edges = index.Edges;
            for (int k = 0; k < index.BlockCount; k++)
            {
                var (bc, br) = index.BlockCap(k);
                if (Vec3.Angle(p, bc) - br >= best) continue;
                var (start, end) = index.BlockEdges(k);
                for (int i = start; i < end; i++)
                {
                    ref readonly var e = ref edges[i];
                    if (Vec3.Angle(p, e.Mid) - e.Half - CapBound.CapSlack >= best) continue;
                    double d = e.Distance(p, out var near);
                    if (d < best) { best = d; nearest = near; bestLoop = j; bestEdge = i; }
                }
            }
        }
        return bestLoop < 0
            ? new BoundaryDistance(double.PositiveInfinity, p, -1, -1, -1)
            : new BoundaryDistance(best, nearest, _loopPolygon[bestLoop], _loopHole[bestLoop], bestEdge);
    }

    /// <summary>The nearest boundary point to a geographic point; see <see cref="DistanceToBoundary(in Vec3)"/>.</summary>
    public BoundaryDistance DistanceToBoundary(GeoPoint p) => DistanceToBoundary(Vec3.FromGeo(p));

    private static bool OnGreatCircle(in Vec3 a, in Vec3 b, in Vec3 c) =>
        Predicates.TriageSign(a, b, c) == 0 && Predicates.UnperturbedSign(a, b, c) == 0;

    private static void CollectCrossings(SphericalLoop loop, int id, in GreatCircleArc route, in EdgeCrosser crosser, Scratch sc)
    {
        var v = loop.Vertices;
        var index = loop.Index;
        var edges = index.Edges;
        int n = v.Length;
        var a = route.A; var b = route.B;
        for (int k = 0; k < index.BlockCount; k++)
        {
            if (!index.MayBeHit(k, crosser)) continue;
            var (start, end) = index.BlockEdges(k);
            for (int i = start; i < end; i++)
            {
                var c = v[i]; var d = v[i + 1 == n ? 0 : i + 1];
                int cs = Predicates.CrossingSign(a, b, c, d);
                bool collinear = OnGreatCircle(a, b, c) && OnGreatCircle(a, b, d);
                if (collinear)
                {
                    // The route runs along this edge's great circle: whatever the perturbed parity says, the shared
                    // stretch is settled afterwards; a perturbed crossing is placed inside that stretch.
                    var (o0, o1) = AddOverlaps(route, c, d, sc.Overlaps);
                    if (cs > 0)
                    {
                        double s = 0.5 * (o0 + o1);
                        sc.Events.Add(new Event(s, route.PointAt(s), id, 0));
                    }
                }
                else if (cs > 0)
                {
                    sc.Events.Add(MakeEvent(route, edges[i], c, d, id));
                }
            }
        }
    }

    private static Event MakeEvent(in GreatCircleArc route, in GreatCircleArc edge, in Vec3 c, in Vec3 d, int id)
    {
        // Exact degeneracies first: an endpoint of the route on the edge, or an edge vertex on the route.
        if (OnGreatCircle(c, d, route.A)) return new Event(0, route.A, id, -1);
        if (OnGreatCircle(c, d, route.B)) return new Event(route.Length, route.B, id, 1);
        Vec3 x;
        if (OnGreatCircle(route.A, route.B, c)) x = c;
        else if (OnGreatCircle(route.A, route.B, d)) x = d;
        else x = GreatCircleArc.Intersection(route, edge);
        return new Event(Math.Clamp(route.AngleAlong(x), 0, route.Length), x, id, 0);
    }

    // Adds the stretch of the route covered by an edge on the same great circle; returns the (first) stretch.
    private static (double, double) AddOverlaps(in GreatCircleArc route, in Vec3 c, in Vec3 d, List<(double, double)> overlaps)
    {
        double sc = route.AngleAlong(c), sd = route.AngleAlong(d);
        double delta = sd - sc;
        if (delta > Math.PI) delta -= 2 * Math.PI; else if (delta <= -Math.PI) delta += 2 * Math.PI;
        double lo = Math.Min(sc, sc + delta), hi = Math.Max(sc, sc + delta);
        (double, double) first = (0, 0);
        bool found = false;
        for (int shift = -1; shift <= 1; shift++)
        {
            double o0 = Math.Max(lo + shift * 2 * Math.PI, 0), o1 = Math.Min(hi + shift * 2 * Math.PI, route.Length);
            if (o0 > o1) continue;
            overlaps.Add((o0, o1));
            if (!found) { first = (o0, o1); found = true; }
        }
        return first;
    }

    // Stretches where the route runs along boundary edges: split at every overlap end and decide each elementary
    // stretch by probing both sides of the route; interior to the union (a shared edge) joins, boundary leaves.
    private void ResolveCollinear(in GreatCircleArc route, Scratch sc)
    {
        var cuts = new List<double>(2 * sc.Overlaps.Count);
        foreach (var (o0, o1) in sc.Overlaps) { cuts.Add(o0); cuts.Add(o1); }
        cuts.Sort();
        for (int i = 0; i + 1 < cuts.Count; i++)
        {
            double s0 = cuts[i], s1 = cuts[i + 1];
            if (s1 <= s0) continue;
            double mid = 0.5 * (s0 + s1);
            bool covered = false;
            foreach (var (o0, o1) in sc.Overlaps) if (o0 <= mid && mid <= o1) { covered = true; break; }
            if (!covered) continue;
            var m = route.PointAt(mid);
            bool interior = Contains((m + CollinearProbeRad * route.N).Normalize()) &&
                            Contains((m - CollinearProbeRad * route.N).Normalize());
            var p0 = new Piece(s0, route.PointAt(s0), s0 == 0);
            var piece = p0.Close(s1, route.PointAt(s1), s1 == route.Length);
            if (interior) Union(sc.Pieces, piece); else Subtract(sc.Pieces, piece);
        }
    }

    private static void Union(List<Piece> pieces, Piece add)
    {
        int i = 0;
        while (i < pieces.Count && pieces[i].S0 < add.S0) i++;
        pieces.Insert(i, add);
        // Fold overlapping neighbours (the general merge in Finish closes touching ones).
        var result = new List<Piece>(pieces.Count);
        foreach (var p in pieces)
        {
            if (result.Count > 0 && p.S0 <= result[^1].S1)
            {
                if (p.S1 > result[^1].S1) result[^1] = result[^1] with { S1 = p.S1, X1 = p.X1, AtEnd = p.AtEnd };
            }
            else result.Add(p);
        }
        pieces.Clear(); pieces.AddRange(result);
    }

    private static void Subtract(List<Piece> pieces, Piece cut)
    {
        var result = new List<Piece>(pieces.Count + 1);
        foreach (var p in pieces)
        {
            if (p.S1 <= cut.S0 || p.S0 >= cut.S1) { result.Add(p); continue; }
            if (p.S0 < cut.S0) result.Add(p with { S1 = cut.S0, X1 = cut.X0, AtEnd = false });
            if (p.S1 > cut.S1) result.Add(p with { S0 = cut.S1, X0 = cut.X1, AtStart = false });
        }
        pieces.Clear(); pieces.AddRange(result);
    }

    private static IReadOnlyList<RouteInterval> Finish(in GreatCircleArc route, List<Piece> pieces)
    {
        // Merge stretches that meet, then drop touches.
        int w = 0;
        for (int r = 0; r < pieces.Count; r++)
        {
            var p = pieces[r];
            if (w > 0 && p.S0 - pieces[w - 1].S1 <= MergeToleranceRad)
            {
                var q = pieces[w - 1];
                if (p.S1 >= q.S1) pieces[w - 1] = q with { S1 = p.S1, X1 = p.X1, AtEnd = p.AtEnd };
                continue;
            }
            pieces[w++] = p;
        }
        int count = 0;
        for (int i = 0; i < w; i++) if (pieces[i].S1 - pieces[i].S0 > MergeToleranceRad) count++;
        if (count == 0) return Array.Empty<RouteInterval>();
        var result = new RouteInterval[count];
        double len = route.Length;
        int o = 0;
        for (int i = 0; i < w; i++)
        {
            var p = pieces[i];
            if (p.S1 - p.S0 <= MergeToleranceRad) continue;
            result[o++] = new RouteInterval(p.X0, p.X1, p.AtStart ? 0 : p.S0 / len, p.AtEnd ? 1 : Math.Min(p.S1 / len, 1),
                p.S1 - p.S0, p.AtStart, p.AtEnd);
        }
        return result;
    }

    /// <summary>A boundary crossing at angle S from the route's start; End is −1 at the start, +1 at the end.</summary>
    private readonly record struct Event(double S, Vec3 X, int Loop, sbyte End);

    private readonly record struct Piece(double S0, Vec3 X0, bool AtStart, double S1, Vec3 X1, bool AtEnd)
    {
        public Piece(double s0, Vec3 x0, bool atStart) : this(s0, x0, atStart, 0, default, false) { }
        public Piece Close(double s1, Vec3 x1, bool atEnd) => this with { S1 = s1, X1 = x1, AtEnd = atEnd };
    }

    /// <summary>Per-thread working storage so that a query allocates nothing but its result.</summary>
    private sealed class Scratch
    {
        [ThreadStatic] private static Scratch? t_instance;
        public readonly List<Event> Events = new();
        public readonly List<Piece> Pieces = new();
        public readonly List<(double, double)> Overlaps = new();
        public bool[] State = [];
        public bool[] ShellIn = [];
        public int[] HolesIn = [];

        public static Scratch Get(int loops, int polygons)
        {
            var s = t_instance ??= new Scratch();
            if (s.State.Length < loops) s.State = new bool[loops];
            if (s.ShellIn.Length < polygons) { s.ShellIn = new bool[polygons]; s.HolesIn = new int[polygons]; }
            s.Events.Clear(); s.Pieces.Clear(); s.Overlaps.Clear();
            return s;
        }
    }
}
