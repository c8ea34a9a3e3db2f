namespace DeepSharp.Distributed;

/// <summary>How an all-reduce combines the ranks' values element by element.</summary>
public enum ReduceOp
{
    /// <summary>The sum over ranks.</summary>
    Sum,

    /// <summary>The maximum over ranks.</summary>
    Max,

    /// <summary>The minimum over ranks.</summary>
    Min,
}
