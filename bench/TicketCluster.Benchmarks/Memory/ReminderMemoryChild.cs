using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace TicketCluster.Benchmarks.Memory;

/// <summary>
/// A silo started on a database of seeded reminder rows, in a process of its own (the benchmark program
/// re-invoked with <see cref="MemoryChild.Argument"/> and <see cref="Mode"/>), measured once its reminder
/// service has made its initial load: the range reads of that load timed through a wrapper of the node's
/// reminder table, the reminders it holds read from Orleans' <c>orleans-reminders-active</c> gauge, then the
/// working set, the peak working set and the managed heap after a full collection. Orleans' reminder service
/// reads every row of the silo's range and keeps only those whose next tick falls within
/// <see cref="ReminderOptions.ReminderLoadingWindow"/>, which the parent sets per run.
/// </summary>
internal static class ReminderMemoryChild
{
    public const string Mode = "reminders";
    private const string ActiveReminders = "orleans-reminders-active";

    /// <summary>What one run measured: the rows the initial load read and the time from the first of its range
    /// reads starting to the last ending, the reminders then held, the process's memory.</summary>
    public sealed record Result(
        TimeSpan Window, long RowsRead, int RangeReads, double ReadSeconds, long Held,
        long WorkingSetBytes, long PeakWorkingSetBytes, long ManagedHeapBytes);

    public static string[] Arguments(string database, TimeSpan window) =>
        [MemoryChild.Argument, Mode, database, window.ToString("c", CultureInfo.InvariantCulture)];

    public static async Task<int> RunAsync(string[] args)
    {
        var database = args[2];
        var window = TimeSpan.Parse(args[3], CultureInfo.InvariantCulture);
        var reads = new RangeReads();
        long held = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == ActiveReminders)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => Interlocked.Exchange(ref held, value));
        listener.Start();
        await using var silo = await BenchSilo.StartPostgresAsync(database, more: s =>
        {
            s.Configure<ReminderOptions>(o => o.ReminderLoadingWindow = window);
            var table = s.Services.Last(d => d.ServiceType == typeof(IReminderTable));
            s.Services.Remove(table);
            s.Services.AddSingleton<IReminderTable>(sp => new TimedReminderTable((IReminderTable)table.ImplementationFactory!(sp), reads));
        });
        await reads.InitialLoad.WaitAsync(TimeSpan.FromMinutes(10));

        // The reconciliation of the last range read runs after the read returns: wait for the count to settle.
        var last = -1L;
        for (var settled = 0; settled < 3; await Task.Delay(250))
        {
            listener.RecordObservableInstruments();
            var now = Interlocked.Read(ref held);
            settled = now == last ? settled + 1 : 0;
            last = now;
        }

        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var (rows, count, seconds) = reads.Initial;
        var result = new Result(window, rows, count, seconds, last, self.WorkingSet64, self.PeakWorkingSet64, heap);
        Console.WriteLine(MemoryChild.ResultPrefix + JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>The range reads of the reminder service's initial load: those that started before the first of
    /// them ended (the service starts the reads of all its sub-ranges at once, then awaits them).</summary>
    private sealed class RangeReads
    {
        private readonly Lock _lock = new();
        private readonly TaskCompletionSource _initialLoad = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Stopwatch _clock = new();
        private bool _firstEnded;
        private int _started;
        private int _ended;
        private long _rows;

        public Task InitialLoad => _initialLoad.Task;

        public (long Rows, int Reads, double Seconds) Initial { get; private set; }

        /// <summary>Whether this read belongs to the initial load.</summary>
        public bool Start()
        {
            lock (_lock)
            {
                if (_firstEnded)
                {
                    return false;
                }

                _clock.Start();
                _started++;
                return true;
            }
        }

        public void End(long rows)
        {
            lock (_lock)
            {
                _firstEnded = true;
                _ended++;
                _rows += rows;
                if (_ended == _started)
                {
                    Initial = (_rows, _ended, _clock.Elapsed.TotalSeconds);
                    _initialLoad.TrySetResult();
                }
            }
        }
    }

    /// <summary>The node's reminder table, its range reads counted and timed.</summary>
    private sealed class TimedReminderTable(IReminderTable inner, RangeReads reads) : IReminderTable
    {
        public async Task<ReminderTableData> ReadRows(uint begin, uint end)
        {
            var initial = reads.Start();
            var data = await inner.ReadRows(begin, end);
            if (initial)
            {
                reads.End(data.Reminders.Count);
            }

            return data;
        }

        public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken = default) => inner.StopAsync(cancellationToken);

        public Task<ReminderTableData> ReadRows(GrainId grainId) => inner.ReadRows(grainId);

        public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => inner.ReadRow(grainId, reminderName);

        public Task<string?> UpsertRow(ReminderEntry entry) => inner.UpsertRow(entry);

        public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => inner.RemoveRow(grainId, reminderName, eTag);

        public Task TestOnlyClearTable() => inner.TestOnlyClearTable();
    }
}
