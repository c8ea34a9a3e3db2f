using DeepSharp.Tensors;

namespace DeepSharp.Nn;

/// <summary>A residual connection around any module: y = body(x) + shortcut(x), the shortcut the
/// identity when none is given (members <c>body</c> and <c>shortcut</c>).</summary>
/// <remarks>input (*) -> output of the body's shape, which the shortcut's output must match.</remarks>
public sealed class Residual : Module
{
    /// <summary>Creates the connection.</summary>
    /// <param name="body">The residual branch.</param>
    /// <param name="shortcut">The skip branch (e.g. a 1x1 convolution when the shape changes), or null for the identity.</param>
    public Residual(Module body, Module? shortcut = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        Body = RegisterModule("body", body);
        if (shortcut is not null) Shortcut = RegisterModule("shortcut", shortcut);
    }

    /// <summary>The residual branch.</summary>
    public Module Body { get; }

    /// <summary>The skip branch, or null for the identity.</summary>
    public Module? Shortcut { get; }

    /// <inheritdoc/>
    /// <exception cref="ShapeMismatchException">The two branches give different shapes.</exception>
    public override Tensor Forward(Tensor input)
    {
        var body = Body.Forward(input);
        var skip = Shortcut?.Forward(input) ?? input;
        if (!body.ShapeArray.SequenceEqual(skip.ShapeArray))
            throw new ShapeMismatchException($"Residual: the body gives {Shapes.Format(body.Shape)} but the shortcut {Shapes.Format(skip.Shape)}; give a shortcut that maps the input to the body's shape.");
        return body + skip;
    }
}
