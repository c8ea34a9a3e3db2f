using DeepSharp.Autograd;

namespace DeepSharp.Tensors;

public sealed partial class Tensor
{
    /// <summary>Sum of all elements (a zero-dimensional tensor).</summary>
    public Tensor Sum() => ReductionRules.Sum(this, null, false);

    /// <summary>Sum along <paramref name="dims"/>.</summary>
    public Tensor Sum(int[] dims, bool keepDim = false) => ReductionRules.Sum(this, dims, keepDim);

    /// <summary>Sum along one dimension.</summary>
    public Tensor Sum(int dim, bool keepDim = false) => ReductionRules.Sum(this, [dim], keepDim);

    /// <summary>Mean of all elements.</summary>
    public Tensor Mean() => Sum() / Numel;

    /// <summary>Mean along <paramref name="dims"/>.</summary>
    public Tensor Mean(int[] dims, bool keepDim = false) => Sum(dims, keepDim) / CountOver(dims);

    /// <summary>Mean along one dimension.</summary>
    public Tensor Mean(int dim, bool keepDim = false) => Mean([dim], keepDim);

    /// <summary>Largest element.</summary>
    public Tensor Max() => ReductionRules.MaxMin(this, null, false, max: true);

    /// <summary>Largest elements along <paramref name="dims"/>; ties share the gradient.</summary>
    public Tensor Max(int[] dims, bool keepDim = false) => ReductionRules.MaxMin(this, dims, keepDim, max: true);

    /// <summary>Largest elements along one dimension.</summary>
    public Tensor Max(int dim, bool keepDim = false) => ReductionRules.MaxMin(this, [dim], keepDim, max: true);

    /// <summary>Smallest element.</summary>
    public Tensor Min() => ReductionRules.MaxMin(this, null, false, max: false);

    /// <summary>Smallest elements along <paramref name="dims"/>.</summary>
    public Tensor Min(int[] dims, bool keepDim = false) => ReductionRules.MaxMin(this, dims, keepDim, max: false);

    /// <summary>Smallest elements along one dimension.</summary>
    public Tensor Min(int dim, bool keepDim = false) => ReductionRules.MaxMin(this, [dim], keepDim, max: false);

    /// <summary>Index of the first largest element along <paramref name="dim"/> (Int32; not differentiable).</summary>
    public Tensor ArgMax(int dim, bool keepDim = false) => Reductions.ArgReduce(this, dim, keepDim, max: true, "ArgMax");

    /// <summary>Row-major index of the first largest element (Int32 scalar).</summary>
    public Tensor ArgMax() => Reductions.ArgReduce(Reshape(-1), 0, false, max: true, "ArgMax");

    /// <summary>Index of the first smallest element along <paramref name="dim"/> (Int32).</summary>
    public Tensor ArgMin(int dim, bool keepDim = false) => Reductions.ArgReduce(this, dim, keepDim, max: false, "ArgMin");

    /// <summary>Row-major index of the first smallest element (Int32 scalar).</summary>
    public Tensor ArgMin() => Reductions.ArgReduce(Reshape(-1), 0, false, max: false, "ArgMin");

    /// <summary>Variance along <paramref name="dims"/> (all when null); unbiased (divides by n - 1) by default, like PyTorch.</summary>
    public Tensor Var(int[]? dims = null, bool keepDim = false, bool unbiased = true)
    {
        var nd = Shapes.NormalizeDims(dims, Rank, "Var");
        int n = CountOver(nd);
        var centered = this - Mean(nd, keepDim: true);
        return (centered * centered).Sum(nd, keepDim) / Math.Max(unbiased ? n - 1 : n, 0);
    }

    /// <summary>Standard deviation along <paramref name="dims"/> (all when null).</summary>
    public Tensor Std(int[]? dims = null, bool keepDim = false, bool unbiased = true) => Var(dims, keepDim, unbiased).Sqrt();

    /// <summary>log Σ exp(x) along <paramref name="dims"/> (all when null), stable for large inputs (the max is subtracted first).</summary>
    public Tensor LogSumExp(int[]? dims = null, bool keepDim = false)
    {
        var nd = Shapes.NormalizeDims(dims, Rank, "LogSumExp");
        Tensor m;
        using (GradMode.NoGrad())
        {
            m = Max(nd, keepDim: true);
            // An infinite maximum would give inf - inf = NaN; shift by 0 there instead, so an
            // all -inf row gives -inf and a row holding +inf gives +inf.
            m = Where(m.Abs().Eq(double.PositiveInfinity), ZerosLike(m), m);
        }
        var result = (this - m).Exp().Sum(nd, keepDim: true).Log() + m;
        return keepDim ? result : result.Reshape(Reductions.ReducedShape(_shape, nd, false));
    }

    private int CountOver(int[]? dims)
    {
        var nd = Shapes.NormalizeDims(dims, Rank, "Mean");
        int n = 1;
        foreach (int d in nd) n *= _shape[d];
        return n;
    }
}
