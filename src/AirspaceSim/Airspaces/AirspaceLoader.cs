using System.Globalization;
using System.Text.Json;
using AirspaceSim.Geodesy;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace AirspaceSim.Airspaces;

/// <summary>
/// Reads airspaces from GeoJSON and WKT, validating every ring on the sphere (edges are great-circle arcs).
/// </summary>
/// <remarks>
/// <para>GeoJSON is parsed feature by feature with <see cref="JsonDocument"/> and the coordinates are read directly, so
/// one bad feature never loses the whole file. A file is a <c>Feature</c> or a <c>FeatureCollection</c> whose geometries
/// are <c>Polygon</c> or <c>MultiPolygon</c>. The id comes from the property named by
/// <see cref="AirspaceLoadOptions.IdProperty"/> (<c>id</c> by default) or, when that is absent, from the Feature's own
/// <c>"id"</c> member (RFC 7946 §3.2; a string or a number), the name from <c>name</c> (else the id), the kind
/// from <c>kind</c> or <c>type</c> (<c>FIR</c>, <c>UIR</c>, <c>restricted</c>/<c>prohibited</c>/<c>danger</c>, else
/// <see cref="AirspaceKind.Other"/>; <see cref="AirspaceLoadOptions.DefaultKind"/> when absent).</para>
/// <para>Rings may come in either orientation (the smaller region is meant), unclosed (they are closed) or with
/// consecutive repeated points (dropped); zero-area spikes A→B→A are removed, and so are tiny loops where a ring
/// crosses itself within <see cref="AirspaceLoadOptions.SelfIntersectionRepairToleranceDeg"/> of the crossing. Rejected are rings with fewer than three
/// distinct points, latitudes outside [-90, 90], non-numeric coordinates, edges joining antipodal points, rings that
/// cross themselves or another ring of the same polygon along great circles, and rings passing twice through a
/// vertex. In lenient mode (the default) each problem becomes an <see cref="AirspaceLoadIssue"/> and the feature is
/// kept (repaired) or left out; in strict mode the first problem throws <see cref="AirspaceFormatException"/>.</para>
/// <para>Antimeridian: a ring whose longitudes jump across ±180 (179 → −179) is already right on the sphere, because
/// every edge is the shorter great-circle arc; its stored NTS coordinates are unwrapped to continuous longitudes
/// (consecutive longitudes differ by less than 180°, so they may run past ±180, e.g. 179 → 181) so that planar drawing
/// works. Input already in that continuous form (|lon| up to 540) is accepted. A MultiPolygon cut along ±180 as RFC 7946
/// asks stays one airspace with several polygons. Rings around a pole keep longitudes in [-180, 180].</para>
/// <para>Feature ids repeated within a file: the later feature wins and the earlier one is reported as left out.</para>
/// </remarks>
public static class AirspaceLoader
{
    private static readonly GeometryFactory Factory = NtsGeometryServices.Instance.CreateGeometryFactory(4326);
    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Loads a GeoJSON file; messages name the file.</summary>
    /// <exception cref="AirspaceFormatException">Not JSON, wrong structure, or (strict mode) any problem.</exception>
    public static AirspaceLoadResult LoadGeoJson(string path, AirspaceLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= AirspaceLoadOptions.Default;
        using var stream = File.OpenRead(path);
        return LoadGeoJson(stream, options with { FileName = options.FileName ?? path });
    }

    /// <summary>Loads GeoJSON from a stream (name it with <see cref="AirspaceLoadOptions.FileName"/>).</summary>
    /// <exception cref="AirspaceFormatException">Not JSON, wrong structure, or (strict mode) any problem.</exception>
    public static AirspaceLoadResult LoadGeoJson(Stream stream, AirspaceLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= AirspaceLoadOptions.Default;
        JsonDocument doc;
        try { doc = JsonDocument.Parse(stream, JsonOptions); }
        catch (JsonException e) { throw NotJson(e, options.FileName); }
        using (doc) return Load(doc.RootElement, options);
    }

