import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * A command's options, strictly parsed; or the exit code once it has said why not (2, with
 * the usage) or printed the usage asked for with --help (0).
 */
export function commandOptions<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> | number {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${usage}`);
    return 2;
  }
  if ((parsed.values as { help?: unknown }).help) {
    console.log(usage);
    return 0;
  }
  return parsed;
}

/**
 * Runs a command's main and exits with its code; a failure exits 1 with its message, the cause's
 * where it has one (a failed bulk statement carries its huge parameters in its own), cut short.
 */
export function runCommand(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
      const message = cause instanceof Error ? cause.message : String(cause);
      console.error(`${name} failed: ${message.length > 2000 ? `${message.slice(0, 2000)}...` : message}`);
      process.exit(1);
    },
  );
}
