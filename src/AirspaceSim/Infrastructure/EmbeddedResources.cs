using System.IO.Compression;
using System.Reflection;

namespace AirspaceSim.Infrastructure;

/// <summary>
/// Reads the data files embedded in the library (names <c>AirspaceSim.Data.*</c>, see the csproj and
/// <c>data/README.md</c>). Infrastructure at the bottom of the layers (LayeringTests), so that the layers that build
/// the bundled objects from these files (Airspaces: the world's FIRs and the hand-made boundaries; Weather: the
/// climatology) read them without referencing Data, which ranks above them. The public face is
/// <see cref="Data.BundledData"/>, which forwards here.
/// </summary>
internal static class EmbeddedResources
{
    internal const string Prefix = "AirspaceSim.Data.";

    /// <summary>The VATSpy world boundaries (GeoJSON, Brotli-compressed; CC BY-SA 4.0).</summary>
    internal const string WorldBoundaries = Prefix + "world.vatspy-boundaries.geojson.br";

    /// <summary>The lenient loader's issues for <see cref="WorldBoundaries"/> (tab-separated).</summary>
    internal const string WorldBoundariesIssues = Prefix + "world.vatspy-issues.tsv";

    /// <summary>The feature index of <see cref="WorldBoundaries"/> (tab-separated; format in data/README.md).</summary>
    internal const string WorldBoundariesIndex = Prefix + "world.vatspy-index.tsv";

    /// <summary>The same file cut into runs of whole features, each Brotli-compressed on its own, one after another
    /// (binary; the ranges are in <see cref="WorldBoundariesIndex"/>).</summary>
    internal const string WorldBoundariesChunks = Prefix + "world.vatspy-chunks.bin";

    private static readonly Assembly Assembly = typeof(EmbeddedResources).Assembly;

    /// <summary>Every embedded resource name, in ordinal order.</summary>
    internal static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(Assembly.GetManifestResourceNames().Order(StringComparer.Ordinal).ToArray());

    /// <summary>The embedded airspace GeoJSON resources.</summary>
    internal static IReadOnlyList<string> AirspaceNames { get; } =
        Array.AsReadOnly(Names.Where(n => n.StartsWith(Prefix + "airspaces.", StringComparison.Ordinal) && n.EndsWith(".geojson", StringComparison.Ordinal)).ToArray());

    /// <summary>The resource name of a bundled airspace file, e.g. <c>AirspaceSim.Data.airspaces.SVZM.geojson</c>.</summary>
    internal static string Airspace(string id) => $"{Prefix}airspaces.{id}.geojson";

    /// <summary>The resource name of a bundled wind field, e.g. <c>AirspaceSim.Data.winds.caribbean-north-atlantic-july.csv</c>.</summary>
    internal static string WindField(string key) => $"{Prefix}winds.{key}.csv";

    /// <exception cref="FileNotFoundException">No such resource; the message lists the known ones.</exception>
    internal static Stream Open(string resourceName)
    {
        ArgumentNullException.ThrowIfNull(resourceName);
        return Assembly.GetManifestResourceStream(resourceName)
               ?? throw new FileNotFoundException($"no embedded resource '{resourceName}'; known: {string.Join(", ", Names)}", resourceName);
    }

    /// <summary>UTF-8 text, decompressed when the name ends in <c>.br</c>.</summary>
    internal static string ReadText(string resourceName)
    {
        using var r = OpenText(resourceName);
        return r.ReadToEnd();
    }

    /// <summary>UTF-8 text, decompressed when the name ends in <c>.br</c>.</summary>
    internal static TextReader OpenText(string resourceName)
    {
        var s = Open(resourceName);
        return new StreamReader(resourceName.EndsWith(".br", StringComparison.Ordinal) ? new BrotliStream(s, CompressionMode.Decompress) : s);
    }

    /// <summary>The bytes, decompressed when the name ends in <c>.br</c>.</summary>
    internal static byte[] ReadBytes(string resourceName)
    {
        using var s = Open(resourceName);
        if (!resourceName.EndsWith(".br", StringComparison.Ordinal))
        {
            var bytes = new byte[s.Length];
            s.ReadExactly(bytes);
            return bytes;
        }
        using var b = new BrotliStream(s, CompressionMode.Decompress);
        using var ms = new MemoryStream(capacity: (int)Math.Min(int.MaxValue / 2, s.Length * 12)); // VATSpy's ratio is about 1:10
        b.CopyTo(ms);
        return ms.ToArray();
    }
}
