using System.Globalization;
using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;

namespace AirspaceSim.Airspaces;

/// <summary>A raw position as read from a file: longitude, latitude (unchecked) and where it came from.</summary>
internal readonly record struct RawPosition(double Lon, double Lat, string Path);

/// <summary>
/// Collects the problems of one feature: a repair becomes an issue with <c>Repaired = true</c> (or throws in strict
/// mode), a failure aborts the feature.
/// </summary>
internal sealed class FeatureContext(string? fileName, string featureId, int featureIndex, bool strict, List<AirspaceLoadIssue> issues)
{
    public string? FileName { get; } = fileName;
    public string FeatureId { get; set; } = featureId;
    public int FeatureIndex { get; } = featureIndex;
    public bool Strict { get; } = strict;
    private readonly List<AirspaceLoadIssue> _pending = [];

    /// <summary>Records an unambiguous repair; strict mode throws instead.</summary>
    public void Repair(AirspaceProblem problem, string reason, string? coordinate, string? path)
    {
        if (Strict) throw Exception(problem, reason, coordinate, path);
        _pending.Add(new AirspaceLoadIssue(FeatureId, FeatureIndex, coordinate, WithPath(reason, path), true) { FileName = FileName, Problem = problem });
    }

    /// <summary>Records a choice the file may not mean (the feature is kept as read); strict mode throws instead.</summary>
    public void Warn(AirspaceProblem problem, string reason, string? coordinate, string? path)
    {
        if (Strict) throw Exception(problem, reason, coordinate, path);
        _pending.Add(new AirspaceLoadIssue(FeatureId, FeatureIndex, coordinate, WithPath(reason, path), true)
            { FileName = FileName, Kind = AirspaceIssueKind.Warning, Problem = problem });
    }

    /// <summary>The exception that rejects the feature: <see cref="AirspaceFormatException"/> in strict mode.</summary>
    public Exception Fail(AirspaceProblem problem, string reason, string? coordinate, string? path, Exception? inner = null) =>
        Strict ? Exception(problem, reason, coordinate, path, inner) : new FeatureRejectedException(problem, WithPath(reason, path), coordinate);

    /// <summary>Publishes the feature's repairs (it was kept).</summary>
    public void Commit() { issues.AddRange(_pending); _pending.Clear(); }

    /// <summary>Publishes the repairs found so far and the reason the feature was left out.</summary>
    public void Reject(FeatureRejectedException e)
    {
        foreach (var p in _pending) issues.Add(p with { Reason = p.Reason + "; but the feature was left out for another reason" });
        _pending.Clear();
        issues.Add(new AirspaceLoadIssue(FeatureId, FeatureIndex, e.Coordinate, e.Message, false) { FileName = FileName, Problem = e.Problem });
    }

    private AirspaceFormatException Exception(AirspaceProblem problem, string reason, string? coordinate, string? path, Exception? inner = null)
    {
        string msg = $"{(FileName is null ? "" : FileName + ": ")}feature #{FeatureIndex} '{FeatureId}'" +
                     $"{(coordinate is null ? "" : " at " + coordinate)}: {WithPath(reason, path)}";
        return new AirspaceFormatException(msg, FileName, FeatureId, FeatureIndex, coordinate, path, inner) { Problem = problem };
    }

    private static string WithPath(string reason, string? path) => path is null ? reason : $"{reason} (at {path})";
}

/// <summary>Unwinds the processing of one feature in lenient mode.</summary>
internal sealed class FeatureRejectedException(AirspaceProblem problem, string message, string? coordinate) : Exception(message)
{
    public AirspaceProblem Problem { get; } = problem;
    public string? Coordinate { get; } = coordinate;
}

/// <summary>A cleaned ring: open (no closing repeat), continuous longitudes, and its unit vectors.</summary>
internal sealed record CleanRing(double[] Lon, double[] Lat, Vec3[] V, string[] Paths);

/// <summary>
/// Ring cleaning and validation on the sphere: range checks, closing, dropping repeats and zero-area spikes,
/// longitude unwrapping, and self-intersection with great-circle edges decided by <see cref="Predicates.CrossingSign"/>.
/// </summary>
internal static class RingValidator
{
    internal static string LatLon(double lat, double lon) =>
        string.Create(CultureInfo.InvariantCulture, $"{lat},{lon}");

