import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Credentials are redacted wherever they could appear, so a token or key
 * never reaches a log line even when a whole request or header set is logged.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'tributary' },
    redact: {
      paths: [
        'authorization',
        'headers.authorization',
        'headers["x-api-key"]',
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'token',
        '*.token',
        'password',
        '*.password',
      ],
      censor: '[redacted]',
    },
  });
}
