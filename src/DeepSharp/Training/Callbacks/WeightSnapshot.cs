using DeepSharp.Autograd;
using DeepSharp.Nn;
using DeepSharp.Tensors;

namespace DeepSharp.Training;

/// <summary>A copy of a model's parameters and buffers that can be written back; copies are reused between captures.</summary>
internal sealed class WeightSnapshot
{
    private Tensor[]? _sources;
    private Tensor[]? _copies;

    public bool HasValue => _copies is not null;

    public void Capture(Module model)
    {
        var state = model.StateDict();
        if (_sources is null || _sources.Length != state.Count)
        {
            _sources = state.Select(s => s.Value).ToArray();
            _copies = _sources.Select(t => t.CloneRaw()).ToArray();
            return;
        }
        for (int i = 0; i < _sources.Length; i++)
        {
            _sources[i] = state[i].Value;
            using (GradMode.NoGrad()) _copies![i].CopyFrom(_sources[i]);
        }
    }

    public void Restore()
    {
        if (_sources is null || _copies is null) return;
        using var noGrad = GradMode.NoGrad(); // writing into parameters in place
        for (int i = 0; i < _sources.Length; i++) _sources[i].CopyFrom(_copies[i]);
    }
}
