import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** Where Chromium is: `$CHROMIUM` when set, else the Debian package's path. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
}

/** Flags for a quiet, sandbox-free, offline headless Chromium with a throw-away profile. */
export function headlessArgs(userDataDir: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    `--user-data-dir=${userDataDir}`,
  ];
}

interface Pending {
  resolve(value: Record<string, unknown>): void;
  reject(error: Error): void;
}

export interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
  sessionId?: string;
}

/**
 * A minimal Chrome DevTools Protocol client over `--remote-debugging-pipe`: Chromium reads
 * NUL-terminated JSON messages on fd 3 and writes them on fd 4, so no WebSocket is needed
 * (Node 20 has no WebSocket client without a flag).
 */
export class CdpPipe {
  readonly events: CdpEvent[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private buffer = '';
  private stderr = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly input: Writable,
    private readonly userDataDir: string,
  ) {}

  static launch(executable: string): CdpPipe {
    const userDataDir = mkdtempSync(path.join(tmpdir(), 'corridor-chromium-'));
    const child = spawn(executable, [...headlessArgs(userDataDir), '--remote-debugging-pipe'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    });
    const input = child.stdio[3] as Writable;
    const output = child.stdio[4] as Readable;
    const client = new CdpPipe(child, input, userDataDir);
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => client.receive(chunk));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      client.stderr = (client.stderr + chunk).slice(-4000);
    });
    child.on('exit', (code) => {
      const error = new Error(`chromium exited (${code}): ${client.stderr.slice(-1000)}`);
      for (const pending of client.pending.values()) pending.reject(error);
      client.pending.clear();
    });
    input.on('error', () => undefined);
    return client;
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\0')) >= 0) {
      const raw = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 1);
      const message = JSON.parse(raw) as {
        id?: number;
        result?: Record<string, unknown>;
        error?: { message: string };
        method?: string;
        params?: Record<string, unknown>;
        sessionId?: string;
      };
      if (message.id !== undefined) {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) pending?.reject(new Error(message.error.message));
        else pending?.resolve(message.result ?? {});
      } else if (message.method) {
        this.events.push({
          method: message.method,
          params: message.params ?? {},
          ...(message.sessionId ? { sessionId: message.sessionId } : {}),
        });
      }
    }
  }

  send(
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
  ): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.input.write(
        `${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`,
      );
    });
  }

  /** Opens a page and returns the flat-mode session id for talking to it. */
  async open(url: string, width = 1280, height = 900): Promise<string> {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const session = String(sessionId);
    await this.send('Runtime.enable', {}, session);
    await this.send('Log.enable', {}, session);
    await this.send('Page.enable', {}, session);
    await this.send(
      'Emulation.setDeviceMetricsOverride',
      { width, height, deviceScaleFactor: 1, mobile: false },
      session,
    );
    await this.send('Page.navigate', { url }, session);
    for (let i = 0; i < 200; i += 1) {
      if ((await this.evaluate(session, 'document.readyState')) === 'complete') return session;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`page did not load: ${url}`);
  }

  /** Evaluates an expression in the page and returns its JSON value; page exceptions throw. */
  async evaluate(sessionId: string, expression: string): Promise<unknown> {
    const response = await this.send(
      'Runtime.evaluate',
      { expression, returnByValue: true, awaitPromise: true },
      sessionId,
    );
    const details = response.exceptionDetails as
      { text?: string; exception?: { description?: string } } | undefined;
    if (details)
      throw new Error(details.exception?.description ?? details.text ?? 'page exception');
    return (response.result as { value?: unknown } | undefined)?.value;
  }

  /** A real mouse click (press and release) at viewport coordinates. */
  async click(sessionId: string, x: number, y: number): Promise<void> {
    for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased']) {
      await this.send(
        'Input.dispatchMouseEvent',
        { type, x, y, button: 'left', clickCount: type === 'mouseMoved' ? 0 : 1 },
        sessionId,
      );
    }
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    this.send('Browser.close').catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    rmSync(this.userDataDir, { recursive: true, force: true });
  }
}
