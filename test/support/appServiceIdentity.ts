import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** A token request as App Service's identity endpoint received it. */
export interface IdentityRequest {
  readonly resource: string;
  readonly clientId: string | undefined;
  readonly apiVersion: string | undefined;
  readonly headerMatched: boolean;
}

export interface AppServiceIdentityOptions {
  /** The identity's client id; a request naming another is refused, as Azure would. */
  readonly clientId: string;
  /** Gets a token for a resource Entra (here: the sandbox tenant) serves. */
  readonly tokenFromEntra: (resource: string) => Promise<{ accessToken: string; expiresIn: number }>;
  /** Resources answered by `selfIssued` rather than by Entra (Azurite, which checks no signature). */
  readonly selfIssued?: readonly string[];
  readonly tenantId: string;
}

/**
 * A stand-in for App Service's managed identity endpoint (`IDENTITY_ENDPOINT`, header
 * `X-IDENTITY-HEADER` = `IDENTITY_HEADER`, api-version 2019-08-01): what the credential of a bot on
 * App Service calls instead of the instance metadata address. It gets the identity's tokens from
 * the sandbox tenant's Entra, as Azure gets them from Entra ID.
 */
export class AppServiceIdentity {
  readonly header = randomBytes(16).toString('hex');
  readonly requests: IdentityRequest[] = [];
  private server: Server | undefined;

  constructor(private readonly options: AppServiceIdentityOptions) {}

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/msi/token`;
  }

  /** What a bot on App Service finds in its environment. */
  environment(): Record<string, string> {
    return { IDENTITY_ENDPOINT: this.endpoint, IDENTITY_HEADER: this.header };
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.answer(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const resource = url.searchParams.get('resource') ?? '';
    const clientId = url.searchParams.get('client_id') ?? undefined;
    const headerMatched = req.headers['x-identity-header'] === this.header;
    this.requests.push({ resource, clientId, apiVersion: url.searchParams.get('api-version') ?? undefined, headerMatched });
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET' || url.pathname !== '/msi/token') return send(404, { error: 'not_found' });
    if (!headerMatched) return send(401, { error: 'invalid_header' });
    if (resource === '') return send(400, { error: 'invalid_request', error_description: 'resource is required' });
    if (clientId !== undefined && clientId !== this.options.clientId) return send(400, { error: 'invalid_request', error_description: `no identity ${clientId} on this app` });
    try {
      const token = this.options.selfIssued?.includes(resource) ? this.selfIssued(resource) : await this.options.tokenFromEntra(resource);
      const expiresOn = Math.floor(Date.now() / 1000) + token.expiresIn;
      send(200, { access_token: token.accessToken, expires_on: String(expiresOn), resource, token_type: 'Bearer', client_id: this.options.clientId });
    } catch (error) {
      send(500, { error: 'token_failed', error_description: error instanceof Error ? error.message : String(error) });
    }
  }

  /** An Entra-shaped token (v1 issuer, the resource as audience) for a service that checks no signature. */
  private selfIssued(resource: string): { accessToken: string; expiresIn: number } {
    const now = Math.floor(Date.now() / 1000);
    const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = {
      aud: resource.replace(/\/$/, ''),
      iss: `https://sts.windows.net/${this.options.tenantId}/`,
      iat: now - 60,
      nbf: now - 60,
      exp: now + 3600,
      appid: this.options.clientId,
      oid: randomUUID(),
      tid: this.options.tenantId,
      idtyp: 'app',
    };
    return { accessToken: `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}.${Buffer.from('not-signed').toString('base64url')}`, expiresIn: 3600 };
  }
}
