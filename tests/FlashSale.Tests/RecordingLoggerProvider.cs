using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FlashSale.Tests;

/// <summary>Keeps every log message its loggers write, with the level and category, for a test to read.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> _entries = new();

    /// <summary>Gets the messages written so far, oldest first.</summary>
    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Entries => [.. _entries];

    /// <summary>Gets every message, with its exception's text, as one string: what a log file would hold.</summary>
    public string AllText => string.Join('\n', _entries.Select(e => $"{e.Level} {e.Category}: {e.Message}"));

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string message = formatter(state, exception);
            if (exception is not null)
            {
                message += " " + exception;
            }

            owner._entries.Enqueue((logLevel, category, message));
        }
    }
}
