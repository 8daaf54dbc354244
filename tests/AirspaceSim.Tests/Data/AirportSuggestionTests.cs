using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;

namespace AirspaceSim.Tests.Data;

/// <summary>
/// "Did you mean" for an unknown airport code comes from a single-deletion index; the brute force here is the rule it
/// replaced (the edit distance to every code, ordered by distance, shared prefix, airport size, scheduled service and
/// code), and both must name the same codes in the same order.
/// </summary>
public class AirportSuggestionTests
{
    private static List<string> BruteForce(AirportDirectory d, string code) => BruteForce(Codes(d), code);

    // Every code with its airport: the first airport per code and table, as the directory keeps it; upper-cased. Made
    // once per directory: rebuilding it for each of the 3,000 queries was most of the test's 80 s on a loaded machine.
    private static List<(string K, Airport A)> Codes(AirportDirectory d) =>
        d.Airports.SelectMany(a => new[] { a.Iata, a.Icao }.Where(k => k is { Length: > 0 }).Select(k => (K: k!, A: a)))
            .GroupBy(x => (x.K.ToUpperInvariant(), x.A.Iata == x.K)).Select(g => g.First())
            .Select(x => (x.K.ToUpperInvariant(), x.A)).ToList();

    // The edit distance to every code. A code whose length differs from the query's by more than one is more than one
    // edit away (each edit changes the length by at most one), so its distance need not be computed: the same list.
    private static List<string> BruteForce(List<(string K, Airport A)> all, string code)
    {
        var q = code.Trim().ToUpperInvariant();
        return all.Where(x => Math.Abs(x.K.Length - q.Length) <= 1).Select(x => (x.K, D: AirspaceCatalog.Levenshtein(q, x.K), x.A))
            .Where(x => x.D <= 1).OrderBy(x => x.D).ThenByDescending(x => q.AsSpan().CommonPrefixLength(x.K))
            .ThenByDescending(x => x.A.Type).ThenByDescending(x => x.A.ScheduledService ?? false).ThenBy(x => x.K, StringComparer.Ordinal)
            .Select(x => x.K).Distinct().Take(5).ToList();
    }

    private static List<string> Suggested(AirportDirectory d, string code)
    {
        var e = Assert.Throws<KeyNotFoundException>(() => d.Resolve(code))!;
        int at = e.Message.IndexOf("; did you mean ", StringComparison.Ordinal);
        return at < 0 ? [] : e.Message[(at + "; did you mean ".Length)..].TrimEnd('?').Split(", ").ToList();
    }

    [Test]
    public void SuggestionsAreTheEditDistanceScansOnTheWorldList()
    {
        var d = AirportDirectory.Bundled;
        var codes = d.Airports.SelectMany(a => new[] { a.Iata, a.Icao }).Where(k => k is { Length: > 0 }).Select(k => k!).ToArray();
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcxyz-é";
        var rng = new Random(20261202);
        var all = Codes(d);
        // The queries are drawn in order (the same 3,000 draws as always); the brute force, most of the test's time, runs
        // on every core, and the answers are compared in the queries' order.
        var queries = new List<string>();
        for (int n = 0; n < 3000; n++)
        {
            var s = codes[rng.Next(codes.Length)].ToCharArray().ToList();
            for (int edits = rng.Next(1, 3); edits > 0; edits--)
            {
                int kind = rng.Next(3), i = rng.Next(s.Count + 1);
                char c = alphabet[rng.Next(alphabet.Length)];
                if (kind == 0 && i < s.Count) s[i] = c;
                else if (kind == 1 && i < s.Count && s.Count > 1) s.RemoveAt(i);
                else s.Insert(i, c);
            }
            string q = new(s.ToArray());
            if (q.Contains(',') || d.TryGet(q.Trim(), out _)) continue;
            queries.Add(q);
        }
        var expectedAll = queries.AsParallel().AsOrdered().Select(q => BruteForce(all, q)).ToList();
        int checkedCount = 0, withHints = 0;
        for (int k = 0; k < queries.Count; k++)
        {
            Assert.That(Suggested(d, queries[k]), Is.EqualTo(expectedAll[k]), queries[k]);
            checkedCount++;
            if (expectedAll[k].Count > 0) withHints++;
        }
        Assert.That(withHints, Is.GreaterThan(checkedCount / 2), "most one- and two-edit queries have a suggestion");
    }

    [Test]
    public void SuggestionsOnAnOddDirectory()
    {
        // Mixed case, a code in both tables for different airports, a longer code, non-ASCII, and queries far longer
        // than any code.
        var d = new AirportDirectory([
            new Airport("ABCD", "ABC", "one", "XX", new GeoPoint(0, 0)),
            new Airport("abce", "ABD", "two", "XX", new GeoPoint(1, 0)) { Type = AirportType.Large },
            new Airport("ABC", null, "three", "XX", new GeoPoint(2, 0)),
            new Airport("LONGCODE", "ÉÉÉ", "four", "XX", new GeoPoint(3, 0)),
        ]);
        foreach (var q in new[] { "AB", "abx", "ABCX", "ABCDE", "LONGCOD", "LONGCODEX", "ÉÉ", "éÉÉx", "X", new string('A', 5000) })
            Assert.That(Suggested(d, q), Is.EqualTo(BruteForce(d, q)), q.Length > 20 ? q[..20] + "..." : q);
    }
}
