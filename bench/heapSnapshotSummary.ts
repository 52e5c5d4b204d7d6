import { readFileSync } from 'node:fs';

/**
 * Reads a V8 heap snapshot (`v8.writeHeapSnapshot`) and counts its objects by kind, as the
 * DevTools "Summary" view does: the constructor name for objects and closures, the node type
 * otherwise ("string", "code", "array" …). Two summaries compared show which kinds grow.
 */

export interface KindTotal {
  readonly kind: string;
  readonly count: number;
  readonly selfBytes: number;
}

export interface HeapSummary {
  readonly totalBytes: number;
  readonly nodeCount: number;
  readonly kinds: ReadonlyMap<string, KindTotal>;
}

export interface KindGrowth {
  readonly kind: string;
  readonly countBefore: number;
  readonly countAfter: number;
  readonly bytesBefore: number;
  readonly bytesAfter: number;
}

interface SnapshotFile {
  readonly snapshot: { readonly meta: { readonly node_fields: readonly string[]; readonly node_types: readonly [readonly string[], ...unknown[]] } };
  readonly nodes: readonly number[];
  readonly strings: readonly string[];
}

/** Node types whose name says what they are (a constructor or a system name); the rest are grouped by type. */
const NAMED_TYPES = new Set(['object', 'closure', 'native', 'hidden', 'array', 'object shape', 'synthetic']);

export function summarizeHeapSnapshot(file: string): HeapSummary {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as SnapshotFile;
  const fields = parsed.snapshot.meta.node_fields;
  const typeNames = parsed.snapshot.meta.node_types[0];
  const stride = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  if (typeAt < 0 || nameAt < 0 || sizeAt < 0) throw new Error(`${file} is not a V8 heap snapshot this reader knows`);

  const kinds = new Map<string, { kind: string; count: number; selfBytes: number }>();
  let totalBytes = 0;
  const { nodes, strings } = parsed;
  for (let at = 0; at < nodes.length; at += stride) {
    const type = typeNames[nodes[at + typeAt]!] ?? 'unknown';
    const name = strings[nodes[at + nameAt]!] ?? '';
    const kind = NAMED_TYPES.has(type) ? `${name || '(anonymous)'}${type === 'object' ? '' : ` [${type}]`}` : `(${type})`;
    const size = nodes[at + sizeAt]!;
    totalBytes += size;
    const entry = kinds.get(kind);
    if (entry) {
      entry.count += 1;
      entry.selfBytes += size;
    } else kinds.set(kind, { kind, count: 1, selfBytes: size });
  }
  return { totalBytes, nodeCount: nodes.length / stride, kinds };
}

/** Kinds whose count grew most from `before` to `after` (ties broken by bytes). */
export function growingKinds(before: HeapSummary, after: HeapSummary, limit: number): KindGrowth[] {
  const rows: KindGrowth[] = [];
  for (const [kind, now] of after.kinds) {
    const then = before.kinds.get(kind);
    rows.push({ kind, countBefore: then?.count ?? 0, countAfter: now.count, bytesBefore: then?.selfBytes ?? 0, bytesAfter: now.selfBytes });
  }
  return rows
    .filter((row) => row.countAfter > row.countBefore || row.bytesAfter > row.bytesBefore)
    .sort((a, b) => b.bytesAfter - b.bytesBefore - (a.bytesAfter - a.bytesBefore) || b.countAfter - b.countBefore - (a.countAfter - a.countBefore))
    .slice(0, limit);
}
