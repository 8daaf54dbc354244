using System.Runtime.CompilerServices;

namespace AirspaceSim.Spherical;

// Notation: p→q is the query arc (a route, a leg, a ray to a reference point); n = p × q its raw normal, whose dot
// product with x is the very determinant Predicates.Sign(p, q, x) evaluates; n̂ its unit normal from the robust product
// (p − q) × (p + q) = 2 p × q; a cap is (centre c, angular radius r), tested through cos(r + CapSlack).

/// <summary>
/// A fixed arc p→q prepared for crossing tests against many edges, after S2's <c>S2EdgeCrosser</c>: the side of each
/// chain vertex is computed once and shared by the two edges meeting there, and only edges whose ends lie on opposite
/// sides get the rest of the exact test. Every proper-crossing count in the library (loop containment, route
/// blocking, visibility) goes through <see cref="ChainCrossings"/>.
/// </summary>
/// <remarks>
/// The arc must not be antipodal (<see cref="Predicates.NearlyAntipodal"/>), as for <see cref="Predicates.CrossingSign"/>.
/// The unit normal n̂ is formed from (p − q) × (p + q): near p = q the difference and near p = −q the sum is computed
/// almost exactly (Sterbenz), so n̂ keeps a relative error of a few ulps for every arc, however short or long. The cap
/// prefilter therefore needs no condition on the arc (with the naive p × q, an arc 1e-9 rad short of a half circle has
/// a normal 1e-7 rad off, a hundred times the cap slack). A zero-length arc has n̂ = 0, and then
/// <see cref="MayHitCap"/> returns true: it never prunes.
/// </remarks>
internal readonly struct EdgeCrosser
{
    /// <summary>The ends of the arc.</summary>
    public readonly Vec3 P, Q;
    /// <summary>Raw normal p × q: <see cref="Side"/> is the exact-sign determinant of <see cref="Predicates.Sign"/>.</summary>
    public readonly Vec3 N;
    /// <summary>Unit normal (0 for a zero-length arc), for the cap prefilter.</summary>
    public readonly Vec3 Nh;

    public EdgeCrosser(in Vec3 p, in Vec3 q)
    {
        P = p; Q = q;
        N = p.Cross(q);
        var r = (p - q).Cross(p + q);
        double len = r.Norm;
        Nh = len > 0 ? (1 / len) * r : default;
    }

    /// <summary>Exactly <see cref="Predicates.Sign"/>(p, q, x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Side(in Vec3 x) => Predicates.SideOfArc(P, Q, N, x);

    /// <summary>
    /// False only if the arc certainly misses the cap of centre <paramref name="c"/> whose radius has cosine
    /// <paramref name="cosR"/> (<see cref="CapBound.CapCos"/>, which adds <see cref="CapBound.CapSlack"/>; 0 for caps
    /// of 90° or more, never pruned). Trigonometry-free.
    /// </summary>
    /// <remarks>
    /// Either an end lies in the cap, or the great circle comes within r of c (|c·n̂| ≤ sin r) and its point nearest to
    /// c lies on the arc: along a great circle the distance to c has one minimum (the foot) and one maximum (its
    /// antipode), so if the foot is off the arc the nearest point of the arc is an end. n̂'s error (a few ulps) is far
    /// inside the slack.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayHitCap(in Vec3 c, double cosR)
    {
        if (cosR <= 0) return true;
        if (P.Dot(c) >= cosR || Q.Dot(c) >= cosR) return true;
        double cn = c.Dot(Nh);
        if (cn * cn > 1 - cosR * cosR) return false;
        return Nh.Cross(P).Dot(c) >= 0 && Q.Cross(Nh).Dot(c) >= 0;
    }

    /// <summary>
    /// Proper crossings of the arc with the chain of <paramref name="count"/> edges ring[first] → ring[first + 1] → …
    /// (indices modulo the ring's length); at most 1 when <paramref name="stopAtFirst"/>. Exact (symbolic perturbation
    /// settles a chain vertex on the arc's great circle); an edge that shares an end with the arc touches it and never
    /// counts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ChainCrossings(ReadOnlySpan<Vec3> ring, int first, int count, bool stopAtFirst)
    {
        int n = ring.Length, crossings = 0, i = first;
        int sa = Side(ring[i]);
        for (int e = 0; e < count; e++)
        {
            int j = i + 1 == n ? 0 : i + 1;
            int sb = Side(ring[j]);
            if (sa != sb && Predicates.CrossingSignWithSides(P, Q, ring[i], ring[j], sa, sb) > 0)
            {
                crossings++;
                if (stopAtFirst) return crossings;
            }
            i = j; sa = sb;
        }
        return crossings;
    }

    /// <summary>Exactly the unperturbed sign of (p × q) · x: 0 when x lies on the arc's great circle.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ExactSide(in Vec3 x)
    {
        double det = N.Dot(x);
        return det > Predicates.MaxDeterminantError ? 1 : det < -Predicates.MaxDeterminantError ? -1 : Predicates.UnperturbedSign(P, Q, x);
    }

    /// <summary>
    /// True if the arc passes through the open region to the left of the chain of <paramref name="count"/> edges
    /// ring[first] → ring[first + 1] → … of a ring whose interior lies to the left of its edges. Exact, without symbolic
    /// perturbation: touching a vertex, running along an edge, or ending on the boundary is not entering (the boundary
    /// is flyable); an arc through a vertex or from a boundary point enters when its direction there points strictly
    /// into the interior.
    /// </summary>
    /// <remarks>
    /// Every way in is one of three contacts, each decided exactly: a proper crossing of an edge at a point interior to
    /// both (the four orientations all nonzero); a ring vertex on the closed arc, with the arc's direction there (towards
    /// q, and back towards p) strictly inside the interior wedge; an end of the arc in the interior of an edge, with the
    /// other end strictly on the interior side. Between contacts the arc stays in one region, so no other way in exists.
    /// The blocks that call this skip only edges whose cap the arc misses, and vertex i is tested with edge i, so every
    /// vertex on the arc is seen.
    /// </remarks>
    /// <param name="ring">The ring's vertices.</param>
    /// <param name="first">The first edge of the chain.</param>
    /// <param name="count">Edges in the chain.</param>
    /// <param name="interiorRight">The interior is to the right of the edges instead (a hole loop of a
    /// <see cref="SphericalPolygon"/>, which encloses the hole): the same test on the reversed ring.</param>
    /// <param name="touch">Points where this ring meets another ring of its polygon (a hole touching the shell or
    /// another hole at a point; <see cref="SphericalPolygon.TouchPoints"/>): contacts there are not decided here, since
    /// the polygon's area near such a point is not this ring's side alone; the caller decides them with every ring
    /// (<see cref="SphericalPolygon.OpensToward"/>). Empty for everything but the planner's report of crossed closures.</param>
    public bool ChainEnters(ReadOnlySpan<Vec3> ring, int first, int count, bool interiorRight = false, ReadOnlySpan<Vec3> touch = default)
    {
        if (P == Q) return false;
        int n = ring.Length, i = first;
        int sa = ExactSide(ring[i]);
        for (int e = 0; e < count; e++)
        {
            int j = i + 1 == n ? 0 : i + 1;
            int sb = ExactSide(ring[j]);
            if (sa == 0) { if (VertexEnters(ring, i, interiorRight) && (touch.IsEmpty || touch.IndexOf(ring[i]) < 0)) return true; }
            else if (sb != 0 && sa != sb &&
                     (interiorRight ? EdgeEnters(ring[j], ring[i], sb) : EdgeEnters(ring[i], ring[j], sa)) &&
                     (touch.IsEmpty || !ContactAtTouch(ring[i], ring[j], touch))) return true;
            i = j; sa = sb;
        }
        return false;
    }

    /// <summary>True if <paramref name="v"/> lies on the closed arc p→q (exactly, without perturbation).</summary>
    public bool OnClosedArc(in Vec3 v) => ExactSide(v) == 0 && OnArc(v);

    // The arc meets edge c→d (both ends strictly off the arc's great circle) at one point: is it a touch point? The touch
    // point is then on the arc and inside the edge.
    private bool ContactAtTouch(in Vec3 c, in Vec3 d, ReadOnlySpan<Vec3> touch)
    {
        foreach (var t in touch)
            if (OnClosedArc(t) && Predicates.StrictlyInsideArc(c, d, new GreatCircleArc(c, d).N, t)) return true;
        return false;
    }

    // v lies on the great circle: on the closed arc p→q?  On the circle, (p × v)·n̂ has the sign of the turn from p to v
    // along the arc, and is far from 0 unless v = ±p, so the exact sign with the rounded n̂ is the true one.
    private bool OnArc(in Vec3 v) =>
        v == P || v == Q || (Predicates.UnperturbedSign(P, v, Nh) > 0 && Predicates.UnperturbedSign(v, Q, Nh) > 0);

    private bool VertexEnters(ReadOnlySpan<Vec3> ring, int i, bool reversed)
    {
        var v = ring[i];
        if (!OnArc(v)) return false;
        int n = ring.Length;
        var prev = ring[i == 0 ? n - 1 : i - 1];
        var next = ring[i + 1 == n ? 0 : i + 1];
        if (reversed) (prev, next) = (next, prev);
        return (v != Q && Predicates.StrictlyInsideWedge(prev, v, next, Q)) ||
               (v != P && Predicates.StrictlyInsideWedge(prev, v, next, P));
    }

    // Edge c→d with its ends strictly on opposite sides (side of c = sc) of the arc's great circle.
    private bool EdgeEnters(in Vec3 c, in Vec3 d, int sc)
    {
        int tp = Predicates.UnperturbedSign(c, d, P), tq = Predicates.UnperturbedSign(c, d, Q);
        // S2's rule with exact, nonzero orientations: ACB = BDA = CBD = DAC.
        if (tp != 0 && tq != 0) return tq == sc && tp == -sc;
        // One end of the arc on the edge's great circle (not both: then c and d would be on the arc's circle). The edge
        // meets the arc's great circle once, and at that end exactly when the end lies within the edge: the arc then
        // starts (or ends) on the boundary, and enters iff its other end is on the interior (left) side.
        if (!Predicates.StrictlyInsideArc(c, d, new GreatCircleArc(c, d).N, tp == 0 ? P : Q)) return false;
        return (tp == 0 ? tq : tp) > 0;
    }
}

