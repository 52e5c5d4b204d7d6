import pino from 'pino';

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

export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'chat-starter' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    options.destination,
  );
}
