using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Nn;

public class PerceptronCriterionTests
{
    [Fact]
    public void OneSgdStepIsRosenblattsMulticlassUpdate()
    {
        // Scores s = W x with W (3, 2): class 0 wins for x = (1, 2), but the target is 2.
        var w = Tensor.FromArray(new float[] { 1, 1, 0, 0, 0, 0 }, 3, 2).RequireGrad();
        var x = Tensor.FromArray(new float[] { 1, 2 }, 1, 2);
        var loss = Functional.PerceptronCriterion(x.MatMul(w.T), Tensor.FromArray(new[] { 2 }));
        Assert.Equal(3.0, loss.Item(), 6); // s0 - s2 = 3 - 0
        loss.Backward();
        // w - 1·grad: the winner's row loses x, the target's row gains x (Rosenblatt with η = 1).
        Assert.Equal(new float[] { 1, 2, 0, 0, -1, -2 }, w.Grad!.ToFloatArray());
    }

    [Fact]
    public void CorrectSamplesAndTiesWonByTheTargetGiveNoUpdate()
    {
        var scores = Tensor.FromArray(new float[] { 2, 2, 0, 0, 5, 1 }, 2, 3).RequireGrad();
        var loss = Functional.PerceptronCriterion(scores, Tensor.FromArray(new[] { 0, 1 }));
        Assert.Equal(0.0, loss.Item());
        loss.Backward();
        Assert.All(scores.Grad!.ToFloatArray(), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void ShapeErrorsNameBothShapes()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() =>
            Functional.PerceptronCriterion(Tensor.Zeros(4, 3), Tensor.FromArray(new[] { 0, 1 })));
        Assert.Contains("(4, 3)", ex.Message);
        Assert.Contains("(2,)", ex.Message);
    }
}
