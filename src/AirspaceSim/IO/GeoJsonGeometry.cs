using System.Text.Json;
using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;
using NetTopologySuite;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace AirspaceSim.IO;

/// <summary>
/// Writes geometry on the sphere as RFC 7946 GeoJSON: longitudes in [-180, 180], outer rings counter-clockwise and holes
/// clockwise (§3.1.6), and lines and polygons that cross the antimeridian cut there into MultiLineString/MultiPolygon
/// parts (§3.1.9), so that QGIS, geojson.io and <see cref="Airspaces.AirspaceLoader"/> read them back as the same region.
/// </summary>
/// <remarks>
/// Edges are great-circle arcs, densified to points at most <c>maxStepKm</c> apart so that planar viewers draw them
/// nearly right; every point lies on the original arc, so reading the file back on the sphere gives the same boundary
/// (to the 6-decimal rounding, ~0.1 m). Where an edge crosses ±180 the exact crossing point on the great circle is
/// inserted before the cut. Polygons are cut with NetTopologySuite's planar overlay in continuous longitudes, which is
/// exact here because every edge that crosses the cut meridian has a vertex on it. A region whose rings the reader's
/// default rule (the smaller side of each ring, <see cref="Airspaces.AirspaceLoader.AmbiguousAreaFraction"/>) would
/// read otherwise or call ambiguous — larger than a hemisphere, or nearly half the sphere — has no faithful planar
/// drawing: its rings are written uncut, each with the region on its left as seen on the sphere, and the feature must
/// carry <c>"interior": "left"</c> (<see cref="WriteInteriorProperty"/>), so that it reads back as the same region.
/// </remarks>
public static class GeoJsonGeometry
{
    private static readonly GeometryFactory Factory = NtsGeometryServices.Instance.CreateGeometryFactory(4326);

    /// <inheritdoc cref="WriteMultiPolygon(Utf8JsonWriter, SphericalRegion, double)"/>
    public static void WriteMultiPolygon(Utf8JsonWriter w, SphericalRegion region) => WriteMultiPolygon(w, region, 25);

    /// <summary>True if <paramref name="region"/> needs the feature property <c>"interior": "left"</c> to read back as
    /// itself: some ring of it is ambiguous for the reader's default rule, or encloses its larger side.</summary>
    /// <exception cref="ArgumentNullException">A null region.</exception>
    public static bool NeedsInteriorProperty(SphericalRegion region)
    {
        ArgumentNullException.ThrowIfNull(region);
        foreach (var poly in region.Polygons)
        {
            // Every loop of a SphericalPolygon, shell or hole, has the area it encloses on its left.
            if (!Airspaces.AirspaceLoader.SmallerRuleReadsAsMeant(poly.Shell.AreaSr)) return true;
            foreach (var h in poly.Holes)
                if (!Airspaces.AirspaceLoader.SmallerRuleReadsAsMeant(h.AreaSr)) return true;
        }
        return false;
    }

