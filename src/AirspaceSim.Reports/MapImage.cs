using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;
using NetTopologySuite.Geometries;
using ScottPlot;
using SkiaSharp;

namespace AirspaceSim.Reports;

/// <summary>
/// Draws a <see cref="MapContent"/> with ScottPlot: Natural Earth countries, FIR outlines, closed areas shaded with their
/// ids, direct routes dashed and flown routes solid (coloured by outcome), airports, a legend, the title and the data
/// credits, in a Lambert azimuthal equal-area projection centred on the region (<see cref="MapProjection"/>).
/// </summary>
/// <remarks>In the SVG, each flown route is one <c>&lt;path class="flown-route" data-id="AMS-CUR"&gt;</c> and each
/// dashed direct route one <c>&lt;path class="direct-route"&gt;</c>; each closed area's outline is a
/// <c>&lt;path class="closed-area"&gt;</c>; the coasts and borders are one <c>&lt;path class="borders"&gt;</c> and the
/// FIR outlines one <c>&lt;path class="fir-outlines"&gt;</c>.</remarks>
public static class MapImage
{
    /// <summary>The data credits written in the corner.</summary>
    public const string Credits = "Land and borders: Natural Earth · FIRs: VATSpy (CC BY-SA 4.0) · Airports: OurAirports";

    /// <summary>The route paths' SVG class of a flown route.</summary>
    public const string FlownClass = "flown-route";

    /// <summary>The route paths' SVG class of a direct route.</summary>
    public const string DirectClass = "direct-route";

    /// <summary>The SVG class of a closed area's outline.</summary>
    public const string ClosedClass = "closed-area";

    // Great-circle legs are densified every DensifyKm so that they draw as curves (Sphere.Intermediate).
    private const double DensifyKm = 40;

    private static readonly SKColor Land = SKColor.Parse("#f2efe6"), Border = SKColor.Parse("#b9b4a5"), Ocean = SKColor.Parse("#dcebf5");
    private static readonly SKColor FirLine = SKColor.Parse("#8c9bb0"), ClosedFill = SKColor.Parse("#d62728").WithAlpha(56), ClosedLine = SKColor.Parse("#b01c1c");

    /// <summary>The colour of a route category (outcome or status).</summary>
    public static string CategoryColor(string category) => category switch
    {
        "unaffected" or "direct" => "#3a6fb0",
        "rerouted" or "detour" => "#e07b00",
        "rerouted-in-flight" => "#8e44ad",
        "diverted" => "#8c564b",
        "cancelled" or "unreachable" => "#d62728",
        "needs-tech-stop" => "#138d90",
        _ => "#555555",
    };

    /// <summary>The map as a PNG file's bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size out of range.</exception>
    public static byte[] Png(MapContent content, ImageOptions options)
    {
        var (plot, _, _) = Build(content, options);
        using (plot) return plot.GetImageBytes(options.WidthPx, options.HeightPx, ScottPlot.ImageFormat.Png);
    }

    /// <summary>The map as an SVG document.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size out of range.</exception>
    public static string Svg(MapContent content, ImageOptions options)
    {
        var (plot, layer, _) = Build(content, options);
        using (plot) return Reports.Svg.RoundPathData(Reports.Svg.Tag(plot.GetSvgXml(options.WidthPx, options.HeightPx), layer.Drawn));
    }

    /// <summary>The SVG as Skia writes it, tagged, before <see cref="Reports.Svg.RoundPathData"/> (to check that against).</summary>
    internal static string RawSvg(MapContent content, ImageOptions options)
    {
        var (plot, layer, _) = Build(content, options);
        using (plot) return Reports.Svg.Tag(plot.GetSvgXml(options.WidthPx, options.HeightPx), layer.Drawn);
    }

    /// <summary>The map in <paramref name="format"/> (SVG as UTF-8).</summary>
    public static byte[] Render(MapContent content, ImageFormat format, ImageOptions options) =>
        format == ImageFormat.Svg ? Reports.Svg.Bytes(Svg(content, options)) : Png(content, options);

