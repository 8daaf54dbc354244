using System.Reflection;
using AirspaceSim.Airspaces;

namespace AirspaceSim.Data;

/// <summary>
/// The data files embedded in the library (see <c>data/README.md</c> for their sources): the SVZM and TNCF boundaries,
/// 52 airports and the Caribbean route list.
/// </summary>
public static class BundledData
{
    private const string Prefix = "AirspaceSim.Data.";
    private static readonly Assembly Assembly = typeof(BundledData).Assembly;
    private static readonly Lazy<IReadOnlyList<RouteListRow>> RoutesLazy =
        new(() => RouteListReader.Parse(ReadText(CaribbeanRoutesResource), CaribbeanRoutesResource), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Resource name of the airports CSV.</summary>
    public const string AirportsResource = Prefix + "airports.csv";

    /// <summary>Resource name of the Caribbean route list.</summary>
    public const string CaribbeanRoutesResource = Prefix + "routes.caribbean.csv";

    /// <summary>Resource name of a bundled airspace file, e.g. <c>AirspaceSim.Data.airspaces.SVZM.geojson</c>.</summary>
    public static string AirspaceResource(string id) => $"{Prefix}airspaces.{id}.geojson";

    /// <summary>Every embedded resource name.</summary>
    public static IReadOnlyList<string> ResourceNames { get; } = Assembly.GetManifestResourceNames().Order(StringComparer.Ordinal).ToArray();

    /// <summary>The embedded airspace GeoJSON resources.</summary>
    public static IReadOnlyList<string> AirspaceResourceNames { get; } =
        ResourceNames.Where(n => n.StartsWith(Prefix + "airspaces.", StringComparison.Ordinal) && n.EndsWith(".geojson", StringComparison.Ordinal)).ToArray();

    /// <summary>Opens an embedded resource.</summary>
    /// <exception cref="FileNotFoundException">No such resource; the message lists the known ones.</exception>
    public static Stream Open(string resourceName)
    {
        ArgumentNullException.ThrowIfNull(resourceName);
        return Assembly.GetManifestResourceStream(resourceName)
               ?? throw new FileNotFoundException($"no embedded resource '{resourceName}'; known: {string.Join(", ", ResourceNames)}", resourceName);
    }

    /// <summary>Reads an embedded resource as UTF-8 text.</summary>
    public static string ReadText(string resourceName)
    {
        using var s = Open(resourceName);
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    /// <summary>Text of the bundled <c>airports.csv</c>.</summary>
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
