namespace DeepSharp.Autograd;

/// <summary>Whether tensor operations record the graph. Thread-local, like PyTorch's grad mode.</summary>
public static class GradMode
{
    [ThreadStatic] private static int _disabledDepth;

    /// <summary>True unless inside a <see cref="NoGrad"/> scope on this thread.</summary>
    public static bool IsEnabled => _disabledDepth == 0;

    /// <summary>Disables graph recording on this thread until the returned scope is disposed:
    /// <c>using (GradMode.NoGrad()) { ... }</c>. Scopes nest.</summary>
    public static NoGradScope NoGrad()
    {
        _disabledDepth++;
        return new NoGradScope();
    }

    /// <summary>The scope returned by <see cref="NoGrad"/>; disposing it restores recording.</summary>
    public readonly struct NoGradScope : IDisposable
    {
        /// <summary>Ends the scope.</summary>
        public void Dispose() => _disabledDepth--;
    }
}
