namespace DeepSharp.Tensors;

/// <summary>Thrown when operand shapes do not fit an operation; the message names the operation and the shapes.</summary>
public sealed class ShapeMismatchException : ArgumentException
{
    /// <summary>Creates the exception with a message that names the operation and the shapes.</summary>
    public ShapeMismatchException(string message) : base(message) { }
}
