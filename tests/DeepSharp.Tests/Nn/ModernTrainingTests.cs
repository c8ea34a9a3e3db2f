using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Nn;

/// <summary>Seeded training runs of the residual and attention models, each to a stated accuracy.</summary>
public sealed class ModernTrainingTests
{
    private static double Accuracy(Tensor logits, Tensor labels) =>
        logits.ArgMax(-1).Reshape(-1).ToArray<int>().Zip(labels.Reshape(-1).ToArray<int>()).Count(p => p.First == p.Second) / (double)labels.Numel;

    /// <summary>Reverses sequences of 6 digits: a 2-layer pre-norm Transformer encoder over token
    /// embeddings with learned positions reaches ≥ 0.99 token accuracy on 512 held-out sequences.</summary>
    [Fact]
    public void TransformerEncoderLearnsToReverseDigitSequences()
    {
        const int length = 6, vocab = 10, width = 32;
        var rng = new RandomGenerator(7);
        var options = new TransformerEncoderLayerOptions(width, 4, 64, Dropout: 0, BatchFirst: true, NormFirst: true);
        var embed = new Embedding(vocab, width, rng: rng);
        var positions = new LearnedPositionalEmbedding(length, width, batchFirst: true, rng: rng);
        var encoder = new TransformerEncoder(options, 2, finalNorm: true, rng: rng);
        var head = new Linear(width, vocab, rng: rng);
        var model = new Sequential(embed, positions, encoder, head);
        var optimizer = new Adam(model.Parameters(), new AdamOptions(3e-3));
        var data = new RandomGenerator(11);
        (Tensor X, Tensor Y) Batch(int n)
        {
            var x = Tensor.RandInt(0, vocab, [n, length], data);
            return (x, x.IndexSelect(1, Tensor.FromArray(new[] { 5, 4, 3, 2, 1, 0 }, 6)));
        }
        for (int step = 0; step < 400; step++)
        {
            var (x, y) = Batch(64);
            optimizer.ZeroGrad();
            var logits = model.Forward(x);
            Functional.CrossEntropy(logits.Reshape(-1, vocab), y.Reshape(-1)).Backward();
            optimizer.Step();
        }
        model.Eval();
        var (tx, ty) = Batch(512);
        double accuracy = Accuracy(model.Forward(tx), ty);
        Assert.True(accuracy >= 0.99, $"token accuracy {accuracy:F4} < 0.99");
    }

    /// <summary>Two spirals with a residual MLP (Linear + BatchNorm1d blocks inside <see cref="Residual"/>):
    /// ≥ 0.97 training accuracy after 300 full-batch Adam steps, then the same in evaluation mode
    /// (running statistics).</summary>
    [Fact]
    public void ResidualMlpWithBatchNormSeparatesTwoSpirals()
    {
        var rng = new RandomGenerator(3);
        var (xs, labels) = ToyData.TwoSpirals(200, 0.05, rng: new RandomGenerator(5));
        var x = Tensor.FromArray(xs, labels.Length, 2);
        var y = Tensor.FromArray(labels, labels.Length);
        Module Block() => new Residual(new Sequential(new Linear(64, 64, rng: rng), new BatchNorm1d(64), new Relu(), new Linear(64, 64, rng: rng)));
        var model = new Sequential(new Linear(2, 64, rng: rng), new Relu(), Block(), new Relu(), Block(), new Relu(), Block(), new Relu(), new Linear(64, 2, rng: rng));
        var optimizer = new Adam(model.Parameters(), new AdamOptions(1e-2));
        for (int step = 0; step < 300; step++)
        {
            optimizer.ZeroGrad();
            Functional.CrossEntropy(model.Forward(x), y).Backward();
            optimizer.Step();
        }
        double train = Accuracy(model.Forward(x), y);
        model.Eval();
        double eval = Accuracy(model.Forward(x), y);
        Assert.True(train >= 0.97, $"training-mode accuracy {train:F3} < 0.97");
        Assert.True(eval >= 0.97, $"evaluation-mode accuracy {eval:F3} < 0.97");
    }

    /// <summary>A small convolutional ResNet (<see cref="Models.ResNet"/>, width 8, stages [1, 1]) tells
    /// 12x12 images of a horizontal bar from a vertical one (random position, noise) at ≥ 0.95 held-out accuracy.</summary>
    [Fact]
    public void SmallResNetClassifiesBarOrientation()
    {
        var rng = new RandomGenerator(2);
        var model = Models.ResNet(new ResNetOptions(1, 2, 8, [1, 1]), rng);
        var optimizer = new Adam(model.Parameters(), new AdamOptions(3e-3));
        var data = new RandomGenerator(9);
        (Tensor X, Tensor Y) Bars(int n)
        {
            var pixels = new float[n * 144];
            var classes = new int[n];
            for (int i = 0; i < n; i++)
            {
                classes[i] = data.NextInt(2);
                int at = data.NextInt(1, 11), from = data.NextInt(5), len = data.NextInt(5, 8);
                for (int j = 0; j < 144; j++) pixels[i * 144 + j] = (float)(0.3 * (data.NextDouble() - 0.5));
                for (int t = from; t < from + len; t++)
                    pixels[i * 144 + (classes[i] == 0 ? at * 12 + t : t * 12 + at)] += 1;
            }
            return (Tensor.FromArray(pixels, n, 1, 12, 12), Tensor.FromArray(classes, n));
        }
        for (int step = 0; step < 60; step++)
        {
            var (x, y) = Bars(32);
            optimizer.ZeroGrad();
            Functional.CrossEntropy(model.Forward(x), y).Backward();
            optimizer.Step();
        }
        model.Eval();
        var (tx, ty) = Bars(200);
        double accuracy = Accuracy(model.Forward(tx), ty);
        Assert.True(accuracy >= 0.95, $"held-out accuracy {accuracy:F3} < 0.95");
    }
}
