using System.Globalization;
using System.Text.Json;
using AirspaceSim.Geodesy;
using AirspaceSim.Infrastructure;
using AirspaceSim.Spherical;
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
/// <para>Entry points: <c>LoadGeoJson</c>/<c>ParseGeoJson</c> validate and build every feature; <c>OpenGeoJson</c> (path,
/// stream or UTF-8 bytes) parses and indexes the file and builds each airspace on first use (<see cref="AirspaceFile"/>).</para>
/// <para>Rings may come in either orientation (the smaller region is meant, with a warning when the sides are too close
/// in size, see <see cref="AmbiguousAreaFraction"/>; a feature's <c>"interior"</c> property says otherwise, see
/// <see cref="RingInterior"/>), unclosed (they are closed) or with
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

    /// <summary>
    /// A ring whose smaller side covers more than this fraction of the sphere (0.4: the two sides within 40 % : 60 %) is
    /// ambiguous under <see cref="RingInterior.Smaller"/>: a ring along the equator, a 200° × 120° box. The smaller side
    /// is still taken, with a <see cref="AirspaceIssueKind.Warning"/> (strict mode: an error) asking the file to say
    /// which side with <c>"interior"</c>.
    /// </summary>
    public const double AmbiguousAreaFraction = 0.4;

    /// <inheritdoc cref="LoadGeoJson(string, AirspaceLoadOptions?)"/>
    public static AirspaceLoadResult LoadGeoJson(string path) => LoadGeoJson(path, null);

    /// <summary>Loads a GeoJSON file, validating every feature; messages name the file.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or the options are unusable.</exception>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="IOException"><paramref name="path"/> is a directory (the message says so), or the file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    /// <exception cref="AirspaceFormatException">Not JSON (1-based line and column), wrong structure, or (strict mode) any problem.</exception>
    public static AirspaceLoadResult LoadGeoJson(string path, AirspaceLoadOptions? options) => OpenGeoJson(path, options).LoadAll();

    /// <inheritdoc cref="LoadGeoJson(Stream, AirspaceLoadOptions?)"/>
    public static AirspaceLoadResult LoadGeoJson(Stream stream) => LoadGeoJson(stream, null);

    /// <summary>Loads GeoJSON from a stream (name it with <see cref="AirspaceLoadOptions.FileName"/>), validating every feature.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException">The stream cannot be read, or the options are unusable.</exception>
    /// <exception cref="AirspaceFormatException">Not JSON (1-based line and column), wrong structure, or (strict mode) any problem.</exception>
    public static AirspaceLoadResult LoadGeoJson(Stream stream, AirspaceLoadOptions? options) => OpenGeoJson(stream, options).LoadAll();

    /// <inheritdoc cref="ParseGeoJson(string, AirspaceLoadOptions?)"/>
    public static AirspaceLoadResult ParseGeoJson(string json) => ParseGeoJson(json, null);

    /// <summary>Loads GeoJSON text, validating every feature.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are unusable.</exception>
    /// <exception cref="AirspaceFormatException">Not JSON (1-based line and column), wrong structure, or (strict mode) any problem.</exception>
    public static AirspaceLoadResult ParseGeoJson(string json, AirspaceLoadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(json);
        return OpenGeoJson(System.Text.Encoding.UTF8.GetBytes(json), options).LoadAll();
    }

    /// <inheritdoc cref="OpenGeoJson(string, AirspaceLoadOptions?)"/>
    public static AirspaceFile OpenGeoJson(string path) => OpenGeoJson(path, null);

    /// <summary>
    /// Reads a GeoJSON file and indexes its features by id without building them: each airspace is validated and built on
    /// first use (<see cref="AirspaceFile.TryGet"/>, <see cref="AirspaceFile.Build"/>), so a command that closes two of
    /// 1,100 FIRs pays for two. Problems of the file's structure and of the features' headers (id, geometry type,
    /// properties) are found here.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or the options are unusable.</exception>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="IOException"><paramref name="path"/> is a directory (the message says so), or the file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    /// <exception cref="AirspaceFormatException">Not JSON (1-based line and column), wrong structure, or (strict mode) a bad feature header.</exception>
    public static AirspaceFile OpenGeoJson(string path, AirspaceLoadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("the GeoJSON path is empty", nameof(path));
        options ??= AirspaceLoadOptions.Default;
        options.Validate();
        if (Directory.Exists(path)) throw new IOException($"{path}: is a directory, not a GeoJSON file");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found", path);
        return OpenGeoJson(File.ReadAllBytes(path), options with { FileName = options.FileName ?? path });
    }

    /// <inheritdoc cref="OpenGeoJson(Stream, AirspaceLoadOptions?)"/>
    public static AirspaceFile OpenGeoJson(Stream stream) => OpenGeoJson(stream, null);

    /// <summary>Reads GeoJSON from a stream and indexes it, building airspaces on first use (see <see cref="OpenGeoJson(string, AirspaceLoadOptions?)"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException">The stream cannot be read, or the options are unusable.</exception>
    /// <exception cref="AirspaceFormatException">Not JSON, wrong structure, or (strict mode) a bad feature header.</exception>
    public static AirspaceFile OpenGeoJson(Stream stream, AirspaceLoadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) throw new ArgumentException("the stream cannot be read", nameof(stream));
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return OpenGeoJson(ms.GetBuffer().AsMemory(0, (int)ms.Length), options);
    }

    /// <inheritdoc cref="OpenGeoJson(ReadOnlyMemory{byte}, AirspaceLoadOptions?)"/>
    public static AirspaceFile OpenGeoJson(ReadOnlyMemory<byte> utf8) => OpenGeoJson(utf8, null);

    /// <summary>
    /// Indexes GeoJSON given as UTF-8 bytes (e.g. a decompressed embedded resource), building airspaces on first use. The
    /// file keeps a reference to <paramref name="utf8"/>, which must not change afterwards.
    /// </summary>
    /// <exception cref="ArgumentException">The options are unusable.</exception>
    /// <exception cref="AirspaceFormatException">Not JSON, wrong structure, or (strict mode) a bad feature header.</exception>
    public static AirspaceFile OpenGeoJson(ReadOnlyMemory<byte> utf8, AirspaceLoadOptions? options)
    {
        options ??= AirspaceLoadOptions.Default;
        options.Validate();
        if (utf8.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) utf8 = utf8[3..];
        JsonDocument doc;
        // Not disposed: the features' geometry stays in the document until the file is collected (built lazily).
        try { doc = JsonDocument.Parse(utf8, JsonOptions); }
        catch (JsonException e) { throw NotJson(e, options.FileName, utf8.Span); }
        return Index(doc.RootElement, options);
    }

    /// <inheritdoc cref="LoadWkt(string, string, string?, AirspaceKind)"/>
    public static Airspace LoadWkt(string wkt, string id) => LoadWkt(wkt, id, null, AirspaceKind.Other);

    /// <inheritdoc cref="LoadWkt(string, string, string?, AirspaceKind)"/>
    public static Airspace LoadWkt(string wkt, string id, string? name) => LoadWkt(wkt, id, name, AirspaceKind.Other);

    /// <summary>
    /// Reads one polygon or multipolygon in WKT (x = longitude, y = latitude) as an airspace, validated strictly.
    /// </summary>
    /// <exception cref="AirspaceFormatException">Unreadable WKT, not a (Multi)Polygon, or any ring problem.</exception>
    public static Airspace LoadWkt(string wkt, string id, string? name, AirspaceKind kind)
    {
        ArgumentNullException.ThrowIfNull(wkt);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Geometry g;
        try { g = new WKTReader(NtsGeometryServices.Instance) { IsOldNtsCoordinateSyntaxAllowed = false }.Read(wkt); }
        // NTS's tokenizer also throws IndexOutOfRangeException on some malformed input (found by fuzzing: a doubled blank
        // inside a MULTIPOLYGON's last ring); whatever it throws on text is a WKT error, not ours.
        catch (Exception e) when (e is ParseException or ArgumentException or FormatException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new AirspaceFormatException($"airspace '{id}': not valid WKT: {e.Message}", null, id, 0, null, null, e) { Problem = AirspaceProblem.Syntax };
        }
        var polys = g switch
        {
            Polygon p => [p],
            MultiPolygon mp => Enumerable.Range(0, mp.NumGeometries).Select(i => (Polygon)mp.GetGeometryN(i)).ToList(),
            _ => throw new AirspaceFormatException($"airspace '{id}': WKT geometry is a {g.GeometryType}, not a Polygon or MultiPolygon", null, id, 0, null, null)
                { Problem = AirspaceProblem.UnsupportedGeometry },
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
        return Build(raw, ctx, name ?? id, kind, 0, RingInterior.Smaller);
    }

    /// <inheritdoc cref="ParsePolygonStrict(string, string, string?, AirspaceKind)"/>
    public static Airspace ParsePolygonStrict(string text, string id) => ParsePolygonStrict(text, id, null, AirspaceKind.Other);

    /// <inheritdoc cref="ParsePolygonStrict(string, string, string?, AirspaceKind)"/>
    public static Airspace ParsePolygonStrict(string text, string id, string? name) => ParsePolygonStrict(text, id, name, AirspaceKind.Other);

    /// <summary>
    /// Reads a single closure polygon, validated strictly: GeoJSON (a Polygon/MultiPolygon geometry or a Feature), WKT
    /// (<c>POLYGON ((lon lat, ...))</c>), or a list of <c>LAT,LON</c> points separated by semicolons
    /// (<c>10,-70; 12,-70; 12,-66</c>; the ring is closed for you).
    /// </summary>
    /// <exception cref="AirspaceFormatException">Anything unreadable or invalid.</exception>
    public static Airspace ParsePolygonStrict(string text, string id, string? name, AirspaceKind kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var t = text.Trim();
        if (t.StartsWith('{'))
        {
            var utf8 = System.Text.Encoding.UTF8.GetBytes(t);
            JsonDocument doc;
            try { doc = JsonDocument.Parse(utf8, JsonOptions); }
            catch (JsonException e) { throw NotJson(e, null, utf8); }
            using (doc)
            {
                var root = doc.RootElement;
                var geom = root;
                string path = "$";
                var ctx = new FeatureContext(null, id, 0, strict: true, []);
                var interior = RingInterior.Smaller;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var ty) && ty.ValueKind == JsonValueKind.String && ty.GetString() == "Feature")
                {
                    if (!root.TryGetProperty("geometry", out geom))
                        throw new AirspaceFormatException($"airspace '{id}': the Feature has no geometry (at $.geometry)", null, id, 0, null, "$.geometry")
                            { Problem = AirspaceProblem.MissingGeometry };
                    path = "$.geometry";
                    if (root.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
                        interior = ReadInterior(props, "$.properties.interior", interior, ctx);
                }
                var raw = ReadGeometry(geom, path, ctx);
                return Build(raw, ctx, name ?? id, kind, 0, interior);
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
                throw new AirspaceFormatException($"airspace '{id}': point {i + 1} '{parts[i]}' is not LAT,LON in decimal degrees", null, id, 0, parts[i], null)
                    { Problem = AirspaceProblem.Syntax };
            ring.Add(new RawPosition(lon, lat, $"point {i + 1}"));
        }
        if (ring.Count > 1 && (ring[0].Lat != ring[^1].Lat || ring[0].Lon != ring[^1].Lon)) ring.Add(ring[0] with { Path = $"point {ring.Count + 1} (closing)" });
        var c = new FeatureContext(null, id, 0, strict: true, []);
        return Build([[ring]], c, name ?? id, kind, 0, RingInterior.Smaller);
    }

    /// <summary>A JSON syntax error, its position given once: 1-based line and column (characters, not bytes).</summary>
    private static AirspaceFormatException NotJson(JsonException e, string? file, ReadOnlySpan<byte> utf8)
    {
        long line = e.LineNumber ?? 0, bytePos = e.BytePositionInLine ?? 0;
        int lineStart = 0;
        for (long l = 0; l < line && lineStart < utf8.Length; l++)
        {
            int nl = utf8[lineStart..].IndexOf((byte)'\n');
            if (nl < 0) break;
            lineStart += nl + 1;
        }
        int len = (int)Math.Clamp(bytePos, 0, utf8.Length - lineStart);
        long column = System.Text.Encoding.UTF8.GetCharCount(utf8.Slice(lineStart, len)) + 1;
        // System.Text.Json appends its own 0-based "LineNumber: l | BytePositionInLine: b" (and the path): said once, here.
        string why = System.Text.RegularExpressions.Regex.Replace(e.Message, @"\s*(Path: \S*\s*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?", "").Trim();
        // An empty (or blank) file is said plainly, not as System.Text.Json's "does not contain any JSON tokens ...
        // when isFinalBlock is true" (its reader's internals), and so is a file cut short.
        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
            return new($"{(file is null ? "" : file + ": ")}the file is empty; expected GeoJSON (a FeatureCollection, a Feature or a geometry)",
                file, null, -1, null, "$", e) { Problem = AirspaceProblem.Syntax };
        why = why.Replace(", when isFinalBlock is true.", " (the file ends too early).", StringComparison.Ordinal)
                 .Replace(" when isFinalBlock is true.", " (the file ends too early).", StringComparison.Ordinal);
        return new($"{(file is null ? "" : file + ": ")}not valid JSON at line {line + 1}, column {column}: {why}",
            file, null, -1, null, e.Path ?? "$", e) { Problem = AirspaceProblem.Syntax };
    }

    private static AirspaceFormatException Structure(string? file, string path, string what) =>
        new($"{(file is null ? "" : file + ": ")}{what} (at {path})", file, null, -1, null, path) { Problem = AirspaceProblem.Structure };

    private static AirspaceFile Index(JsonElement root, AirspaceLoadOptions options)
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
        var byId = new Dictionary<string, AirspaceFile.Entry>(StringComparer.OrdinalIgnoreCase);
        for (int index = 0; index < features.Count; index++)
        {
            var (f, path) = features[index];
            var ctx = new FeatureContext(file, $"#{index}", index, options.Strict, issues);
            try
            {
                var entry = ReadHeader(f, path, options, ctx);
                ctx.Commit();
                if (byId.TryGetValue(entry.Id, out var earlier))
                {
                    var reason = $"id '{entry.Id}' is used again by feature #{index}; the later feature wins";
                    if (options.Strict)
                        throw new AirspaceFormatException($"{(file is null ? "" : file + ": ")}feature #{earlier.Index} '{earlier.Id}': {reason}",
                            file, earlier.Id, earlier.Index, null, earlier.Path) { Problem = AirspaceProblem.DuplicateId };
                    issues.Add(new AirspaceLoadIssue(earlier.Id, earlier.Index, null, reason, false) { FileName = file, Problem = AirspaceProblem.DuplicateId });
                    byId.Remove(entry.Id); // so that the later feature's spelling of the id is kept
                }
                byId[entry.Id] = entry;
            }
            catch (FeatureRejectedException e) { ctx.Reject(e); }
        }
        return new AirspaceFile(file, features.Count, byId, issues, options.Strict);
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
        AirspaceFile.Entry entry;
        try
        {
            entry = ReadHeader(doc.RootElement, $"$.features[{index}]", options, ctx);
            ctx.Commit();
        }
        catch (FeatureRejectedException e) { ctx.Reject(e); return null; }
        var built = BuildEntry(entry, options.FileName, options.Strict);
        issues.AddRange(built.Issues);
        return built.Airspace;
    }

    /// <summary>The cheap part of a feature, read when the file is opened: id, name, kind, interior, geometry type.</summary>
    private static AirspaceFile.Entry ReadHeader(JsonElement f, string path, AirspaceLoadOptions options, FeatureContext ctx)
    {
        if (f.ValueKind != JsonValueKind.Object)
            throw ctx.Fail(AirspaceProblem.Structure, $"expected a Feature object, found {f.ValueKind}", null, path);
        if (!f.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String || t.GetString() != "Feature")
            throw ctx.Fail(AirspaceProblem.Structure, "expected \"type\": \"Feature\"", null, path + ".type");
        JsonElement props = default;
        bool hasProps = f.TryGetProperty("properties", out props) && props.ValueKind == JsonValueKind.Object;
        string? id = hasProps ? Text(props, options.IdProperty) : null;
        // RFC 7946 §3.2: a Feature's own "id" member (string or number) identifies it when the property is absent.
        if (string.IsNullOrWhiteSpace(id)) id = Text(f, "id");
        if (string.IsNullOrWhiteSpace(id))
            throw ctx.Fail(AirspaceProblem.MissingId, $"feature has no \"{options.IdProperty}\" property and no top-level \"id\" (RFC 7946 §3.2) to use as its id",
                null, path + ".properties." + options.IdProperty);
        id = id.Trim();
        // The id names the closure in tables, reasons ("flies around X") and --closed: a control character broke them.
        if (IdentifierText.Problem(id, "id") is { } control)
            throw ctx.Fail(AirspaceProblem.BadProperty, control, null, path + (hasProps && Text(props, options.IdProperty) is { } own && !string.IsNullOrWhiteSpace(own) ? ".properties." + options.IdProperty : ".id"));
        ctx.FeatureId = id;
        string name = (hasProps ? Text(props, "name") : null) ?? id;
        string? kindText = hasProps ? Text(props, "kind") ?? Text(props, "type") : null;
        var kind = kindText is null ? options.DefaultKind : ParseKind(kindText);
        var interior = hasProps ? ReadInterior(props, path + ".properties.interior", options.DefaultInterior, ctx) : options.DefaultInterior;
        if (!f.TryGetProperty("geometry", out var geom) || geom.ValueKind == JsonValueKind.Null)
            throw ctx.Fail(AirspaceProblem.MissingGeometry, "feature has no geometry", null, path + ".geometry");
        CheckGeometryHeader(geom, path + ".geometry", ctx);
        return new AirspaceFile.Entry(ctx.FeatureIndex, path, id, name, kind, interior, geom, options.SelfIntersectionRepairToleranceDeg);
    }

    private static RingInterior ReadInterior(JsonElement props, string path, RingInterior fallback, FeatureContext ctx)
    {
        if (!props.TryGetProperty("interior", out var v) || v.ValueKind == JsonValueKind.Null) return fallback;
        string? text = v.ValueKind == JsonValueKind.String ? v.GetString()?.Trim().ToLowerInvariant() : null;
        return text switch
        {
            "smaller" => RingInterior.Smaller,
            "left" or "ccw" => RingInterior.Left,
            "right" or "cw" => RingInterior.Right,
            _ => throw ctx.Fail(AirspaceProblem.BadProperty, $"\"interior\": {v.GetRawText()} is not one of \"smaller\", \"left\" (or \"ccw\": inside to the left of each ring " +
                                "as written, RFC 7946 winding) or \"right\" (or \"cw\")", null, path),
        };
    }

    /// <summary>Builds one indexed feature: reads its coordinates, validates its rings, builds its region.</summary>
    internal static AirspaceBuildResult BuildEntry(AirspaceFile.Entry e, string? file, bool strict)
    {
        var issues = new List<AirspaceLoadIssue>();
        var ctx = new FeatureContext(file, e.Id, e.Index, strict, issues);
        try
        {
            var raw = ReadGeometry(e.Geometry, e.Path + ".geometry", ctx);
            var airspace = Build(raw, ctx, e.Name, e.Kind, e.ToleranceDeg, e.Interior);
            ctx.Commit();
            return new AirspaceBuildResult(airspace, issues);
        }
        catch (FeatureRejectedException x)
        {
            ctx.Reject(x);
            return new AirspaceBuildResult(null, issues);
        }
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

    private static void CheckGeometryHeader(JsonElement geom, string path, FeatureContext ctx)
    {
        if (geom.ValueKind != JsonValueKind.Object)
            throw ctx.Fail(AirspaceProblem.Structure, $"geometry must be an object, found {geom.ValueKind}", null, path);
        if (!geom.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String)
            throw ctx.Fail(AirspaceProblem.Structure, "geometry has no \"type\"", null, path + ".type");
        string type = t.GetString()!;
        if (type is not ("Polygon" or "MultiPolygon"))
            throw ctx.Fail(AirspaceProblem.UnsupportedGeometry, $"geometry type {type} is not supported; an airspace must be a Polygon or MultiPolygon", null, path + ".type");
        if (!geom.TryGetProperty("coordinates", out var coords) || coords.ValueKind != JsonValueKind.Array)
            throw ctx.Fail(AirspaceProblem.MissingGeometry, $"{type} needs a \"coordinates\" array", null, path + ".coordinates");
    }

    private static List<List<List<RawPosition>>> ReadGeometry(JsonElement geom, string path, FeatureContext ctx)
    {
        CheckGeometryHeader(geom, path, ctx);
        string type = geom.GetProperty("type").GetString()!;
        var coords = geom.GetProperty("coordinates");
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
            if (result.Count == 0) throw ctx.Fail(AirspaceProblem.MissingGeometry, "MultiPolygon has no polygons", null, path + ".coordinates");
        }
        return result;
    }

    private static List<List<RawPosition>> ReadPolygon(JsonElement poly, string path, FeatureContext ctx)
    {
        if (poly.ValueKind != JsonValueKind.Array)
            throw ctx.Fail(AirspaceProblem.Structure, $"a polygon must be an array of rings, found {poly.ValueKind}", null, path);
        var rings = new List<List<RawPosition>>();
        int r = 0;
        foreach (var ring in poly.EnumerateArray())
        {
            string rp = $"{path}[{r}]";
            if (ring.ValueKind != JsonValueKind.Array)
                throw ctx.Fail(AirspaceProblem.Structure, $"a ring must be an array of positions, found {ring.ValueKind}", null, rp);
            var pts = new List<RawPosition>();
            int k = 0;
            foreach (var pos in ring.EnumerateArray())
            {
                string pp = $"{rp}[{k}]";
                if (pos.ValueKind != JsonValueKind.Array || pos.GetArrayLength() < 2)
                    throw ctx.Fail(AirspaceProblem.Structure, $"position {pos.GetRawText()} is not an array of [longitude, latitude]", pos.GetRawText(), pp);
                var lonE = pos[0]; var latE = pos[1];
                if (lonE.ValueKind != JsonValueKind.Number || latE.ValueKind != JsonValueKind.Number
                    || !lonE.TryGetDouble(out var lon) || !latE.TryGetDouble(out var lat))
                    throw ctx.Fail(AirspaceProblem.Structure, $"position {pos.GetRawText()} is not numeric: longitude and latitude must be JSON numbers", pos.GetRawText(), pp);
                pts.Add(new RawPosition(lon, lat, pp));
                k++;
            }
            rings.Add(pts);
            r++;
        }
        if (rings.Count == 0) throw ctx.Fail(AirspaceProblem.MissingGeometry, "polygon has no rings", null, path);
        return rings;
    }

    /// <summary>
    /// Cleans and validates every ring, then builds the airspace: the NTS geometry with continuous longitudes, and the
    /// region on the sphere from the validated vertices, each loop turned so that the meant side is on its left.
    /// </summary>
    private static Airspace Build(List<List<List<RawPosition>>> raw, FeatureContext ctx, string name, AirspaceKind kind, double tolerance,
        RingInterior interior)
    {
        var polygons = new List<Polygon>();
        var sphere = new List<SphericalPolygon>();
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
            var loops = new SphericalLoop[clean.Count];
            for (int ri = 0; ri < clean.Count; ri++) loops[ri] = Orient(clean[ri], names[ri], isHole: ri > 0, interior, ctx);
            sphere.Add(new SphericalPolygon(loops[0], loops[1..]));
        }
        Geometry g = polygons.Count == 1 ? polygons[0] : Factory.CreateMultiPolygon(polygons.ToArray());
        try { return new Airspace(ctx.FeatureId, name, kind, g, new SphericalRegion(sphere)); }
        catch (ArgumentException e) { throw ctx.Fail(AirspaceProblem.Other, e.Message, null, null, e); }
    }

    /// <summary>True if a ring whose left side has area <paramref name="leftSr"/> (steradians) is ambiguous under
    /// <see cref="RingInterior.Smaller"/>: its smaller side covers more than <see cref="AmbiguousAreaFraction"/> of the
    /// sphere. The one rule, shared by the reader's warning and the GeoJSON writer's <c>"interior"</c> property.</summary>
    internal static bool IsAmbiguousUnderSmaller(double leftSr) =>
        Math.Min(leftSr, 4 * Math.PI - leftSr) / (4 * Math.PI) > AmbiguousAreaFraction;

    /// <summary>True if a ring meant to enclose a side of area <paramref name="meantSr"/> reads back as that side, without
    /// a warning, under <see cref="RingInterior.Smaller"/> (the default): the side is the smaller one and not ambiguous.</summary>
    internal static bool SmallerRuleReadsAsMeant(double meantSr) => meantSr <= 2 * Math.PI && !IsAmbiguousUnderSmaller(meantSr);

    /// <summary>
    /// The loop around the region a ring means: for an outer ring the airspace, for a hole the area cut out. Under
    /// <see cref="RingInterior.Left"/> the polygon's inside is left of every ring as written (RFC 7946), so a hole's own
    /// area is on its right; <see cref="RingInterior.Right"/> is the mirror; <see cref="RingInterior.Smaller"/> takes the
    /// smaller side of each ring and warns when the sides are too close in size to tell.
    /// </summary>
    private static SphericalLoop Orient(CleanRing ring, string what, bool isHole, RingInterior interior, FeatureContext ctx)
    {
        // Gauss–Bonnet: the region left of a simple ring has area 2π − (total turning); the two sides add up to 4π.
        double leftSr = 2 * Math.PI - SphericalLoop.TotalTurning(ring.V);
        bool useLeft;
        if (interior == RingInterior.Smaller)
        {
            useLeft = leftSr <= 2 * Math.PI;
            double smallerFraction = Math.Min(leftSr, 4 * Math.PI - leftSr) / (4 * Math.PI);
            if (IsAmbiguousUnderSmaller(leftSr))
            {
                string small = (100 * smallerFraction).ToString("F1", CultureInfo.InvariantCulture);
                string large = (100 * (1 - smallerFraction)).ToString("F1", CultureInfo.InvariantCulture);
                string limit = (100 * AmbiguousAreaFraction).ToString("F0", CultureInfo.InvariantCulture);
                ctx.Warn(AirspaceProblem.AmbiguousRing, $"{what} is ambiguous: its two sides cover {small} % and {large} % of the sphere (the smaller more than {limit} %), " +
                    "so the smaller one was taken; say which side is meant with the property " +
                    "\"interior\": \"left\" (inside to the left of each ring as written, RFC 7946 winding) or \"right\"",
                    RingValidator.LatLon(ring.Lat[0], GeoPoint.NormalizeLonDeg(ring.Lon[0])), ring.Paths[0]);
            }
        }
        else useLeft = (interior == RingInterior.Left) != isHole;
        var v = ring.V;
        if (!useLeft) { v = (Vec3[])v.Clone(); Array.Reverse(v); }
        return SphericalLoop.FromCcwVertices(v);
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
