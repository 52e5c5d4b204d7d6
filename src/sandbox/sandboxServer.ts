import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseBatch, runBatch, type BatchStep, type BatchStepResponse } from './batchEndpoint';
import { handleEntraRequest, isEntraPath } from './entraEndpoints';
import { isEntraError } from './entraError';
import type { FaultDecision, RuleFaultInjector } from './faultInjector';
import type { TokenBucketRateLimits } from './rateLimiter';
import { GraphError, faultCodeFor, graphErrorBody, isGraphError, type RequestIds } from './graphError';
import { routeGraphRequest } from './graphRouter';
import type { GraphContext, GraphResponse, TenantState } from './graphTypes';
import { redactForm, redactHeaders, type InMemoryRequestLog } from './requestLog';

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const GRAPH_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const ENTRA_JSON = 'application/json; charset=utf-8';
const INVALID_JSON = 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.';

export interface SandboxServerDeps {
  tenant: TenantState;
  log: InMemoryRequestLog;
  faults: RuleFaultInjector;
  rateLimits: TokenBucketRateLimits;
}

/** What goes back on the wire for one (sub-)request. */
interface Outcome {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** The HTTPS request handler: Entra ID endpoints, Graph v1.0, `$batch`, faults and the request log. */
export function createSandboxHandler(deps: SandboxServerDeps): RequestHandler {
  return (req, res) => {
    handleTopLevel(deps, req, res).catch((error: unknown) => {
      // Only reached when writing the response itself failed; the socket is unusable.
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  };
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new GraphError(413, 'RequestEntityTooLarge', 'The request body is too large.');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function decodeSegments(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').slice(1).map((s) => decodeURIComponent(s));
  } catch (error) {
    if (error instanceof URIError) return undefined;
    throw error;
  }
}

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false } {
  if (raw.trim().length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch (error) {
    if (error instanceof SyntaxError) return { ok: false };
    throw error;
  }
}

function idHeaders(ids: RequestIds): Record<string, string> {
  return { 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId };
}

function graphFailure(error: unknown, ids: RequestIds): Outcome {
  if (isGraphError(error)) {
    return { status: error.status, headers: { ...error.headers }, body: graphErrorBody(error.code, error.message, ids) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, headers: {}, body: graphErrorBody('InternalServerError', `Sandbox failure: ${message}`, ids) };
}

function faultOutcome(decision: FaultDecision, ids: RequestIds): Outcome {
  const status = decision.status ?? 500;
  const { code, message } = faultCodeFor(status);
  const headers: Record<string, string> = {};
  if (decision.retryAfterSeconds !== undefined) headers['Retry-After'] = String(decision.retryAfterSeconds);
  return { status, headers, body: graphErrorBody(code, message, ids) };
}

/** The decision when it fails the request at this stage (before or after the handler), else undefined. */
function failureAt(decision: FaultDecision | undefined, afterHandling: boolean): FaultDecision | undefined {
  const fails = decision !== undefined && decision.afterHandling === afterHandling && (decision.drop || decision.status !== undefined);
  return fails ? decision : undefined;
}

async function handleTopLevel(deps: SandboxServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'https://sandbox.invalid');
  const headers = flattenHeaders(req);
  const ids: RequestIds = { requestId: randomUUID(), clientRequestId: headers['client-request-id'] ?? randomUUID() };
  const segments = decodeSegments(url.pathname);
  const path = segments ? `/${segments.join('/')}` : url.pathname;
  const query = Object.fromEntries(url.searchParams);
  const entra = segments !== undefined && isEntraPath(segments);

  let raw = '';
  let bodyError: unknown;
  try {
    raw = await readBody(req);
  } catch (error) {
    bodyError = error;
  }
  const json = entra ? undefined : parseJson(raw);
  const form = entra ? Object.fromEntries(new URLSearchParams(raw)) : {};
  const loggedBody = entra ? redactForm(form) : json?.ok ? json.value : raw;

  const record = (status: number, response: unknown): void => {
    deps.log.record({ method, path, query, headers: redactHeaders(headers), body: loggedBody, status, response, inBatch: false });
  };
  const drop = (): void => {
    record(0, null);
    req.socket.destroy();
  };

  const decision = deps.faults.decide(method, path);
  if (decision && decision.delayMs > 0) await sleep(decision.delayMs);
  const before = failureAt(decision, false);
  if (before) {
    if (before.drop) return drop();
    return send(res, faultOutcome(before, ids), ids, entra, record);
  }

  let outcome: Outcome;
  if (bodyError !== undefined) outcome = graphFailure(bodyError, ids);
  else if (segments === undefined) outcome = graphFailure(new GraphError(400, 'BadRequest', 'Malformed percent-encoding in the URL.'), ids);
  else if (entra) outcome = await entraOutcome(deps.tenant, method, segments, headers, form);
  else if (json && !json.ok) outcome = graphFailure(new GraphError(400, 'BadRequest', INVALID_JSON), ids);
  else outcome = await graphOutcome(deps, { method, segments, query, headers, body: json?.value }, ids);

  const after = failureAt(decision, true);
  if (after) {
    if (after.drop) return drop();
    return send(res, faultOutcome(after, ids), ids, entra, record);
  }
  return send(res, outcome, ids, entra, record);
}

function send(
  res: ServerResponse, outcome: Outcome, ids: RequestIds, entra: boolean, record: (status: number, body: unknown) => void,
): void {
  const payload = outcome.body === undefined ? '' : JSON.stringify(outcome.body);
  const headers: Record<string, string> = { ...outcome.headers, ...idHeaders(ids), 'Cache-Control': 'no-store' };
  if (payload.length > 0) headers['Content-Type'] = entra ? ENTRA_JSON : GRAPH_JSON;
  res.writeHead(outcome.status, headers);
  res.end(payload);
  record(outcome.status, outcome.body);
}

async function entraOutcome(
  tenant: TenantState, method: string, segments: string[], headers: Record<string, string>, form: Record<string, string>,
): Promise<Outcome> {
  try {
    const result = await handleEntraRequest(tenant, { method, segments, headers, form });
    return { status: result.status, headers: {}, body: result.body };
  } catch (error) {
    if (isEntraError(error)) {
      return { status: error.status, headers: {}, body: error.toBody(headers['client-request-id']) };
    }
    throw error;
  }
}

interface TopLevelGraphRequest {
  method: string;
  segments: string[];
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

async function graphOutcome(deps: SandboxServerDeps, request: TopLevelGraphRequest, ids: RequestIds): Promise<Outcome> {
  try {
    const [version, ...rest] = request.segments;
    if (version !== 'v1.0') {
      throw new GraphError(version === 'beta' ? 400 : 404, 'BadRequest', `Invalid version: '${version ?? ''}'. The sandbox serves v1.0 only.`);
    }
    const caller = await deps.tenant.tokens.verify(request.headers['authorization'], deps.tenant.tenantId);
    const ctx: GraphContext = { tenant: deps.tenant, caller };
    if (rest.length === 1 && rest[0] === '$batch') {
      if (request.method !== 'POST') throw new GraphError(405, 'Request_BadRequest', 'The $batch endpoint only accepts POST.');
      const steps = parseBatch(request.body);
      return fromGraphResponse(await runBatch(steps, (step) => runBatchStep(deps, ctx, step)));
    }
    deps.rateLimits.check(request.method, `/${request.segments.join('/')}`, caller.appId);
    return fromGraphResponse(routeGraphRequest(ctx, { ...request, segments: rest }));
  } catch (error) {
    const outcome = graphFailure(error, ids);
    if (outcome.status === 401) outcome.headers['WWW-Authenticate'] = 'Bearer realm="", authorization_uri="", client_id="00000003-0000-0000-c000-000000000000"';
    return outcome;
  }
}

function fromGraphResponse(response: GraphResponse): Outcome {
  return { status: response.status, headers: response.headers ?? {}, body: response.body };
}

/** One batch step: its own fault decision, routing, error body and log entry. */
async function runBatchStep(deps: SandboxServerDeps, ctx: GraphContext, step: BatchStep): Promise<BatchStepResponse> {
  const ids: RequestIds = { requestId: randomUUID(), clientRequestId: step.headers['client-request-id'] ?? randomUUID() };
  const queryStart = step.url.indexOf('?');
  const pathPart = (queryStart < 0 ? step.url : step.url.slice(0, queryStart)).replace(/^\/+/, '');
  const query = queryStart < 0 ? {} : Object.fromEntries(new URLSearchParams(step.url.slice(queryStart + 1)));
  const segments = decodeSegments(`/${pathPart}`);
  const path = `/v1.0/${segments ? segments.join('/') : pathPart}`;

  const decision = deps.faults.decide(step.method, path);
  if (decision && decision.delayMs > 0) await sleep(decision.delayMs);
  let outcome: Outcome;
  const before = failureAt(decision, false);
  if (before) {
    outcome = stepFault(before, ids);
  } else {
    outcome = runStepHandler(deps, ctx, step, segments, path, query, ids);
    const after = failureAt(decision, true);
    if (after) outcome = stepFault(after, ids);
  }
  const headers: Record<string, string> = { ...outcome.headers };
  if (outcome.body !== undefined) headers['Content-Type'] = GRAPH_JSON;
  deps.log.record({
    method: step.method, path, query, headers: redactHeaders(step.headers), body: step.body ?? null,
    status: outcome.status, response: outcome.body, inBatch: true,
  });
  const response: BatchStepResponse = { id: step.id, status: outcome.status, headers };
  if (outcome.body !== undefined) response.body = outcome.body;
  return response;
}

/** A dropped connection cannot happen to one step of a batch; it is reported as a 504, like a gateway would. */
function stepFault(decision: FaultDecision, ids: RequestIds): Outcome {
  return faultOutcome(decision.drop ? { ...decision, status: 504 } : decision, ids);
}

function runStepHandler(
  deps: SandboxServerDeps, ctx: GraphContext, step: BatchStep, segments: string[] | undefined, path: string, query: Record<string, string>, ids: RequestIds,
): Outcome {
  try {
    if (segments === undefined) throw new GraphError(400, 'BadRequest', 'Malformed percent-encoding in the URL.');
    if (segments[0] === '$batch') throw new GraphError(400, 'BadRequest', 'A batch cannot contain another batch.');
    deps.rateLimits.check(step.method, path, ctx.caller.appId);
    return fromGraphResponse(routeGraphRequest(ctx, { method: step.method, segments, query, headers: step.headers, body: step.body }));
  } catch (error) {
    return graphFailure(error, ids);
  }
}
