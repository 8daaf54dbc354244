using System.Globalization;
using AirspaceSim.Weather;

namespace AirspaceSim.Routing;

/// <summary>
/// The realism layer: what turns the exact geometric detour (a lower bound) into an estimate of what airlines fly.
/// One record for every part, each with a stated default and its source; <see cref="Default"/> is the documented set.
/// Immutable.
/// </summary>
/// <remarks>
/// The parts, in the order they act: the <see cref="BorderMarginNm"/> widens every closure's lateral buffer to at least
/// the margin (the planner keeps it exactly); the <see cref="RouteEfficiencyFactor"/> multiplies every flown ground
/// distance, direct and detoured alike, so the extra it adds is (factor − 1) × the geometric extra; the
/// <see cref="Wind"/> field times each leg; with <see cref="WindOptimal"/> the planner chooses the fastest route over
/// the same visibility graph instead of the shortest.
/// </remarks>
public sealed record RealismOptions
{
    /// <summary>The documented defaults.</summary>
    public static RealismOptions Default { get; } = new();

    /// <summary>
    /// Lateral margin in NM that operators keep from a closed area: each closure's buffer becomes at least this.
    /// Default 5 NM: the only published flight-planning margin from a closed area we found — the Czech AIP's
    /// "FPL Buffer Zones" of 5.0–5.1 NM kept between a flight-planned trajectory and active special areas, enforced
    /// by IFPS (https://aim.rlp.cz/en/fraczech/fbz.html). Conflict-zone bulletins (EASA CZIBs) name whole FIRs and
    /// levels but no lateral margin; a larger margin kept by an operator is a per-scenario or per-closure setting.
    /// </summary>
    public double BorderMarginNm { get; init; } = 5;

    /// <summary>Margins for named closures (scenario closure ids or airspace ids, case-insensitive) that override
    /// <see cref="BorderMarginNm"/>.</summary>
    public IReadOnlyDictionary<string, double> ClosureMarginsNm { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// Flown en-route distance over the great-circle distance, applied to the direct and the detoured route alike.
    /// Default 1.03: EUROCONTROL's horizontal en-route flight efficiency of actual trajectories (KEA) puts flown
    /// routes about 2–3.5 % above the great circle in most European states in 2020–2022
    /// (https://www.sesperformance.eu/2022/ses-rp3/environment; FABEC 2017: trajectories at 96.77 % efficiency,
    /// https://www.fabec.eu/performance/environment). A European figure; we found none for the Americas, so using it
    /// there is an assumption.
    /// </summary>
    public double RouteEfficiencyFactor { get; init; } = 1.03;

    /// <summary>The wind the flights meet (a grid or a uniform wind); null keeps the flight's own conditions
    /// (still air unless a uniform wind is given).</summary>
    public WindField? Wind { get; init; }

    /// <summary>With a wind, choose the route that minimises flight time over the visibility graph (default true);
    /// false keeps the shortest route and only times it in the wind.</summary>
    public bool WindOptimal { get; init; } = true;

    /// <summary>The margin kept from a closure: its own entry in <see cref="ClosureMarginsNm"/>, else the default.</summary>
    public double MarginNmFor(string closureId)
    {
        ArgumentNullException.ThrowIfNull(closureId);
        foreach (var (id, nm) in ClosureMarginsNm)
            if (string.Equals(id, closureId, StringComparison.OrdinalIgnoreCase)) return nm;
        return BorderMarginNm;
    }

    /// <summary>The buffer a closure is planned with: its own buffer or the margin, whichever is larger.</summary>
    public double EffectiveBufferNm(string closureId, double ownBufferNm) => Math.Max(ownBufferNm, MarginNmFor(closureId));

    /// <summary>Rejects values out of range; the message names the field and the range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A margin outside [0, <see cref="DetourPlanner.MaxBufferNm"/>] or a
    /// factor outside [1, 1.5].</exception>
    public void Validate()
    {
        static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        if (!(BorderMarginNm >= 0 && BorderMarginNm <= DetourPlanner.MaxBufferNm))
            throw new ArgumentOutOfRangeException(nameof(BorderMarginNm), BorderMarginNm, Inv($"BorderMarginNm = {BorderMarginNm}: must be in [0, {DetourPlanner.MaxBufferNm}] NM"));
        foreach (var (id, nm) in ClosureMarginsNm)
            if (!(nm >= 0 && nm <= DetourPlanner.MaxBufferNm))
                throw new ArgumentOutOfRangeException(nameof(ClosureMarginsNm), nm, Inv($"ClosureMarginsNm[{id}] = {nm}: must be in [0, {DetourPlanner.MaxBufferNm}] NM"));
        if (!(RouteEfficiencyFactor >= 1 && RouteEfficiencyFactor <= 1.5))
            throw new ArgumentOutOfRangeException(nameof(RouteEfficiencyFactor), RouteEfficiencyFactor, Inv($"RouteEfficiencyFactor = {RouteEfficiencyFactor}: must be in [1, 1.5] (flown over great-circle distance)"));
    }

    /// <summary>Structural equality (margins compared entry by entry, the wind by its description, which names its source).</summary>
    public bool Equals(RealismOptions? o) =>
        o is not null && BorderMarginNm.Equals(o.BorderMarginNm) && RouteEfficiencyFactor.Equals(o.RouteEfficiencyFactor) &&
        Wind?.Description == o.Wind?.Description && WindOptimal == o.WindOptimal && ClosureMarginsNm.Count == o.ClosureMarginsNm.Count &&
        ClosureMarginsNm.All(kv => o.ClosureMarginsNm.TryGetValue(kv.Key, out var v) && v.Equals(kv.Value));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(BorderMarginNm, RouteEfficiencyFactor, WindOptimal);
}
