using System.Text;
using AirspaceSim.Airspaces;
using AirspaceSim.Simulation;

namespace AirspaceSim.Tests.Simulation;

/// <summary>Monte Carlo: the stream, the draws, reproducibility on any thread count, shards, percentiles, outcome shares.</summary>
public class MonteCarloTests
{
    private static readonly InterimCostModel Cost = new();
    private static readonly SimulationOptions Options = new() { CostModel = Cost };
    private static readonly DateTime T0 = new(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);

    private static Flight F(string id, string from, string to, double hours = 0, string type = "B38M") => new()
    {
        Id = id, Origin = from, Destination = to, DepartureUtc = T0.AddHours(hours), AircraftType = type, Airline = "GLO", OperatorState = "BR",
    };

    // SVZM closed from a day before T0, its end uncertain; flights that cross it, start in it, or pass near it.
    internal static Scenario Uncertain(Distribution endHours, bool scalars = true, bool margin = true)
    {
        var b = new ScenarioBuilder("mc-test").Close("SVZM", T0.AddDays(-1)).Add(F("CCS-PTY", "CCS", "PTY"));
        if (scalars) b.Add(F("GRU-MIA", "GRU", "MIA", 3, "B763")).Add(F("PTY-POS", "PTY", "POS", 12)).Add(F("BOG-AUA", "BOG", "AUA", 14, "A320"));
        b.UncertainEnd("SVZM", endHours);
        if (scalars)
            b.Uncertain(UncertainInput.FuelPriceUsdPerKg, Distribution.Triangular(0.6, 0.75, 0.95))
             .Uncertain(UncertainInput.WindKt, Distribution.Normal(20, 15))
             .Uncertain(UncertainInput.WindFromDeg, Distribution.Uniform(0, 360))
             .Uncertain(UncertainInput.CruiseSpeedFactor, Distribution.Uniform(0.95, 1.05));
        if (scalars && margin) b.Uncertain(UncertainInput.ExtraBufferNm, Distribution.Discrete([0, 25], [3, 1])); // a second planner (buffered)
        return b.Build();
    }

    // Every scalar input but the margin (a buffered planner is the costly thing to build; WithMargin draws it too).
    private static readonly Scenario Mixed = Uncertain(Distribution.Uniform(0, 96), margin: false);
    private static readonly Scenario WithMargin = Uncertain(Distribution.Uniform(0, 96));

    [Test]
    public void Stream_IsSplitMix64_PublishedOutputs()
    {
        // The reference SplitMix64 (Vigna, prng.di.unimi.it) seeded with 1234567 gives these first two outputs: its
        // state advances by γ and each output is mix64(state).
        ulong gamma = 0x9E3779B97F4A7C15; // not const: the sums wrap modulo 2^64 as in the reference
        Assert.That(MonteCarlo.Mix(1234567 + gamma), Is.EqualTo(6457827717110365317UL));
        Assert.That(MonteCarlo.Mix(unchecked(1234567 + 2 * gamma)), Is.EqualTo(3203168211198807973UL));
        // u(seed, draw, slot) is that mix keyed by draw then slot, in (0, 1), and depends on nothing else.
        double u = MonteCarlo.Uniform(42, 7, 3);
        Assert.That(u, Is.EqualTo(((MonteCarlo.Mix(MonteCarlo.Mix(42 + gamma * 8) + gamma * 4) >> 11) + 0.5) / 9007199254740992.0));
        Assert.That(u, Is.GreaterThan(0).And.LessThan(1));
        Assert.That(MonteCarlo.Uniform(42, 7, 3), Is.EqualTo(u));
        Assert.That(MonteCarlo.Uniform(43, 7, 3), Is.Not.EqualTo(u));
    }

