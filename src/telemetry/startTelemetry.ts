import { trace } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { TelemetryConfig, applyExporterEnvironment } from '../config/telemetryConfig';
import { createExporters } from './createExporters';
import { createLogHooks } from './logBridge';
import { OpenTelemetryReporter } from './openTelemetryReporter';
import type { StartedTelemetry } from './telemetry';

/** How long shutdown waits for the backend before the process exits anyway. */
const SHUTDOWN_BOUND_MS = 5_000;
const SCOPE = 'chat-starter';

/**
 * Starts OpenTelemetry: traces, metrics and warn+ logs to the configured backends, and the HTTP
 * client instrumentations (Graph goes through fetch, the Bot Connector and Entra ID through
 * node:http). Loaded only when telemetry is on, before the rest of the bot (src/index.ts), so
 * node:http is instrumented before anyone uses it. No resource detector runs: nothing here asks
 * the instance metadata address; App Service's attributes come from its environment (config).
 */
export function startTelemetry(config: TelemetryConfig): StartedTelemetry {
  const resource = resourceFromAttributes(config.resource);
  applyExporterEnvironment(config);
  const exporters = createExporters(config);

  const tracerProvider = new NodeTracerProvider({ resource, spanProcessors: exporters.spans.map((exporter) => new BatchSpanProcessor(exporter)) });
  // Sets the AsyncLocalStorage context manager: a turn's spans and log lines find their request.
  tracerProvider.register();
  const meterProvider = new MeterProvider({
    resource,
    readers: exporters.metrics.map((exporter) => new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: config.metricIntervalMs })),
  });
  const loggerProvider = new LoggerProvider({ resource, processors: exporters.logs.map((exporter) => new BatchLogRecordProcessor({ exporter })) });

  // Traces only (the meter provider is not global): their HTTP metrics would repeat the dependencies.
  registerInstrumentations({
    tracerProvider,
    instrumentations: [
      // Incoming requests get our own server span (messagesEndpoint), with the turn's attributes;
      // probes (/healthz) are not worth a span.
      new HttpInstrumentation({ disableIncomingRequestInstrumentation: true }),
      new UndiciInstrumentation(),
    ],
  });

  const reporter = new OpenTelemetryReporter(trace.getTracer(SCOPE), meterProvider.getMeter(SCOPE));
  return {
    reporter,
    logHooks: createLogHooks(loggerProvider.getLogger(SCOPE)),
    shutdown: async () => {
      const flushed = Promise.allSettled([tracerProvider.shutdown(), meterProvider.shutdown(), loggerProvider.shutdown()]);
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, SHUTDOWN_BOUND_MS);
      });
      await Promise.race([flushed, bound]);
      clearTimeout(timer);
    },
  };
}
