using DeepSharp.Data;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Data;

/// <summary>The image batch transforms and their per-epoch, seeded application by the DataLoader.</summary>
public sealed class AugmentationTests
{
    /// <summary>Image n, channel c, pixel (y, x) holds 1000 n + 100 c + 10 y + x (+ 1, so zero means padding).</summary>
    private static Tensor Numbered(int b, int c, int h, int w)
    {
        var data = new float[b * c * h * w];
        for (int i = 0; i < data.Length; i++)
        {
            int x = i % w, y = i / w % h, ch = i / (w * h) % c, n = i / (w * h * c);
            data[i] = 1000 * n + 100 * ch + 10 * y + x + 1;
        }
        return Tensor.FromArray(data, b, c, h, w);
    }

    [Fact]
    public void HorizontalFlipMirrorsWholeImagesWithTheGivenProbability()
    {
        var images = Numbered(200, 2, 3, 4);
        var original = images.ToFloatArray();
        new RandomHorizontalFlip(0.5).Apply(images, new RandomGenerator(1));
        var flipped = images.ToFloatArray();
        int count = 0;
        for (int n = 0; n < 200; n++)
        {
            bool isFlipped = flipped[n * 24] != original[n * 24];
            if (isFlipped) count++;
            for (int row = 0; row < 6; row++)
                for (int x = 0; x < 4; x++)
                    Assert.Equal(original[n * 24 + row * 4 + (isFlipped ? 3 - x : x)], flipped[n * 24 + row * 4 + x]);
        }
        Assert.InRange(count, 70, 130);
        var never = Numbered(3, 1, 2, 2);
        new RandomHorizontalFlip(0).Apply(never, new RandomGenerator(1));
        Assert.Equal(Numbered(3, 1, 2, 2).ToFloatArray(), never.ToFloatArray());
    }

    [Fact]
    public void RandomCropShiftsEachImageByAtMostThePaddingAndFillsWithZeros()
    {
        var images = Numbered(50, 2, 6, 6);
        var original = images.ToFloatArray();
        new RandomCrop(2).Apply(images, new RandomGenerator(3));
        var cropped = images.ToFloatArray();
        var shifts = new HashSet<(int, int)>();
        for (int n = 0; n < 50; n++)
        {
            // Find the shift from any surviving pixel, then check every pixel of both channels against it.
            int at = Enumerable.Range(0, 36).First(i => cropped[n * 72 + i] != 0);
            float v = cropped[n * 72 + at] - 1 - 1000 * n;
            int dy = (int)v / 10 - at / 6, dx = (int)v % 10 - at % 6;
            Assert.InRange(dy, -2, 2);
            Assert.InRange(dx, -2, 2);
            shifts.Add((dy, dx));
            for (int c = 0; c < 2; c++)
                for (int y = 0; y < 6; y++)
                    for (int x = 0; x < 6; x++)
                    {
                        int sy = y + dy, sx = x + dx;
                        float expected = sy is >= 0 and < 6 && sx is >= 0 and < 6 ? original[n * 72 + c * 36 + sy * 6 + sx] : 0;
                        Assert.Equal(expected, cropped[n * 72 + c * 36 + y * 6 + x]);
                    }
        }
        Assert.True(shifts.Count > 10, $"only {shifts.Count} distinct shifts in 50 images");
    }

    [Fact]
    public void RandomErasingBlanksOneRectangleAcrossChannels()
    {
        var images = Numbered(40, 3, 10, 10);
        new RandomErasing(p: 1, value: 0).Apply(images, new RandomGenerator(5));
        var erased = images.ToFloatArray();
        for (int n = 0; n < 40; n++)
        {
            var zeros = Enumerable.Range(0, 100).Where(i => erased[n * 300 + i] == 0).ToArray();
            Assert.NotEmpty(zeros);
            int top = zeros.Min(i => i / 10), bottom = zeros.Max(i => i / 10), left = zeros.Min(i => i % 10), right = zeros.Max(i => i % 10);
            Assert.Equal((bottom - top + 1) * (right - left + 1), zeros.Length); // one filled rectangle
            Assert.InRange(zeros.Length, 1, 40);
            for (int c = 1; c < 3; c++)
                Assert.Equal(zeros, Enumerable.Range(0, 100).Where(i => erased[n * 300 + c * 100 + i] == 0));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomErasing(scaleMin: 0.5, scaleMax: 0.2));
    }

    [Fact]
    public void NormalizeUsesPerChannelStatisticsAndComposeRunsInOrder()
    {
        var images = Tensor.FromArray(new float[] { 1, 3, 10, 20 }, 1, 2, 1, 2);
        new ComposedTransform(new NormalizeImages([2, 10], [1, 5]), new RandomHorizontalFlip(1)).Apply(images, new RandomGenerator(0));
        Assert.Equal(new float[] { 1, -1, 2, 0 }, images.ToFloatArray());
        var ex = Assert.Throws<ShapeMismatchException>(() => new NormalizeImages([0, 0, 0], [1, 1, 1]).Apply(Tensor.Zeros(1, 2, 2, 2), new RandomGenerator(0)));
        Assert.Contains("3 channel statistics for a batch of 2 channels", ex.Message);
        Assert.Throws<ShapeMismatchException>(() => new RandomCrop(1).Apply(Tensor.Zeros(2, 4), new RandomGenerator(0)));
    }

    [Fact]
    public void TheLoaderAppliesFreshSeededDrawsEachEpochAndTheSameWithPrefetch()
    {
        var inputs = Numbered(16, 1, 4, 4);
        var dataset = new TensorDataset(inputs, Tensor.Zeros([16], DType.Int32));
        List<float[]> Epochs(bool prefetch)
        {
            var loader = new DataLoader(dataset, 4, shuffle: true, seed: 9, prefetch: prefetch)
            {
                Transform = new ComposedTransform(new RandomCrop(1), new RandomHorizontalFlip()),
            };
            var result = new List<float[]>();
            for (int e = 0; e < 2; e++) result.Add([.. loader.SelectMany(b => b.Inputs.ToFloatArray())]);
            return result;
        }
        var plain = Epochs(false);
        Assert.Equal(plain, Epochs(false));  // seeded
        Assert.Equal(plain, Epochs(true));   // independent of prefetching
        Assert.NotEqual(plain[0], plain[1]); // new draws (and order) every epoch
        Assert.Equal(Numbered(16, 1, 4, 4).ToFloatArray(), dataset.Inputs.ToFloatArray()); // the dataset itself is untouched
    }
}
