using AirspaceSim.Data;

namespace AirspaceSim.Simulation;

/// <summary>The what-if scenarios embedded from <c>data/scenarios/</c>; each cites its sources and states its assumptions.</summary>
public static class BundledScenarios
{
    private const string Prefix = "AirspaceSim.Data.scenarios.";

    /// <summary>The default scenario: SVZM avoided from the FAA notice of 21 Nov 2025.</summary>
    public const string Default = "svzm-2025-11";

    /// <summary>Names of the bundled scenarios (file names without <c>.json</c>), in ordinal order.</summary>
    public static IReadOnlyList<string> Names { get; } = BundledData.ResourceNames
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".json".Length]).ToArray().AsReadOnly();

    /// <summary>True if <paramref name="name"/> (with or without <c>.json</c>) is a bundled scenario.</summary>
    public static bool Contains(string name) => Names.Contains(Strip(name), StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc cref="Load(string, ScenarioReadOptions?)"/>
    public static Scenario Load(string name) => Load(name, null);

    /// <summary>Reads a bundled scenario.</summary>
    /// <exception cref="KeyNotFoundException">No such scenario; the message lists them.</exception>
    /// <exception cref="ScenarioFormatException">It names something the options cannot resolve (e.g. an airspace not in the catalog).</exception>
    public static Scenario Load(string name, ScenarioReadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(name);
        var n = Names.FirstOrDefault(x => string.Equals(x, Strip(name), StringComparison.OrdinalIgnoreCase))
                ?? throw new KeyNotFoundException($"no bundled scenario '{name}'; bundled: {string.Join(", ", Names)}");
        using var s = BundledData.Open(Prefix + n + ".json");
        using var m = new MemoryStream();
        s.CopyTo(m);
        return ScenarioJson.Parse(m.ToArray(), $"data/scenarios/{n}.json", options);
    }

    private static string Strip(string name) => name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? name[..^5] : name;
}
