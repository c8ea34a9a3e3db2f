using DeepSharp.Autograd;
using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Tests.Training;

public class EvaluatorTests
{
    /// <summary>Scores x Wᵀ and remembers the grad and training modes it ran under.</summary>
    private sealed class Probe : Module
    {
        private readonly Tensor _w = Tensor.FromArray(new float[] { 1, 0, 0, 1, -1, -1 }, 3, 2);
        public List<(bool Grad, bool Training)> Calls { get; } = [];

        public Probe() => RegisterParameter("w", _w);

        public override Tensor Forward(Tensor input)
        {
            Calls.Add((GradMode.IsEnabled, IsTraining));
            return input.MatMul(_w.T);
        }
    }

    [Fact]
    public void EvaluateReportsLossAccuracyAndConfusionUnderNoGradAndEvalMode()
    {
        // Row scores: (1, 0, -1) -> 0; (0, 1, -1) -> 1; (-1, -1, 2) -> 2; (2, 1, -3) -> 0
        var x = Tensor.FromArray(new float[] { 1, 0, 0, 1, -1, -1, 2, 1 }, 4, 2);
        var y = Tensor.FromArray(new[] { 0, 1, 2, 1 });
        var model = new Probe();
        var result = Evaluator.Evaluate(model, new DataLoader(new TensorDataset(x, y), 3), TestLosses.CrossEntropy, new AccuracyMetric());
        Assert.Equal(4, result.Samples);
        Assert.Equal(0.75, result.Accuracy);
        Assert.Equal(0.75, result.Metric);
        Assert.Equal(1, result.Confusion![1, 0]);
        using (GradMode.NoGrad())
            Assert.Equal(TestLosses.CrossEntropy(model.Forward(x), y).Item(), result.Loss!.Value, 6);
        Assert.All(model.Calls.Take(2), c => Assert.Equal((false, false), c));
        Assert.True(model.IsTraining);
        Assert.True(GradMode.IsEnabled);
    }

    [Fact]
    public void RegressionTargetsHaveNoAccuracy()
    {
        var x = Tensor.FromArray(new float[] { 1, 2 }, 1, 2);
        var result = Evaluator.Evaluate(new Probe(), new DataLoader(new TensorDataset(x, Tensor.Zeros(1, 3)), 4), TestLosses.Mse);
        Assert.Null(result.Accuracy);
        Assert.Null(result.Confusion);
        Assert.Equal((1 + 4 + 9) / 3.0, result.Loss!.Value, 6);
    }

    [Fact]
    public void PredictConcatenatesBatches()
    {
        var x = Tensor.Randn([10, 2], new RandomGenerator(1));
        var model = new Probe();
        model.Eval();
        var all = Evaluator.Predict(model, x, batchSize: 3);
        Assert.Equal([10, 3], all.ShapeArray);
        Assert.Equal(x.MatMul(Tensor.FromArray(new float[] { 1, 0, 0, 1, -1, -1 }, 3, 2).T).ToArray<float>(), all.ToArray<float>());
        Assert.False(all.RequiresGrad);
        Assert.Equal(4, model.Calls.Count);
        Assert.False(model.IsTraining);   // restored to the caller's mode
    }
}