/// <summary>
/// The edge index of a ring (a loop's boundary): its prepared edges, edge i from vertex i to vertex i + 1, in blocks
/// of <see cref="BlockSize"/> consecutive edges, each with a bounding cap (<see cref="CapBound.OfArcs"/>) so that a
/// query far from a block skips all of its edges. Built once, immutable, shared by loop containment, route queries,
/// distances and the planner.
/// </summary>
internal sealed class EdgeIndex
{
    /// <summary>Edges per block.</summary>
    internal const int BlockSize = 8;

    private readonly Vec3[] _v;
    private readonly GreatCircleArc[] _edges;
    private readonly Vec3[] _center;
    private readonly double[] _radius, _cos;

    public EdgeIndex(Vec3[] ring)
    {
        _v = ring;
        int n = ring.Length;
        _edges = new GreatCircleArc[n];
        for (int i = 0; i < n; i++) _edges[i] = new GreatCircleArc(ring[i], ring[i + 1 == n ? 0 : i + 1]);
        int nb = (n + BlockSize - 1) / BlockSize;
        _center = new Vec3[nb]; _radius = new double[nb]; _cos = new double[nb];
        for (int k = 0; k < nb; k++)
        {
            var (start, end) = BlockEdges(k);
            (_center[k], _radius[k]) = CapBound.OfArcs(_edges.AsSpan(start, end - start));
            _cos[k] = CapBound.CapCos(_radius[k]);
        }
    }

