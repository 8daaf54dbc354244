using AirspaceSim.Fuzz;

// Usage:
//   AirspaceSim.Fuzz TARGET                 run under afl-fuzz (SharpFuzz out-of-process mode; see fuzz/run.sh)
//   AirspaceSim.Fuzz TARGET FILE|DIR ...    replay inputs, e.g. a crash that afl-fuzz saved; exit 1 on a failure
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: AirspaceSim.Fuzz {string.Join('|', FuzzTargets.All.Keys)} [FILE|DIR ...]");
    return 2;
}
if (args.Length == 1)
{
    SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
    {
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        target(ms.ToArray());
    });
    return 0;
}
int failures = 0;
foreach (var arg in args.Skip(1))
    foreach (var file in Directory.Exists(arg) ? Directory.GetFiles(arg).Order(StringComparer.Ordinal).ToArray() : [arg])
    {
        try { target(File.ReadAllBytes(file)); }
        catch (Exception e) { failures++; Console.Error.WriteLine($"{file}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}"); }
    }
Console.Error.WriteLine($"{failures} failure(s)");
return failures == 0 ? 0 : 1;
