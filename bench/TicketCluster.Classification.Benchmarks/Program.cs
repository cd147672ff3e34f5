using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(TicketCluster.Classification.Benchmarks.ClassifyBenchmark).Assembly).Run(args);
