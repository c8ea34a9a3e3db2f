namespace DeepSharp.Lab.Playground;

/// <summary>The resource caps of the lab: a request beyond them is refused with a message, never served slowly.</summary>
public static class LabLimits
{
    /// <summary>Most hidden layers.</summary>
    public const int MaxHiddenLayers = 6;

    /// <summary>Most neurons in one hidden layer.</summary>
    public const int MaxNeurons = 12;

    /// <summary>Fewest and most generated points (train and test together).</summary>
    public const int MinPoints = 20, MaxPoints = 2000;

    /// <summary>Most sessions alive at once (an idle session expires after <see cref="SessionIdleTimeout"/>).</summary>
    public const int MaxSessions = 16;

    /// <summary>Most sessions training (playing) at once.</summary>
    public const int MaxConcurrentTrainings = 4;

    /// <summary>Most training steps one step request may ask for.</summary>
    public const int MaxStepsPerRequest = 5000;

    /// <summary>Most training steps per streamed frame.</summary>
    public const int MaxStepsPerFrame = 200;

    /// <summary>Largest request body read, in bytes.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>A session nobody has asked about for this long is removed.</summary>
    public static readonly TimeSpan SessionIdleTimeout = TimeSpan.FromMinutes(30);
}
