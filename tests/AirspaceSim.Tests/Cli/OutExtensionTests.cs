using static AirspaceSim.Tests.Cli.CliRunner;

namespace AirspaceSim.Tests.Cli;

/// <summary>
/// <c>--out</c>'s extension against <c>--format</c>: a known extension that contradicts the format is an error naming
/// both and the accepted pairs (was: an SVG written into x.png, HTML into x.png, JSON into x.csv, without a word), and
/// without <c>--format</c> the extension chooses it.
/// </summary>
public class OutExtensionTests
{
    private TempDir _dir = null!;

    [SetUp] public void SetUp() => _dir = NewTempDir();
    [TearDown] public void TearDown() => _dir.Dispose();

    [TestCase("route", "svg", "x.png", "the extension .png is for --format png, not --format svg", "png .png, svg .svg")]
    [TestCase("route", "png", "x.svg", "the extension .svg is for --format svg, not --format png", "png .png, svg .svg")]
    [TestCase("batch", "svg", "x.png", "the extension .png is for --format png, not --format svg", "png .png, svg .svg")]
    [TestCase("whatif", "html", "x.png", "the extension .png is for --format png, not --format html", "html .html/.htm")]
    [TestCase("whatif", "json", "x.csv", "the extension .csv is for --format csv, not --format json", "json .json/.txt")]
    [TestCase("whatif", "png", "x.svg", "the extension .svg is for --format svg, not --format png", "svg .svg")]
    [TestCase("whatif", "csv", "x.html", "the extension .html is for --format html, not --format csv", "csv .csv/.txt")]
    [TestCase("whatif", "geojson", "x.csv", "the extension .csv is for --format csv, not --format geojson", "geojson .json/.geojson/.txt")]
    [TestCase("merge", "csv", "x.json", "the extension .json is for --format json, not --format csv", "table .txt, csv .csv/.txt, json .json/.txt")]
    public void AKnownExtensionThatContradictsTheFormatIsAnError(string command, string format, string name, string said, string pairs)
    {
        string path = System.IO.Path.Combine(_dir.Path, name);
        var args = command switch
        {
            "route" => new List<string> { "route", "AMS", "CUR" },
            "batch" => ["batch", _dir.Write("routes.csv", "from,to\nAMS,CUR\n")],
            "merge" => ["merge", _dir.Write("part.json", "{}")],
            _ => ["whatif"],
        };
        args.AddRange(["--format", format, "--out", path]);
        AssertUserError(Run(args.ToArray()), $"--out {path}: {said}", pairs);
        Assert.That(File.Exists(path), Is.False, "nothing written");
    }

    [TestCase("route", "png")]
    [TestCase("route", "svg")]
    [TestCase("whatif", "svg")]
    [TestCase("whatif", "html")]
    [TestCase("whatif", "csv")]
    [TestCase("whatif", "json")]
    [TestCase("whatif", "geojson")]
    public void WithoutFormatTheExtensionChoosesIt(string command, string ext)
    {
        string path = System.IO.Path.Combine(_dir.Path, "out." + ext);
        var r = Run(command == "route" ? ["route", "AMS", "CUR", "--out", path] : ["whatif", "--out", path]);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        byte[] bytes = File.ReadAllBytes(path);
        string head = System.Text.Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 200));
        switch (ext)
        {
            case "png": Assert.That(bytes[..4], Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' })); break;
            case "svg": Assert.That(head, Does.Contain("<svg")); break;
            case "html": Assert.That(head, Does.StartWith("<!DOCTYPE html").IgnoreCase); break;
            case "csv": Assert.That(head, Does.Not.StartWith("{").And.Contain(",")); break;
            case "json": Assert.That(head, Does.StartWith("{")); Assert.That(head, Does.Not.Contain("FeatureCollection")); break;
            case "geojson": Assert.That(head, Does.Contain("FeatureCollection")); break;
        }
    }

    [Test]
    public void GeoJsonMayGoToAJsonFileAndAnyTextToTxt()
    {
        foreach (var (format, name) in new[] { ("geojson", "x.json"), ("csv", "x.txt"), ("json", "y.txt") })
        {
            string path = System.IO.Path.Combine(_dir.Path, name);
            var r = Run("whatif", "--format", format, "--out", path);
            Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
            Assert.That(File.Exists(path), Is.True);
        }
    }

    [Test]
    public void AnUnknownExtensionLeavesItToFormat()
    {
        string path = System.IO.Path.Combine(_dir.Path, "map.image");
        var r = Run("route", "AMS", "CUR", "--format", "svg", "--out", path);
        Assert.That(r.Exit, Is.EqualTo(0), r.ToString());
        Assert.That(File.ReadAllText(path), Does.Contain("<svg"));
    }

    [Test]
    public void AnImpliedFormatTheCommandDoesNotWriteToAFileIsSaid()
    {
        string path = System.IO.Path.Combine(_dir.Path, "x.png");
        AssertUserError(Run("merge", _dir.Write("part.json", "{}"), "--out", path), $"--out {path}: merge writes only table or csv or json to a file, not png");
        // route writes text to standard output: x.json implies json, which is not written to a file.
        string json = System.IO.Path.Combine(_dir.Path, "x.json");
        AssertUserError(Run("route", "AMS", "CUR", "--out", json), $"--out {json}: route writes only png or svg to a file, not json", "png .png, svg .svg");
    }

    [Test]
    public void AShardInferredFromTheExtensionMustBeJson()
    {
        // whatif --shard writes JSON: x.csv chooses csv, which a shard cannot write (was: JSON written into x.csv).
        string path = System.IO.Path.Combine(_dir.Path, "part.csv");
        AssertUserError(Run("whatif", "svzm-2025-11-uncertain", "--monte-carlo", "4", "--shard", "0/2", "--out", path), "--shard writes its partial result as JSON");
    }

    [Test]
    public void HelpSaysTheExtensionChooses()
    {
        foreach (var command in new[] { "route", "batch", "whatif", "merge" })
            Assert.That(Run(command, "--help").Out, Does.Contain("Without --format, the extension chooses it"), command);
    }
}
