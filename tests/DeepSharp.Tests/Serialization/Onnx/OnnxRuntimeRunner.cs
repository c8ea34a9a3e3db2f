using DeepSharp.Tensors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tensor = DeepSharp.Tensors.Tensor;

namespace DeepSharp.Tests.Serialization.Onnx;

/// <summary>Runs an ONNX model in ONNX Runtime (the reference implementation) on one Float32 input.</summary>
internal static class OnnxRuntimeRunner
{
    public static (int[] Shape, float[] Values) Run(byte[] model, Tensor input)
    {
        using var session = new InferenceSession(model);
        string inputName = session.InputMetadata.Keys.Single();
        var tensor = new DenseTensor<float>(input.To(DType.Float32).Contiguous().ToFloatArray(), input.ShapeArray);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, tensor)]);
        var result = results.First().AsTensor<float>();
        return ([.. result.Dimensions.ToArray()], result.ToArray());
    }

    /// <summary>max |a - b| / max |b| (0 when both are all zero).</summary>
    public static double RelativeError(float[] actual, float[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double maxDiff = 0, scale = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs((double)actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Abs((double)expected[i]));
        }
        return scale == 0 ? maxDiff : maxDiff / scale;
    }
}
