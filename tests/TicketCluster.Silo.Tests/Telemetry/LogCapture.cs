using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TicketCluster.Silo.Tests.Telemetry;

/// <summary>One captured log line with the properties of every scope it was logged in, and the exception
/// logged with it (whose stack trace a sink would print).</summary>
public sealed record CapturedLine(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, string?> Scope, Exception? Exception = null);

/// <summary>A logger provider that keeps every line and its scopes, as a structured sink would see them.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<CapturedLine> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, string?>(StringComparer.Ordinal);
            owner._scopes.ForEachScope(
                (value, map) =>
                {
                    if (value is IEnumerable<KeyValuePair<string, object?>> properties)
                    {
                        foreach (var (key, property) in properties)
                        {
                            map[key] = property?.ToString();
                        }
                    }
                },
                scope);
            owner.Lines.Enqueue(new CapturedLine(category, logLevel, formatter(state, exception), scope, exception));
        }
    }
}
