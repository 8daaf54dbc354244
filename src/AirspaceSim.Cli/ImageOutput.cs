using System.CommandLine;
using AirspaceSim.Reports;

namespace AirspaceSim.Cli;

/// <summary>The image options of <c>whatif</c>, <c>route</c> and <c>batch</c> (<c>--format png|svg</c>, <c>--width</c>,
/// <c>--height</c>); the drawing itself is AirspaceSim.Reports'.</summary>
internal sealed class ImageOutput
{
    public Option<int> Width { get; } = NumberOptions.Int("--width", "Image width in pixels (png, svg).", new ImageOptions().WidthPx, ImageOptions.MinPx, ImageOptions.MaxPx, "pixels");

    public Option<int> Height { get; } = NumberOptions.Int("--height", "Image height in pixels (png, svg).", new ImageOptions().HeightPx, ImageOptions.MinPx, ImageOptions.MaxPx, "pixels");

    public void AddTo(Command cmd)
    {
        cmd.Options.Add(Width);
        cmd.Options.Add(Height);
    }

    /// <summary>True for a format that writes a file (an image, or the HTML report).</summary>
    public static bool IsFile(string format) => format is "png" or "svg" or "html";

    /// <summary>The sizes; --width or --height with a text format is an error (it would be ignored).</summary>
    public ImageOptions Read(ParseResult parse, string format)
    {
        foreach (var o in new[] { Width, Height })
            if (!IsFile(format) && parse.GetResult(o) is { Implicit: false })
                throw new CliException($"{o.Name}: only with --format png, svg or html (--format {format} is text)");
        return new() { WidthPx = parse.GetValue(Width), HeightPx = parse.GetValue(Height) };
    }

    /// <summary>The file to write a <paramref name="format"/> output to: --out is required (an image on a terminal is noise).</summary>
    public static string RequireOut(string? path, string format)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new CliException($"--format {format} writes a file: give --out FILE (e.g. --out map.{format})");
        CheckPath(path);
        return path;
    }

    /// <summary>Fails unless <paramref name="path"/> can name a file to write: not empty, not a folder, in a folder that exists.</summary>
    public static void CheckPath(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new CliException("--out: empty file name");
        if (Directory.Exists(path)) throw new CliException($"--out: {path} is a folder, not a file");
        // Said before any work, and with the option's name (was .NET's "Could not find a part of the path ..." after
        // the whole computation).
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder)) throw new CliException($"--out: folder {folder} does not exist (create it first, or give another path)");
        ProbeWritable(path);
    }

    // A file that cannot be created in a folder that exists (no write permission, a read-only file system, /proc) gave
    // .NET's "Could not find file '/proc/x.csv'" or "Access to the path ... is denied" without the option's name,
    // after the whole run (new-user sweep 7). A new file is created now and removed again, so a run that then fails
    // leaves nothing behind. An existing path is left alone: opening a FIFO or a device would block or consume it.
    private static void ProbeWritable(string path)
    {
        if (File.Exists(path)) return;
        try
        {
            using (new FileStream(path, FileMode.CreateNew, FileAccess.Write)) { }
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--out: cannot write {path}: {e switch { UnauthorizedAccessException => "permission denied", FileNotFoundException or DirectoryNotFoundException => "a file cannot be created there", _ => AirspaceSim.Infrastructure.ExceptionText.OneLine(e) }} (give a path in a folder you can write to)");
        }
    }

    public static ImageFormat Format(string format) => format == "svg" ? ImageFormat.Svg : ImageFormat.Png;
}

/// <summary>
/// The output format from <c>--format</c> and the extension of <c>--out</c>: a known extension that contradicts
/// <c>--format</c> is an error (an SVG in <c>x.png</c> opens as a broken image), and without <c>--format</c> the
/// extension chooses it among the formats the command writes to a file.
/// </summary>
internal static class OutFormat
{
    /// <summary>Each known extension with the formats it fits, the first being the one it implies. GeoJSON is JSON, so
    /// <c>.json</c> also takes geojson; <c>.txt</c> is plain text and takes every text format (it implies the table).</summary>
    internal static readonly (string Extension, string[] Formats)[] Extensions =
    [
        (".png", ["png"]), (".svg", ["svg"]), (".html", ["html"]), (".htm", ["html"]),
        (".json", ["json", "geojson"]), (".geojson", ["geojson"]), (".csv", ["csv"]), (".txt", ["table", "csv", "json", "geojson"]),
    ];

    /// <summary>The accepted pairs, for messages and help: "png .png, svg .svg, ...".</summary>
    internal static string Pairs(IEnumerable<string> formats) =>
        string.Join(", ", formats.Select(f => f + " " + string.Join("/", Extensions.Where(e => e.Formats.Contains(f)).Select(e => e.Extension))));

    /// <summary>The format to write and whether the user chose it (by --format or by --out's extension).</summary>
    /// <param name="command">The command's name, for messages.</param>
    /// <param name="fileFormats">The formats this command writes to --out (the others go to standard output).</param>
    public static (string Format, bool Chosen) Resolve(ParseResult parse, Option<string> format, Option<string?> output, string command, IReadOnlyCollection<string> fileFormats)
    {
        string fmt = parse.GetValue(format)!;
        bool given = parse.GetResult(format) is { Implicit: false };
        if (parse.GetValue(output) is not { } path) return (fmt, given);
        // A text output to --out (whatif, merge) was checked only when written, after the run: "Access to the path
        // '/tmp' is denied", "Could not find a part of the path", "The value cannot be an empty string".
        ImageOutput.CheckPath(path);
        // Said first: "the extension .json is for --format json" was false advice where --format json does not go to
        // a file either (batch wrote only images to one; route still does).
        if (given && !fileFormats.Contains(fmt))
            throw new CliException($"--out {path}: {command} writes only {string.Join(" or ", fileFormats)} to a file; --format {fmt} goes to standard output (drop --out and redirect it, e.g. > {Path.GetFileNameWithoutExtension(path)}.{(fmt == "table" ? "txt" : fmt)})");
        string ext = Path.GetExtension(path).ToLowerInvariant();
        var known = Extensions.FirstOrDefault(e => e.Extension == ext);
        if (known.Formats is null) return (fmt, given); // no or an unknown extension (x.out, x.map): --format decides
        if (given)
        {
            if (!known.Formats.Contains(fmt))
                throw new CliException($"--out {path}: the extension {ext} is for --format {string.Join(" or ", known.Formats.Where(fileFormats.Contains).DefaultIfEmpty(known.Formats[0]))}, not --format {fmt} " +
                                       $"(pairs: {Pairs(fileFormats)}; or give a name without one of these extensions)");
            return (fmt, true);
        }
        var implied = known.Formats.FirstOrDefault(fileFormats.Contains)
            ?? throw new CliException($"--out {path}: {command} writes only {string.Join(" or ", fileFormats)} to a file, not {known.Formats[0]} (pairs: {Pairs(fileFormats)})");
        return (implied, true);
    }
}