    /// <summary>Writes <c>"interior": "left"</c> into the open properties object when <paramref name="region"/> needs
    /// it (<see cref="NeedsInteriorProperty"/>); nothing otherwise.</summary>
    /// <exception cref="ArgumentNullException">A null writer or region.</exception>
    public static void WriteInteriorProperty(Utf8JsonWriter w, SphericalRegion region)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (NeedsInteriorProperty(region)) w.WriteString("interior", "left");
    }

    /// <summary>Writes a <c>MultiPolygon</c> geometry object for <paramref name="region"/> (uncut, with every ring
    /// keeping the region on its left, when <see cref="NeedsInteriorProperty"/>).</summary>
    /// <exception cref="ArgumentNullException">A null writer or region.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxStepKm"/> is not positive.</exception>
    public static void WriteMultiPolygon(Utf8JsonWriter w, SphericalRegion region, double maxStepKm)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(region);
        if (!(maxStepKm > 0)) throw new ArgumentOutOfRangeException(nameof(maxStepKm), maxStepKm, "the densifying step must be positive");
        w.WriteStartObject();
        w.WriteString("type", "MultiPolygon");
        w.WriteStartArray("coordinates");
        if (NeedsInteriorProperty(region))
        {
            foreach (var poly in region.Polygons)
            {
                w.WriteStartArray();
                WriteSphericalRing(w, poly.Shell, reverse: false, maxStepKm);
                // "interior": "left" puts the polygon left of every ring, so a hole's own area on its right.
                foreach (var hole in poly.Holes) WriteSphericalRing(w, hole, reverse: true, maxStepKm);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            return;
        }
        foreach (var poly in region.Polygons)
            foreach (var piece in Cut(poly, maxStepKm))
            {
                w.WriteStartArray();
                WriteRing(w, piece.Shell, ccw: true);
                foreach (var hole in piece.Holes) WriteRing(w, hole, ccw: false);
                w.WriteEndArray();
            }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <inheritdoc cref="WriteLine(Utf8JsonWriter, IReadOnlyList{GeoPoint}, double)"/>
    public static void WriteLine(Utf8JsonWriter w, IReadOnlyList<GeoPoint> points) => WriteLine(w, points, 25);

    /// <summary>
    /// Writes a <c>LineString</c> geometry object for the great-circle path through <paramref name="points"/>, or a
    /// <c>MultiLineString</c> when it crosses the antimeridian (each part ending on ±180).
    /// </summary>
    /// <exception cref="ArgumentNullException">A null writer or point list.</exception>
    /// <exception cref="ArgumentException">Fewer than two points.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxStepKm"/> is not positive.</exception>
    public static void WriteLine(Utf8JsonWriter w, IReadOnlyList<GeoPoint> points, double maxStepKm)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2) throw new ArgumentException("a line needs at least two points", nameof(points));
        if (!(maxStepKm > 0)) throw new ArgumentOutOfRangeException(nameof(maxStepKm), maxStepKm, "the densifying step must be positive");
        var parts = CutLine(Continuous(points, closed: false, maxStepKm));
        w.WriteStartObject();
        w.WriteString("type", parts.Count == 1 ? "LineString" : "MultiLineString");
        w.WriteStartArray("coordinates");
        foreach (var part in parts)
        {
            if (parts.Count > 1) w.WriteStartArray();
            foreach (var c in part) WritePos(w, c.X, c.Y);
            if (parts.Count > 1) w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// The densified path with continuous longitudes (steps under 180°, so they may leave [-180, 180]) and the exact
    /// crossings of every meridian ±180 + 360k inserted.
    /// </summary>
    private static List<Coordinate> Continuous(IReadOnlyList<GeoPoint> pts, bool closed, double maxStepKm)
    {
        var list = new List<Coordinate>();
        int edges = closed ? pts.Count : pts.Count - 1;
        double shift = 0;
        for (int i = 0; i < edges; i++)
        {
            var seg = GreatCircle.Densify(pts[i], pts[(i + 1) % pts.Count], maxStepKm);
            // Densify unwraps from the edge's start; carry the running shift so that the whole path is continuous.
            if (list.Count > 0) shift = list[^1].X - seg[0].LonDeg;
            for (int k = list.Count == 0 ? 0 : 1; k < seg.Count; k++)
            {
                var c = new Coordinate(seg[k].LonDeg + shift, seg[k].LatDeg);
                if (list.Count > 0) InsertCrossing(list, list[^1], c);
                list.Add(c);
            }
        }
        return list;
    }

    // Cell of a continuous longitude: k such that lon lies in [-180 + 360k, 180 + 360k).
    private static int Cell(double lon) => (int)Math.Floor((lon + 180) / 360);

    /// <summary>Adds the exact point where the great circle p→q meets the meridian ±180 between them, if it does.</summary>
    private static void InsertCrossing(List<Coordinate> list, Coordinate p, Coordinate q)
    {
        int kp = Cell(p.X), kq = Cell(q.X);
        if (kp == kq) return;
        double meridian = 180 + 360 * Math.Min(kp, kq);
        if (p.X == meridian || q.X == meridian) return; // already a vertex on it
        // The great circle's plane (normal a × b) meets the plane of the 0/180 meridian (normal e_y) along a × b × e_y;
        // of its two ends, the one with x < 0 is on 180.
        var a = Vec3.FromGeo(new GeoPoint(p.Y, p.X)); var b = Vec3.FromGeo(new GeoPoint(q.Y, q.X));
        var d = a.Cross(b).Cross(new Vec3(0, 1, 0)).Normalize();
        if (d.X > 0) d = -d;
        double lat = Math.Asin(Math.Clamp(d.Z, -1, 1)) * 180 / Math.PI;
        list.Add(new Coordinate(meridian, lat));
    }

    /// <summary>Splits a continuous path at the meridians ±180 + 360k into parts in [-180, 180].</summary>
    private static List<List<Coordinate>> CutLine(List<Coordinate> pts)
    {
        var parts = new List<List<Coordinate>> { new() };
        for (int i = 0; i < pts.Count; i++)
        {
            var c = pts[i];
            var cur = parts[^1];
            bool onMeridian = Math.IEEERemainder(c.X - 180, 360) == 0;
            if (onMeridian && i > 0 && i + 1 < pts.Count)
            {
                // The side it is reached from, then a new part from the other side.
                double from = pts[i - 1].X < c.X ? 180 : -180;
                double to = pts[i + 1].X > c.X ? -180 : 180;
                if (from != to)
                {
                    Add(cur, new Coordinate(from, c.Y));
                    parts.Add([new Coordinate(to, c.Y)]);
                    continue;
                }
            }
            Add(cur, new Coordinate(c.X - 360 * Cell(c.X), c.Y));
        }
        return parts.Where(p => p.Count >= 2).ToList() is { Count: > 0 } ok ? ok : [parts[0]];

        static void Add(List<Coordinate> part, Coordinate c)
        {
            if (part.Count == 0 || !part[^1].Equals2D(c)) part.Add(c);
        }
    }

    private sealed record Piece(Coordinate[] Shell, List<Coordinate[]> Holes);

    /// <summary>The parts of a spherical polygon in [-180, 180] × [-90, 90], cut along the antimeridian.</summary>
    private static List<Piece> Cut(SphericalPolygon poly, double maxStepKm)
    {
        var shell = Ring(poly.Shell, reverse: false, maxStepKm);
        if (Math.Abs(shell[^1].X - shell[0].X) > 180)
        {
            // Around a pole: the unwrapped ring ends 360° from its start. Close it along the pole it winds around
            // (counter-clockwise heading east: the north pole), as a planar map draws it.
            double pole = shell[^1].X > shell[0].X ? 90 : -90;
            shell.Add(new Coordinate(shell[^1].X, pole));
            shell.Add(new Coordinate(shell[0].X, pole));
        }
        shell.Add(shell[0].Copy());
        var holes = new List<LinearRing>();
        foreach (var h in poly.Holes)
        {
            var hr = Ring(h, reverse: true, maxStepKm);
            double offset = 360 * Math.Round((shell[0].X - hr[0].X) / 360); // keep the hole beside its shell
            var cs = hr.Select(c => new Coordinate(c.X + offset, c.Y)).Append(new Coordinate(hr[0].X + offset, hr[0].Y)).ToArray();
            if (cs.Length >= 4) holes.Add(Factory.CreateLinearRing(cs));
        }
        Geometry g = Factory.CreatePolygon(Factory.CreateLinearRing(shell.ToArray()), holes.ToArray());
        var env = g.EnvelopeInternal;
        var pieces = new List<Piece>();
        for (int k = Cell(env.MinX); k <= Cell(env.MaxX); k++)
        {
            var box = Factory.ToGeometry(new Envelope(-180 + 360 * k, 180 + 360 * k, -90, 90));
            var part = Cell(env.MinX) == Cell(env.MaxX) ? g : g.Intersection(box);
            for (int i = 0; i < part.NumGeometries; i++)
            {
                if (part.GetGeometryN(i) is not Polygon p || p.Area == 0) continue;
                Coordinate[] Shift(LineString r) => r.Coordinates.Select(c => new Coordinate(c.X - 360 * k, c.Y)).ToArray();
                pieces.Add(new Piece(Shift(p.ExteriorRing), p.InteriorRings.Select(Shift).ToList()));
            }
        }
        return pieces;
    }

    /// <summary>A loop densified with continuous longitudes (open: no closing repeat), optionally reversed.</summary>
    private static List<Coordinate> Ring(SphericalLoop loop, bool reverse, double maxStepKm)
    {
        var pts = new List<GeoPoint>(loop.Count);
        foreach (var v in loop.Vertices) pts.Add(v.ToGeo());
        if (reverse) pts.Reverse();
        var cs = Continuous(pts, closed: true, maxStepKm);
        cs.RemoveAt(cs.Count - 1); // the closing point (first vertex again, maybe 360° away for a polar ring)
        return cs;
    }

    // A loop in its own vertex order (the area it encloses on the left on the sphere) or reversed, densified, longitudes
    // in [-180, 180], closed.
    private static void WriteSphericalRing(Utf8JsonWriter w, SphericalLoop loop, bool reverse, double maxStepKm)
    {
        w.WriteStartArray();
        int step = reverse ? -1 : 1;
        for (int i = 0; i < loop.Count; i++)
        {
            var seg = GreatCircle.Densify(loop[step * i].ToGeo(), loop[step * (i + 1)].ToGeo(), maxStepKm);
            for (int k = 0; k + 1 < seg.Count; k++) WritePos(w, GeoPoint.NormalizeLonDeg(seg[k].LonDeg), seg[k].LatDeg);
        }
        var first = loop[0].ToGeo();
        WritePos(w, first.LonDeg, first.LatDeg);
        w.WriteEndArray();
    }

    private static void WriteRing(Utf8JsonWriter w, Coordinate[] ring, bool ccw)
    {
        // RFC 7946 §3.1.6 (right-hand rule): outer rings counter-clockwise, holes clockwise, in the lon/lat plane.
        var cs = (Coordinate[])ring.Clone();
        if (Orientation.IsCCW(cs) != ccw) Array.Reverse(cs);
        w.WriteStartArray();
        foreach (var c in cs) WritePos(w, c.X, c.Y);
        w.WriteEndArray();
    }

    private static void WritePos(Utf8JsonWriter w, double lon, double lat)
    {
        w.WriteStartArray();
        w.WriteNumberValue(Math.Round(lon, 6));
        w.WriteNumberValue(Math.Round(lat, 6));
        w.WriteEndArray();
    }
}
