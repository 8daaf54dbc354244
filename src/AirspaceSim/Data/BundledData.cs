using AirspaceSim.Airspaces;
using AirspaceSim.Infrastructure;

namespace AirspaceSim.Data;

/// <summary>
/// The data files embedded in the library (see <c>data/README.md</c> for their sources and licences): the SVZM and
/// TNCF boundaries, the world's FIRs (VATSpy, CC BY-SA 4.0, Brotli-compressed) with the loader's repairs, the world's
/// medium and large airports (OurAirports, public domain) and the Caribbean route list.
/// </summary>
public static class BundledData
{
    // The reading itself is Resources.EmbeddedResources, below Airspaces and Weather, which build bundled objects too.
    private const string Prefix = EmbeddedResources.Prefix;
    private static readonly Lazy<IReadOnlyList<RouteListRow>> RoutesLazy =
        new(() => RouteListReader.Parse(ReadText(CaribbeanRoutesResource), CaribbeanRoutesResource), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Resource name of the airports CSV (the OurAirports extract, <c>data/world/airports.csv</c>).</summary>
    public const string AirportsResource = Prefix + "world.airports.csv";

    /// <summary>Resource name of the VATSpy world boundaries (GeoJSON, Brotli-compressed; CC BY-SA 4.0).</summary>
    public const string WorldBoundariesResource = EmbeddedResources.WorldBoundaries;

    /// <summary>Resource name of the lenient loader's issues for <see cref="WorldBoundariesResource"/> (tab-separated).</summary>
    public const string WorldBoundariesIssuesResource = EmbeddedResources.WorldBoundariesIssues;

    /// <summary>Resource name of the Caribbean route list.</summary>
    public const string CaribbeanRoutesResource = Prefix + "routes.caribbean.csv";

    /// <summary>Resource name of a bundled airspace file, e.g. <c>AirspaceSim.Data.airspaces.SVZM.geojson</c>.</summary>
    public static string AirspaceResource(string id) => EmbeddedResources.Airspace(id);

    /// <summary>Every embedded resource name.</summary>
    public static IReadOnlyList<string> ResourceNames => EmbeddedResources.Names;

    /// <summary>The embedded airspace GeoJSON resources.</summary>
    public static IReadOnlyList<string> AirspaceResourceNames => EmbeddedResources.AirspaceNames;

    /// <summary>Opens an embedded resource.</summary>
    /// <exception cref="FileNotFoundException">No such resource; the message lists the known ones.</exception>
    public static Stream Open(string resourceName) => EmbeddedResources.Open(resourceName);

    /// <summary>Reads an embedded resource as UTF-8 text (decompressed when its name ends in <c>.br</c>).</summary>
    public static string ReadText(string resourceName) => EmbeddedResources.ReadText(resourceName);

    /// <summary>Opens an embedded resource as UTF-8 text (decompressed when its name ends in <c>.br</c>).</summary>
    public static TextReader OpenText(string resourceName) => EmbeddedResources.OpenText(resourceName);

    /// <summary>The bytes of an embedded resource (decompressed when its name ends in <c>.br</c>).</summary>
    public static byte[] ReadBytes(string resourceName) => EmbeddedResources.ReadBytes(resourceName);

    /// <summary>Text of the bundled airport extract (<c>data/world/airports.csv</c>).</summary>
    public static string AirportsCsv => ReadText(AirportsResource);

    /// <summary>Text of the bundled <c>routes/caribbean.csv</c>.</summary>
    public static string CaribbeanRoutesCsv => ReadText(CaribbeanRoutesResource);

    /// <summary>Opens the bundled GeoJSON of an airspace (<c>SVZM</c> or <c>TNCF</c>).</summary>
    public static Stream OpenAirspace(string id) => Open(AirspaceResource(id.ToUpperInvariant()));

    /// <summary>The bundled airports; same as <see cref="AirportDirectory.Bundled"/>.</summary>
    public static AirportDirectory Airports => AirportDirectory.Bundled;

    /// <summary>The bundled airspaces; same as <see cref="AirspaceCatalog.Bundled"/>.</summary>
    public static AirspaceCatalog Airspaces => AirspaceCatalog.Bundled;

    /// <summary>The bundled Caribbean route list rows.</summary>
    public static IReadOnlyList<RouteListRow> CaribbeanRoutes => RoutesLazy.Value;
}
