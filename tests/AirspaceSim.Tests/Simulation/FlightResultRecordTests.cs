using AirspaceSim.Geodesy;
using AirspaceSim.Simulation;

namespace AirspaceSim.Tests.Simulation;

/// <summary>
/// FlightResult keeps its rarely set fields out of line, its nullable fields packed and a direct route as its two ends (a
/// smaller result for a network run); these check that it still behaves as a record with plain fields: value equality
/// where a field set to its default equals one never set, <c>with</c> leaving the original as it was, and the chunked
/// result list reading as the flights' order.
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
    public void Packed_nullable_fields_read_as_set_and_null_equals_never_set()
    {
        var set = Plain() with { CruiseFl = 350, DirectKm = 7_800.25, RouteKm = -0.0, ArrivalUtc = F.DepartureUtc.AddHours(9) };
        Assert.Multiple(() =>
        {
            Assert.That(set.CruiseFl, Is.EqualTo(350));
            Assert.That(set.DirectKm, Is.EqualTo(7_800.25));
            Assert.That(BitConverter.DoubleToInt64Bits(set.RouteKm!.Value), Is.EqualTo(BitConverter.DoubleToInt64Bits(-0.0)));
            Assert.That(set.ArrivalUtc, Is.EqualTo(F.DepartureUtc.AddHours(9)));
            Assert.That(set.ArrivalUtc!.Value.Kind, Is.EqualTo(DateTimeKind.Utc));
            // A zero value is not "not set": 0 km and FL0 read back as values.
            Assert.That((Plain() with { DirectKm = 0, CruiseFl = 0 }).DirectKm, Is.EqualTo(0.0));
            Assert.That((Plain() with { DirectKm = 0, CruiseFl = 0 }).CruiseFl, Is.EqualTo(0));
            Assert.That(Plain() with { DirectKm = 0 }, Is.Not.EqualTo(Plain()));
            Assert.That(Plain().DirectKm, Is.Null);
            var cleared = set with { CruiseFl = null, DirectKm = null, RouteKm = null, ArrivalUtc = null };
            Assert.That(cleared, Is.EqualTo(Plain()));
            Assert.That(cleared.GetHashCode(), Is.EqualTo(Plain().GetHashCode()));
            Assert.That(set with { }, Is.EqualTo(set));
        });
    }

    [Test]
    public void A_direct_path_reads_as_its_two_ends_and_waypoints_replace_it()
    {
        GeoPoint ams = new(52.3086, 4.7639), cur = new(12.1889, -68.9598);
        var direct = Plain() with { DirectPath = (ams, cur) };
        var list = new[] { ams, new GeoPoint(30, -40), cur };
        Assert.Multiple(() =>
        {
            Assert.That(direct.Waypoints, Is.EqualTo(new[] { ams, cur }));
            Assert.That(direct.Waypoints, Is.Not.SameAs(direct.Waypoints)); // made at each read, equal each time
            Assert.That(direct.Waypoints, Is.EqualTo(direct.Waypoints));
            Assert.That(direct, Is.EqualTo(Plain() with { DirectPath = (ams, cur) })); // by the ends' values
            Assert.That(direct, Is.Not.EqualTo(Plain() with { DirectPath = (cur, ams) }));
            Assert.That(direct, Is.Not.EqualTo(Plain()));
            Assert.That((direct with { Waypoints = list }).Waypoints, Is.SameAs(list));
            Assert.That(direct with { Waypoints = [] }, Is.EqualTo(Plain() with { Waypoints = [] }));
            Assert.That((Plain() with { Waypoints = list } with { DirectPath = (ams, cur) }).Waypoints, Is.EqualTo(new[] { ams, cur }));
            Assert.That(Plain().Waypoints, Is.Empty);
        });
    }

    [Test]
    public void Grouped_out_of_line_setters_equal_the_fields_set_one_by_one()
    {
        string[] ids = ["SVZM"];
        var grouped = Plain() with { Why = ("flies around SVZM", ids), InFlight = (new GeoPoint(11, -66), F.DepartureUtc.AddHours(2)), Extras = (1.5m, 2.0m, 30.1m, 95.0m, 12.34m) };
        var single = Plain() with
        {
            Reason = "flies around SVZM", BoundBy = ids, InFlightPosition = new GeoPoint(11, -66), InFlightAtUtc = F.DepartureUtc.AddHours(2),
            ExtraKm = 1.5m, ExtraMinutes = 2.0m, ExtraFuelKg = 30.1m, ExtraCo2Kg = 95.0m, ExtraCostUsd = 12.34m,
        };
        Assert.Multiple(() =>
        {
            Assert.That(grouped, Is.EqualTo(single));
            Assert.That(grouped.GetHashCode(), Is.EqualTo(single.GetHashCode()));
            Assert.That(grouped.ExtraMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo("2.0"));
            Assert.That(grouped.BoundBy, Is.SameAs(ids));
            // The unaffected words and the empty list are the out-of-line defaults: setting them equals not setting them.
            Assert.That(Plain() with { Reason = FlightResult.NotBoundReason, BoundBy = [] }, Is.EqualTo(Plain() with { Reason = FlightResult.NotBoundReason }));
            Assert.That((Plain() with { Reason = "r2" }).Reason, Is.EqualTo("r2"));
            Assert.That(Plain().BoundBy, Is.Empty);
        });
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
