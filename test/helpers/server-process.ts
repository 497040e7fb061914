import type { ChildProcess } from 'node:child_process';
import { startServerProcess } from './process-server.js';

/** Server processes started by a test file: a real `src/server/main.ts` each, on a port of its own. */
export class ServerProcesses {
  private readonly children: ChildProcess[] = [];

  /** Starts one against the database at `url` and resolves with its base URL once it listens. */
  async start(url: string): Promise<string> {
    const server = await startServerProcess(
      { DATABASE_URL: url, RATE_LIMIT_PER_MINUTE: '100000' },
      [process.execPath, '--import', 'tsx', 'src/server/main.ts'],
    );
    this.children.push(server.child);
    return server.url;
  }

  stopAll(): void {
    for (const c of this.children) c.kill();
  }
}
