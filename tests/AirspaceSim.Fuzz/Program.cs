using AirspaceSim.Fuzz;

// Usage:
//   AirspaceSim.Fuzz TARGET                 run under afl-fuzz (SharpFuzz persistent in-process mode; see fuzz/run.sh)
//   AirspaceSim.Fuzz TARGET FILE|DIR ...    replay inputs, e.g. a crash that afl-fuzz saved; exit 1 on a failure
//   AirspaceSim.Fuzz TARGET --time N FILE|DIR ...   time N persistent executions of each input (no AFL)
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: AirspaceSim.Fuzz {string.Join('|', FuzzTargets.All.Keys)} [FILE|DIR ...]");
    return 2;
}
if (args.Length == 1)
{
    // Persistent and in-process (SharpFuzz's Fuzzer.Run): one .NET process runs input after input, so what a target
    // builds once (the bundled airports and airspaces, the CLI targets' planners) is built once, not per input.
    // FUZZ_OUT_OF_PROCESS=1 runs the inputs in a child process instead, which survives a StackOverflowException or a
    // hang but pays a process start after each.
    void Once(Stream stream)
    {
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        target(ms.ToArray());
    }
    if (Environment.GetEnvironmentVariable("FUZZ_OUT_OF_PROCESS") == "1") SharpFuzz.Fuzzer.OutOfProcess.Run(Once);
    else SharpFuzz.Fuzzer.Run(Once);
    return 0;
}
if (args[1] == "--time" && args.Length >= 4 && int.TryParse(args[2], out int repeats))
{
    // Executions per second in this process, as AFL++ drives it (persistent): each file `repeats` times after one warm-up.
    var inputs = args.Skip(3).SelectMany(a => Directory.Exists(a) ? Directory.GetFiles(a).Order(StringComparer.Ordinal).ToArray() : [a]).Select(File.ReadAllBytes).ToArray();
    foreach (var input in inputs) target(input);
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    for (int r = 0; r < repeats; r++) foreach (var input in inputs) target(input);
    double n = (double)repeats * inputs.Length;
    double cpuS = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    Console.WriteLine($"{args[0]}: {n} executions, {clock.Elapsed.TotalSeconds / n * 1e6:F0} us wall and {cpuS / n * 1e6:F0} us CPU each ({n / clock.Elapsed.TotalSeconds:F0}/s wall)");
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
