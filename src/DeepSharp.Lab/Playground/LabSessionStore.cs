using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace DeepSharp.Lab.Playground;

/// <summary>The live sessions of a server, with the caps of <see cref="LabLimits"/>.</summary>
public sealed class LabSessionStore : IDisposable
{
    private readonly ConcurrentDictionary<string, LabSession> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Sessions alive.</summary>
    public int Count => _sessions.Count;

    /// <summary>Sessions training now.</summary>
    public int Playing => _sessions.Values.Count(s => s.IsPlaying);

    /// <summary>Creates a session.</summary>
    /// <exception cref="LabRequestException">429 when <see cref="LabLimits.MaxSessions"/> are alive.</exception>
    public LabSession Create(LabSettings settings)
    {
        lock (_gate)
        {
            RemoveIdle();
            if (_sessions.Count >= LabLimits.MaxSessions)
                throw new LabRequestException($"at most {LabLimits.MaxSessions} lab sessions at once; close another page or wait for one to expire.", 429);
            string id = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
            var session = new LabSession(id, settings);
            _sessions[id] = session;
            return session;
        }
    }

    /// <summary>The session <paramref name="id"/>.</summary>
    /// <exception cref="LabRequestException">404 when there is none.</exception>
    public LabSession Get(string id)
    {
        if (!_sessions.TryGetValue(id, out var session))
            throw new LabRequestException($"no lab session '{Truncate(id)}' (it may have expired); reload the page.", 404);
        session.Touch();
        return session;
    }

    /// <summary>Starts <paramref name="session"/>'s training loop.</summary>
    /// <exception cref="LabRequestException">429 when <see cref="LabLimits.MaxConcurrentTrainings"/> sessions train already.</exception>
    public void Play(LabSession session)
    {
        lock (_gate)
        {
            if (!session.IsPlaying && Playing >= LabLimits.MaxConcurrentTrainings)
                throw new LabRequestException($"at most {LabLimits.MaxConcurrentTrainings} trainings run at once; pause another session first.", 429);
            session.Play();
        }
    }

    /// <summary>Closes the session <paramref name="id"/>; false when there was none.</summary>
    public bool Remove(string id)
    {
        if (!_sessions.TryRemove(id, out var session)) return false;
        session.Dispose();
        return true;
    }

    private void RemoveIdle()
    {
        var cutoff = DateTime.UtcNow - LabLimits.SessionIdleTimeout;
        foreach (var (id, s) in _sessions)
            if (s.LastSeen < cutoff && s.Frames.Count == 0) Remove(id);
    }

    private static string Truncate(string id) => id.Length > 32 ? id[..32] + "..." : id;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var id in _sessions.Keys) Remove(id);
    }
}
