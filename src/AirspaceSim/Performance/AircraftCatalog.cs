using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using AirspaceSim.Data;
using AirspaceSim.Infrastructure;

namespace AirspaceSim.Performance;

/// <summary>An aircraft type designator that the catalog does not know; <see cref="Suggestions"/> are the closest known ones.</summary>
public sealed class UnknownAircraftTypeException : KeyNotFoundException
{
    /// <summary>Creates the exception.</summary>
    public UnknownAircraftTypeException(string icao, IReadOnlyList<string> suggestions)
        : base($"unknown aircraft type '{icao}'" + (suggestions.Count > 0 ? $"; did you mean {string.Join(", ", suggestions)}?" : ""))
    {
        Icao = icao;
        Suggestions = ReadOnlyLists.Of(suggestions);
    }

    /// <summary>The designator asked for.</summary>
    public string Icao { get; }

    /// <summary>The closest known designators, best first.</summary>
    public IReadOnlyList<string> Suggestions { get; }
}

/// <summary>
/// The aircraft types: <c>data/aircraft/aircraft.csv</c> joined with the Poll–Schumann parameter table, both embedded.
/// Immutable and thread-safe.
/// </summary>
public sealed class AircraftCatalog
{
    internal const string Resource = "AirspaceSim.Data.aircraft.aircraft.csv";

    /// <summary>
    /// Fuel's share of the cost items that the model charges by block time (fuel, flight deck and cabin crew,
    /// maintenance, ownership): 0.247 / (0.247 + 0.107 + 0.060 + 0.101 + 0.073 + 0.044 + 0.001) = 0.390, from the
    /// EUROCONTROL Standard Inputs airline cost structure (<c>AirlineCostStructure.csv</c>). The time-related cost is the
    /// ACMG figure times (1 − 0.390); fuel is then priced separately from the model's burn. (EUROCONTROL describes the
    /// ACMG figure as flight and ground operating costs, which also include navigation, airport and station charges and
    /// not cabin crew; with that coverage the share would be 0.247 / 0.735 = 0.336: docs/aircraft-performance.md.)
    /// </summary>
    public const double AcmgFuelShare = 0.247 / (0.247 + 0.107 + 0.060 + 0.101 + 0.073 + 0.044 + 0.001);

    /// <summary>The figure columns of <c>aircraft.csv</c>; each has a source column named with the suffix <c>Source</c>.</summary>
    internal static readonly string[] FigureColumns =
    [
        "cruiseMach", "cruiseFl", "rangeKm", "typicalSeats", "maxFuelKg", "costFamily", "acmgUsdPerFh", "airborneBlockRatio",
        "mtomKg", "mlmKg", "oemKg", "maxPayloadKg", "mmo", "ceilingFl",
    ];

    /// <summary>
    /// The time-related cost per block hour: the ACMG cost per flight hour × airborne hours per block hour × (1 −
    /// <see cref="AcmgFuelShare"/>). The ACMG figure is per flight hour, paired with a per-flight-cycle one (the
    /// maintenance and leasing convention, where a flight hour is wheels-off to wheels-on); the model charges block
    /// hours, taxi included, so the figure is first scaled to a block hour with the type's US DOT airborne/block ratio.
    /// </summary>
    internal static double TimeCostPerBlockHour(double acmgUsdPerFlightHour, double airborneBlockRatio) =>
        acmgUsdPerFlightHour * airborneBlockRatio * (1 - AcmgFuelShare);

