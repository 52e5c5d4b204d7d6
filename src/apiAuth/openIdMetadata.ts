/** What the API needs from an Entra OpenID Connect metadata document. */
export interface OpenIdMetadataDocument {
  readonly issuer: string;
  readonly jwksUri: string;
}

/** Fetches a JSON document; throws on any failure (network, status, parse). */
export type FetchJson = (url: string, signal: AbortSignal) => Promise<unknown>;

/** The metadata could not be fetched (or was not usable): the API cannot check tokens right now. */
export class MetadataUnavailableError extends Error {
  constructor(readonly url: string, readonly retryAfterSeconds: number, options?: { cause?: unknown }) {
    super(`The OpenID metadata at ${url} is unavailable`, options);
    this.name = 'MetadataUnavailableError';
  }
}

export interface OpenIdMetadataOptions {
  readonly url: string;
  readonly fetchJson?: FetchJson;
  readonly now?: () => number;
  /** A document this old is fetched again (a failed refresh keeps the old one). */
  readonly refreshAfterMs?: number;
  /** After a failed fetch with nothing cached, requests fail at once for this long instead of each fetching. */
  readonly retryAfterMs?: number;
  readonly timeoutMs?: number;
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * One metadata document, fetched on first use and cached: concurrent requests share one fetch,
 * a refresh that fails keeps serving the last good document (issuers and key-set addresses do not
 * move), and an outage with nothing cached is remembered briefly, so a flood of requests does not
 * become a flood of fetches.
 */
export class OpenIdMetadata {
  private cached: { readonly document: OpenIdMetadataDocument; readonly at: number } | undefined;
  private inFlight: Promise<OpenIdMetadataDocument> | undefined;
  private failedAt: number | undefined;
  private readonly now: () => number;
  private readonly fetchJson: FetchJson;

  constructor(private readonly options: OpenIdMetadataOptions) {
    this.now = options.now ?? Date.now;
    this.fetchJson = options.fetchJson ?? fetchJsonOverHttps;
  }

  async get(): Promise<OpenIdMetadataDocument> {
    const now = this.now();
    const refreshAfter = this.options.refreshAfterMs ?? DAY_MS;
    if (this.cached && now - this.cached.at < refreshAfter) return this.cached.document;
    const retryAfter = this.options.retryAfterMs ?? 10_000;
    if (!this.cached && this.failedAt !== undefined && now - this.failedAt < retryAfter) {
      throw new MetadataUnavailableError(this.options.url, Math.max(1, Math.ceil((this.failedAt + retryAfter - now) / 1000)));
    }
    this.inFlight ??= this.fetchDocument().finally(() => {
      this.inFlight = undefined;
    });
    try {
      return await this.inFlight;
    } catch (error) {
      if (this.cached) return this.cached.document;
      throw error instanceof MetadataUnavailableError ? error : new MetadataUnavailableError(this.options.url, Math.ceil(retryAfter / 1000), { cause: error });
    }
  }

  private async fetchDocument(): Promise<OpenIdMetadataDocument> {
    try {
      const document = readDocument(await this.fetchJson(this.options.url, AbortSignal.timeout(this.options.timeoutMs ?? 5_000)));
      this.cached = { document, at: this.now() };
      this.failedAt = undefined;
      return document;
    } catch (error) {
      this.failedAt = this.now();
      throw error;
    }
  }
}

function readDocument(value: unknown): OpenIdMetadataDocument {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const issuer = record['issuer'];
  const jwksUri = record['jwks_uri'];
  if (typeof issuer !== 'string' || issuer === '') throw new Error('the metadata has no issuer');
  if (typeof jwksUri !== 'string' || !jwksUri.startsWith('https://')) throw new Error('the metadata has no https jwks_uri');
  return { issuer, jwksUri };
}

async function fetchJsonOverHttps(url: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as unknown;
}
