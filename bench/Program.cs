using Auction.Bench.Core;
using Auction.Bench.Scenarios;

// dotnet run -c Release --project bench -- run [--modes embedded,cluster] [--runs 3] [--only S1,S2] [--size full|smoke] [--out DIR] [--no-readme]
//   (the README table is updated only by a full run into bench/results without --no-readme)
// dotnet run -c Release --project bench -- smoke        (CI: embedded, one short run, correctness checked)
// dotnet run -c Release --project bench -- serve-b3 --port N   (the plain SignalR hub of baseline B3, started by B3)
// dotnet run -c Release --project bench -- report [--date yyyy-MM-dd]   (re-renders the README table from bench/results)
// dotnet run -c Release --project bench -- cpu-report DIR OUT.md [S3|S3R]   (CPU per bid by component; run by bench/profile-s3.sh)
// dotnet run -c Release --project bench -- live-report DIR OUT.md           (the live path's latency and CPU; run by bench/profile-s3.sh … live)
return await BenchProgram.Execute(args);

public static class BenchProgram
{
    public static IReadOnlyList<IBenchmark> All { get; } = Benchmarks.All();

    public static async Task<int> Execute(string[] args)
    {
        var command = args.FirstOrDefault() ?? "run";
        if (command == "serve-b3") return await B3Server.Run(args[1..]);
        if (command == "report") return await Rerender(args[1..]);
        if (command == "live-report") return await Auction.Bench.Profiling.LiveReport.Write(args[1], args[2]);
        if (command == "cpu-report") return await Auction.Bench.Profiling.CpuReport.Write(args[1], args[2], args.Length > 3 ? args[3] : "S3");
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

    private static async Task<int> Rerender(string[] args)
    {
        var root = Auction.TestSupport.ServiceProcess.RepositoryRoot();
        var directory = Path.Combine(root, "bench", "results");
        var date = args.SkipWhile(a => a != "--date").Skip(1).FirstOrDefault()
            ?? Directory.GetFiles(directory, "*-summary.md").Select(f => Path.GetFileName(f)[..10]).Order(StringComparer.Ordinal).Last();
        var (results, machine) = await Report.Load(directory, date);
        var table = Report.Compact(results, All, machine, date);
        await Report.UpdateReadme(Path.Combine(root, "README.md"), table);
        Console.WriteLine(table);
        return 0;
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
