using DeepSharp.Plotting;

namespace DeepSharp.Tests.Plotting;

public sealed class PaletteTests
{
    [Fact]
    public void CategoricalColoursAreDistinct()
    {
        Assert.True(Palette.CategoricalCount >= 10);
        for (int i = 0; i < Palette.CategoricalCount; i++)
            for (int j = i + 1; j < Palette.CategoricalCount; j++)
                Assert.True(PlotAssert.Distance(Palette.Categorical(i), Palette.Categorical(j)) > 60,
                    $"colours {i} and {j} are too close");
        Assert.Equal(Palette.Categorical(0), Palette.Categorical(Palette.CategoricalCount));
    }

    [Fact]
    public void SequentialMapDarkensMonotonically()
    {
        double previous = double.MaxValue;
        for (int i = 0; i <= 20; i++)
        {
            double luminance = Palette.Sequential(i / 20.0).Luminance;
            Assert.True(luminance < previous);
            previous = luminance;
        }
        Assert.Equal(Palette.Sequential(0), Palette.Sequential(-3));
        Assert.Equal(Palette.Sequential(1), Palette.Sequential(double.PositiveInfinity));
    }

    [Fact]
    public void RgbaParsesFormatsAndInterpolates()
    {
        Assert.Equal(new Rgba(0x1f, 0x77, 0xb4), Rgba.FromHex("#1f77b4"));
        Assert.Equal(new Rgba(1, 2, 3, 4), Rgba.FromHex("01020304"));
        Assert.Equal("#1f77b4", new Rgba(0x1f, 0x77, 0xb4).ToHex());
        Assert.Equal(new Rgba(128, 128, 128), Rgba.Lerp(Rgba.Black, Rgba.White, 0.5));
        Assert.Throws<FormatException>(() => Rgba.FromHex("#12345"));
    }
}
