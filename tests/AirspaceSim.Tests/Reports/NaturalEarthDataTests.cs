using System.IO.Compression;
using AirspaceSim.Reports;
using AirspaceSim.Tests.Data;

namespace AirspaceSim.Tests.Reports;

/// <summary>The bundled Natural Earth countries are the reference file, and decode to the world's countries. With
/// <c>AIRSPACESIM_REGENERATE=1</c> the test rewrites the compressed file (data/README.md).</summary>
public class NaturalEarthDataTests
{
    [Test]
    public void BundledCountriesAreTheReferenceFile_AndDecode()
    {
        var reference = File.ReadAllBytes(ReferenceData.Require("natural-earth/countries-50m.json"));
        var compressed = ReferenceData.RepoData(Path.Combine("natural-earth", "countries-50m.json.br"));
        if (Environment.GetEnvironmentVariable("AIRSPACESIM_REGENERATE") == "1") File.WriteAllBytes(compressed, WorldDataGenerator.Brotli(reference));
        using (var b = new BrotliStream(File.OpenRead(compressed), CompressionMode.Decompress))
        using (var ms = new MemoryStream())
        {
            b.CopyTo(ms);
            Assert.That(ms.ToArray(), Is.EqualTo(reference), $"{compressed} is not the reference file: regenerate it (data/README.md)");
        }
        var countries = NaturalEarth.Countries;
        Assert.That(countries, Has.Count.GreaterThan(200));
        // Venezuela lies between 0.6°N and 12.3°N, 73.4°W and 59.8°W (its mainland and islands).
        var ve = countries.Single(c => c.Name == "Venezuela");
        var pts = ve.Polygons.SelectMany(p => p[0]).ToList();
        Assert.That(pts.Min(p => p.LatDeg), Is.InRange(0.5, 1.0));
        Assert.That(pts.Max(p => p.LatDeg), Is.InRange(11.8, 16.0));
        Assert.That(pts.Min(p => p.LonDeg), Is.InRange(-73.5, -73.2));
        Assert.That(pts.Max(p => p.LonDeg), Is.InRange(-60.0, -59.5));
        // Natural Earth cuts Fiji and Russia at the antimeridian: vertices on ±180.
        Assert.That(countries.Single(c => c.Name == "Fiji").Polygons.SelectMany(p => p[0]).Any(p => Math.Abs(Math.Abs(p.LonDeg) - 180) < 1e-6));
    }
}
