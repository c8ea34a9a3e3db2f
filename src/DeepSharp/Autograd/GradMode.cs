namespace DeepSharp.Autograd;

/// <summary>Whether tensor operations record the graph. Thread-local, like PyTorch's grad mode.</summary>
public static class GradMode
{
    [ThreadStatic] private static int _disabledDepth;

    /// <summary>True unless inside a <see cref="NoGrad"/> scope on this thread.</summary>
    public static bool IsEnabled => _disabledDepth == 0;

    /// <summary>Disables graph recording on this thread until the returned scope is disposed:
    /// <c>using (GradMode.NoGrad()) { ... }</c>. Scopes nest; dispose on the thread that opened them.</summary>
    public static NoGradScope NoGrad() => new(++_disabledDepth);

    /// <summary>The scope returned by <see cref="NoGrad"/>; disposing it restores recording.</summary>
    /// <remarks>Disposing twice (or disposing an outer scope before an inner one) never drives the
    /// nesting depth below what the scope found, so recording cannot end up disabled for good.</remarks>
    public readonly struct NoGradScope : IDisposable
    {
        private readonly int _depth;

        internal NoGradScope(int depth) => _depth = depth;

        /// <summary>Ends the scope (and any scope opened inside it and not yet disposed).</summary>
        public void Dispose()
        {
            if (_depth > 0 && _disabledDepth >= _depth) _disabledDepth = _depth - 1;
        }
    }
}