    /// <summary>Prepared edges.</summary>
    public ReadOnlySpan<GreatCircleArc> Edges => _edges;

    /// <summary>Number of blocks.</summary>
    public int BlockCount => _center.Length;

    /// <summary>Edges <c>Start</c> up to (not including) <c>End</c> form block <paramref name="k"/>.</summary>
    public (int Start, int End) BlockEdges(int k) => (k * BlockSize, Math.Min(_v.Length, (k + 1) * BlockSize));

    /// <summary>Bounding cap of block <paramref name="k"/>.</summary>
    public (Vec3 Center, double Radius) BlockCap(int k) => (_center[k], _radius[k]);

    /// <summary>False only if the arc of <paramref name="x"/> certainly misses block <paramref name="k"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayBeHit(int k, in EdgeCrosser x) => x.MayHitCap(_center[k], _cos[k]);

    /// <summary>Index of the vertex equal to <paramref name="p"/>, or −1; only blocks whose cap holds p are scanned.</summary>
    public int IndexOfVertex(in Vec3 p)
    {
        for (int k = 0; k < _center.Length; k++)
        {
            if (_cos[k] > 0 && p.Dot(_center[k]) < _cos[k]) continue;
            var (start, end) = BlockEdges(k);
            for (int i = start; i < end; i++) if (_v[i] == p) return i;
        }
        return -1;
    }

