using System.Text;
using System.Text.Json;
using DeepSharp.Data;
using DeepSharp.Nn;
using DeepSharp.Optim;
using DeepSharp.Serialization;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Serialization;

/// <summary>Small models, data and file helpers shared by the model-file and checkpoint tests.</summary>
internal static class CheckpointTestData
{
    /// <summary>A description using a bit of everything that has state: weights, a maxout, dropout.</summary>
    internal static ModelDescription SmallDescription() => ModelDescription.Parse(
        """
        {"input":[2],"layers":[
          {"type":"Linear","in":2,"out":8},{"type":"Tanh"},{"type":"Dropout","p":0.25},
          {"type":"Maxout","in":8,"out":6,"pieces":2},{"type":"LeakyReLU","slope":0.1},
          {"type":"Linear","in":6,"out":3,"bias":false}]}
        """);

    /// <summary>Three seeded Gaussian clouds in 2-D, as a dataset of (x, class).</summary>
    internal static TensorDataset Clouds(int perClass = 40, ulong seed = 5)
    {
        var (x, labels) = ToyData.GaussianClouds(perClass, 3, 0.6, rng: new RandomGenerator(seed));
        return TensorDataset.FromArrays(x, 2, labels);
    }

    internal static Tensor Loss(Tensor logits, Tensor target) => Functional.CrossEntropy(logits, target);

    /// <summary>Runs <paramref name="steps"/> full-batch training steps.</summary>
    internal static void Train(Module model, Optimizer optimizer, TensorDataset data, int steps)
    {
        for (int i = 0; i < steps; i++)
        {
            optimizer.ZeroGrad();
            Loss(model.Forward(data.Inputs), data.Targets).Backward();
            optimizer.Step();
        }
    }

    internal static float[][] Weights(Module model) => [.. model.StateDict().Select(s => s.Value.ToFloatArray())];

    /// <summary>Bitwise equality of float arrays (distinguishes -0 from 0 and compares NaN payloads).</summary>
    internal static void AssertBitwiseEqual(float[][] expected, float[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Length, actual[i].Length);
            for (int j = 0; j < expected[i].Length; j++)
                Assert.True(BitConverter.SingleToInt32Bits(expected[i][j]) == BitConverter.SingleToInt32Bits(actual[i][j]),
                    $"tensor {i}, element {j}: expected {expected[i][j]:R}, got {actual[i][j]:R}");
        }
    }

    internal static byte[] ToBytes(SafeTensorsWriter writer)
    {
        using var stream = new MemoryStream();
        writer.WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>Rewrites a file's tensors and metadata through <paramref name="edit"/> (hostile-file construction).</summary>
    internal static byte[] Rewrite(byte[] file, Action<Dictionary<string, string>, List<(string Name, SafeTensorsDType DType, int[] Shape, byte[] Data)>> edit)
    {
        var source = SafeTensorsFile.Read(new MemoryStream(file, writable: false), "source");
        var metadata = source.Metadata.ToDictionary(p => p.Key, p => p.Value);
        var tensors = source.Entries.Select(e => (e.Name, e.DType, e.GetShapeArray(), source.GetRawBytes(e.Name).ToArray())).ToList();
        edit(metadata, tensors);
        var writer = new SafeTensorsWriter();
        foreach (var (key, value) in metadata) writer.SetMetadata(key, value);
        foreach (var (name, dtype, shape, data) in tensors) writer.AddRaw(name, dtype, shape, data);
        return ToBytes(writer);
    }

    /// <summary>An independent minimal safetensors parser: header length, JSON, offsets.</summary>
    internal static (JsonDocument Header, byte[] Data) ParseIndependently(byte[] file)
    {
        ulong headerLength = BitConverter.ToUInt64(file, 0);
        Assert.True(BitConverter.IsLittleEndian);
        Assert.Equal(0UL, headerLength % 8); // the data section starts 8-byte aligned
        string json = Encoding.UTF8.GetString(file, 8, (int)headerLength);
        return (JsonDocument.Parse(json), file[(8 + (int)headerLength)..]);
    }

    internal static string TempDirectory() => Directory.CreateTempSubdirectory("deepsharp-ckpt").FullName;
}
