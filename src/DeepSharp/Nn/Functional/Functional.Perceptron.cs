using DeepSharp.Autograd;
using DeepSharp.Tensors;

namespace DeepSharp.Nn;

public static partial class Functional
{
    /// <summary>
    /// The perceptron criterion: per sample, s[predicted] - s[target], where predicted is the first
    /// arg-max of the scores. It is zero when the sample is classified correctly; otherwise its
    /// gradient is +x on the predicted row and -x on the target row of a linear layer's weight, so
    /// plain gradient descent with batch size 1 and learning rate η applies Rosenblatt's rule
    /// w ← w + η (d - y) x sample by sample (the multi-class form; ties go to the first class).
    /// </summary>
    /// <param name="scores">Scores (N, C), e.g. a Linear layer's output.</param>
    /// <param name="target">Class indices (N), Int32.</param>
    /// <param name="reduction">Sum (the default: one update per mistake), Mean or None.</param>
    /// <remarks>scores (N, C), target (N) -> loss () or (N) for None.</remarks>
    /// <exception cref="ShapeMismatchException">The shapes do not fit, naming both.</exception>
    public static Tensor PerceptronCriterion(Tensor scores, Tensor target, Reduction reduction = Reduction.Sum)
    {
        if (scores.Rank != 2 || target.Rank != 1 || target.Shape[0] != scores.Shape[0])
            throw new ShapeMismatchException(
                $"PerceptronCriterion: expected scores (N, C) and targets (N), got {Shapes.Format(scores.Shape)} and {Shapes.Format(target.Shape)}.");
        if (target.DType != DType.Int32)
            throw new ArgumentException($"PerceptronCriterion: targets must be Int32 class indices, got {target.DType}.", nameof(target));
        int n = scores.Shape[0], c = scores.Shape[1];
        var predicted = scores.ArgMax(1).ToArray<int>();
        var labels = target.ToArray<int>();
        var sign = new double[n * c];
        for (int i = 0; i < n; i++)
        {
            if ((uint)labels[i] >= (uint)c)
                throw new ArgumentOutOfRangeException(nameof(target), $"PerceptronCriterion: class {labels[i]} of sample {i} is outside [0, {c}).");
            if (predicted[i] == labels[i]) continue;
            sign[i * c + predicted[i]] = 1;
            sign[i * c + labels[i]] = -1;
        }
        Tensor weights;
        using (GradMode.NoGrad()) weights = Tensor.FromArray(sign, n, c).To(scores.DType);
        // s[pred] - s[target] = Σ_j sign_ij s_ij, with the signs fixed: a linear function of the scores.
        var perSample = (scores * weights).Sum(1);
        return reduction switch
        {
            Reduction.Sum => perSample.Sum(),
            Reduction.Mean => perSample.Mean(),
            _ => perSample,
        };
    }
}
