using System.Globalization;

namespace DeepSharp.Examples.RbmDbn;

/// <summary>Command-line settings of the example.</summary>
internal sealed record Settings(int TrainImages, int RbmEpochs, int DbnEpochs, string OutputDirectory)
{
    public static Settings Parse(string[] args)
    {
        var s = new Settings(20000, 5, 5, Path.Combine("runs", "rbmdbn"));
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            s = args[i] switch
            {
                "--train" => s with { TrainImages = int.Parse(value, CultureInfo.InvariantCulture) },
                "--epochs" => s with { RbmEpochs = int.Parse(value, CultureInfo.InvariantCulture), DbnEpochs = int.Parse(value, CultureInfo.InvariantCulture) },
                "--out" => s with { OutputDirectory = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}; expected --train N, --epochs E or --out DIR."),
            };
            i++;
        }
        return s;
    }
}