    /// <summary>The region and projection a map of <paramref name="content"/> uses, with its view (km on the map plane).</summary>
    internal static (MapProjection Projection, double XMin, double XMax, double YMin, double YMax, Vec3[] Clip) View(MapContent content, double aspect)
    {
        var points = new List<Vec3>();
        foreach (var r in content.Routes)
        {
            points.AddRange(Densify(r.Flown));
            points.AddRange(Densify(r.Direct));
        }
        foreach (var a in content.Airports) points.Add(Vec3.FromGeo(a.Location));
        foreach (var area in content.ClosedAreas)
            foreach (var c in area.Airspace.Geometry.Coordinates) points.Add(Vec3.FromLatLonDeg(c.Y, c.X));
        if (points.Count == 0) points.Add(Vec3.FromLatLonDeg(10, -66));
        // Centre: the mean direction of what is drawn (a Pacific set averages across the antimeridian correctly).
        var sum = new Vec3(0, 0, 0);
        foreach (var p in points) sum += p;
        var center = sum.Norm > 1e-9 * points.Count ? sum.Normalize().ToGeo() : points[0].ToGeo();
        var proj = new MapProjection(center);
        double x0 = double.MaxValue, x1 = double.MinValue, y0 = double.MaxValue, y1 = double.MinValue;
        foreach (var p in points)
        {
            var (x, y) = proj.Project(p);
            x0 = Math.Min(x0, x); x1 = Math.Max(x1, x); y0 = Math.Min(y0, y); y1 = Math.Max(y1, y);
        }
        // A margin of 8 % (at least 150 km), then widened to the image's shape.
        double w = Math.Max(x1 - x0, 300), h = Math.Max(y1 - y0, 300);
        double mx = Math.Max(0.08 * w, 150), my = Math.Max(0.08 * h, 150);
        (x0, x1, y0, y1) = ((x0 + x1) / 2 - w / 2 - mx, (x0 + x1) / 2 + w / 2 + mx, (y0 + y1) / 2 - h / 2 - my, (y0 + y1) / 2 + h / 2 + my);
        if ((x1 - x0) / (y1 - y0) < aspect) { double d = ((y1 - y0) * aspect - (x1 - x0)) / 2; x0 -= d; x1 += d; }
        else { double d = ((x1 - x0) / aspect - (y1 - y0)) / 2; y0 -= d; y1 += d; }
        // Clip everything to a polygon around the centre reaching a little past the view's farthest corner.
        double corner = Math.Sqrt(Math.Max(x0 * x0, x1 * x1) + Math.Max(y0 * y0, y1 * y1));
        double radius = Math.Min(MapProjection.AngleAtRadius(corner) + 10 * Math.PI / 180, Math.PI / 2 - 0.01);
        return (proj, x0, x1, y0, y1, proj.ClipPlanes(radius));
    }

    /// <summary>The labels a map of <paramref name="content"/> draws (boxes in image pixels) and its frame; the plot is built
    /// and not rendered.</summary>
    internal static (IReadOnlyList<PlacedLabel> Labels, MapFrame Frame) Labels(MapContent content, ImageOptions options)
    {
        var (plot, _, labels) = Build(content, options);
        using (plot) return labels;
    }

    /// <summary>Where ScottPlot draws map-plane points once the map is rendered (to check <see cref="MapFrame"/> against).</summary>
    internal static List<(double X, double Y)> RenderedPixels(MapContent content, ImageOptions options, IEnumerable<(double X, double Y)> points)
    {
        var (plot, _, _) = Build(content, options);
        using (plot)
        {
            plot.GetImageBytes(options.WidthPx, options.HeightPx, ScottPlot.ImageFormat.Png);
            return points.Select(p => plot.GetPixel(new ScottPlot.Coordinates(p.X, p.Y))).Select(p => ((double)p.X, (double)p.Y)).ToList();
        }
    }

    private static (Plot Plot, PathLayer Layer, (IReadOnlyList<PlacedLabel>, MapFrame) Labels) Build(MapContent content, ImageOptions options)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        double titleHeightPx = 14 + 22 * content.Title.Split('\n').Length;
        var (proj, x0, x1, y0, y1, clip) = View(content, options.WidthPx / (options.HeightPx - titleHeightPx));
        var plot = new Plot();
        plot.HideAxesAndGrid();
        plot.Layout.Fixed(new PixelPadding(0, 0, 0, (float)titleHeightPx));
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = ToColor(Ocean);
        plot.Title(content.Title, 15);

