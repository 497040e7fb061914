import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** Server processes started by a test file: a real `src/server/main.ts` each, on a port of its own. */
export class ServerProcesses {
  private readonly children: ChildProcess[] = [];

  /** Starts one against the database at `url` and resolves with its base URL once /readyz answers. */
  async start(url: string): Promise<string> {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, DATABASE_URL: url, PORT: String(port), LOG_LEVEL: 'silent', NODE_ENV: 'development', RATE_LIMIT_PER_MINUTE: '100000' },
      stdio: 'ignore',
    });
    this.children.push(child);
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 160; i++) {
      try {
        if ((await fetch(`${base}/readyz`)).ok) return base;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('server process did not become ready');
  }

  stopAll(): void {
    for (const c of this.children) c.kill();
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
