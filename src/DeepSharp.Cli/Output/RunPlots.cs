using DeepSharp.Cli.Plots;
using DeepSharp.Cli.Datasets;
using DeepSharp.Cli.Setup;
using DeepSharp.Data;
using DeepSharp.Plotting;
using DeepSharp.Training;

namespace DeepSharp.Cli.Output;

/// <summary>The pictures of a finished run: curves, and what suits the data (decision regions
/// for points, misclassified images and the confusion matrix for images and tables).</summary>
internal static class RunPlots
{
    public static void Write(RunFiles files, History history, BuiltModel model, NamedDataset data, EvaluationResult? test)
    {
        if (history.Count > 0)
            files.Save(HistoryPlots.Curves(history, new TrainingCurvesOptions { Title = $"{model.Name} on {data.Name}" }), "curves");
        switch (data.Kind)
        {
            case DatasetKind.Points2D:
            case DatasetKind.Table when data.Features == 2:
            {
                var points = data.Train.Inputs.Contiguous().ToArray<float>();
                var labels = data.Train.Targets.ToArray<int>();
                var options = new DecisionBoundaryOptions
                {
                    Title = $"{model.Name} on {data.Name}" + (test?.Accuracy is { } a ? $": test accuracy {a:F3}" : ""),
                    ClassNames = data.ClassNames.Select(n => "class " + n).ToArray(),
                };
                files.Save(ModelPlots.DecisionBoundary(model.Module, points, labels, options), "decision-boundary");
                break;
            }
            case DatasetKind.Images:
            {
                var images = data.Test ?? data.Train;
                var predicted = Predictions.Classes(Predictions.Predict(model.Module, images.Inputs));
                var actual = images.Targets.ToArray<int>();
                var grid = ModelPlots.Misclassified(images.Inputs.Contiguous().ToArray<float>(), data.ImageRows, data.ImageCols, actual, predicted, data.ClassNames);
                if (grid is not null) files.Save(grid, "misclassified");
                files.Save(ModelPlots.Confusion(Confusion(actual, predicted, data.Classes), data.ClassNames), "confusion-matrix");
                break;
            }
            default:
            {
                var rows = data.Test ?? data.Train;
                var predicted = Predictions.Classes(Predictions.Predict(model.Module, rows.Inputs));
                files.Save(ModelPlots.Confusion(Confusion(rows.Targets.ToArray<int>(), predicted, data.Classes), data.ClassNames), "confusion-matrix");
                break;
            }
        }
    }

    private static ConfusionMatrix Confusion(int[] actual, int[] predicted, int classes)
    {
        var matrix = new ConfusionMatrix(Math.Max(classes, predicted.DefaultIfEmpty().Max() + 1));
        for (int i = 0; i < actual.Length; i++) matrix.Add(actual[i], predicted[i]);
        return matrix;
    }
}
