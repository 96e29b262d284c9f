using Auction.Bench.Core;
using Auction.Bench.Scenarios;

// dotnet run -c Release --project bench -- run [--modes embedded,cluster] [--runs 3] [--only S1,S2] [--size full|smoke] [--out DIR] [--no-readme]
//   (the README table is updated only by a full run into bench/results without --no-readme)
// dotnet run -c Release --project bench -- smoke        (CI: embedded, one short run, correctness checked)
// dotnet run -c Release --project bench -- serve-b3 --port N   (the plain SignalR hub of baseline B3, started by B3)
return await BenchProgram.Execute(args);

public static class BenchProgram
{
    public static IReadOnlyList<IBenchmark> All { get; } = Benchmarks.All();

    public static async Task<int> Execute(string[] args)
    {
        var command = args.FirstOrDefault() ?? "run";
        if (command == "serve-b3") return await B3Server.Run(args[1..]);
        var options = command == "smoke"
            ? new RunOptions([BenchMode.Embedded], 1, null, BenchSize.Smoke, Path.Combine(Path.GetTempPath(), "auction-bench-smoke"), null)
            : Parse(args[1..]);
        var (results, markdown) = await Runner.Run(All, options, Console.Out, CancellationToken.None);
        Console.WriteLine();
        Console.WriteLine(markdown);
        var correct = results.SelectMany(r => r.Checks).All(c => c.Passed);
        Console.WriteLine(correct ? "correctness: every check passed" : "correctness: CHECKS FAILED");
        return correct ? 0 : 1;
    }

    private static RunOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var modes = (Value("--modes") ?? "embedded,cluster").Split(',').Select(m => Enum.Parse<BenchMode>(m, ignoreCase: true)).ToArray();
        var root = Auction.TestSupport.ServiceProcess.RepositoryRoot();
        var size = Enum.Parse<BenchSize>(Value("--size") ?? "full", ignoreCase: true);
        // Only a full run into the default results folder publishes its table in the README.
        var published = Value("--out") is null && size == BenchSize.Full && !args.Contains("--no-readme");
        return new RunOptions(modes, int.Parse(Value("--runs") ?? "3", System.Globalization.CultureInfo.InvariantCulture),
            Value("--only")?.Split(','), size,
            Value("--out") ?? Path.Combine(root, "bench", "results"), published ? Path.Combine(root, "README.md") : null);
    }
}
