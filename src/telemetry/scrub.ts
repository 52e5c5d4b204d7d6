/**
 * What may leave the process. HTTP instrumentation records whole URLs, and a Graph or Bot
 * Connector path can hold an address (`/users/adele@contoso.com`) or a name; error texts can too.
 * Paths keep only the API's own words and replace every other segment with `:id`; queries are
 * dropped whole; free text loses anything shaped like an address.
 */

/** Path segments of the APIs the bot calls (Graph, Entra ID, Bot Connector), lower case. */
const API_WORDS = new Set([
  'v1.0', 'beta', 'v3', 'v2.0', 'v1', '$batch', 'chats', 'installedapps', 'appcatalogs', 'teamsapps', 'users', 'groups', 'members',
  'pagedmembers', 'conversations', 'activities', 'attachments', 'oauth2', 'token', 'authorize', '.well-known', 'openid-configuration',
  'discovery', 'instance', 'keys', 'common', 'organizations', 'botframework.com', 'messages', 'api', 'healthz', 'readyz', 'metadata',
  'identity', 'oauth2token', 'v2.1', 'track', 'traces', 'metrics', 'logs', 'teams',
]);

/** Attributes that hold a URL or a part of one (old and stable HTTP semantic conventions). */
const URL_ATTRIBUTES = new Set(['url.full', 'http.url', 'url.path', 'http.target', 'url.original']);
/** Dropped outright: a query string, and request details that are never needed. */
const DROPPED_ATTRIBUTES = new Set(['url.query', 'http.user_agent', 'user_agent.original', 'exception.stacktrace']);

const ADDRESS = /[^\s@/?#&=:;,"'<>()[\]{}]+@[^\s@/?#&=;,"'<>()[\]{}]+/g;

export function scrubPath(path: string): string {
  const withoutQuery = path.split(/[?#]/, 1)[0] ?? '';
  return withoutQuery
    .split('/')
    .map((segment) => (segment === '' || API_WORDS.has(safeDecode(segment).toLowerCase()) ? segment : ':id'))
    .join('/');
}

/** A URL with its path scrubbed and no query; text that is not a URL is scrubbed as a path. */
export function scrubUrl(value: string): string {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}${scrubPath(url.pathname)}`;
  } catch {
    return scrubPath(value);
  }
}

/** Free text (a log message, an error's message): addresses become `[address]`. */
export function scrubText(value: string): string {
  return value.replace(ADDRESS, '[address]');
}

/** One attribute as it may be exported; undefined drops it. */
export function scrubAttribute(key: string, value: unknown): unknown {
  if (DROPPED_ATTRIBUTES.has(key)) return undefined;
  if (typeof value !== 'string') return value;
  if (URL_ATTRIBUTES.has(key)) return key === 'url.path' || key === 'http.target' ? scrubPath(value) : scrubUrl(value);
  return scrubText(value);
}

/** A span's name: HTTP spans may be named after their route or path. */
export function scrubSpanName(name: string): string {
  const space = name.indexOf(' ');
  if (space > 0 && name.slice(space + 1).startsWith('/')) return `${name.slice(0, space)} ${scrubPath(name.slice(space + 1))}`;
  return name.startsWith('/') ? scrubPath(name) : scrubText(name);
}

export function scrubAttributes<T extends Record<string, unknown>>(attributes: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    const scrubbed = scrubAttribute(key, value);
    if (scrubbed !== undefined) out[key] = scrubbed;
  }
  return out as T;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
