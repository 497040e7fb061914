import { pino, type DestinationStream } from 'pino';

/**
 * Structured JSON logs. Only ids and codes go in: never national ID numbers, names,
 * query variables or API keys (the redact list is a second line of defence). `destination`
 * (tests) replaces standard output.
 */
export function createLogger(level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'), destination?: DestinationStream) {
  const options = {
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'authorization', 'apiKey', 'variables', '*.variables'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
