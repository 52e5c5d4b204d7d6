import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../../src/api/openApiDocument';
import type { SandboxTenant } from '../../src/sandbox';

/** A caller app of the sandbox's API, by its display name's first word ("Incident", "Release", "Unassigned"). */
export function callerApp(sandbox: SandboxTenant, name: string): { clientId: string; clientSecret: string } {
  const caller = sandbox.api?.callers.find((app) => app.displayName.startsWith(name));
  if (!caller) throw new Error(`no caller app named ${name} in the sandbox`);
  return caller;
}

/** A client-credentials token from the sandbox's Entra ID, as a caller system gets one. */
export async function tokenFor(sandbox: SandboxTenant, client: { clientId: string; clientSecret: string }, scope = `${sandbox.api!.applicationIdUri}/.default`): Promise<string> {
  const res = await fetch(`${sandbox.origin}/${sandbox.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, scope }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!res.ok || !body.access_token) throw new Error(`no token: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

export interface ApiAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
  readonly contentType: string;
}

/** `POST /api/chats` as a system sends it. */
export async function postChat(botUrl: string, body: unknown, options: { token?: string; key?: string; headers?: Record<string, string> } = {}): Promise<ApiAnswer> {
  const res = await fetch(`${botUrl}/api/chats`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token !== undefined ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.key !== undefined ? { 'idempotency-key': options.key } : {}),
      ...options.headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, contentType: res.headers.get('content-type') ?? '' };
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'openapi.json', components: openApiDocument.components } as unknown as object);
const chatSchema = ajv.getSchema('openapi.json#/components/schemas/Chat')!;
const problemSchema = ajv.getSchema('openapi.json#/components/schemas/Problem')!;

/**
 * Checks a real answer against the OpenAPI document: 201 is a `Chat` as JSON, anything else a
 * `Problem` as application/problem+json whose `status` is the HTTP status; every status must be
 * one the document lists. Throws, naming what does not fit.
 */
export function expectDocumentedAnswer(answer: ApiAnswer): void {
  const documented = Object.keys(openApiDocument.paths['/api/chats'].post.responses);
  if (!documented.includes(String(answer.status))) throw new Error(`status ${answer.status} is not in the OpenAPI document`);
  if (answer.status === 201) {
    if (!answer.contentType.startsWith('application/json')) throw new Error(`201 with ${answer.contentType}`);
    if (!chatSchema(answer.body)) throw new Error(`201 body does not fit Chat: ${ajv.errorsText(chatSchema.errors)}`);
    return;
  }
  if (!answer.contentType.startsWith('application/problem+json')) throw new Error(`${answer.status} with ${answer.contentType}`);
  if (!problemSchema(answer.body)) throw new Error(`${answer.status} body does not fit Problem: ${ajv.errorsText(problemSchema.errors)}`);
  if (answer.body.status !== answer.status) throw new Error(`problem status ${String(answer.body.status)} on a ${answer.status} answer`);
}