    private static readonly Lazy<AircraftCatalog> BundledLazy = new(LoadBundled, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Dictionary<string, AircraftType> _byIcao;

    private AircraftCatalog(IReadOnlyList<AircraftType> types)
    {
        Types = ReadOnlyLists.Of(types); // the bundled catalog is shared by every caller: a cast must not change it
        _byIcao = types.ToDictionary(t => t.Icao, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The bundled catalog.</summary>
    public static AircraftCatalog Bundled => BundledLazy.Value;

    /// <summary>Every type, in file order.</summary>
    public IReadOnlyList<AircraftType> Types { get; }

    /// <summary>Looks a designator up (case-insensitive).</summary>
    public bool TryGet(string icao, [MaybeNullWhen(false)] out AircraftType type)
    {
        ArgumentNullException.ThrowIfNull(icao);
        return _byIcao.TryGetValue(icao.Trim(), out type);
    }

    /// <summary>The type with this designator.</summary>
    /// <exception cref="UnknownAircraftTypeException">Unknown; the message names the closest known designators.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="icao"/> is null.</exception>
    public AircraftType this[string icao] => TryGet(icao, out var t) ? t : throw new UnknownAircraftTypeException(icao, Closest(icao));

    /// <summary>Up to three known designators closest to <paramref name="text"/> (edit distance, then a name match).</summary>
    public IReadOnlyList<string> Closest(string text)
    {
        var q = text.Trim().ToUpperInvariant();
        if (q.Length == 0) return []; // every name contains the empty string: no type is close to nothing
        return Types
            .Select(t => (t.Icao, d: Math.Min(Airspaces.AirspaceCatalog.Levenshtein(q, t.Icao), t.Name.Contains(q, StringComparison.OrdinalIgnoreCase) ? 0 : int.MaxValue)))
            .OrderBy(x => x.d).ThenBy(x => x.Icao, StringComparer.Ordinal)
            .Where(x => x.d <= Math.Max(2, q.Length / 2)).Take(3).Select(x => x.Icao).ToArray();
    }

    private static AircraftCatalog LoadBundled()
    {
        using var psReader = new StreamReader(BundledData.Open(PsParameters.Resource));
        var ps = PsParameters.Parse(psReader, PsParameters.Resource);
        using var reader = new StreamReader(BundledData.Open(Resource));
        return new AircraftCatalog(Parse(reader, Resource, ps));
    }

    private static List<AircraftType> Parse(TextReader reader, string source, IReadOnlyDictionary<string, PsParameters> ps)
    {
        List<string>? header = null;
        var types = new List<AircraftType>();
        int lineNo = 0;
        for (string? line; (line = reader.ReadLine()) != null;)
        {
            lineNo++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var f = Csv.Split(line, out var err) ?? throw new FormatException($"{source}:{lineNo}: {err}");
            if (header == null) { header = f; continue; }
            string S(string name) => f[header.IndexOf(name) is >= 0 and var i ? i : throw new FormatException($"{source}: no column '{name}'")];
            double? N(string name) => S(name) is { Length: > 0 } s
                ? double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
                  : throw new FormatException($"{source}:{lineNo}: column '{name}' is '{s}', not a number")
                : null;
            double R(string name, double? fallback = null) =>
                N(name) ?? fallback ?? throw new FormatException($"{source}:{lineNo}: column '{name}' is empty");
            string icao = S("icao");
            var kind = S("model") switch
            {
                "poll-schumann" => FuelModelKind.PollSchumann,
                "breguet-dot" => FuelModelKind.BreguetDot,
                var m => throw new FormatException($"{source}:{lineNo}: model '{m}' is not poll-schumann or breguet-dot"),
            };
            PsParameters? p = null;
            if (kind == FuelModelKind.PollSchumann && !ps.TryGetValue(icao, out p))
                throw new FormatException($"{source}:{lineNo}: {icao} has no Poll–Schumann parameters");
            var cls = S("class") switch
            {
                "regional" => AircraftClass.Regional, "narrow" => AircraftClass.NarrowBody, "wide" => AircraftClass.WideBody,
                var c => throw new FormatException($"{source}:{lineNo}: class '{c}' is not regional, narrow or wide"),
            };
            double acmg = R("acmgUsdPerFh"), ratio = R("airborneBlockRatio");
            if (!(ratio is > 0 and <= 1))
                throw new FormatException($"{source}:{lineNo}: column 'airborneBlockRatio' is {ratio.ToString(CultureInfo.InvariantCulture)}, not in (0, 1]");
            var figureSources = new Dictionary<string, string>(FigureColumns.Length, StringComparer.Ordinal);
            foreach (var column in FigureColumns)
                figureSources[column] = S(column + "Source") is { Length: > 0 } key ? key
                    : throw new FormatException($"{source}:{lineNo}: column '{column}Source' is empty: every figure needs a source key (sources.tsv)");
            types.Add(new AircraftType(icao, S("name"), kind, cls,
                R("mtomKg", p?.MtomKg), R("mlmKg", p?.MlmKg), R("oemKg", p?.OemKg), R("maxPayloadKg", p?.MaxPayloadKg), R("maxFuelKg"),
                R("cruiseMach"), R("cruiseFl"), R("mmo", p?.Mmo), R("ceilingFl", p?.MaxFl),
                R("rangeKm"), (int)R("typicalSeats"), S("costFamily"), acmg, TimeCostPerBlockHour(acmg, ratio),
                FigureColumns.Select(c => figureSources[c]).Distinct(StringComparer.Ordinal).ToArray())
            { Ps = p, AirborneBlockRatio = ratio, FigureSources = figureSources });
        }
        return types;
    }
}
