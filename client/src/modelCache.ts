/**
 * One model per (uri, version), shared by the preview, CodeLens and the status bar: after an edit they all ask at
 * once, and one `postmortem/model` request answers them all. Vscode-free, so the unit tests drive it directly.
 */
export interface VersionedModel {
  version: number;
}

export class ModelCache<M extends VersionedModel> {
  private readonly entries = new Map<string, { version: number; model: Promise<M | null> }>();

  /** `fetch` asks the server; it may throw (the server is restarting): that answer is not kept. */
  constructor(private readonly fetch: (uri: string) => Promise<M | null>) {}

  /** The model of `uri` at the document's `version` (undefined: not open, always asked). */
  get(uri: string, version: number | undefined): Promise<M | null> {
    const hit = this.entries.get(uri);
    if (hit && version !== undefined && hit.version === version) return hit.model;
    const model = this.fetch(uri).then((m) => {
      // A model of another version (the server had not seen the edit yet) is answered but not kept.
      if (m && m.version !== version) this.drop(uri, model);
      return m;
    }, (err: unknown) => {
      this.drop(uri, model);
      throw err;
    });
    if (version !== undefined) this.entries.set(uri, { version, model });
    return model;
  }

  /** The server rebuilt the model (an edit, or settings or a schema changed at the same version). */
  forget(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }

  private drop(uri: string, model: Promise<M | null>): void {
    if (this.entries.get(uri)?.model === model) this.entries.delete(uri);
  }
}
