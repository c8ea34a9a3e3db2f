using DeepSharp.Autograd;
using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Tensors;
using DeepSharp.Tests.Classic;
using DeepSharp.Training;

namespace DeepSharp.Tests.Nn;

public class VariationalAutoencoderTests
{
    [Fact]
    public void ShapesHeadsAndLossTerms()
    {
        var vae = new VariationalAutoencoder(new VariationalAutoencoderOptions { InputSize = 6, HiddenSizes = [5], LatentSize = 2 }, new RandomGenerator(1));
        Assert.Equal("VariationalAutoencoder(6-5-2, Bernoulli)", vae.ToString());
        Assert.Equal(6 * 5 + 5 + 2 * (5 * 2 + 2) + 2 * 5 + 5 + 5 * 6 + 6, vae.Parameters().Sum(p => p.Numel));
        var x = Tensor.Rand([4, 6], new RandomGenerator(2));
        var (mean, logVariance) = vae.Encode(x);
        Assert.Equal(new[] { 4, 2 }, mean.ShapeArray);
        Assert.Equal(new[] { 4, 2 }, logVariance.ShapeArray);
        var loss = vae.Loss(x);
        // −ELBO = reconstruction + KL, with reconstruction the summed BCE per example.
        Assert.Equal(loss.Reconstruction.Item() + loss.Kl.Item(), loss.Total.Item(), 5);
        Assert.True(loss.Kl.Item() >= 0);
        Assert.Throws<InvalidOperationException>(() => new VariationalAutoencoder(new VariationalAutoencoderOptions { InputSize = 6 }).ElboLoss(x, x));
        Assert.Throws<ShapeMismatchException>(() => vae.Encode(Tensor.Zeros(2, 5)));
        Assert.Equal("LatentSize", Assert.Throws<ArgumentOutOfRangeException>(() => new VariationalAutoencoderOptions { LatentSize = 0 }).ParamName);
        Assert.Equal("GaussianStd", Assert.Throws<ArgumentOutOfRangeException>(() => new VariationalAutoencoderOptions { GaussianStd = 0 }).ParamName);
    }

    [Fact]
    public void EvaluationUsesTheMeanAndTrainingSamples()
    {
        var vae = new VariationalAutoencoder(new VariationalAutoencoderOptions { InputSize = 6, HiddenSizes = [5] }, new RandomGenerator(1));
        var x = Tensor.Rand([3, 6], new RandomGenerator(2));
        vae.Eval();
        Assert.Equal(vae.Forward(x).ToArray<float>(), vae.Forward(x).ToArray<float>());
        Assert.Equal(vae.Decode(vae.Encode(x).Mean).ToArray<float>(), vae.Forward(x).ToArray<float>());
        vae.Train();
        Assert.NotEqual(vae.Forward(x).ToArray<float>(), vae.Forward(x).ToArray<float>());
    }

    [Fact]
    public void GaussianLikelihoodIsTheScaledSquaredErrorPlusItsConstant()
    {
        var options = new VariationalAutoencoderOptions { InputSize = 5, HiddenSizes = [4], Likelihood = VaeLikelihood.Gaussian, GaussianStd = 0.5 };
        var vae = new VariationalAutoencoder(options, new RandomGenerator(3));
        vae.Eval();
        var x = Tensor.Rand([2, 5], new RandomGenerator(4));
        var loss = vae.Loss(x);
        float[] mu = vae.Forward(x).ToArray<float>(), xs = x.ToArray<float>();
        double sse = mu.Zip(xs, (a, b) => (double)(a - b) * (a - b)).Sum();
        double expected = sse / (2 * 0.25 * 2) + 5 * Math.Log(0.5 * Math.Sqrt(2 * Math.PI));
        Assert.Equal(expected, loss.Reconstruction.Item(), 4);
    }

    [SkippableFact]
    public void ElboFallsOnFashionMnistAndSamplesStayInThePixelRange()
    {
        Skip.IfNot(FashionMnist.IsAvailable(), "Fashion-MNIST is not installed (apt package dataset-fashion-mnist)");
        var (x, _) = FashionSubset.Slice(0, 2000, binarize: false);
        var (heldOut, _) = FashionSubset.Slice(8000, 500, binarize: false);
        var vae = new VariationalAutoencoder(new VariationalAutoencoderOptions { HiddenSizes = [256], LatentSize = 2 }, new RandomGenerator(5));
        double Held()
        {
            vae.Eval();
            using var _ = GradMode.NoGrad();
            double value = vae.Loss(heldOut).Total.Item();
            vae.Train();
            return value;
        }
        double before = Held();
        var history = Trainer.Fit(vae, vae.ElboLoss, new Adam(vae.Parameters(), new AdamOptions(1e-3)),
            new DataLoader(new TensorDataset(x, x), 64, shuffle: true, seed: 1), new FitOptions { Epochs = 8 });
        double after = Held();
        // −ELBO per image (nats): ~543 untrained (784 · log 2); after 8 epochs on 2000 images below 300.
        Assert.InRange(before, 500, 600);
        Assert.True(after < 300, $"held-out −ELBO {before:F1} -> {after:F1} nats");
        Assert.True(history.Epochs[^1].TrainLoss < history.Epochs[0].TrainLoss);
        using (GradMode.NoGrad())
        {
            float[] samples = vae.Sample(16, new RandomGenerator(6)).ToArray<float>();
            Assert.All(samples, v => Assert.InRange(v, 0f, 1f));
            Assert.Equal(16 * 784, samples.Length);
            Assert.True(vae.LastMean is not null && Functional.GaussianKlDivergence(vae.LastMean, vae.LastLogVariance!).Item() > 0.5,
                "the posterior moved away from the prior (the latent carries information)");
        }
    }
}
