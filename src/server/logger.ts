import { pino } from 'pino';

/**
 * Structured JSON logs. Only ids and codes go in: never national ID numbers, names,
 * query variables or API keys (the redact list is a second line of defence).
 */
export function createLogger(level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info')) {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'authorization', 'apiKey', 'variables', '*.variables'],
      censor: '[redacted]',
    },
  });
}
