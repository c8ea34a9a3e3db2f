using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>Applies its child modules in order; children are named 0, 1, 2, ...</summary>
public sealed class Sequential : Module
{
    private readonly List<Module> _layers = [];
    private FusionPlan? _plan;
    private bool _fuse = true;

    /// <summary>Creates the container from layers in application order.</summary>
    public Sequential(params Module[] layers)
    {
        foreach (var layer in layers) Add(layer);
    }

    /// <summary>Appends a layer.</summary>
    public Sequential Add(Module layer)
    {
        RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
        _layers.Add(layer);
        _plan = null;
        return this;
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<Module> Layers => _layers;

    /// <summary>The layer at <paramref name="index"/>.</summary>
    public Module this[int index] => _layers[index];

    /// <summary>Number of layers.</summary>
    public int Count => _layers.Count;

    /// <summary>Whether <see cref="Forward"/> runs fusable pairs (a <see cref="Linear"/> or <see cref="Conv2d"/>
    /// followed by <see cref="Relu"/>, <see cref="Tanh"/> or <see cref="Sigmoid"/>) as one primitive; true by
    /// default. The values are the same either way; fused is one pass instead of two.</summary>
    public bool FuseActivations
    {
        get => _fuse;
        set
        {
            _fuse = value;
            _plan = null;
        }
    }

    /// <summary>The fusion plan <see cref="Forward"/> follows, made once after the layers change.</summary>
    public FusionPlan Plan => _plan ??= FusionPlan.For(_layers, _fuse);

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var (first, count) in Plan.Steps)
            x = count == 2
                ? ((IActivationFusing)_layers[first]).Forward(x, ((IFusableActivation)_layers[first + 1]).Fused)
                : _layers[first].Forward(x);
        return x;
    }
}