    [Test]
    public void Draw_AppliesEachInput_AndDependsOnSeedAndIndexOnly()
    {
        var s = WithMargin;
        var (v, values) = MonteCarlo.Draw(s, 42, 5);
        Assert.That(values, Has.Count.EqualTo(6)); // closure end, then the scalars in UncertainInput order
        var c = v.Closures[0];
        Assert.That((c.EndUtc!.Value - c.StartUtc).TotalHours, Is.EqualTo(values[0]).Within(1e-9));
        Assert.That(c.EndUtc.Value.Ticks % TimeSpan.TicksPerMinute, Is.Zero, "whole minutes");
        double hours = 96 * MonteCarlo.Uniform(42, 5, 0);
        Assert.That(values[0], Is.EqualTo(Math.Round(hours * 60, MidpointRounding.AwayFromZero) / 60).Within(1e-12));
        Assert.That(v.Parameters.Cost.FuelPriceUsdPerKg, Is.EqualTo(values[1]));
        Assert.That(v.Parameters.Cost.WindKt, Is.EqualTo(values[2]));
        Assert.That(v.Parameters.Cost.WindFromDeg, Is.EqualTo(values[3]));
        Assert.That(c.BufferNm, Is.EqualTo(values[4]));
        Assert.That(values[4], Is.EqualTo(0).Or.EqualTo(25));
        Assert.That(v.Parameters.Cost.CruiseSpeedFactor, Is.EqualTo(values[5]));
        Assert.That(MonteCarlo.Draw(s, 42, 5).Values, Is.EqualTo(values));
        Assert.That(MonteCarlo.Draw(s, 42, 6).Values, Is.Not.EqualTo(values));
        // A triangular(0.6, 0.75, 0.95) draw is its inverse CDF at the slot's uniform (by hand: the branch u < F(mode) = 0.15/0.35).
        double u1 = MonteCarlo.Uniform(42, 5, 64 + (int)UncertainInput.FuelPriceUsdPerKg);
        double expected = u1 < 0.15 / 0.35 ? 0.6 + Math.Sqrt(u1 * 0.35 * 0.15) : 0.95 - Math.Sqrt((1 - u1) * 0.35 * 0.2);
        Assert.That(values[1], Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void SameSeed_ByteIdenticalOn1_2And4Threads()
    {
        var outputs = new[] { 1, 2, 4 }.Select(t =>
        {
            var r = MonteCarlo.Run(Mixed, Options, new MonteCarloOptions { Draws = 24, Seed = 7, MaxDegreeOfParallelism = t });
            var table = new StringWriter(); MonteCarloReport.WriteTable(table, r);
            var csv = new StringWriter(); MonteCarloReport.WriteCsv(csv, r);
            return MonteCarloReport.Json(r) + table + csv;
        }).ToList();
        Assert.That(outputs[1], Is.EqualTo(outputs[0]));
        Assert.That(outputs[2], Is.EqualTo(outputs[0]));
        var other = MonteCarloReport.Json(MonteCarlo.Run(Mixed, Options, new MonteCarloOptions { Draws = 24, Seed = 8 }));
        Assert.That(other, Is.Not.EqualTo(outputs[0]), "another seed draws otherwise");
    }

    [Test]
    public void HostilePartials_AreRefusedWithAPosition_NeverAnOverflowOrAHugeAllocation()
    {
        // Found by fuzzing (target partial, issue 8): a draw input of 1.1e53 read as a double threw OverflowException
        // when merged into decimal spreads; counts that the file states but does not hold sized the merge ("draws":
        // 2000000000 listed two billion draw numbers); a negative shard count sized an array.
        string good = MonteCarloReport.PartialJson(MonteCarlo.RunShard(Mixed, Options, new MonteCarloOptions { Draws = 4, Seed = 3, ShardIndex = 1, ShardCount = 2, MaxDegreeOfParallelism = 1 }));
        Assert.That(MonteCarloReport.ReadPartial(Encoding.UTF8.GetBytes(good), "p.json").Draws, Has.Count.EqualTo(2));
        var node = System.Text.Json.Nodes.JsonNode.Parse(good)!;
        ScenarioFormatException Refused(Action<System.Text.Json.Nodes.JsonNode> edit)
        {
            var copy = node.DeepClone();
            edit(copy);
            return Assert.Throws<ScenarioFormatException>(() => MonteCarloReport.ReadPartial(Encoding.UTF8.GetBytes(copy.ToJsonString()), "p.json"))!;
        }
        var e = Refused(n => n["results"]![0]!["inputs"]![0] = 1.1e53);
        Assert.That((e.ProblemCode, e.JsonPath, e.Problem), Is.EqualTo((ScenarioProblem.OutOfRange, "$.results[0].inputs[0]", "outside [-1e15, 1e15]")));
        Assert.That(Refused(n => n["results"]![1]!["totals"]!["extraCostUsd"] = 7e28).ProblemCode, Is.EqualTo(ScenarioProblem.OutOfRange));
        e = Refused(n => n["draws"] = 2000000000);
        Assert.That((e.ProblemCode, e.JsonPath), Is.EqualTo((ScenarioProblem.InvalidValue, "$.results")));
        Assert.That(e.Problem, Is.EqualTo("2 draw result(s); shard 1/2 of a 2000000000-draw run holds 1000000000"));
        Assert.That(Refused(n => n["draws"] = 0).JsonPath, Is.EqualTo("$.draws"));
        Assert.That(Refused(n => n["shard"]!["count"] = -3).JsonPath, Is.EqualTo("$.shard.count"));
        Assert.That(Refused(n => n["shard"]!["index"] = 2).JsonPath, Is.EqualTo("$.shard.index"));
        // Merge itself (public: a caller may build partials by hand) bounds the counts before sizing anything.
        var read = MonteCarloReport.ReadPartial(Encoding.UTF8.GetBytes(good), "p.json");
        Assert.That(() => MonteCarlo.Merge([read with { ShardCount = -1 }]), Throws.TypeOf<ArgumentException>().With.Message.Contains("splits the run in -1 shards"));
        Assert.That(() => MonteCarlo.Merge([read with { Header = read.Header with { Draws = int.MaxValue } }]), Throws.TypeOf<ArgumentException>().With.Message.Contains("1073741823 expected"));
        var renamed = read with { Header = read.Header with { ScenarioName = "other", ScenarioSha256 = "abc" } };
        Assert.That(() => MonteCarlo.Merge([read, renamed]), Throws.TypeOf<ArgumentException>().With.Message.Contains("(sha256 abc)"));
        // The fuzzer's own input, replayed by the corpus too.
        var saved = File.ReadAllBytes(Path.Combine(ReferenceData.RepoRoot, "tests", "AirspaceSim.Fuzz", "corpus", "partial", "regressions", "input-beyond-decimal.json"));
        Assert.That(() => MonteCarloReport.ReadPartial(saved, "saved.json"), Throws.TypeOf<ScenarioFormatException>().With.Message.Contains("outside [-1e15, 1e15]"));
    }

    [Test]
    public void Shards_MergeToTheSingleRunsBytes_ThroughTheirJson()
    {
        var single = MonteCarloReport.Json(MonteCarlo.Run(Mixed, Options, new MonteCarloOptions { Draws = 31, Seed = 3 }));
        var parts = Enumerable.Range(0, 3).Select(k => MonteCarloReport.PartialJson(
            MonteCarlo.RunShard(Mixed, Options, new MonteCarloOptions { Draws = 31, Seed = 3, ShardIndex = k, ShardCount = 3, MaxDegreeOfParallelism = 1 }))).ToList();
        var read = parts.Select((p, i) => MonteCarloReport.ReadPartial(Encoding.UTF8.GetBytes(p), $"part{i}.json")).Reverse().ToList();
        Assert.That(read[0].Draws.Select(d => d.Index), Is.EqualTo(new[] { 2, 5, 8, 11, 14, 17, 20, 23, 26, 29 }));
        Assert.That(MonteCarloReport.Json(MonteCarlo.Merge(read)), Is.EqualTo(single));

        Assert.That(() => MonteCarlo.Merge(read.Take(2).ToList()), Throws.ArgumentException.With.Message.Contains("missing shard 0/3"));
        Assert.That(() => MonteCarlo.Merge([read[0], read[0], read[1]]), Throws.ArgumentException.With.Message.Contains("given twice"));
        var otherSeed = MonteCarlo.RunShard(Mixed, Options, new MonteCarloOptions { Draws = 31, Seed = 4, ShardIndex = 0, ShardCount = 3 });
        Assert.That(() => MonteCarlo.Merge([read[0], read[1], otherSeed]), Throws.ArgumentException.With.Message.Contains("seed 4, part 1 seed 3"));
        var otherScenario = MonteCarlo.RunShard(Uncertain(Distribution.Uniform(0, 97)), Options, new MonteCarloOptions { Draws = 31, Seed = 3, ShardIndex = 0, ShardCount = 3 });
        Assert.That(() => MonteCarlo.Merge([read[0], read[1], otherScenario]), Throws.ArgumentException.With.Message.Contains("merge the shards of one run"));
        Assert.That(() => MonteCarloReport.ReadPartial("{\"name\":\"x\"}"u8.ToArray(), "x.json"),
            Throws.TypeOf<ScenarioFormatException>().With.Message.StartsWith("x.json:1:1: $: not a Monte Carlo partial"));
    }

    [Test]
    public void Percentiles_R7_ByHand()
    {
        // n = 5, sorted 1 2 3 4 10; R-7: h = (n-1)p + 1. P5: h = 1.2 → 1 + 0.2·(2-1) = 1.2; P50: h = 3 → 3;
        // P95: h = 4.8 → 4 + 0.8·(10-4) = 8.8; mean 20/5 = 4.
        var s = MonteCarlo.Of([10m, 2m, 4m, 1m, 3m], 2);
        Assert.That(s, Is.EqualTo(new Spread(4m, 1.2m, 3m, 8.8m)));
        // One value: every percentile is it.
        Assert.That(MonteCarlo.Of([5.5m], 1), Is.EqualTo(new Spread(5.5m, 5.5m, 5.5m, 5.5m)));
    }

    [Test]
    public void CancelledShare_MatchesTheHandCount_AndTheBinomialExpectation()
    {
        // CCS-PTY departs at T0, 24 h after SVZM closes, from inside it: cancelled exactly when the closure is still
        // active at departure, i.e. when the drawn length exceeds 24 h. Length ~ uniform(0, 96) h: P = 72/96 = 0.75.
        const int n = 400;
        var s = Uncertain(Distribution.Uniform(0, 96), scalars: false);
        var r = MonteCarlo.Run(s, Options, new MonteCarloOptions { Draws = n, Seed = 11 });
        int flight = 0;
        Assert.That(r.Header.Flights[flight].Id, Is.EqualTo("CCS-PTY"));
        int cancelled = r.Flights[flight].OutcomeDraws[FlightOutcome.Cancelled];
        // Exactly: the draws whose minute-rounded length is above 24 h, counted from the stream by hand.
        int byHand = Enumerable.Range(0, n).Count(k => Math.Max(1, Math.Round(96 * MonteCarlo.Uniform(11, k, 0) * 60, MidpointRounding.AwayFromZero)) > 24 * 60);
        Assert.That(cancelled, Is.EqualTo(byHand));
        Assert.That(r.Flights[flight].OutcomeDraws[FlightOutcome.Unaffected], Is.EqualTo(n - byHand));
        // And against the distribution: within 4 binomial standard errors of 0.75.
        double se = Math.Sqrt(0.75 * 0.25 / n);
        Assert.That(r.Probability(flight, FlightOutcome.Cancelled), Is.EqualTo(0.75).Within(4 * se));
        // A discrete end: 12 h (weight 1) or 48 h (weight 3) → cancelled with probability 3/4 as well.
        var d = MonteCarlo.Run(Uncertain(Distribution.Discrete([12, 48], [1, 3]), scalars: false), Options, new MonteCarloOptions { Draws = n, Seed = 11 });
        int byHandD = Enumerable.Range(0, n).Count(k => MonteCarlo.Uniform(11, k, 0) >= 0.25);
        Assert.That(d.Flights[flight].OutcomeDraws[FlightOutcome.Cancelled], Is.EqualTo(byHandD));
        Assert.That(d.Probability(flight, FlightOutcome.Cancelled), Is.EqualTo(0.75).Within(4 * se));
    }

    [Test]
    public void Draws_ShareOnePlannerPerActiveSetAndBuffer()
    {
        // The extra buffer takes two values, so at most two planners for the one SVZM set, however many draws.
        var s = WithMargin;
        var sim = new WhatIfSimulator(s, Options);
        foreach (var k in Enumerable.Range(0, 8)) sim.Variant(MonteCarlo.Draw(s, 1, k).Scenario).SimulateAll(1, default);
        Assert.That(sim.PlannersBuilt, Is.EqualTo(2));
        Assert.That(() => sim.Variant(s with { Closures = [s.Closures[0] with { StartUtc = T0 }] }), Throws.ArgumentException.With.Message.Contains("only closure ends and buffers"));
    }

    [Test]
    public void Cancellation_StopsAndSaysHowFarItGot()
    {
        using var cts = new CancellationTokenSource();
        int reports = 0;
        var progress = new Inline(p => { if (++reports == 3) cts.Cancel(); });
        var e = Assert.Throws<OperationCanceledException>(() =>
            MonteCarlo.Run(Mixed, Options, new MonteCarloOptions { Draws = 50, Seed = 1, MaxDegreeOfParallelism = 1 }, cts.Token, progress));
        Assert.That(e!.Message, Does.Match(@"^cancelled after \d+ of 50 draws$"));
        int after = int.Parse(e.Message.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(after, Is.InRange(3, 49));
        // A plain run says it in flights.
        var pre = new CancellationTokenSource(); pre.Cancel();
        var plain = Assert.Throws<OperationCanceledException>(() => new WhatIfSimulator(Mixed, Options with { MaxDegreeOfParallelism = 1 }).Run(pre.Token));
        Assert.That(plain!.Message, Is.EqualTo("cancelled after 0 of 4 flights"));
    }

    [Test]
    public void IncludeNominal_IsThePlainRunComputedOnTheDrawsSimulator()
    {
        var options = new MonteCarloOptions { Draws = 20, Seed = 5 };
        var without = MonteCarlo.Run(WithMargin, Options, options);
        Assert.That(without.Nominal, Is.Null, "not asked for: not computed");
        var with = MonteCarlo.Run(WithMargin, Options, options with { IncludeNominal = true });
        var plain = new WhatIfSimulator(WithMargin, Options).Run();
        Assert.That(with.Nominal, Is.Not.Null);
        // The same run as a simulator of its own gives, byte for byte (planner count aside: shared with the draws).
        Assert.That(SimulationReport.Json([with.Nominal! with { PlannersBuilt = 0 }]), Is.EqualTo(SimulationReport.Json([plain with { PlannersBuilt = 0 }])));
        // The draws and summaries are unchanged by it.
        Assert.That(MonteCarloReport.Json(with), Is.EqualTo(MonteCarloReport.Json(without)));
        // Built on the draws' simulator: its planner count includes the draws' buffered planner (the margin draw), which
        // a nominal run of its own never builds.
        Assert.That(with.Nominal!.PlannersBuilt, Is.GreaterThan(plain.PlannersBuilt));
    }

    [Test]
    public void BadOptionsAndSweepScenarios_AreClearErrors()
    {
        Assert.That(() => MonteCarlo.Run(Mixed, Options, new MonteCarloOptions { Draws = 0 }), Throws.ArgumentException.With.Message.Contains("at least 1"));
        Assert.That(() => MonteCarlo.RunShard(Mixed, Options, new MonteCarloOptions { Draws = 5, ShardIndex = 3, ShardCount = 3 }), Throws.ArgumentException.With.Message.Contains("0 ≤ K < N"));
        var sweep = Mixed with { Parameters = Mixed.Parameters with { BufferSweepNm = [0, 10] } };
        Assert.That(() => MonteCarlo.Run(sweep, Options, new MonteCarloOptions { Draws = 5 }), Throws.ArgumentException.With.Message.Contains("buffer sweep"));
    }

    [Test]
    public void BundledUncertainScenario_DrawsItsStatedInputs()
    {
        var s = BundledScenarios.Load("svzm-2025-11-uncertain", new ScenarioReadOptions { CostModel = Cost });
        Assert.That(s.Uncertainty.ClosureEnds.Single().ClosureId, Is.EqualTo("SVZM"));
        Assert.That(s.Uncertainty.Inputs.Keys, Is.EqualTo(Enum.GetValues<UncertainInput>()));
        Assert.That(s.Assumptions.Count(a => a.StartsWith("UNCERTAINTY", StringComparison.Ordinal)), Is.EqualTo(3));
        // The end is uniform over the week 24 Nov – 1 Dec 2025: every draw's end lies in it.
        for (int k = 0; k < 50; k++)
        {
            var end = MonteCarlo.Draw(s, 1, k).Scenario.Closures[0].EndUtc!.Value;
            Assert.That(end, Is.InRange(new DateTime(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc)));
        }
        var r = MonteCarlo.Run(s, Options, new MonteCarloOptions { Draws = 1, Seed = 1 });
        Assert.That(r.Flights, Has.Count.EqualTo(s.AllFlights().Count));
    }

    [Test]
    public void Draws_OnASharedSimulator_GiveTheBytesOfTheirOwnRuns()
    {
        // The draws of one simulator share its planners and what it keeps per planner and per leg (routes, crossings,
        // buffer-graze samples); each draw's run of its own shares nothing. Both give the same bytes, draw by draw, on
        // the bundled week (149 flights, the shipped model; its 0/10/25 NM margin puts Aruba and Curaçao in the 25 NM
        // band) in an order where the caches are filled by other draws first.
        var s = BundledScenarios.Load("svzm-2025-11-uncertain", new ScenarioReadOptions { CostModel = PerformanceCostModel.Default });
        var options = new SimulationOptions { CostModel = PerformanceCostModel.Default, MaxDegreeOfParallelism = 1 };
        var shared = new WhatIfSimulator(s, options);
        int[] order = [3, 0, 7, 1, 3, 5, 2, 6, 4, 0];
        var buffers = new HashSet<double>();
        foreach (int k in order)
        {
            var drawn = MonteCarlo.Draw(s, 1, k).Scenario;
            buffers.Add(drawn.Closures[0].BufferNm);
            var own = new WhatIfSimulator(drawn, options).Run() with { PlannersBuilt = 0 };
            var onShared = shared.Variant(drawn).Run() with { PlannersBuilt = 0 };
            Assert.That(SimulationReport.Json([onShared]), Is.EqualTo(SimulationReport.Json([own])), $"draw {k}");
        }
        Assert.That(buffers, Is.EquivalentTo(new[] { 0.0, 10, 25 }), "the draws cover every margin");
    }

    private sealed class Inline(Action<SimulationProgress> a) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => a(value);
    }
}
