import pino from 'pino';
import pinoPretty from 'pino-pretty';

export type Logger = pino.Logger;

/** `auto`: readable lines for a person at a terminal, JSON lines for a log collector. */
export type LogFormat = 'auto' | 'json' | 'pretty';

export function createLogger(level: string, format: LogFormat = 'auto'): Logger {
  const options: pino.LoggerOptions = { level, base: undefined, redact: ['req.headers.cookie', 'password', 'token'] };
  const pretty = format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true);
  if (!pretty) return pino(options);
  // A synchronous stream, not a transport worker: the lines interleave in order with the server's own console output.
  return pino(options, pinoPretty({ colorize: process.stdout.isTTY === true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', sync: true }));
}
