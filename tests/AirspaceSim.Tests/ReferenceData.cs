namespace AirspaceSim.Tests;

/// <summary>
/// Locates the third-party reference data in <c>../shared/reference/</c> beside the checkout. Tests that need it call
/// <see cref="Require"/>, which skips the test with a clear message when the data is absent.
/// </summary>
internal static class ReferenceData
{
    /// <summary>The repository root (the folder holding AirspaceSim.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The reference folder, whether or not it exists.</summary>
    public static string Dir => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "reference"));

    /// <summary>Full path of a reference file; marks the test skipped (Assert.Ignore) when it is missing.</summary>
    public static string Require(string relativePath)
    {
        var path = Path.Combine(Dir, relativePath);
        if (!File.Exists(path))
            Assert.Ignore($"reference data '{relativePath}' is absent (expected at {path}); this cross-check needs ../shared/reference beside the checkout");
        return path;
    }

    /// <summary>Path of a file in the repository's own data/ folder.</summary>
    public static string RepoData(string relativePath) => Path.Combine(RepoRoot, "data", relativePath);

    private static string FindRepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "AirspaceSim.sln"))) return d.FullName;
        throw new InvalidOperationException("cannot find AirspaceSim.sln above " + AppContext.BaseDirectory);
    }
}
