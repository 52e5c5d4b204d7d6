import type { TrackEnvelope } from '../../sandbox/telemetryReceivers';

/** One bar of a chart. */
export interface Bar {
  readonly label: string;
  readonly value: number;
}

/** The workbook's four charts, computed from Application Insights envelopes as its queries would. */
export interface WorkbookCharts {
  /** Chats created per time bin (the workbook bins by hour; a sample run lasts a minute or two). */
  readonly chatsOverTime: readonly Bar[];
  readonly binSeconds: number;
  readonly refusalsByReason: readonly Bar[];
  readonly throttledByBudget: readonly Bar[];
  /** Durations (s) of the requests that created a chat, and their 95th percentile. */
  readonly timeToLink: { readonly p95: number; readonly median: number; readonly count: number };
}

interface MetricPoint {
  readonly name: string;
  readonly value: number;
  readonly time: number;
  readonly properties: Record<string, string>;
}

function metricPoints(envelopes: readonly TrackEnvelope[]): MetricPoint[] {
  return envelopes
    .filter((envelope) => envelope.data?.baseType === 'MetricData')
    .flatMap((envelope) => {
      const baseData = envelope.data?.baseData as { metrics?: { name: string; value: number }[]; properties?: Record<string, string> } | undefined;
      return (baseData?.metrics ?? []).map((metric) => ({ name: metric.name, value: metric.value, time: Date.parse(envelope.time), properties: baseData?.properties ?? {} }));
    });
}

function sumBy(points: readonly MetricPoint[], key: (point: MetricPoint) => string): Bar[] {
  const sums = new Map<string, number>();
  for (const point of points) sums.set(key(point), (sums.get(key(point)) ?? 0) + point.value);
  return [...sums].map(([label, value]) => ({ label, value })).sort((a, b) => b.value - a.value);
}

/** The nearest-rank percentile (Kusto's percentile() is an estimate of the same). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * The charts from what the ingestion stand-in received. Counters arrive as one point per export
 * interval, so chats over time are binned from the requests that created a chat instead (each
 * carries its own time), which is what the counter counts.
 */
export function workbookCharts(envelopes: readonly TrackEnvelope[], binSeconds: number): WorkbookCharts {
  const points = metricPoints(envelopes);
  const created = envelopes.filter((envelope) => envelope.data?.baseType === 'RequestData' && (envelope.data.baseData?.properties as Record<string, string> | undefined)?.['chatstarter.outcome'] === 'chat_created');
  const durations = created.map((envelope) => durationSeconds(String(envelope.data?.baseData?.duration ?? '')));
  const times = created.map((envelope) => Date.parse(envelope.time));
  const start = Math.min(...times);
  const bins = new Map<number, number>();
  for (const time of times) {
    const bin = Math.floor((time - start) / 1000 / binSeconds);
    bins.set(bin, (bins.get(bin) ?? 0) + 1);
  }
  const lastBin = Math.max(0, ...bins.keys());
  return {
    binSeconds,
    chatsOverTime: Array.from({ length: lastBin + 1 }, (_, bin) => ({ label: `+${bin * binSeconds}s`, value: bins.get(bin) ?? 0 })),
    refusalsByReason: sumBy(points.filter((point) => point.name === 'chatstarter.requests.refused'), (point) => point.properties.reason ?? '?'),
    throttledByBudget: sumBy(points.filter((point) => point.name === 'chatstarter.graph.throttled'), (point) => point.properties.budget ?? '?'),
    timeToLink: { p95: percentile(durations, 95), median: percentile(durations, 50), count: durations.length },
  };
}

/** Application Insights' duration format, `d.hh:mm:ss.fff` or `hh:mm:ss.fff`. */
export function durationSeconds(value: string): number {
  const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(value);
  if (!match) return Number.NaN;
  return Number(match[1] ?? 0) * 86_400 + Number(match[2]) * 3_600 + Number(match[3]) * 60 + Number(match[4]);
}

function barChart(title: string, bars: readonly Bar[], unit: string): string {
  const width = 440;
  const rowHeight = 26;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const rows = bars
    .map((bar, index) => {
      const y = index * rowHeight;
      const length = Math.round((bar.value / max) * (width - 190));
      return `<text x="0" y="${y + 17}" class="label">${escapeHtml(bar.label)}</text><rect x="150" y="${y + 4}" width="${length}" height="18" rx="2"/><text x="${156 + length}" y="${y + 17}" class="value">${formatNumber(bar.value)}${unit}</text>`;
    })
    .join('');
  const body = bars.length === 0 ? '<p class="none">none in this run</p>' : `<svg width="${width}" height="${bars.length * rowHeight + 4}">${rows}</svg>`;
  return `<section><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

/** One page with the four charts, labelled as drawn from the local sample run. */
export function workbookPage(charts: WorkbookCharts, runNote: string): string {
  const link = charts.timeToLink;
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body { font-family: 'Segoe UI', system-ui, sans-serif; margin: 0; padding: 20px 24px; width: 980px; background: #fff; color: #1b1a19; }
h1 { font-size: 20px; margin: 0 0 4px; } .note { color: #605e5c; font-size: 13px; margin: 0 0 16px; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
section { border: 1px solid #e1dfdd; border-radius: 4px; padding: 12px 14px; }
h2 { font-size: 14px; margin: 0 0 10px; font-weight: 600; }
rect { fill: #0078d4; } .label { font-size: 12px; fill: #323130; } .value { font-size: 12px; fill: #605e5c; }
.big { font-size: 34px; font-weight: 600; color: #0078d4; } .none { color: #605e5c; font-size: 13px; }
</style></head><body>
<h1>Chat Starter telemetry: the workbook's charts</h1>
<p class="note">Drawn from a local sample run (sandbox tenant, Application Insights ingestion stand-in on 127.0.0.1), not from Azure. ${escapeHtml(runNote)}</p>
<div class="grid">
${barChart(`Chats created per ${charts.binSeconds} s (the workbook: per hour)`, charts.chatsOverTime, '')}
${barChart('Requests refused, by reason', charts.refusalsByReason, '')}
${barChart("Graph throttling: 429 answers, by budget", charts.throttledByBudget, '')}
<section><h2>p95 time to the chat link (requests that created a chat)</h2>
<div class="big">${link.p95.toFixed(2)} s</div><p class="note">median ${link.median.toFixed(2)} s over ${link.count} chats</p></section>
</div></body></html>`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[character]!);
}
