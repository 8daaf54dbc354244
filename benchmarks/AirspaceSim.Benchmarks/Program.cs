using AirspaceSim.Benchmarks;
using BenchmarkDotNet.Running;

// Groups: --filter '*MonteCarlo*' | '*Geodesic*' | '*DetourQuery*' | '*WindDetour*' | '*DetourEachCase*' | '*Rejection*' | '*Batch*' | '*Network*' | '*Build*' | '*Loader*'.
// Quick laptop run (about 90 s with the build): --filter '*DetourQuery*' '*Rejection*' --job short --warmupCount 1 --iterationCount 3
BenchmarkSwitcher.FromAssembly(typeof(BenchData).Assembly).Run(args);
