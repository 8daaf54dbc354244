using AirspaceSim.Geodesy;
using AirspaceSim.Simulation;

namespace AirspaceSim.Tests.Simulation;

/// <summary>
/// FlightResult keeps its rarely set fields out of line (a smaller result for a network run); these check that it still
/// behaves as a record with those fields in line: value equality where a field set to its default equals one never set,
/// <c>with</c> leaving the original as it was, and the chunked result list reading as the flights' order.
/// </summary>
[TestFixture]
public class FlightResultRecordTests
{
    private static readonly Flight F = new()
    {
        Id = "X1", Origin = "AMS", Destination = "CUR", DepartureUtc = new DateTime(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc),
        AircraftType = "B789", Airline = "KL", OperatorState = "NL",
    };

    private static FlightResult Plain() => new()
    {
        Flight = F, From = "AMS", To = "CUR", Outcome = FlightOutcome.Unaffected, ReasonCode = OutcomeReason.NotBound, Reason = "r",
    };

    [Test]
    public void A_field_set_to_its_default_equals_one_never_set()
    {
        var set = Plain() with { ExtraKm = 0m, Alternate = null, InFlightPosition = null, MinutesSavedByTime = null };
        Assert.That(set, Is.EqualTo(Plain()));
        Assert.That(set.GetHashCode(), Is.EqualTo(Plain().GetHashCode()));
        // decimal equality, as the record compared its own decimal fields: 0.0 (scale 1) equals 0.
        Assert.That(Plain() with { ExtraKm = 0.0m }, Is.EqualTo(Plain()));
        Assert.That(Plain() with { ExtraKm = 0.1m }, Is.Not.EqualTo(Plain()));
    }

    [Test]
    public void With_leaves_the_original_unchanged()
    {
        var a = Plain() with { ExtraKm = 1.5m, ExtraCostUsd = 2.25m, Alternate = "BON", InFlightPosition = new GeoPoint(12, -69) };
        var b = a with { ExtraKm = 9m, Alternate = "AUA" };
        Assert.Multiple(() =>
        {
            Assert.That(a.ExtraKm, Is.EqualTo(1.5m));
            Assert.That(a.Alternate, Is.EqualTo("BON"));
            Assert.That(b.ExtraKm, Is.EqualTo(9m));
            Assert.That(b.Alternate, Is.EqualTo("AUA"));
            Assert.That(b.ExtraCostUsd, Is.EqualTo(2.25m));
            Assert.That(b.InFlightPosition, Is.EqualTo(new GeoPoint(12, -69)));
            Assert.That(a, Is.Not.EqualTo(b));
            Assert.That(a with { ExtraKm = 9m, Alternate = "AUA" }, Is.EqualTo(b));
        });
    }

    [Test]
    public void The_scale_of_a_set_decimal_is_kept()
    {
        // Written as it was set: 0.0 stays "0.0" (the JSON and CSV print the decimal as held).
        Assert.That((Plain() with { ExtraKm = 0.0m }).ExtraKm.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo("0.0"));
        Assert.That(Plain().ExtraKm.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo("0"));
    }

    [Test]
    public void Chunked_list_reads_in_order_across_chunks()
    {
        // 20,000 items span three chunks of 8,192: every slot, the enumeration, IndexOf and CopyTo against a plain array.
        var items = Enumerable.Range(0, 20_000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var list = new ChunkedList<string>(items.Length);
        for (int i = 0; i < items.Length; i++) list.Set(i, items[i]);
        var copy = new string[items.Length];
        list.CopyTo(copy, 0);
        Assert.Multiple(() =>
        {
            Assert.That(list, Has.Count.EqualTo(items.Length));
            Assert.That(list.ToArray(), Is.EqualTo(items));
            Assert.That(copy, Is.EqualTo(items));
            Assert.That(list[8191], Is.EqualTo("8191"));
            Assert.That(list[8192], Is.EqualTo("8192"));
            Assert.That(list.IndexOf("16384"), Is.EqualTo(16384));
            Assert.That(() => list[20_000], Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => ((IList<string>)list).Add("x"), Throws.TypeOf<NotSupportedException>());
        });
    }
}
