using System.Globalization;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>
/// What <see cref="BatchNorm1d"/> and <see cref="BatchNorm2d"/> share: PyTorch's parameters
/// (<c>weight</c>, <c>bias</c>) and buffers (<c>running_mean</c>, <c>running_var</c>,
/// <c>num_batches_tracked</c>), their names and update rule.
/// </summary>
/// <remarks>
/// In training mode the batch statistics normalize the input and update the running ones
/// (momentum, or a cumulative average when <see cref="Momentum"/> is null); in evaluation mode
/// the running statistics are used. Without tracked statistics the batch's are always used.
/// The batch counter is stored as Int32 (PyTorch: int64).
/// </remarks>
public abstract class BatchNormBase : Module
{
    private protected BatchNormBase(int numFeatures, double eps, double? momentum, bool affine, bool trackRunningStats)
    {
        if (numFeatures < 1) throw new ArgumentOutOfRangeException(nameof(numFeatures), numFeatures, $"{GetType().Name}: numFeatures must be at least 1.");
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, $"{GetType().Name}: eps must be positive.");
        if (momentum is { } m && !(m >= 0 && m <= 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"{GetType().Name}: momentum must be in [0, 1] or null.");
        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(numFeatures));
            Bias = RegisterParameter("bias", Tensor.Zeros(numFeatures));
        }
        if (trackRunningStats)
        {
            RunningMean = RegisterBuffer("running_mean", Tensor.Zeros(numFeatures));
            RunningVar = RegisterBuffer("running_var", Tensor.Ones(numFeatures));
            NumBatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Zeros([], DType.Int32));
        }
    }

    /// <summary>Channels C.</summary>
    public int NumFeatures { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public double Eps { get; }

    /// <summary>Weight of each new batch in the running statistics; null for a cumulative average.</summary>
    public double? Momentum { get; }

    /// <summary>Scale γ (C), or null without affine parameters.</summary>
    public Tensor? Weight { get; }

    /// <summary>Shift β (C), or null without affine parameters.</summary>
    public Tensor? Bias { get; }

    /// <summary>Running mean (C), or null when statistics are not tracked.</summary>
    public Tensor? RunningMean { get; }

    /// <summary>Running (unbiased) variance (C), or null when statistics are not tracked.</summary>
    public Tensor? RunningVar { get; }

    /// <summary>Batches seen in training (Int32 scalar), or null when statistics are not tracked.</summary>
    public Tensor? NumBatchesTracked { get; }

    /// <summary>True when the layer learns γ and β.</summary>
    public bool Affine => Weight is not null;

    /// <summary>True when the layer keeps running statistics.</summary>
    public bool TrackRunningStats => RunningMean is not null;

    /// <summary>The input ranks this layer accepts, for its error message.</summary>
    private protected abstract bool AcceptsRank(int rank);

    /// <summary>The accepted input layout in words.</summary>
    private protected abstract string ExpectedInput { get; }

    /// <summary>Resets the running statistics and γ = 1, β = 0.</summary>
    public override void ResetParameters(RandomGenerator rng)
    {
        using var _ = Autograd.GradMode.NoGrad();
        Weight?.Fill(1);
        Bias?.Fill(0);
        RunningMean?.Fill(0);
        RunningVar?.Fill(1);
        NumBatchesTracked?.Fill(0);
    }

    /// <inheritdoc/>
    /// <exception cref="ShapeMismatchException">The input is not of the layer's layout or has another channel count.</exception>
    public override Tensor Forward(Tensor input)
    {
        if (!AcceptsRank(input.Rank) || input.Shape[1] != NumFeatures)
            throw new ShapeMismatchException($"{this} expected input {ExpectedInput} with C = {NumFeatures}, got {Shapes.Format(input.Shape)}.");
        bool useBatch = IsTraining || !TrackRunningStats;
        double momentum = Momentum ?? 0;
        if (IsTraining && NumBatchesTracked is not null)
        {
            int batches = (int)NumBatchesTracked.Item() + 1;
            using (Autograd.GradMode.NoGrad()) NumBatchesTracked.Fill(batches);
            momentum = Momentum ?? 1.0 / batches;
        }
        return Functional.BatchNorm(input, RunningMean, RunningVar, Weight, Bias, useBatch, momentum, Eps);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{GetType().Name}({NumFeatures}, eps={Eps}, momentum={(Momentum is { } m ? m.ToString(CultureInfo.InvariantCulture) : "None")}, affine={Affine}, track_running_stats={TrackRunningStats})");
}