        var layer = new PathLayer();
        // Countries: fills as one path, then the borders as one path without Natural Earth's cuts along ±180°.
        var fills = new List<(double, double)[]>();
        var borders = new List<(double, double)[]>();
        foreach (var country in NaturalEarth.Countries)
            foreach (var polygon in country.Polygons)
                foreach (var ring in polygon)
                {
                    var v = ring.Select(Vec3.FromGeo).ToList();
                    var clipped = MapProjection.ClipRing(v, clip);
                    if (clipped.Count >= 3) fills.Add(Project(proj, clipped));
                    foreach (var run in WithoutAntimeridianCuts(ring))
                        foreach (var piece in MapProjection.ClipLine(run, clip)) borders.Add(Project(proj, piece));
                }
        layer.Items.Add(new PathItem(fills, true, Land, null, 0, TolerancePx: 1.5f));
        layer.Items.Add(new PathItem(borders, false, null, Border, 0.8f, TolerancePx: 1.5f, Tag: new SvgTag("borders", "natural-earth")));

        // FIRs in view, thin, with their ids; the closed ones shaded.
        var closedIds = content.ClosedAreas.Select(a => a.Airspace.Id).ToHashSet(StringComparer.Ordinal);
        var firLabels = new List<(string, double, double)>();
        if (content.ShowFirs)
        {
            // Labels only where a FIR is large enough on the map to hold one (Europe's sectors would be a smudge).
            double kmPerPx = (x1 - x0) / options.WidthPx;
            var outlines = new List<(double, double)[]>();
            foreach (var fir in FirOutlines.All)
            {
                if (closedIds.Contains(fir.Id)) continue;
                double fx0 = double.MaxValue, fx1 = double.MinValue, fy0 = double.MaxValue, fy1 = double.MinValue;
                foreach (var ring in fir.Rings)
                    // Clipped first, densified after: the cuts on chords are as good as on arcs outside the view.
                    foreach (var piece in MapProjection.ClipLine([.. ring.Select(Vec3.FromGeo), Vec3.FromGeo(ring[0])], clip).Select(DensifyVectors))
                    {
                        var xy = Project(proj, piece);
                        outlines.Add(xy);
                        foreach (var (x, y) in xy) { fx0 = Math.Min(fx0, x); fx1 = Math.Max(fx1, x); fy0 = Math.Min(fy0, y); fy1 = Math.Max(fy1, y); }
                    }
                if (fx1 - fx0 < 90 * kmPerPx || fy1 - fy0 < 40 * kmPerPx) continue;
                var at = fir.LabelAt is { } l ? proj.Project(l) : ((fx0 + fx1) / 2, (fy0 + fy1) / 2);
                if (InView(at, x0, x1, y0, y1)) firLabels.Add((fir.Id, at.Item1, at.Item2));
            }
            layer.Items.Add(new PathItem(outlines, false, null, FirLine, 0.7f, TolerancePx: 1.5f, Tag: new SvgTag("fir-outlines", "vatspy")));
        }
        var closedLabels = new List<(string Id, double X, double Y, List<(double, double)[]> Parts)>();
        foreach (var area in content.ClosedAreas)
        {
            var parts = new List<(double, double)[]>();
            var geometry = area.Airspace.Geometry; // a copy on each access: read once here
            foreach (var ring in Rings(geometry))
            {
                var clipped = MapProjection.ClipRing(DensifyRing(ring, close: false), clip);
                if (clipped.Count >= 3) parts.Add(Project(proj, clipped));
            }
            layer.Items.Add(new PathItem(parts, true, ClosedFill, ClosedLine, 1.6f, Tag: new SvgTag(ClosedClass, area.Label)));
            if (Label(proj, geometry, x0, x1, y0, y1) is { } at) closedLabels.Add((area.Label, at.X, at.Y, parts));
        }

