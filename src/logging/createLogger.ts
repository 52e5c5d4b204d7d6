import pino from 'pino';
import type { LogHooks } from '../telemetry/telemetry';

/** The one logger type used across the bot; a child per turn carries ids (see `turnLogger`). */
export type Logger = pino.Logger;

/**
 * Paths that may carry secrets or what people wrote. Message text and card inputs are personal
 * data; tokens and secrets must never reach a log.
 */
const REDACTED_PATHS = [
  'text',
  'topic',
  'query',
  'queries',
  'password',
  'secret',
  'token',
  'authorization',
  '*.text',
  '*.topic',
  '*.query',
  '*.password',
  '*.secret',
  '*.clientSecret',
  '*.token',
  '*.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
];

const LEVELS = pino.levels.values;

/**
 * With telemetry, every line carries the active span's `trace_id` and `span_id`, and records at
 * warn and above also go to the telemetry backend (after redaction), whatever LOG_LEVEL prints.
 */
export function createLogger(options: { level: string; destination?: pino.DestinationStream; telemetry?: LogHooks }): Logger {
  const settings = { base: { service: 'chat-starter' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  const hooks = options.telemetry;
  if (!hooks) return pino({ ...settings, level: options.level }, options.destination);
  const printed = options.level === 'silent' ? [] : [{ level: options.level as pino.Level, stream: options.destination ?? pino.destination(1) }];
  const lowest = Math.min(LEVELS[options.level] ?? Infinity, LEVELS.warn ?? 40);
  return pino(
    { ...settings, level: pino.levels.labels[lowest] ?? 'warn', mixin: () => hooks.mixin() },
    pino.multistream([...printed, { level: 'warn', stream: hooks.warnStream }]),
  );
}