    internal static string LatLon(in Vec3 v)
    {
        var g = v.ToGeo();
        return string.Create(CultureInfo.InvariantCulture, $"{Math.Round(g.LatDeg, 6)},{Math.Round(g.LonDeg, 6)}");
    }

    /// <summary>Cleans one ring; <paramref name="what"/> names it in messages (e.g. "outer ring of part 2").</summary>
    public static CleanRing Clean(IReadOnlyList<RawPosition> raw, string what, FeatureContext ctx)
    {
        if (raw.Count == 0) throw ctx.Fail(AirspaceProblem.TooFewPoints, $"{what} is empty; a ring needs at least three distinct points", null, null);
        // 1. Ranges. Longitudes past ±180 are accepted only in the continuous form (consecutive steps under 180°).
        bool continuous = true;
        for (int i = 0; i < raw.Count; i++)
        {
            var p = raw[i];
            if (!double.IsFinite(p.Lat)) // 1e999 reads as Infinity: "Infinity is outside [-90, 90]" misled
                throw ctx.Fail(AirspaceProblem.OutOfRange, $"{what}: latitude {Num(p.Lat)} is not a finite number (a number beyond ±1.8e308 reads as infinite)", LatLon(p.Lat, p.Lon), p.Path);
            if (p.Lat < -90 || p.Lat > 90)
                throw ctx.Fail(AirspaceProblem.OutOfRange, $"{what}: latitude {Num(p.Lat)} is outside [-90, 90]", LatLon(p.Lat, p.Lon), p.Path);
            if (!double.IsFinite(p.Lon))
                throw ctx.Fail(AirspaceProblem.OutOfRange, $"{what}: longitude {Num(p.Lon)} is not a finite number (a number beyond ±1.8e308 reads as infinite)", LatLon(p.Lat, p.Lon), p.Path);
            if (i > 0 && Math.Abs(p.Lon - raw[i - 1].Lon) >= 180) continuous = false;
        }
        for (int i = 0; i < raw.Count; i++)
        {
            var p = raw[i];
            if (Math.Abs(p.Lon) > 180 && (!continuous || Math.Abs(p.Lon) >= 540))
                throw ctx.Fail(AirspaceProblem.OutOfRange, $"{what}: longitude {Num(p.Lon)} is outside [-180, 180] and the ring is not in continuous-longitude form",
                    LatLon(p.Lat, p.Lon), p.Path);
        }

        // 2. Closing and consecutive repeats, compared on the sphere (so -180 and 180 are the same meridian).
        var pts = new List<(Vec3 V, RawPosition P)>(raw.Count);
        foreach (var p in raw) pts.Add((Vec3.FromGeo(new GeoPoint(p.Lat, p.Lon)), p));
        if (pts.Count >= 2 && pts[^1].V != pts[0].V)
            ctx.Repair(AirspaceProblem.UnclosedRing, $"{what} is not closed (first point {LatLon(raw[0].Lat, raw[0].Lon)}, last point {LatLon(raw[^1].Lat, raw[^1].Lon)}); closed it",
                LatLon(raw[^1].Lat, raw[^1].Lon), raw[^1].Path);
        else if (pts.Count >= 2)
            pts.RemoveAt(pts.Count - 1);
        var open = new List<(Vec3 V, RawPosition P)>(pts.Count);
        int repeats = 0; RawPosition? firstRepeat = null;
        foreach (var q in pts)
        {
            if (open.Count > 0 && open[^1].V == q.V) { repeats++; firstRepeat ??= q.P; continue; }
            open.Add(q);
        }
        while (open.Count > 1 && open[^1].V == open[0].V) { repeats++; firstRepeat ??= open[^1].P; open.RemoveAt(open.Count - 1); }
        if (repeats > 0)
            ctx.Repair(AirspaceProblem.RepeatedPoint, $"{what} repeats {repeats} point(s) consecutively; dropped the repeats",
                LatLon(firstRepeat!.Value.Lat, firstRepeat.Value.Lon), firstRepeat.Value.Path);

        // 3. Zero-area spikes A→B→A (a vertex visited and immediately left the way it came): remove B and one A.
        for (bool changed = true; changed && open.Count >= 3;)
        {
            changed = false;
            for (int i = 0; i < open.Count && open.Count >= 3; i++)
            {
                int prev = (i - 1 + open.Count) % open.Count, next = (i + 1) % open.Count;
                if (open[prev].V != open[next].V) continue;
                var tip = open[i].P;
                ctx.Repair(AirspaceProblem.Spike, $"{what} has a zero-area spike to {LatLon(tip.Lat, tip.Lon)} and straight back; removed it",
                    LatLon(tip.Lat, tip.Lon), tip.Path);
                // Remove the tip and the repeated base (next); careful with index order.
                int hi = Math.Max(i, next), lo = Math.Min(i, next);
                open.RemoveAt(hi); open.RemoveAt(lo);
                changed = true;
                break;
            }
        }

        if (open.Count < 3)
        {
            var p0 = raw[0];
            throw ctx.Fail(AirspaceProblem.TooFewPoints, $"{what} has {open.Count} distinct point(s); a ring needs at least three", LatLon(p0.Lat, p0.Lon), p0.Path);
        }

        // 4. Antipodal edges have no defined great circle.
        for (int i = 0; i < open.Count; i++)
        {
            var a = open[i]; var b = open[(i + 1) % open.Count];
            if (Predicates.NearlyAntipodal(a.V, b.V))
                throw ctx.Fail(AirspaceProblem.AntipodalEdge, $"{what}: the edge from {LatLon(a.P.Lat, a.P.Lon)} to {LatLon(b.P.Lat, b.P.Lon)} joins antipodal points, so its great circle is undefined",
                    LatLon(a.P.Lat, a.P.Lon), a.P.Path);
        }

        // 5. Continuous longitudes for planar drawing: consecutive longitudes differ by at most 180°. A ring around a
        // pole cannot be unwrapped (it would not close); it keeps its longitudes normalised to [-180, 180].
        int n = open.Count;
        var lon = new double[n]; var lat = new double[n]; var paths = new string[n]; var v = new Vec3[n];
        for (int i = 0; i < n; i++) { lat[i] = open[i].P.Lat; paths[i] = open[i].P.Path; v[i] = open[i].V; }
        lon[0] = Math.Abs(open[0].P.Lon) <= 180 ? open[0].P.Lon : GeoPoint.NormalizeLonDeg(open[0].P.Lon);
        for (int i = 1; i < n; i++) lon[i] = lon[i - 1] + WrapDelta(open[i].P.Lon - open[i - 1].P.Lon);
        double closing = lon[n - 1] + WrapDelta(open[0].P.Lon - open[n - 1].P.Lon);
        if (Math.Abs(closing - lon[0]) > 1e-9)
            for (int i = 0; i < n; i++) lon[i] = Math.Abs(open[i].P.Lon) <= 180 ? open[i].P.Lon : GeoPoint.NormalizeLonDeg(open[i].P.Lon);
        return new CleanRing(lon, lat, v, paths);
    }

