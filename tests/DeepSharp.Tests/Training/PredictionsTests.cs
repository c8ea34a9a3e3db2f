using DeepSharp.Nn;
using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Tests.Training;

public sealed class PredictionsTests
{
    [Fact]
    public void LogitsGoThroughASoftmax()
    {
        var p = Predictions.Probabilities(Tensor.FromArray(new float[] { 0, 0, 0, 1, 2, 3 }, 2, 3));
        Assert.Equal(1 / 3f, p[0, 0], 6);
        Assert.Equal(1 / 3f, p[0, 1], 6);
        double z = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Assert.Equal(Math.Exp(3) / z, p[1, 2], 6);
        Assert.Equal(Math.Exp(1) / z, p[1, 0], 6);
        // Ties go to the first class.
        Assert.Equal([0, 2], Predictions.Classes(p));
    }

    [Fact]
    public void ProbabilityRowsAreKeptAsTheyAre()
    {
        var p = Predictions.Probabilities(Tensor.FromArray(new float[] { 0.2f, 0.8f, 1, 0 }, 2, 2));
        Assert.Equal(0.2f, p[0, 0]);
        Assert.Equal(0.8f, p[0, 1]);
        Assert.Equal(1f, p[1, 0]);
        Assert.Equal([1, 0], Predictions.Classes(p));
    }

    [Fact]
    public void OneScorePerSampleIsTheProbabilityOfClassOne()
    {
        var logits = Predictions.Probabilities(Tensor.FromArray(new float[] { 0, 2, -3 }, 3, 1));
        Assert.Equal(0.5f, logits[0, 1], 6);
        Assert.Equal(1 / (1 + Math.Exp(-2)), logits[1, 1], 6);
        Assert.Equal(1 - logits[2, 1], logits[2, 0], 6);
        var probabilities = Predictions.Probabilities(Tensor.FromArray(new float[] { 0.9f, 0.1f }, 2));
        Assert.Equal(0.9f, probabilities[0, 1], 6);
        Assert.Equal([1, 0], Predictions.Classes(probabilities));
        Assert.Throws<ArgumentException>(() => Predictions.Probabilities(Tensor.Zeros(2, 2, 2)));
    }

    [Fact]
    public void PredictRunsTheModelInEvaluationMode()
    {
        var model = new Sequential(new Linear(2, 3, rng: new RandomGenerator(1)), new Dropout(0.9));
        var x = Tensor.FromArray(new float[] { 1, 2, -1, 0.5f }, 2, 2);
        var p = Predictions.Predict(model, x);
        var expected = Predictions.Probabilities(((Sequential)model)[0].Forward(x));
        for (int r = 0; r < 2; r++)
            for (int c = 0; c < 3; c++) Assert.Equal(expected[r, c], p[r, c], 6);
        Assert.True(model.IsTraining);
    }
}
