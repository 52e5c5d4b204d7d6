import type { z } from 'zod';
import { zodOnFirstUse } from '../validation/zodOnFirstUse';

/** Whether the bot can check tokens right now: the channel's OpenID metadata and key set, fetched and well formed. */
export type KeySetHealth = { readonly ok: true } | { readonly ok: false; readonly cause: string };

/** Asked when a token was refused for a reason that may be ours rather than the sender's. */
export interface KeySetCheck {
  check(): Promise<KeySetHealth>;
}

export interface ChannelKeySetOptions {
  /** `ToBotFromChannelOpenIdMetadataUrl`: where the Bot Framework publishes its metadata. */
  readonly metadataUrl: string;
  /** Injected so tests can count or fail requests; the platform's fetch otherwise. */
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  /** How long one answer stands, so refused tokens cost at most one pair of requests per period. */
  readonly reuseMs?: number;
  /** A key server that does not answer is as unavailable as one that refuses. */
  readonly timeoutMs?: number;
}

/** Built when a refused token first asks for the check (zod is not loaded at start). */
const schemas = zodOnFirstUse(({ z }) => ({
  metadata: z.object({ jwks_uri: z.url() }),
  /** What botframework-connector needs of a key: an id and an RSA modulus and exponent. */
  keySet: z.object({ keys: z.array(z.object({ kid: z.string(), n: z.string(), e: z.string() }).loose()).min(1) }),
}));

/**
 * Our own look at the Bot Framework's key set, separate from botframework-connector's cache.
 * The SDK reports some key-set failures only as a refused token: a metadata document without
 * `jwks_uri` ends in a TypeError, and a key set without `keys` is cached and then reads as
 * "Signing Key could not be retrieved" for every token. This check tells such a refusal apart
 * from a bad token without reading error texts.
 */
export class ChannelKeySet implements KeySetCheck {
  private last: { readonly at: number; readonly health: Promise<KeySetHealth> } | undefined;

  constructor(private readonly options: ChannelKeySetOptions) {}

  check(): Promise<KeySetHealth> {
    const now = (this.options.now ?? Date.now)();
    if (this.last && now - this.last.at < (this.options.reuseMs ?? 10_000)) return this.last.health;
    const health = this.fetchKeySet();
    this.last = { at: now, health };
    return health;
  }

  private async fetchKeySet(): Promise<KeySetHealth> {
    const metadata = await this.getJson(this.options.metadataUrl, schemas().metadata, 'OpenID metadata');
    if (!metadata.ok) return metadata;
    const keys = await this.getJson(metadata.value.jwks_uri, schemas().keySet, 'key set');
    return keys.ok ? { ok: true } : keys;
  }

  private async getJson<T>(url: string, schema: z.ZodType<T>, what: string): Promise<{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly cause: string }> {
    const get = this.options.fetch ?? fetch;
    let res: Response;
    try {
      res = await get(url, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000) });
    } catch (error) {
      return { ok: false, cause: `${what}: unreachable (${nameOf(error)})` };
    }
    if (!res.ok) return { ok: false, cause: `${what}: HTTP ${res.status}` };
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return { ok: false, cause: `${what}: not JSON` };
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) return { ok: false, cause: `${what}: malformed (${parsed.error.issues.map((issue) => issue.path.join('.') || 'document').join(', ')})` };
    return { ok: true, value: parsed.data };
  }
}

function nameOf(error: unknown): string {
  return typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string' ? (error as { name: string }).name : typeof error;
}
