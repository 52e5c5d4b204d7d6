import { ROOT_CONTEXT, TraceFlags, context, trace } from '@opentelemetry/api';
import type { Logger as OtelLogger } from '@opentelemetry/api-logs';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { scrubText } from './scrub';
import type { LogHooks } from './telemetry';

/** pino's numeric levels → OpenTelemetry's severity. */
const SEVERITY: Record<number, { number: SeverityNumber; text: string }> = {
  40: { number: SeverityNumber.WARN, text: 'WARN' },
  50: { number: SeverityNumber.ERROR, text: 'ERROR' },
  60: { number: SeverityNumber.FATAL, text: 'FATAL' },
};

/**
 * Fields of a log record that may be exported as they are: ids and codes the logs already carry,
 * never free text. Everything else (an error's message and stack, a query) stays in the local log.
 */
const EXPORTED_FIELDS = new Set([
  'code', 'cause', 'reason', 'status', 'signal', 'correlationId', 'requestId', 'activityId', 'conversationId', 'tenantId', 'activityType',
  'chatId', 'kickoff', 'permission', 'graphCode', 'problem', 'outcome', 'cut', 'graceMs', 'retryInMs', 'retryAfter', 'waitedMs', 'rosterRefusals', 'port',
]);

/** Log lines carry the active span's ids; warn and above also go to the backend, tied to their trace. */
export function createLogHooks(logger: OtelLogger): LogHooks {
  return {
    mixin: (): Record<string, string> => {
      const span = trace.getSpanContext(context.active());
      return span ? { trace_id: span.traceId, span_id: span.spanId } : {};
    },
    warnStream: {
      write: (line: string) => {
        let record: Record<string, unknown>;
        try {
          record = JSON.parse(line) as Record<string, unknown>;
        } catch {
          return;
        }
        const severity = SEVERITY[typeof record.level === 'number' ? record.level : 0];
        if (!severity) return;
        logger.emit({
          severityNumber: severity.number,
          severityText: severity.text,
          body: scrubText(typeof record.msg === 'string' ? record.msg : ''),
          attributes: exportedAttributes(record),
          ...(typeof record.time === 'number' ? { timestamp: record.time } : {}),
          context: spanContextOf(record),
        });
      },
    },
  };
}

function exportedAttributes(record: Record<string, unknown>): Record<string, string | number | boolean> {
  const attributes: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!EXPORTED_FIELDS.has(key)) continue;
    if (typeof value === 'number' || typeof value === 'boolean') attributes[key] = value;
    else if (typeof value === 'string') attributes[key] = scrubText(value);
  }
  const err = record.err as { type?: unknown; code?: unknown } | undefined;
  if (err && typeof err.type === 'string') attributes['exception.type'] = err.type;
  if (err && typeof err.code === 'string') attributes['error.code'] = err.code;
  return attributes;
}

/** The record's own trace ids (written by the mixin when it was logged): the export may run later. */
function spanContextOf(record: Record<string, unknown>) {
  const traceId = record.trace_id;
  const spanId = record.span_id;
  if (typeof traceId !== 'string' || typeof spanId !== 'string') return ROOT_CONTEXT;
  return trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags: TraceFlags.SAMPLED, isRemote: false });
}
