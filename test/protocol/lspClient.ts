/**
 * A minimal LSP client for the protocol tests and the bench: starts `node dist/server.js --stdio`
 * and talks real JSON-RPC over its pipes. Waits are on real events (the publishDiagnostics for a
 * uri+version), never on sleeps.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

/** Builds dist/ when dist/server.js is missing or older than any server or common source. */
export function ensureBuilt(): void {
  const newest = (dir: string): number => {
    let t = 0;
    if (!fs.existsSync(dir)) return t;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }
    return t;
  };
  const built = fs.existsSync(SERVER) ? fs.statSync(SERVER).mtimeMs : 0;
  const sources = Math.max(newest(path.join(ROOT, 'server', 'src')), newest(path.join(ROOT, 'common')), newest(path.join(ROOT, 'schemas')));
  if (built >= sources) return;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0 || !fs.existsSync(SERVER)) throw new Error('npm run build failed: dist/server.js missing');
}

export interface StartOptions {
  /** Workspace folder URIs. */
  workspaceFolders?: string[];
  /** The `postmortem` section answered for a scope URI. */
  settings?: (scopeUri: string | undefined) => unknown;
  trusted?: boolean;
  /** Extra arguments for node (e.g. --cpu-prof). */
  nodeArgs?: string[];
  cwd?: string;
}

export class LspClient {
  readonly logs: string[] = [];
  readonly stderr: string[] = [];
  initializeResult!: InitializeResult;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters = new Map<string, ((p: PublishDiagnosticsParams) => void)[]>();
  private readonly listeners: ((p: PublishDiagnosticsParams) => void)[] = [];
  private exited = false;
  settings: (scopeUri: string | undefined) => unknown;

  private constructor(readonly child: ChildProcess, readonly connection: ProtocolConnection, options: StartOptions) {
    this.settings = options.settings ?? (() => ({}));
    child.on('exit', () => (this.exited = true));
    child.stderr?.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    connection.onNotification(LogMessageNotification.type, (p) => this.logs.push(p.message));
    connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((item) => (item.section === 'postmortem' ? this.settings(item.scopeUri) : null)));
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const key = `${p.uri}#${p.version ?? ''}`;
      this.diagnostics.set(key, p);
      this.diagnostics.set(`${p.uri}#latest`, p);
      for (const listener of [...this.listeners]) listener(p);
      for (const k of [key, `${p.uri}#*`]) {
        const list = this.waiters.get(k);
        if (list) {
          this.waiters.delete(k);
          for (const resolve of list) resolve(p);
        }
      }
    });
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER, '--stdio'], { cwd: options.cwd ?? ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection, options);
    connection.listen();
    const folders = options.workspaceFolders ?? [];
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0] ?? null,
      workspaceFolders: folders.map((uri, i) => ({ uri, name: `folder${i}` })),
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
      initializationOptions: { trusted: options.trusted ?? true },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Resolves with the publishDiagnostics for uri+version (immediately if it already came). */
  diagnosticsFor(uri: string, version: number | null, timeoutMs = 15000): Promise<PublishDiagnosticsParams> {
    const key = `${uri}#${version ?? ''}`;
    const have = this.diagnostics.get(key);
    if (have) return Promise.resolve(have);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms; stderr: ${this.stderr.join('').slice(-2000)}`)), timeoutMs);
      const list = this.waiters.get(key) ?? [];
      list.push((p) => {
        clearTimeout(timer);
        resolve(p);
      });
      this.waiters.set(key, list);
    });
  }

  /** Resolves with the next publishDiagnostics for uri that satisfies `accept`. */
  nextDiagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 15000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const listener = (p: PublishDiagnosticsParams) => {
        if (p.uri !== uri || !accept(p)) return;
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        clearTimeout(timer);
        resolve(p);
      };
      const timer = setTimeout(() => {
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.listeners.push(listener);
    });
  }

  latest(uri: string): PublishDiagnosticsParams | undefined {
    return this.diagnostics.get(`${uri}#latest`);
  }

  async open(uri: string, text: string, version = 1): Promise<PublishDiagnosticsParams> {
    const wait = this.diagnosticsFor(uri, version);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version, text } });
    return wait;
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<PublishDiagnosticsParams> {
    const wait = this.diagnosticsFor(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return wait;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  get alive(): boolean {
    return !this.exited;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), exited]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}
