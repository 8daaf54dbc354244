using AirspaceSim.Benchmarks;
using BenchmarkDotNet.Running;

// Groups: --filter '*Geodesic*' | '*Detour*' | '*Rejection*' | '*Batch*' | '*Network*' | '*Build*'.
// Quick laptop run (under two minutes): --filter '*Detour*' '*Rejection*' '*Build*' --job short --warmupCount 1 --iterationCount 3
BenchmarkSwitcher.FromAssembly(typeof(BenchData).Assembly).Run(args);
