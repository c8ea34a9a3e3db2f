namespace DeepSharp.Cli.Commands;

/// <summary><c>deepsharp bench</c>: quick measurements from the command line (the full set is in bench/DeepSharp.Benchmarks).</summary>
internal sealed class BenchCommand : ICommandGroup
{
    public string Name => "bench";

    public string Summary => "Benchmarks: 'bench gemm' (GFLOP/s, % of peak), 'bench train' (epochs of a model), 'bench infer' (inference latency), 'bench recurrent' (Rnn / Gru / Lstm layers), 'bench allreduce' (under mpirun)";

    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public IReadOnlyList<ICommand> Subcommands { get; } =
        [new BenchGemmCommand(), new BenchTrainCommand(), new BenchInferCommand(), new BenchRecurrentCommand(), new BenchAllReduceCommand()];

    public int Run(ParsedArguments args, CliContext context) =>
        throw new CliUsageException("'bench' needs a sub-command; accepted: gemm, train, infer, recurrent, allreduce.");
}
