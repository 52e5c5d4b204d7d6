import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { gunzipSync, inflateSync } from 'node:zlib';
import { issueLeafCertificate, loadOrCreateCa } from './certificateAuthority';
import { defaultStateDir } from './sandboxTenant';

/** One request a receiver took, its body as sent after undoing gzip/deflate. */
export interface ReceivedBody {
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/** An Application Insights envelope as the exporter posts it to `/v2.1/track`. */
export interface TrackEnvelope {
  readonly name: string;
  readonly time: string;
  readonly iKey?: string;
  readonly tags?: Record<string, string>;
  readonly data?: { readonly baseType?: string; readonly baseData?: Record<string, unknown> };
}

export interface TelemetryReceiver {
  readonly url: string;
  /** Every body received, decompressed: what a privacy check reads. */
  readonly bodies: ReceivedBody[];
  close(): Promise<void>;
}

export interface IngestionStandIn extends TelemetryReceiver {
  /** `IngestionEndpoint=…`: a connection string pointing the exporter here. */
  readonly connectionString: string;
  /** Every envelope received, in order. */
  readonly envelopes: TrackEnvelope[];
}

/** An OTLP/HTTP JSON request body, by signal. */
export interface OtlpReceiver extends TelemetryReceiver {
  readonly received: { readonly traces: unknown[]; readonly metrics: unknown[]; readonly logs: unknown[] };
}

/** A fixed key: the stand-in accepts any, and the bot's config only checks that one is there. */
const INSTRUMENTATION_KEY = '00000000-0000-4000-8000-00000000a1a1';

/**
 * A stand-in for Application Insights' ingestion endpoint on 127.0.0.1: HTTPS (the exporter sends
 * nothing over plain HTTP) with a certificate from the sandbox CA, so a bot started with
 * `NODE_EXTRA_CA_CERTS=.sandbox/ca.pem` trusts it. `POST /v2.1/track` takes a JSON array of
 * envelopes (gzip or not) and answers as the service does; anything else is a 404.
 */
export async function startIngestionStandIn(stateDir: string = defaultStateDir()): Promise<IngestionStandIn> {
  const leaf = issueLeafCertificate(await loadOrCreateCa(stateDir));
  const bodies: ReceivedBody[] = [];
  const envelopes: TrackEnvelope[] = [];
  const server = https.createServer({ cert: leaf.certPem, key: leaf.keyPem }, (req, res) => {
    void readBody(req).then((body) => {
      bodies.push({ path: req.url ?? '', contentType: String(req.headers['content-type'] ?? ''), body });
      if (req.method !== 'POST' || !(req.url ?? '').startsWith('/v2.1/track')) return answer(res, 404, { error: 'not found' });
      const items = parseEnvelopes(body);
      envelopes.push(...items);
      answer(res, 200, { itemsReceived: items.length, itemsAccepted: items.length, errors: [] });
    }, () => answer(res, 400, { error: 'unreadable body' }));
  });
  const url = await listen(server);
  return {
    url,
    bodies,
    envelopes,
    connectionString: `InstrumentationKey=${INSTRUMENTATION_KEY};IngestionEndpoint=${url}/;LiveEndpoint=${url}/`,
    close: () => close(server),
  };
}

/** An OTLP/HTTP collector stand-in on 127.0.0.1 (plain HTTP): `/v1/traces`, `/v1/metrics`, `/v1/logs`, JSON. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const bodies: ReceivedBody[] = [];
  const received = { traces: [] as unknown[], metrics: [] as unknown[], logs: [] as unknown[] };
  const server = http.createServer((req, res) => {
    void readBody(req).then((body) => {
      const contentType = String(req.headers['content-type'] ?? '');
      bodies.push({ path: req.url ?? '', contentType, body });
      const signal = /^\/v1\/(traces|metrics|logs)$/.exec(req.url ?? '')?.[1] as keyof typeof received | undefined;
      if (req.method !== 'POST' || !signal) return answer(res, 404, { error: 'not found' });
      if (contentType.startsWith('application/json')) received[signal].push(JSON.parse(body.toString('utf8')) as unknown);
      answer(res, 200, {});
    }, () => answer(res, 400, { error: 'unreadable body' }));
  });
  const url = await listen(server);
  return { url, bodies, received, close: () => close(server) };
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const encoding = String(req.headers['content-encoding'] ?? '').toLowerCase();
  if (encoding === 'gzip') return gunzipSync(raw);
  if (encoding === 'deflate') return inflateSync(raw);
  return raw;
}

/** A JSON array, or newline-delimited envelopes (both have been seen from the exporters). */
function parseEnvelopes(body: Buffer): TrackEnvelope[] {
  const text = body.toString('utf8').trim();
  if (text.startsWith('[')) return JSON.parse(text) as TrackEnvelope[];
  return text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as TrackEnvelope);
}

function answer(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function listen(server: http.Server | https.Server): Promise<string> {
  const scheme = server instanceof https.Server ? 'https' : 'http';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function close(server: http.Server | https.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
