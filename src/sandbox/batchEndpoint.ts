import { GraphError } from './graphError';
import type { GraphResponse } from './graphTypes';

export const MAX_BATCH_REQUESTS = 20;

/** One step of a JSON batch, validated. `url` is relative to the version root. */
export interface BatchStep {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

export interface BatchStepResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export type RunStep = (step: BatchStep) => Promise<BatchStepResponse>;

function invalid(message: string): GraphError {
  return new GraphError(400, 'BadRequest', message);
}

/** Checks the whole payload first: Graph rejects a malformed batch before running any step. */
export function parseBatch(body: unknown): BatchStep[] {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { requests?: unknown }).requests)) {
    throw invalid("Invalid batch payload format: the body must be an object with a 'requests' array.");
  }
  const raw = (body as { requests: unknown[] }).requests;
  if (raw.length === 0) throw invalid('Invalid batch payload format: the batch contains no requests.');
  if (raw.length > MAX_BATCH_REQUESTS) {
    throw invalid(`Invalid batch payload format: the number of requests (${raw.length}) exceeds the limit of ${MAX_BATCH_REQUESTS}.`);
  }
  const steps: BatchStep[] = [];
  const ids = new Set<string>();
  for (const entry of raw) {
    if (typeof entry !== 'object' || entry === null) throw invalid('Invalid batch payload format: each request must be an object.');
    const r = entry as Record<string, unknown>;
    const id = typeof r['id'] === 'number' ? String(r['id']) : r['id'];
    if (typeof id !== 'string' || id.length === 0) throw invalid("Invalid batch payload format: every request needs an 'id'.");
    if (ids.has(id)) throw invalid(`Invalid batch payload format: request id '${id}' is not unique.`);
    ids.add(id);
    if (typeof r['method'] !== 'string' || r['method'].length === 0) throw invalid(`Request id : ${id} has no 'method'.`);
    if (typeof r['url'] !== 'string' || r['url'].length === 0) throw invalid(`Request id : ${id} has no 'url'.`);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(r['url'])) {
      throw invalid(`Request id : ${id} has an absolute url; batch urls are relative, e.g. '/users'.`);
    }
    const headers: Record<string, string> = {};
    if (r['headers'] !== undefined) {
      if (typeof r['headers'] !== 'object' || r['headers'] === null) throw invalid(`Request id : ${id} has invalid headers.`);
      for (const [name, value] of Object.entries(r['headers'] as Record<string, unknown>)) {
        headers[name.toLowerCase()] = String(value);
      }
    }
    const hasBody = r['body'] !== undefined && r['body'] !== null;
    if (hasBody && headers['content-type'] === undefined) {
      throw invalid(`Write request id : ${id} does not contain Content-Type header or body.`);
    }
    const dependsOn = r['dependsOn'] === undefined ? [] : r['dependsOn'];
    if (!Array.isArray(dependsOn) || dependsOn.some((d) => typeof d !== 'string' || !ids.has(d) || d === id)) {
      // dependsOn may only name an earlier request of the same batch.
      throw invalid(`Request id : ${id} has an invalid 'dependsOn'.`);
    }
    steps.push({ id, method: r['method'].toUpperCase(), url: r['url'], headers, body: hasBody ? r['body'] : undefined, dependsOn });
  }
  return steps;
}

/**
 * Runs the steps in request order (a failed dependency gives 424) and answers them in reverse:
 * Graph does not keep the order, so callers must match responses by id.
 */
export async function runBatch(steps: BatchStep[], runStep: RunStep): Promise<GraphResponse> {
  const done = new Map<string, BatchStepResponse>();
  for (const step of steps) {
    const failedDependency = step.dependsOn.find((d) => (done.get(d)?.status ?? 0) >= 400);
    if (failedDependency !== undefined) {
      done.set(step.id, {
        id: step.id,
        status: 424,
        headers: { 'Content-Type': 'application/json' },
        body: { error: { code: 'FailedDependency', message: `Request depends on '${failedDependency}', which failed.` } },
      });
      continue;
    }
    done.set(step.id, await runStep(step));
  }
  return { status: 200, body: { responses: [...done.values()].reverse() } };
}
