using DeepSharp.Tensors;

namespace DeepSharp.Nn;

public static partial class Functional
{
    /// <summary>
    /// Scaled dot-product attention: softmax(q kᵀ / √d + mask) v, with the attention weights.
    /// Composed from differentiable ops (MatMul, Softmax, Where), so it needs no rule of its own.
    /// </summary>
    /// <param name="query">Queries (..., L, d).</param>
    /// <param name="key">Keys (..., S, d).</param>
    /// <param name="value">Values (..., S, dv).</param>
    /// <param name="attentionMask">Additive mask broadcastable to (..., L, S) (0 where allowed,
    /// -∞ where not; see <see cref="CausalMask"/>), or null.</param>
    /// <param name="keyPaddingMask">(N, S) with non-zero at keys to ignore (PyTorch's True), for
    /// inputs (N, H, L, d); or null.</param>
    /// <param name="dropout">Dropout on the attention weights while <paramref name="training"/>.</param>
    /// <param name="training">Apply the dropout.</param>
    /// <param name="rng">Source of the dropout mask.</param>
    /// <returns>The output (..., L, dv) and the weights (..., L, S) (before dropout).</returns>
    /// <remarks>A query whose every key is masked gets NaN weights, as in PyTorch.</remarks>
    public static (Tensor Output, Tensor Weights) ScaledDotProductAttention(Tensor query, Tensor key, Tensor value,
        Tensor? attentionMask = null, Tensor? keyPaddingMask = null, double dropout = 0, bool training = false, RandomGenerator? rng = null)
    {
        if (query.Rank < 2 || key.Rank != query.Rank || value.Rank != query.Rank)
            throw new ShapeMismatchException($"Attention: query, key and value need one rank of at least 2, got {Shapes.Format(query.Shape)}, {Shapes.Format(key.Shape)}, {Shapes.Format(value.Shape)}.");
        if (query.Shape[^1] != key.Shape[^1] || key.Shape[^2] != value.Shape[^2])
            throw new ShapeMismatchException($"Attention: query (..., L, d), key (..., S, d) and value (..., S, dv) do not fit: {Shapes.Format(query.Shape)}, {Shapes.Format(key.Shape)}, {Shapes.Format(value.Shape)}.");
        var scores = query.MatMul(key.Transpose(-2, -1)) * (1.0 / Math.Sqrt(query.Shape[^1]));
        if (attentionMask is not null) scores += attentionMask;
        if (keyPaddingMask is not null)
        {
            if (scores.Rank != 4 || keyPaddingMask.Rank != 2 || keyPaddingMask.Shape[0] != scores.Shape[0] || keyPaddingMask.Shape[1] != scores.Shape[3])
                throw new ShapeMismatchException($"Attention: keyPaddingMask must be (N, S) = ({(scores.Rank == 4 ? scores.Shape[0] : -1)}, {scores.Shape[^1]}) for scores {Shapes.Format(scores.Shape)}, got {Shapes.Format(keyPaddingMask.Shape)}.");
            var ignore = keyPaddingMask.Ne(0).Reshape(keyPaddingMask.Shape[0], 1, 1, keyPaddingMask.Shape[1]);
            scores = Tensor.Where(ignore, Tensor.Scalar(double.NegativeInfinity, scores.DType, scores.Device), scores);
        }
        var weights = Softmax(scores, -1);
        var applied = dropout > 0 && training ? Dropout(weights, dropout, training, rng) : weights;
        return (applied.MatMul(value), weights);
    }

    /// <summary>The additive causal mask (L, L): 0 on and below the diagonal, -∞ above (query i sees keys 0..i).</summary>
    /// <param name="length">Sequence length L (at least 1).</param>
    /// <param name="dtype">Float32 or Float64.</param>
    /// <param name="device">The device; <see cref="Device.Default"/> when null.</param>
    public static Tensor CausalMask(int length, DType dtype = DType.Float32, Device? device = null)
    {
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "CausalMask: length must be at least 1.");
        var rows = Tensor.Arange(length, dtype, device).Reshape(length, 1);
        var cols = Tensor.Arange(length, dtype, device).Reshape(1, length);
        return Tensor.Where(cols.Gt(rows), Tensor.Scalar(double.NegativeInfinity, dtype, device), Tensor.Scalar(0, dtype, device));
    }
}