    /// <summary>Loads GeoJSON text.</summary>
    /// <exception cref="AirspaceFormatException">Not JSON, wrong structure, or (strict mode) any problem.</exception>
    public static AirspaceLoadResult ParseGeoJson(string json, AirspaceLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        options ??= AirspaceLoadOptions.Default;
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, JsonOptions); }
        catch (JsonException e) { throw NotJson(e, options.FileName); }
        using (doc) return Load(doc.RootElement, options);
    }

    /// <summary>
    /// Reads one polygon or multipolygon in WKT (x = longitude, y = latitude) as an airspace, validated strictly.
    /// </summary>
    /// <exception cref="AirspaceFormatException">Unreadable WKT, not a (Multi)Polygon, or any ring problem.</exception>
    public static Airspace LoadWkt(string wkt, string id, string? name = null, AirspaceKind kind = AirspaceKind.Other)
    {
        ArgumentNullException.ThrowIfNull(wkt);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Geometry g;
        try { g = new WKTReader(NtsGeometryServices.Instance) { IsOldNtsCoordinateSyntaxAllowed = false }.Read(wkt); }
        // NTS's tokenizer also throws IndexOutOfRangeException on some malformed input (found by fuzzing: a doubled blank
        // inside a MULTIPOLYGON's last ring); whatever it throws on text is a WKT error, not ours.
        catch (Exception e) when (e is ParseException or ArgumentException or FormatException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new AirspaceFormatException($"airspace '{id}': not valid WKT: {e.Message}", null, id, 0, null, null, e);
        }
        var polys = g switch
        {
            Polygon p => [p],
            MultiPolygon mp => Enumerable.Range(0, mp.NumGeometries).Select(i => (Polygon)mp.GetGeometryN(i)).ToList(),
            _ => throw new AirspaceFormatException($"airspace '{id}': WKT geometry is a {g.GeometryType}, not a Polygon or MultiPolygon", null, id, 0, null, null),
        };
        var raw = new List<List<List<RawPosition>>>();
        for (int pi = 0; pi < polys.Count; pi++)
        {
            var rings = new List<List<RawPosition>>();
            var all = new[] { polys[pi].ExteriorRing }.Concat(polys[pi].InteriorRings).ToList();
            for (int ri = 0; ri < all.Count; ri++)
                rings.Add(all[ri].Coordinates.Select((c, k) => new RawPosition(c.X, c.Y, $"polygon {pi + 1} ring {ri + 1} point {k + 1}")).ToList());
            raw.Add(rings);
        }
        var ctx = new FeatureContext(null, id, 0, strict: true, []);
        return Build(raw, ctx, name ?? id, kind, 0);
    }

    /// <summary>
    /// Reads a single closure polygon, validated strictly: GeoJSON (a Polygon/MultiPolygon geometry or a Feature), WKT
    /// (<c>POLYGON ((lon lat, ...))</c>), or a list of <c>LAT,LON</c> points separated by semicolons
    /// (<c>10,-70; 12,-70; 12,-66</c>; the ring is closed for you).
    /// </summary>
    /// <exception cref="AirspaceFormatException">Anything unreadable or invalid.</exception>
    public static Airspace ParsePolygonStrict(string text, string id, string? name = null, AirspaceKind kind = AirspaceKind.Other)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var t = text.Trim();
        if (t.StartsWith('{'))
        {
            JsonDocument doc;
            try { doc = JsonDocument.Parse(t, JsonOptions); }
            catch (JsonException e) { throw NotJson(e, null); }
            using (doc)
            {
                var root = doc.RootElement;
                var geom = root;
                string path = "$";
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var ty) && ty.ValueKind == JsonValueKind.String && ty.GetString() == "Feature")
                {
                    if (!root.TryGetProperty("geometry", out geom))
                        throw new AirspaceFormatException($"airspace '{id}': the Feature has no geometry (at $.geometry)", null, id, 0, null, "$.geometry");
                    path = "$.geometry";
                }
                var ctx = new FeatureContext(null, id, 0, strict: true, []);
                var raw = ReadGeometry(geom, path, ctx);
                return Build(raw, ctx, name ?? id, kind, 0);
            }
        }
        if (char.IsLetter(t[0])) return LoadWkt(t, id, name, kind);
        var ring = new List<RawPosition>();
        var parts = t.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            var ll = parts[i].Split(',');
            if (ll.Length != 2 || !double.TryParse(ll[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                               || !double.TryParse(ll[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
                throw new AirspaceFormatException($"airspace '{id}': point {i + 1} '{parts[i]}' is not LAT,LON in decimal degrees", null, id, 0, parts[i], null);
            ring.Add(new RawPosition(lon, lat, $"point {i + 1}"));
        }
        if (ring.Count > 1 && (ring[0].Lat != ring[^1].Lat || ring[0].Lon != ring[^1].Lon)) ring.Add(ring[0] with { Path = $"point {ring.Count + 1} (closing)" });
        var c = new FeatureContext(null, id, 0, strict: true, []);
        return Build([[ring]], c, name ?? id, kind, 0);
    }

    private static AirspaceFormatException NotJson(JsonException e, string? file) =>
        new($"{(file is null ? "" : file + ": ")}not valid JSON at {e.Path ?? "$"} (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}): {e.Message}",
            file, null, -1, null, e.Path ?? "$", e);

    private static AirspaceFormatException Structure(string? file, string path, string what) =>
        new($"{(file is null ? "" : file + ": ")}{what} (at {path})", file, null, -1, null, path);

    private static AirspaceLoadResult Load(JsonElement root, AirspaceLoadOptions options)
    {
        string? file = options.FileName;
        if (root.ValueKind != JsonValueKind.Object)
            throw Structure(file, "$", $"expected a GeoJSON object, found {root.ValueKind}");
        if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            throw Structure(file, "$.type", "missing GeoJSON \"type\"; expected \"FeatureCollection\" or \"Feature\"");
        var features = new List<(JsonElement F, string Path)>();
        switch (type.GetString())
        {
            case "FeatureCollection":
                if (!root.TryGetProperty("features", out var fs) || fs.ValueKind != JsonValueKind.Array)
                    throw Structure(file, "$.features", "a FeatureCollection needs a \"features\" array");
                int i = 0;
                foreach (var f in fs.EnumerateArray()) features.Add((f, $"$.features[{i++}]"));
                break;
            case "Feature":
                features.Add((root, "$"));
                break;
            case "Polygon" or "MultiPolygon":
                throw Structure(file, "$.type", $"a bare {type.GetString()} has no id; wrap it in a Feature with an \"{options.IdProperty}\" property (or use ParsePolygonStrict)");
            default:
                throw Structure(file, "$.type", $"GeoJSON type \"{type.GetString()}\" is not supported; expected \"FeatureCollection\" or \"Feature\"");
        }

        var issues = new List<AirspaceLoadIssue>();
        var byId = new Dictionary<string, (Airspace A, int Index)>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        for (int index = 0; index < features.Count; index++)
        {
            var (f, path) = features[index];
            var ctx = new FeatureContext(file, $"#{index}", index, options.Strict, issues);
            try
            {
                var airspace = ReadFeature(f, path, options, ctx);
                ctx.Commit();
                if (byId.TryGetValue(airspace.Id, out var earlier))
                {
                    var reason = $"id '{airspace.Id}' is used again by feature #{index}; the later feature wins";
                    if (options.Strict)
                        throw new AirspaceFormatException($"{(file is null ? "" : file + ": ")}feature #{earlier.Index} '{earlier.A.Id}': {reason}",
                            file, airspace.Id, index, null, path);
                    issues.Add(new AirspaceLoadIssue(earlier.A.Id, earlier.Index, null, reason, false) { FileName = file });
                }
                else order.Add(airspace.Id);
                byId[airspace.Id] = (airspace, index);
            }
            catch (FeatureRejectedException e) { ctx.Reject(e); }
        }
        var catalog = new AirspaceCatalog(order.Select(id => byId[id].A));
        return new AirspaceLoadResult(catalog, issues);
    }

    /// <summary>
    /// Reads one Feature of a FeatureCollection from its JSON text, as <see cref="LoadGeoJson(Stream, AirspaceLoadOptions?)"/>
    /// would read feature #<paramref name="index"/> (same checks, repairs and messages); null when it is left out. The
    /// bundled world catalog builds each airspace this way when it is first asked for.
    /// </summary>
    internal static Airspace? LoadFeature(ReadOnlyMemory<byte> featureJson, int index, AirspaceLoadOptions options, List<AirspaceLoadIssue> issues)
    {
        using var doc = JsonDocument.Parse(featureJson, JsonOptions);
        var ctx = new FeatureContext(options.FileName, $"#{index}", index, options.Strict, issues);
        try
        {
            var airspace = ReadFeature(doc.RootElement, $"$.features[{index}]", options, ctx);
            ctx.Commit();
            return airspace;
        }
        catch (FeatureRejectedException e) { ctx.Reject(e); return null; }
    }

    private static Airspace ReadFeature(JsonElement f, string path, AirspaceLoadOptions options, FeatureContext ctx)
    {
        if (f.ValueKind != JsonValueKind.Object)
            throw ctx.Fail($"expected a Feature object, found {f.ValueKind}", null, path);
        if (!f.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String || t.GetString() != "Feature")
            throw ctx.Fail("expected \"type\": \"Feature\"", null, path + ".type");
        JsonElement props = default;
        bool hasProps = f.TryGetProperty("properties", out props) && props.ValueKind == JsonValueKind.Object;
        string? id = hasProps ? Text(props, options.IdProperty) : null;
        // RFC 7946 §3.2: a Feature's own "id" member (string or number) identifies it when the property is absent.
        if (string.IsNullOrWhiteSpace(id)) id = Text(f, "id");
        if (string.IsNullOrWhiteSpace(id))
            throw ctx.Fail($"feature has no \"{options.IdProperty}\" property and no top-level \"id\" (RFC 7946 §3.2) to use as its id",
                null, path + ".properties." + options.IdProperty);
        id = id.Trim();
        ctx.FeatureId = id;
        string name = (hasProps ? Text(props, "name") : null) ?? id;
        string? kindText = hasProps ? Text(props, "kind") ?? Text(props, "type") : null;
        var kind = kindText is null ? options.DefaultKind : ParseKind(kindText);
        if (!f.TryGetProperty("geometry", out var geom) || geom.ValueKind == JsonValueKind.Null)
            throw ctx.Fail("feature has no geometry", null, path + ".geometry");
        var raw = ReadGeometry(geom, path + ".geometry", ctx);
        return Build(raw, ctx, name, kind, options.SelfIntersectionRepairToleranceDeg);
    }

    private static string? Text(JsonElement obj, string prop)
    {
        if (!obj.TryGetProperty(prop, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
    }

    /// <summary>Maps a kind/type property to <see cref="AirspaceKind"/>.</summary>
    internal static AirspaceKind ParseKind(string text) => text.Trim().ToUpperInvariant() switch
    {
        "FIR" => AirspaceKind.Fir,
        "UIR" => AirspaceKind.Uir,
        "RESTRICTED" or "PROHIBITED" or "DANGER" or "R" or "P" or "D" => AirspaceKind.Restricted,
        _ => AirspaceKind.Other,
    };

    private static List<List<List<RawPosition>>> ReadGeometry(JsonElement geom, string path, FeatureContext ctx)
    {
        if (geom.ValueKind != JsonValueKind.Object)
            throw ctx.Fail($"geometry must be an object, found {geom.ValueKind}", null, path);
        if (!geom.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String)
            throw ctx.Fail("geometry has no \"type\"", null, path + ".type");
        string type = t.GetString()!;
        if (type is not ("Polygon" or "MultiPolygon"))
            throw ctx.Fail($"geometry type {type} is not supported; an airspace must be a Polygon or MultiPolygon", null, path + ".type");
        if (!geom.TryGetProperty("coordinates", out var coords) || coords.ValueKind != JsonValueKind.Array)
            throw ctx.Fail($"{type} needs a \"coordinates\" array", null, path + ".coordinates");
        var result = new List<List<List<RawPosition>>>();
        if (type == "Polygon") result.Add(ReadPolygon(coords, path + ".coordinates", ctx));
        else
        {
            int i = 0;
            foreach (var p in coords.EnumerateArray())
            {
                result.Add(ReadPolygon(p, $"{path}.coordinates[{i}]", ctx));
                i++;
            }
            if (result.Count == 0) throw ctx.Fail("MultiPolygon has no polygons", null, path + ".coordinates");
        }
        return result;
    }

    private static List<List<RawPosition>> ReadPolygon(JsonElement poly, string path, FeatureContext ctx)
    {
        if (poly.ValueKind != JsonValueKind.Array)
            throw ctx.Fail($"a polygon must be an array of rings, found {poly.ValueKind}", null, path);
        var rings = new List<List<RawPosition>>();
        int r = 0;
        foreach (var ring in poly.EnumerateArray())
        {
            string rp = $"{path}[{r}]";
            if (ring.ValueKind != JsonValueKind.Array)
                throw ctx.Fail($"a ring must be an array of positions, found {ring.ValueKind}", null, rp);
            var pts = new List<RawPosition>();
            int k = 0;
            foreach (var pos in ring.EnumerateArray())
            {
                string pp = $"{rp}[{k}]";
                if (pos.ValueKind != JsonValueKind.Array || pos.GetArrayLength() < 2)
                    throw ctx.Fail($"position {pos.GetRawText()} is not an array of [longitude, latitude]", pos.GetRawText(), pp);
                var lonE = pos[0]; var latE = pos[1];
                if (lonE.ValueKind != JsonValueKind.Number || latE.ValueKind != JsonValueKind.Number
                    || !lonE.TryGetDouble(out var lon) || !latE.TryGetDouble(out var lat))
                    throw ctx.Fail($"position {pos.GetRawText()} is not numeric: longitude and latitude must be JSON numbers", pos.GetRawText(), pp);
                pts.Add(new RawPosition(lon, lat, pp));
                k++;
            }
            rings.Add(pts);
            r++;
        }
        if (rings.Count == 0) throw ctx.Fail("polygon has no rings", null, path);
        return rings;
    }

    /// <summary>Cleans and validates every ring, then builds the airspace with continuous longitudes.</summary>
    private static Airspace Build(List<List<List<RawPosition>>> raw, FeatureContext ctx, string name, AirspaceKind kind, double tolerance)
    {
        var polygons = new List<Polygon>();
        for (int pi = 0; pi < raw.Count; pi++)
        {
            string part = raw.Count > 1 ? $" of part {pi + 1}" : "";
            var clean = new List<CleanRing>();
            var names = new List<string>();
            for (int ri = 0; ri < raw[pi].Count; ri++)
            {
                string what = ri == 0 ? $"outer ring{part}" : $"hole {ri}{part}";
                clean.Add(RingValidator.Clean(raw[pi][ri], what, ctx));
                names.Add(what);
            }
            RingValidator.CheckSimple(clean, names, tolerance, ctx);
            polygons.Add(ToPolygon(clean));
        }
        Geometry g = polygons.Count == 1 ? polygons[0] : Factory.CreateMultiPolygon(polygons.ToArray());
        try { return new Airspace(ctx.FeatureId, name, kind, g); }
        catch (ArgumentException e) { throw ctx.Fail(e.Message, null, null, e); }
    }

    private static Polygon ToPolygon(List<CleanRing> rings)
    {
        LinearRing Ring(CleanRing r, double shift)
        {
            var cs = new Coordinate[r.Lon.Length + 1];
            for (int i = 0; i < r.Lon.Length; i++) cs[i] = new Coordinate(r.Lon[i] + shift, r.Lat[i]);
            cs[^1] = cs[0].Copy();
            return Factory.CreateLinearRing(cs);
        }
        var shell = Ring(rings[0], 0);
        var holes = new LinearRing[rings.Count - 1];
        for (int h = 1; h < rings.Count; h++)
        {
            // Keep holes beside their shell when the shell's longitudes run past ±180.
            double shift = 360 * Math.Round((rings[0].Lon[0] - rings[h].Lon[0]) / 360);
            holes[h - 1] = Ring(rings[h], shift);
        }
        return Factory.CreatePolygon(shell, holes);
    }
}
