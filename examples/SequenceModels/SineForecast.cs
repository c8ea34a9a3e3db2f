using DeepSharp.Autograd;
using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Plotting;
using DeepSharp.Tensors;
using DeepSharp.Training;

namespace DeepSharp.Examples.SequenceModels;

/// <summary>
/// Part 1: an LSTM reads a window of a noisy sine wave (random frequency and phase) and predicts the
/// next clean value; then it forecasts 50 steps of held-out waves by feeding its own predictions back.
/// </summary>
internal static class SineForecast
{
    private const int Window = 30, Horizon = 50, Hidden = 32, Epochs = 20, BatchSize = 64;
    private const int TrainCount = 3000, ValidationCount = 600, ForecastCount = 200;
    private const double NoiseStd = 0.05, MinFrequency = 0.15, MaxFrequency = 0.45; // periods of 14 to 42 steps

    public static void Run(string outDir)
    {
        var rng = new RandomGenerator(2024);
        var train = Windows(TrainCount, rng);
        var validation = Windows(ValidationCount, rng);
        Console.WriteLine($"Part 1: sine-wave forecasting. Windows of {Window} noisy steps (noise σ {NoiseStd}, frequency " +
            $"{MinFrequency}-{MaxFrequency} rad/step, random phase) -> the next clean value; {TrainCount} training and {ValidationCount} validation windows.");

        var model = new Sequential(
            new Lstm(1, Hidden, batchFirst: true, rng: rng),
            new LastTimeStep(batchFirst: true),
            new Linear(Hidden, 1, rng: rng));
        Console.WriteLine($"Model: Lstm(1, {Hidden}) + LastTimeStep + Linear({Hidden}, 1), {model.ParameterCount} parameters; Adam 0.01 with cosine decay, batch {BatchSize}, {Epochs} epochs");

        // Repeating the last (noisy) input value is the forecast to beat.
        double naive = Functional.MseLoss(validation.Inputs.Narrow(1, Window - 1, 1).Reshape(ValidationCount, 1), validation.Targets).Item();
        Console.WriteLine($"Baseline, repeat the last value: validation MSE {naive:F5}");
        var history = Trainer.Fit(model, new MseLoss(), new Adam(model.Parameters(), new AdamOptions(0.01)),
            new DataLoader(train, BatchSize, shuffle: true, seed: 1),
            new FitOptions { Epochs = Epochs, Schedule = new CosineSchedule(Epochs, 1e-4), Validation = new DataLoader(validation, 200) });
        foreach (var e in history.Epochs)
            Console.WriteLine($"  epoch {e.Epoch,2}: train MSE {e.TrainLoss:F5}  validation MSE {e.ValidationLoss:F5}  ({e.Seconds:F1} s)");
        double final = history.Last!.ValidationLoss!.Value;
        Console.WriteLine($"One step ahead: validation MSE {final:F5}, {naive / final:F1}x lower than repeating the last value");

        Forecast(model, rng, outDir);
    }

    /// <summary>n windows (n, Window, 1) of noisy waves and the clean next values (n, 1).</summary>
    private static TensorDataset Windows(int n, RandomGenerator rng)
    {
        var x = new float[n * Window];
        var y = new float[n];
        for (int i = 0; i < n; i++)
        {
            var (frequency, phase) = (rng.NextDouble(MinFrequency, MaxFrequency), rng.NextDouble(0, 2 * Math.PI));
            for (int t = 0; t < Window; t++) x[i * Window + t] = (float)(Math.Sin(frequency * t + phase) + rng.NextGaussian(0, NoiseStd));
            y[i] = (float)Math.Sin(frequency * Window + phase);
        }
        return new TensorDataset(Tensor.FromArray(x, n, Window, 1), Tensor.FromArray(y, n, 1));
    }

    /// <summary>Autoregressive forecasts of held-out waves: each prediction becomes the newest input.</summary>
    private static void Forecast(Module model, RandomGenerator rng, string outDir)
    {
        int n = ForecastCount;
        var observed = new float[n * Window];
        var truth = new double[n][]; // the clean wave over Window + Horizon steps
        for (int i = 0; i < n; i++)
        {
            var (frequency, phase) = (rng.NextDouble(MinFrequency, MaxFrequency), rng.NextDouble(0, 2 * Math.PI));
            truth[i] = Enumerable.Range(0, Window + Horizon).Select(t => Math.Sin(frequency * t + phase)).ToArray();
            for (int t = 0; t < Window; t++) observed[i * Window + t] = (float)(truth[i][t] + rng.NextGaussian(0, NoiseStd));
        }

        var forecast = new double[n, Horizon];
        var window = (float[])observed.Clone();
        model.Eval();
        using (GradMode.NoGrad())
        {
            for (int h = 0; h < Horizon; h++)
            {
                var next = model.Forward(Tensor.FromArray(window, n, Window, 1)).ToFloatArray();
                for (int i = 0; i < n; i++)
                {
                    forecast[i, h] = next[i];
                    Array.Copy(window, i * Window + 1, window, i * Window, Window - 1); // slide by one step
                    window[i * Window + Window - 1] = next[i];
                }
            }
        }
        model.Train();

        Console.WriteLine($"Autoregressive forecast of {n} held-out waves, {Horizon} steps from {Window} observed ones (MSE against the clean wave):");
        Console.WriteLine("  steps ahead      LSTM   repeat last   predict 0");
        foreach (var (from, to) in new[] { (1, 1), (2, 10), (11, 25), (26, 50), (1, 50) })
        {
            double lstm = 0, flat = 0, zero = 0;
            for (int i = 0; i < n; i++)
                for (int h = from - 1; h < to; h++)
                {
                    double target = truth[i][Window + h];
                    lstm += Math.Pow(forecast[i, h] - target, 2);
                    flat += Math.Pow(observed[i * Window + Window - 1] - target, 2);
                    zero += target * target;
                }
            int count = n * (to - from + 1);
            Console.WriteLine($"  {(from == to ? $"{from}" : $"{from}-{to}"),-11} {lstm / count,9:F5} {flat / count,13:F5} {zero / count,11:F5}");
        }

        var panels = Enumerable.Range(0, 4).Select(i => (Plot)new LinePlot(
        [
            new PlotSeries("clean wave", Enumerable.Range(0, Window + Horizon).Select(t => (double)t).ToArray(), truth[i], ShowMarkers: false),
            new PlotSeries("noisy input", Enumerable.Range(0, Window).Select(t => (double)t).ToArray(),
                Enumerable.Range(0, Window).Select(t => (double)observed[i * Window + t]).ToArray(), ShowMarkers: true),
            new PlotSeries("LSTM forecast", Enumerable.Range(Window, Horizon).Select(t => (double)t).ToArray(),
                Enumerable.Range(0, Horizon).Select(h => forecast[i, h]).ToArray(), ShowMarkers: false),
        ], new LinePlotOptions { Title = $"held-out wave {i + 1}", XLabel = "time step", YMin = -1.5, YMax = 2.25, Width = 560, Height = 360 }));
        string path = Path.Combine(outDir, "sine-forecast.png");
        new PanelGrid(panels, columns: 2, title: $"LSTM: {Horizon}-step autoregressive forecast after {Window} noisy observations").SavePng(path);
        Console.WriteLine($"Wrote {path}");
    }
}