        // Routes: the dashed direct great circles under the flown paths.
        foreach (var r in content.Routes.Where(r => r.Direct.Count >= 2))
            layer.Items.Add(new PathItem(Pieces(proj, r.Direct, clip), false, null, SKColor.Parse(CategoryColor(r.Category)).WithAlpha(200), 1.1f, Dashed: true,
                Tag: new SvgTag(DirectClass, r.Id)));
        foreach (var r in content.Routes.Where(r => r.Flown.Count >= 2))
            layer.Items.Add(new PathItem(Pieces(proj, r.Flown, clip), false, null, SKColor.Parse(CategoryColor(r.Category)), 1.8f,
                Tag: new SvgTag(FlownClass, r.Id)));
        plot.Add.Plottable(layer);

        var legend = new List<LegendItem>();
        foreach (var cat in content.Routes.Select(r => r.Category).Distinct())
            legend.Add(new LegendItem { LabelText = $"{cat} ({content.Routes.Where(r => r.Category == cat).Sum(r => r.Flights)})", LineColor = Color.FromHex(CategoryColor(cat)), LineWidth = 2.5f });
        if (content.Routes.Any(r => r.Direct.Count >= 2))
            legend.Add(new LegendItem { LabelText = "direct great circle (dashed)", LineColor = Colors.Gray, LineWidth = 1 });
        if (content.ClosedAreas.Count > 0)
            legend.Add(new LegendItem { LabelText = "closed airspace", FillColor = ToColor(ClosedFill), OutlineColor = ToColor(ClosedLine), OutlineWidth = 1.5f });
        if (content.ShowFirs)
            legend.Add(new LegendItem { LabelText = "FIR boundary", LineColor = ToColor(FirLine), LineWidth = 1 });

        var frame = new MapFrame(x0, x1, y0, y1, options.WidthPx, options.HeightPx, titleHeightPx);
        var shown = content.Airports.Select(a => (a.Code, P: proj.Project(a.Location)))
            .Where(a => a.P.X > x0 && a.P.X < x1 && a.P.Y > y0 && a.P.Y < y1).ToList();
        var placed = PlaceLabels(content, frame, shown, closedLabels, firLabels, legend);
        // Leader lines from an airport to its label moved away from it, over the routes, under the text.
        var leaders = placed.Where(p => p.LeaderTo != null)
            .Select(p => new[] { frame.ToData(p.Request.X, p.Request.Y), frame.ToData(p.LeaderTo!.Value.X, p.LeaderTo.Value.Y) }).ToList();
        if (leaders.Count > 0) layer.Items.Add(new PathItem(leaders, false, null, SKColor.Parse("#333333"), 0.7f, TolerancePx: 0));

        if (shown.Count > 0)
        {
            var markers = plot.Add.Markers(shown.Select(a => a.P.X).ToArray(), shown.Select(a => a.P.Y).ToArray(), MarkerShape.FilledCircle, MarkerPx, Colors.Black);
            markers.LegendText = "";
        }
        // Each label centred in the box the layout gave it: FIR ids under airport codes under the closed areas' ids.
        foreach (var kind in new[] { LabelKind.Fixed, LabelKind.Point, LabelKind.Area })
            foreach (var p in placed.Where(p => p.Request.Kind == kind))
            {
                var (cx, cy) = frame.ToData(p.Box.Center.X, p.Box.Center.Y);
                var (size, colour, bold) = Style(kind);
                AddLabel(plot, p.Request.Text, cx, cy, size, colour, bold);
            }

        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.Legend.FontSize = LegendFontPx;
        plot.Legend.FontName = PlotStyle.SansFont;
        plot.Legend.ManualItems.AddRange(legend);

