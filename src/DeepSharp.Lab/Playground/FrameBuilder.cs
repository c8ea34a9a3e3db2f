using DeepSharp.Autograd;
using DeepSharp.Tensors;

namespace DeepSharp.Lab.Playground;

/// <summary>Paints a session's network: the boundary, each neuron's output over the plane, the weights.</summary>
public sealed class FrameBuilder
{
    private readonly Tensor _boundaryInputs;
    private readonly Tensor _neuronInputs;

    /// <summary>Prepares the grids for <paramref name="features"/>.</summary>
    public FrameBuilder(IReadOnlyList<InputFeature> features)
    {
        _boundaryInputs = FeatureMap.Compute(PlotGrid.Points(PlotGrid.BoundarySize), features);
        _neuronInputs = FeatureMap.Compute(PlotGrid.Points(PlotGrid.NeuronSize), features);
        var columns = _neuronInputs.ToArray<float>();
        int f = features.Count, cells = PlotGrid.NeuronSize * PlotGrid.NeuronSize;
        FeatureMaps = new NeuronMap[f];
        var column = new float[cells];
        for (int j = 0; j < f; j++)
        {
            for (int i = 0; i < cells; i++) column[i] = columns[i * f + j];
            var (data, scale) = PlotGrid.EncodeSigned(column);
            FeatureMaps[j] = new NeuronMap(data, scale);
        }
    }

    /// <summary>Each input feature over the plane.</summary>
    public NeuronMap[] FeatureMaps { get; }

    /// <summary>The frame of <paramref name="network"/> now.</summary>
    public LabFrame Build(LabNetwork network, LabTrainer trainer, bool playing)
    {
        using var _ = GradMode.NoGrad();
        var (trainLoss, testLoss, trainAccuracy, testAccuracy) = trainer.Evaluate();
        var probability = network.Model.Forward(_boundaryInputs).Sigmoid().ToArray<float>();
        var outputs = network.LayerOutputs(_neuronInputs);
        var neurons = new List<NeuronMap[]>(outputs.Count);
        int cells = PlotGrid.NeuronSize * PlotGrid.NeuronSize;
        var column = new float[cells];
        foreach (var output in outputs)
        {
            int units = output.Size(1);
            var values = output.Contiguous().ToArray<float>();
            var maps = new NeuronMap[units];
            for (int j = 0; j < units; j++)
            {
                for (int i = 0; i < cells; i++) column[i] = values[i * units + j];
                var (data, scale) = PlotGrid.EncodeSigned(column);
                maps[j] = new NeuronMap(data, scale);
            }
            neurons.Add(maps);
        }
        return new LabFrame(trainer.Steps, trainer.Epochs, trainLoss, testLoss, trainAccuracy, testAccuracy, playing,
            PlotGrid.EncodeUnit(probability), neurons, Weights(network));
    }

    /// <summary>The parameters of every layer as nested arrays.</summary>
    public static List<LayerWeights> Weights(LabNetwork network)
    {
        var result = new List<LayerWeights>(network.Layers.Count);
        foreach (var layer in network.Layers)
        {
            var w = layer.Weight.ToArray<float>();
            int rows = layer.Weight.Size(0), cols = layer.Weight.Size(1);
            var matrix = new float[rows][];
            for (int r = 0; r < rows; r++) matrix[r] = w.AsSpan(r * cols, cols).ToArray();
            result.Add(new LayerWeights(matrix, layer.Bias.ToArray<float>(), layer.Pieces));
        }
        return result;
    }
}
