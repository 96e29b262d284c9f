using System.Diagnostics;
using Auction.Bench.Live;

namespace Auction.Bench.Tests;

/// <summary>The live benchmarks' split of a delivery's latency: the wait for the first watcher and the spread to the last.</summary>
public class DeliveriesTests
{
    private static long Ms(double ms) => (long)(ms * Stopwatch.Frequency / 1000);

    [Fact]
    public void A_step_reports_each_messages_wait_for_its_first_watcher_and_its_spread_to_the_last_as_median_and_worst()
    {
        var deliveries = new Deliveries(messages: 4, steps: 1);
        var start = Ms(1_000);
        deliveries.Plan(0, -1, start); // warm-up: delivered, never counted
        deliveries.Plan(1, 0, start);
        deliveries.Plan(2, 0, start + Ms(500));
        deliveries.Plan(3, 0, start + Ms(1_000));
        deliveries.Receive(0, start + Ms(900));
        // Message 1: first watcher after 10 ms, last after 30 (receipts arrive out of order across watchers).
        deliveries.Receive(1, start + Ms(30));
        deliveries.Receive(1, start + Ms(10));
        deliveries.Receive(1, start + Ms(20));
        // Message 2: first after 40 ms, last after 100.
        deliveries.Receive(2, start + Ms(540));
        deliveries.Receive(2, start + Ms(600));
        deliveries.Receive(2, start + Ms(560));
        // Message 3: first after 20 ms, last after 25.
        deliveries.Receive(3, start + Ms(1_025));
        deliveries.Receive(3, start + Ms(1_020));
        deliveries.Receive(3, start + Ms(1_021));

        var metrics = deliveries.StepMetrics(0, watchers: 3, expected: 9).ToDictionary(m => m.Name, m => m.Value);

        Assert.Equal(0, metrics["lost_3"]);
        Assert.Equal(20, metrics["first_p50_ms_3"], 3);
        Assert.Equal(40, metrics["first_max_ms_3"], 3);
        Assert.Equal(20, metrics["spread_p50_ms_3"], 3);
        Assert.Equal(60, metrics["spread_max_ms_3"], 3);
        Assert.Equal(100, metrics["max_ms_3"], 0);
        Assert.False(metrics.ContainsKey("sent_p50_ms_3")); // nothing was sent through SendOnSchedule
    }

    [Fact]
    public void A_receipt_of_a_message_never_planned_is_counted_as_unknown_and_changes_no_step()
    {
        var deliveries = new Deliveries(messages: 2, steps: 1);
        deliveries.Receive(1, Ms(5));
        deliveries.Receive(7, Ms(5));

        Assert.Equal(2, deliveries.Unknown);
        Assert.Equal(0, deliveries.Received(0));
        Assert.DoesNotContain(deliveries.StepMetrics(0, 1, 0), m => m.Name.StartsWith("first_", StringComparison.Ordinal));
    }
}
