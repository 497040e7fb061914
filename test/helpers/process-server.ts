import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Log lines (JSON, parsed) and other output lines, as they came. */
  logs: Record<string, any>[];
  output: string[];
  /** The exit code, or the signal that ended the process (npm re-raises a signal it passed on). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs the server as an operator would (`npm start`, or another command), with its own
 * environment, and resolves once it listens. Its JSON log lines are collected.
 */
export async function startServerProcess(env: Record<string, string | undefined>, command: string[] = ['npm', 'start', '--silent'], timeoutMs = 150_000): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(command[0]!, command.slice(1), {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, any>[] = [];
  const output: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let buffered = '';
  const listening = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        output.push(line);
        try {
          const parsed = JSON.parse(line) as Record<string, any>;
          logs.push(parsed);
          if (typeof parsed.msg === 'string' && parsed.msg.startsWith('credit-exchange listening')) resolve();
        } catch {
          // not a log line (npm's own output)
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => output.push(c.toString('utf8')));
    void exited.then(({ code }) => reject(new Error(`server exited with ${code} before listening:\n${output.join('\n').slice(-3000)}`)));
    setTimeout(() => reject(new Error(`server did not listen within ${timeoutMs} ms:\n${output.join('\n').slice(-3000)}`)), timeoutMs).unref();
  });
  await listening;
  return { child, url: `http://127.0.0.1:${port}`, logs, output, exited };
}