    /// <summary>
    /// True if <paramref name="p"/> lies exactly on the ring: a vertex, or a point of an edge's closed arc. Exact: the
    /// orientation (a × b) · p is evaluated without perturbation (0 exactly on the edge's great circle), and a point on
    /// the great circle is on the minor arc a→b iff the turns a→p and p→b about the edge's unit normal n̂ are both
    /// positive (<see cref="Predicates.StrictlyInsideArc"/>), signs that are far from 0 unless p = ±a or ±b, so the
    /// rounded n̂ cannot flip them. Only blocks whose cap holds p are scanned (a cap bounds its arcs, not only their
    /// ends).
    /// </summary>
    public bool OnBoundary(in Vec3 p)
    {
        int n = _v.Length;
        for (int k = 0; k < _center.Length; k++)
        {
            if (_cos[k] > 0 && p.Dot(_center[k]) < _cos[k]) continue;
            var (start, end) = BlockEdges(k);
            for (int i = start; i < end; i++)
            {
                var a = _v[i]; var b = _v[i + 1 == n ? 0 : i + 1];
                if (a == p || b == p || Predicates.StrictlyInsideArc(a, b, _edges[i].N, p)) return true;
            }
        }
        return false;
    }

    /// <summary>True if the arc of <paramref name="x"/> passes through the open region left of the ring (exact; touching
    /// the boundary is not entering): <see cref="EdgeCrosser.ChainEnters"/> over the blocks whose cap the arc reaches.</summary>
    public bool IsEntered(in EdgeCrosser x, bool interiorRight = false, ReadOnlySpan<Vec3> touch = default)
    {
        for (int k = 0; k < _center.Length; k++)
        {
            if (!x.MayHitCap(_center[k], _cos[k])) continue;
            var (start, end) = BlockEdges(k);
            if (x.ChainEnters(_v, start, end - start, interiorRight, touch)) return true;
        }
        return false;
    }

    /// <summary>Proper crossings of the arc of <paramref name="x"/> with the ring (at most 1 when
    /// <paramref name="stopAtFirst"/>); blocks whose cap the arc misses are skipped.</summary>
    public int CrossingCount(in EdgeCrosser x, bool stopAtFirst)
    {
        int count = 0;
        for (int k = 0; k < _center.Length; k++)
        {
            if (!x.MayHitCap(_center[k], _cos[k])) continue;
            var (start, end) = BlockEdges(k);
            count += x.ChainCrossings(_v, start, end - start, stopAtFirst);
            if (stopAtFirst && count > 0) return count;
        }
        return count;
    }
}
