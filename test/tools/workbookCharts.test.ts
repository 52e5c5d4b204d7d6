import type { TrackEnvelope } from '../../src/sandbox/telemetryReceivers';
import { durationSeconds, percentile, workbookCharts, workbookPage } from '../../src/tools/telemetrySample/workbookCharts';

const request = (time: string, duration: string, outcome: string): TrackEnvelope => ({
  name: 'Microsoft.ApplicationInsights.Request', time, data: { baseType: 'RequestData', baseData: { duration, properties: { 'chatstarter.outcome': outcome } } },
});
const metric = (name: string, value: number, properties: Record<string, string>): TrackEnvelope => ({
  name: 'Microsoft.ApplicationInsights.Metric', time: '2026-12-08T01:00:30.000Z', data: { baseType: 'MetricData', baseData: { metrics: [{ name, value }], properties } },
});

describe("the sample picture's charts", () => {
  it("reads Application Insights' durations and takes nearest-rank percentiles", () => {
    expect(durationSeconds('00:00:01.250')).toBe(1.25);
    expect(durationSeconds('1.00:00:02')).toBe(86_402);
    expect(percentile([5, 1, 4, 2, 3], 95)).toBe(5);
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
  });

  it('bins created chats by time, sums refusals and 429s, and takes p95 of the requests that created a chat', () => {
    const charts = workbookCharts([
      request('2026-12-08T01:00:00.000Z', '00:00:00.500', 'chat_created'),
      request('2026-12-08T01:00:04.000Z', '00:00:02.000', 'chat_created'),
      request('2026-12-08T01:00:12.000Z', '00:00:01.000', 'chat_created'),
      request('2026-12-08T01:00:13.000Z', '00:00:09.000', 'refused'),
      metric('chatstarter.requests.refused', 2, { reason: 'not_found' }),
      metric('chatstarter.requests.refused', 1, { reason: 'limit' }),
      metric('chatstarter.requests.refused', 1, { reason: 'not_found' }),
      metric('chatstarter.graph.throttled', 3, { budget: 'chat_creation' }),
    ], 10);
    expect(charts.chatsOverTime).toEqual([{ label: '+0s', value: 2 }, { label: '+10s', value: 1 }]);
    expect(charts.refusalsByReason).toEqual([{ label: 'not_found', value: 3 }, { label: 'limit', value: 1 }]);
    expect(charts.throttledByBudget).toEqual([{ label: 'chat_creation', value: 3 }]);
    expect(charts.timeToLink).toEqual({ p95: 2, median: 1, count: 3 });
    expect(workbookPage(charts, 'note')).toContain('Drawn from a local sample run');
  });
});