    private static double WrapDelta(double d)
    {
        d = Math.IEEERemainder(d, 360); // [-180, 180]
        return d == -180 ? 180 : d;
    }

    private static string Num(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Rejects a polygon whose rings cross themselves or each other, or whose ring passes through one of its own
    /// vertices twice (touches itself). Edges are great-circle arcs; crossings use the exact <see cref="Predicates"/>.
    /// A ring crossing itself so that the smaller of the two loops it forms lies within
    /// <paramref name="repairToleranceDeg"/> of the crossing point (a digitising glitch of a metre or so) is repaired by
    /// dropping that loop's vertices; the ring is then checked again.
    /// </summary>
    public static void CheckSimple(List<CleanRing> rings, IReadOnlyList<string> names, double repairToleranceDeg, FeatureContext ctx)
    {
        // Touching itself: a vertex visited twice (consecutive repeats are gone already).
        for (int r = 0; r < rings.Count; r++)
        {
            var seen = new Dictionary<Vec3, int>();
            var ring = rings[r];
            for (int i = 0; i < ring.V.Length; i++)
            {
                if (seen.TryGetValue(ring.V[i], out int j))
                    throw ctx.Fail(AirspaceProblem.SelfTouching, $"{names[r]} touches itself: vertex {i} repeats vertex {j} at {LatLon(ring.Lat[i], ring.Lon[i])}",
                        LatLon(ring.Lat[i], GeoPoint.NormalizeLonDeg(ring.Lon[i])), ring.Paths[i]);
                seen[ring.V[i]] = i;
            }
        }

        while (FindCrossing(rings) is { } c)
        {
            var (first, second, x) = c;
            var r1 = rings[first.Ring]; var r2 = rings[second.Ring];
            string where = first.Ring == second.Ring
                ? $"{names[first.Ring]} crosses itself"
                : $"{names[first.Ring]} crosses {names[second.Ring]}";
            string detail = $"{where} near {LatLon(x)}: edge {first.Index} ({Pt(r1, first.Index)} to {Pt(r1, first.Index + 1)}) " +
                            $"crosses edge {second.Index} ({Pt(r2, second.Index)} to {Pt(r2, second.Index + 1)}) along great circles";
            if (first.Ring == second.Ring && repairToleranceDeg > 0)
            {
                // The crossing splits the ring into the loop i+1..j and the rest; drop the smaller if it is a glitch.
                int n = r1.V.Length, i = first.Index, j = second.Index;
                var inner = Enumerable.Range(i + 1, j - i).ToList();
                var outer = Enumerable.Range(j + 1, n - j - 1).Concat(Enumerable.Range(0, i + 1)).ToList();
                var loop = inner.Count <= outer.Count ? inner : outer;
                double tol = repairToleranceDeg * Math.PI / 180;
                if (n - loop.Count >= 3 && loop.All(k => Vec3.Angle(r1.V[k], x) <= tol))
                {
                    ctx.Repair(AirspaceProblem.SelfCrossing, $"{detail}; the loop cut off ({loop.Count} vertex(es)) lies within {repairToleranceDeg.ToString(CultureInfo.InvariantCulture)}° " +
                               "of the crossing, so it was dropped", LatLon(x), r1.Paths[loop[0]]);
                    var keep = Enumerable.Range(0, n).Except(loop).ToArray();
                    rings[first.Ring] = new CleanRing(keep.Select(k => r1.Lon[k]).ToArray(), keep.Select(k => r1.Lat[k]).ToArray(),
                        keep.Select(k => r1.V[k]).ToArray(), keep.Select(k => r1.Paths[k]).ToArray());
                    continue;
                }
            }
            throw ctx.Fail(AirspaceProblem.SelfCrossing, detail, LatLon(x), r1.Paths[first.Index]);
        }
    }

    // The first proper crossing of two non-adjacent edges, found with a sweep over conservative latitude intervals
    // (angular distance ≥ latitude difference) and a bounding-cap test before the exact predicate.
    private static (Edge First, Edge Second, Vec3 X)? FindCrossing(List<CleanRing> rings)
    {
        int total = 0;
        foreach (var ring in rings) total += ring.V.Length;
        var edges = new Edge[total];
        int k = 0;
        for (int r = 0; r < rings.Count; r++)
        {
            var vs = rings[r].V;
            for (int i = 0; i < vs.Length; i++)
            {
                var arc = new GreatCircleArc(vs[i], vs[(i + 1) % vs.Length]);
                double rad = CapBound.Pad(arc.Half);
                double latm = Math.Asin(Math.Clamp(arc.Mid.Z, -1, 1));
                edges[k++] = new Edge(r, i, arc, rad, latm - rad, latm + rad);
            }
        }
        Array.Sort(edges, (x, y) => x.Lo.CompareTo(y.Lo));
        var active = new List<Edge>();
        foreach (var e in edges)
        {
            active.RemoveAll(x => x.Hi < e.Lo);
            foreach (var o in active)
            {
                if (o.Ring == e.Ring)
                {
                    int len = rings[e.Ring].V.Length;
                    int d = Math.Abs(o.Index - e.Index);
                    if (d == 1 || d == len - 1) continue; // adjacent edges share a vertex by construction
                }
                if (!CapBound.MayMeet(o.Arc.Mid, o.Radius, e.Arc.Mid, e.Radius)) continue;
                if (Predicates.CrossingSign(o.Arc.A, o.Arc.B, e.Arc.A, e.Arc.B) > 0)
                {
                    var (first, second) = o.Ring < e.Ring || o.Ring == e.Ring && o.Index < e.Index ? (o, e) : (e, o);
                    return (first, second, GreatCircleArc.Intersection(first.Arc, second.Arc));
                }
            }
            active.Add(e);
        }
        return null;
    }

    private static string Pt(CleanRing r, int i)
    {
        i %= r.V.Length;
        return LatLon(r.Lat[i], GeoPoint.NormalizeLonDeg(r.Lon[i]));
    }

    private readonly record struct Edge(int Ring, int Index, GreatCircleArc Arc, double Radius, double Lo, double Hi);
}