        var credits = plot.Add.Annotation(Credits, Alignment.LowerRight);
        credits.LabelFontSize = CreditsFontPx; credits.LabelFontName = PlotStyle.SansFont; credits.LabelFontColor = Colors.DimGray; credits.LabelBackgroundColor = Colors.White.WithAlpha(.8);
        credits.LabelBorderWidth = 0; credits.LabelShadowColor = Colors.Transparent;
        plot.Font.Set(PlotStyle.SansFont);
        plot.Axes.SetLimits(x0, x1, y0, y1);
        plot.Axes.SquareUnits();
        return (plot, layer, (placed, frame));
    }

    private const float MarkerPx = 5, LegendFontPx = 11, CreditsFontPx = 9;

    private static (float Size, Color Colour, bool Bold) Style(LabelKind kind) => kind switch
    {
        LabelKind.Area => (14, ToColor(ClosedLine), true),
        LabelKind.Point => (10, Colors.Black, true),
        _ => (9, Colors.SlateGray, false),
    };

    /// <summary>
    /// The labels' places (<see cref="LabelLayout"/>): closed areas' ids inside their polygons; airports by the flights
    /// they serve (most first, then by code), next to their marker or with a leader line; FIR ids where VATSpy puts them.
    /// Obstacles: every airport marker, and the legend and the credits as conservative estimates of ScottPlot's boxes
    /// (text measured as ScottPlot measures it, plus more than its symbol, padding, margin and shadow).
    /// </summary>
    private static List<PlacedLabel> PlaceLabels(MapContent content, MapFrame frame, List<(string Code, (double X, double Y) P)> shown,
        List<(string Id, double X, double Y, List<(double, double)[]> Parts)> closedLabels, List<(string, double, double)> firLabels, List<LegendItem> legend)
    {
        var requests = new List<LabelRequest>();
        foreach (var (id, x, y, parts) in closedLabels)
        {
            var (w, h) = LabelLayout.Measure(id, Style(LabelKind.Area).Size, true);
            var (px, py) = frame.ToPixel(x, y);
            requests.Add(new LabelRequest(id, LabelKind.Area, px, py, w, h, parts.Select(r => r.Select(c => frame.ToPixel(c.Item1, c.Item2)).ToArray()).ToList()));
        }
        // Beyond ~80 airports the labels would cover the map: the markers stay, the labels go.
        if (shown.Count <= 80)
        {
            var flights = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var r in content.Routes)
                foreach (var code in r.Id.Split('-').Distinct(StringComparer.Ordinal)) flights[code] = flights.GetValueOrDefault(code) + r.Flights;
            foreach (var (code, p) in shown.OrderByDescending(a => flights.GetValueOrDefault(a.Code)).ThenBy(a => a.Code, StringComparer.Ordinal))
            {
                var (w, h) = LabelLayout.Measure(code, Style(LabelKind.Point).Size, true);
                var (px, py) = frame.ToPixel(p.X, p.Y);
                requests.Add(new LabelRequest(code, LabelKind.Point, px, py, w, h));
            }
        }
        foreach (var (id, x, y) in firLabels)
        {
            var (w, h) = LabelLayout.Measure(id, Style(LabelKind.Fixed).Size, false);
            var (px, py) = frame.ToPixel(x, y);
            requests.Add(new LabelRequest(id, LabelKind.Fixed, px, py, w, h));
        }

        var obstacles = new List<PixelBox>();
        foreach (var (_, p) in shown)
        {
            var (px, py) = frame.ToPixel(p.X, p.Y);
            obstacles.Add(PixelBox.Centered(px, py, MarkerPx + 1, MarkerPx + 1));
        }
        var area = frame.Area;
        if (legend.Count > 0)
        {
            double textW = legend.Max(i => LabelLayout.Measure(i.LabelText, LegendFontPx, false).Width);
            double lineH = LabelLayout.Measure("Ag", LegendFontPx, false).Height;
            obstacles.Add(new PixelBox(area.Right - (textW + 70), area.Top, area.Right, area.Top + legend.Count * (lineH + 6) + 30));
        }
        var (cw, ch) = LabelLayout.Measure(Credits, CreditsFontPx, false);
        obstacles.Add(new PixelBox(area.Right - (cw + 30), area.Bottom - (ch + 26), area.Right, area.Bottom));
        return LabelLayout.Place(requests, obstacles, area.Grow(-2));
    }

    private static void AddLabel(Plot plot, string text, double x, double y, float size, Color color, bool bold)
    {
        var t = plot.Add.Text(text, x, y);
        t.LabelFontSize = size; t.LabelFontColor = color; t.LabelBold = bold; t.LabelAlignment = Alignment.MiddleCenter; t.LabelFontName = PlotStyle.SansFont;
    }

    // Where to write an airspace's id: its interior point (continuous longitudes, so fine across ±180), if in view.
    private static (double X, double Y)? Label(MapProjection proj, Geometry geometry, double x0, double x1, double y0, double y1)
    {
        var c = geometry.InteriorPoint.Coordinate;
        var p = proj.Project(Vec3.FromLatLonDeg(c.Y, c.X));
        return InView(p, x0, x1, y0, y1) ? p : null;
    }

    private static bool InView((double X, double Y) p, double x0, double x1, double y0, double y1)
    {
        double mx = 0.03 * (x1 - x0), my = 0.03 * (y1 - y0);
        return p.X > x0 + mx && p.X < x1 - mx && p.Y > y0 + my && p.Y < y1 - my;
    }

    private static IEnumerable<List<GeoPoint>> Rings(Geometry g)
    {
        for (int i = 0; i < g.NumGeometries; i++)
        {
            var poly = (Polygon)g.GetGeometryN(i);
            yield return Points(poly.ExteriorRing);
            foreach (var hole in poly.InteriorRings) yield return Points(hole);
        }

        static List<GeoPoint> Points(LineString ring)
        {
            var c = ring.Coordinates;
            int n = c.Length > 1 && c[0].Equals2D(c[^1]) ? c.Length - 1 : c.Length;
            return Enumerable.Range(0, n).Select(i => new GeoPoint(c[i].Y, c[i].X)).ToList();
        }
    }

    // A ring's edges, the closing one included, densified; the first point repeated at the end when close.
    private static List<Vec3> DensifyRing(IReadOnlyList<GeoPoint> ring, bool close)
    {
        var list = Densify([.. ring, ring[0]]);
        if (!close) list.RemoveAt(list.Count - 1);
        return list;
    }

    /// <summary>Great-circle legs as points every <see cref="DensifyKm"/> or closer (<see cref="Sphere.Intermediate(GeoPoint, GeoPoint, double)"/>).</summary>
    internal static List<Vec3> Densify(IReadOnlyList<GeoPoint> path)
    {
        var list = new List<Vec3>();
        for (int i = 0; i < path.Count; i++)
        {
            if (i == 0) { list.Add(Vec3.FromGeo(path[0])); continue; }
            var (a, b) = (path[i - 1], path[i]);
            int n = Math.Max(1, (int)Math.Ceiling(Sphere.DistanceKm(a, b) / DensifyKm));
            var (va, vb) = (Vec3.FromGeo(a), Vec3.FromGeo(b));
            for (int k = 1; k <= n; k++)
                list.Add(k == n || va.Cross(vb).Norm < 1e-12 ? vb : Sphere.Intermediate(va, vb, (double)k / n));
        }
        return list;
    }

    private static List<Vec3> DensifyVectors(List<Vec3> points)
    {
        var list = new List<Vec3>(points.Count);
        for (int i = 0; i < points.Count; i++)
        {
            var b = points[i].Normalize();
            if (i > 0)
            {
                var a = list[^1];
                int n = (int)Math.Ceiling(Vec3.Angle(a, b) * Sphere.MeanRadiusKm / DensifyKm);
                for (int k = 1; k < n; k++) list.Add(Sphere.Intermediate(a, b, (double)k / n));
            }
            list.Add(b);
        }
        return list;
    }

    private static List<(double, double)[]> Pieces(MapProjection proj, IReadOnlyList<GeoPoint> path, Vec3[] clip) =>
        MapProjection.ClipLine(Densify(path), clip).Select(p => Project(proj, p)).ToList();

    private static (double, double)[] Project(MapProjection proj, List<Vec3> points) => points.Select(p => proj.Project(p)).ToArray();

    // A Natural Earth ring cut at the antimeridian runs along ±180°: those edges are not coasts or borders.
    private static IEnumerable<List<Vec3>> WithoutAntimeridianCuts(GeoPoint[] ring)
    {
        var run = new List<Vec3>();
        for (int i = 0; i <= ring.Length; i++)
        {
            var p = ring[i % ring.Length];
            if (run.Count > 0 && OnCut(ring[(i - 1) % ring.Length], p))
            {
                if (run.Count >= 2) yield return run;
                run = [];
            }
            run.Add(Vec3.FromGeo(p));
        }
        if (run.Count >= 2) yield return run;

        static bool OnCut(GeoPoint a, GeoPoint b) => Math.Abs(Math.Abs(a.LonDeg) - 180) < 1e-6 && Math.Abs(Math.Abs(b.LonDeg) - 180) < 1e-6;
    }

    private static Color ToColor(SKColor c) => new(c.Red, c.Green, c.Blue, c.Alpha);
}
