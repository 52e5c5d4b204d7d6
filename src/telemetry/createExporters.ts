import { AzureMonitorLogExporter, AzureMonitorMetricExporter, AzureMonitorTraceExporter } from '@azure/monitor-opentelemetry-exporter';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { TelemetryConfig } from '../config/telemetryConfig';
import { ScrubbingSpanExporter } from './scrubbingSpanExporter';

export interface Exporters {
  readonly spans: readonly SpanExporter[];
  readonly metrics: readonly PushMetricExporter[];
  readonly logs: readonly LogRecordExporter[];
}

/** One exporter per signal and backend; spans pass through the scrubber on their way out. */
export function createExporters(config: TelemetryConfig): Exporters {
  const spans: SpanExporter[] = [];
  const metricExporters: PushMetricExporter[] = [];
  const logs: LogRecordExporter[] = [];
  if (config.azureMonitor) {
    const options = azureMonitorOptions(config);
    spans.push(new AzureMonitorTraceExporter(options));
    metricExporters.push(new AzureMonitorMetricExporter(options));
    logs.push(new AzureMonitorLogExporter(options));
  }
  if (config.otlp) {
    const { endpoint, headers } = config.otlp;
    spans.push(new OTLPTraceExporter({ url: `${endpoint}/v1/traces`, headers: { ...headers } }));
    metricExporters.push(new OTLPMetricExporter({ url: `${endpoint}/v1/metrics`, headers: { ...headers } }));
    logs.push(new OTLPLogExporter({ url: `${endpoint}/v1/logs`, headers: { ...headers } }));
  }
  return { spans: spans.map((exporter) => new ScrubbingSpanExporter(exporter)), metrics: metricExporters, logs };
}

function azureMonitorOptions(config: TelemetryConfig) {
  // Statsbeat is off through the environment, set before this runs (applyExporterEnvironment).
  return { connectionString: config.azureMonitor?.connectionString ?? '' };
}
