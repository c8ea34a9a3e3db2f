using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Serialization.Onnx;

/// <summary>Every built-in layer and model, each in a small model with its sample shape (no batch dimension).</summary>
internal static class OnnxTestModels
{
    public static readonly string[] Names =
    [
        "mlp", "lenet5", "lenet5-classic", "conv1d", "pools", "activations", "gelu-softplus", "sign-step", "shape-layers",
        "maxout", "autoencoder", "rnn-tanh", "rnn-relu-2layers", "lstm-bidirectional-batch-first", "gru-2layers",
        "lstm-no-bias",
    ];

    public static IEnumerable<object[]> All => Names.Select(n => new object[] { n });

    public static (Module Model, int[] SampleShape) Build(string name)
    {
        var rng = new RandomGenerator(42);
        return name switch
        {
            "mlp" => (Models.Mlp(20, [32, 16], 5, rng: rng), [20]),
            "lenet5" => (Models.LeNet5(LeNetVariant.Modern, rng), [1, 28, 28]),
            "lenet5-classic" => (Models.LeNet5(LeNetVariant.Classic, rng), [1, 28, 28]),
            "conv1d" => (new Sequential(new Conv1d(3, 4, 3, stride: 2, padding: 1, rng: rng), new Relu(),
                new Conv1d(4, 4, 3, dilation: 2, groups: 2, bias: false, rng: rng), new Flatten(), new Linear(4 * 4, 2, rng: rng)), [3, 16]),
            "pools" => (new Sequential(new Conv2d(2, 4, 3, padding: 1, rng: rng), new MaxPool2d(3, stride: 2, padding: 1),
                new AvgPool2d(2, padding: 1, countIncludePad: false), new AdaptiveAvgPool2d((2, 2)),
                new Conv2d(4, 3, (1, 2), stride: (1, 1), rng: rng), new AdaptiveAvgPool2d(1), new Flatten()), [2, 12, 12]),
            "activations" => (new Sequential(new Linear(6, 12, rng: rng), new LeakyRelu(0.2), new Linear(12, 12, rng: rng), new Elu(0.7),
                new Silu(), new Swish(1.7), new Arctan(), new ShiftedRelu(-0.3), new Sigmoid(), new Tanh(), new Softmax(), new LogSoftmax(1)), [6]),
            "gelu-softplus" => (new Sequential(new Linear(6, 12, rng: rng), new Gelu(), new Linear(12, 12, rng: rng), new Gelu(GeluApproximation.Tanh),
                new Linear(12, 12, rng: rng), new Softplus(2, 1)), [6]),
            "sign-step" => (new Sequential(new Linear(6, 12, rng: rng), new Sign(), new Linear(12, 12, rng: rng), new Step(0.1)), [6]),
            "shape-layers" => (new Sequential(new DeepSharp.Nn.Reshape(2, 3, 4), new Flatten(2), new Dropout(0.5, rng), new Identity(), new Linear(12, 3, rng: rng),
                new Flatten()), [24]),
            "maxout" => (new Sequential(new Maxout(8, 5, 3, rng), new Linear(5, 2, rng: rng)), [8]),
            "autoencoder" => (new Autoencoder(new AutoencoderOptions { InputSize = 10, HiddenSizes = [8], CodeSize = 4 }, rng), [10]),
            "rnn-tanh" => (new Sequential(new Rnn(5, 6, rng: rng), new LastTimeStep(), new Linear(6, 3, rng: rng)), [7, 5]),
            "rnn-relu-2layers" => (new Sequential(new Rnn(new RecurrentOptions(5, 6, 2, Nonlinearity: RnnNonlinearity.Relu, BatchFirst: true), rng),
                new LastTimeStep(batchFirst: true)), [7, 5]),
            "lstm-bidirectional-batch-first" => (new Sequential(new Lstm(new RecurrentOptions(5, 6, 2, BatchFirst: true, Bidirectional: true, Dropout: 0.3), rng),
                new LastTimeStep(batchFirst: true), new Linear(12, 3, rng: rng)), [7, 5]),
            "gru-2layers" => (new Sequential(new Gru(new RecurrentOptions(5, 6, 2, Bidirectional: true), rng), new Linear(12, 3, rng: rng)), [7, 5]),
            "lstm-no-bias" => (new Sequential(new Lstm(new RecurrentOptions(5, 6, Bias: false), rng), new LastTimeStep()), [7, 5]),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such test model"),
        };
    }

    /// <summary>A random input of <paramref name="batch"/> samples (the sequence length changed to
    /// <paramref name="seq"/> for recurrent models, to prove the dimension is dynamic).</summary>
    public static Tensor Input(string name, int[] sampleShape, int batch, int seq, RandomGenerator rng)
    {
        bool recurrent = name.StartsWith("rnn", StringComparison.Ordinal) || name.StartsWith("lstm", StringComparison.Ordinal) || name.StartsWith("gru", StringComparison.Ordinal);
        if (!recurrent) return Tensor.Randn([batch, .. sampleShape], rng);
        bool batchFirst = name.Contains("batch-first", StringComparison.Ordinal) || name == "rnn-relu-2layers";
        return Tensor.Randn(batchFirst ? [batch, seq, sampleShape[1]] : [seq, batch, sampleShape[1]], rng);
    }
}
