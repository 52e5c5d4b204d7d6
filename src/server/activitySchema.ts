import { isCardActionValue } from '../bot/cardActionValue';

/**
 * The fields of an incoming activity that the bot and the Bot Framework SDK read, typed before
 * the adapter sees the activity. Unknown fields pass through untouched; a known field of the
 * wrong shape makes the whole activity invalid (the SDK would otherwise throw deep inside, e.g.
 * on a `serviceUrl` that is not a string, and answer 500 with its internal message).
 *
 * Checked by the small rules below rather than a zod schema: every activity passes here, and a
 * zod parse copies the whole object and builds its result on the way, for an answer that is
 * nearly always "fine". These rules allocate nothing unless something is wrong, read each field
 * once and return the activity itself. The rules are zod's own: strings are strings within their
 * length (UTF-16 units), objects are non-null non-arrays, optional means absent or `undefined`.
 */
export interface ValidChannelAccount {
  readonly id: string;
  readonly name?: string;
  readonly aadObjectId?: string;
  readonly role?: string;
  readonly [key: string]: unknown;
}

export interface ValidActivity {
  readonly type: string;
  readonly id?: string;
  readonly name?: string;
  readonly serviceUrl: string;
  readonly channelId: string;
  readonly from: ValidChannelAccount;
  readonly recipient?: ValidChannelAccount;
  readonly conversation: {
    readonly id: string;
    readonly tenantId?: string;
    readonly conversationType?: string;
    readonly isGroup?: boolean;
    readonly [key: string]: unknown;
  };
  readonly channelData?: { readonly tenant?: { readonly id?: string; readonly [key: string]: unknown }; readonly [key: string]: unknown };
  readonly text?: string;
  readonly textFormat?: string;
  readonly locale?: string;
  readonly replyToId?: string;
  readonly entities?: readonly { readonly type: string; readonly text?: string; readonly mentioned?: ValidChannelAccount; readonly [key: string]: unknown }[];
  readonly membersAdded?: readonly ValidChannelAccount[];
  readonly membersRemoved?: readonly ValidChannelAccount[];
  readonly attachments?: readonly { readonly contentType: string; readonly [key: string]: unknown }[];
  readonly value?: unknown;
  readonly [key: string]: unknown;
}

export type ActivityCheck = { readonly ok: true; readonly activity: ValidActivity } | { readonly ok: false; readonly problems: readonly string[] };

/** Where a value is wrong and how (zod's issue codes); never the value itself. */
interface Issue {
  readonly path: readonly (string | number)[];
  readonly code: 'invalid_type' | 'too_big' | 'too_small' | 'custom';
}

/** Undefined when the value is fine: the common case costs no allocation. */
type Rule = (value: unknown) => Issue[] | undefined;

const wrongType: Issue[] = [{ path: [], code: 'invalid_type' }];

function string(max: number, min = 0): Rule {
  return (value) => {
    if (typeof value !== 'string') return wrongType;
    if (value.length > max) return [{ path: [], code: 'too_big' }];
    if (value.length < min) return [{ path: [], code: 'too_small' }];
    return undefined;
  };
}

const anyString: Rule = (value) => (typeof value === 'string' ? undefined : wrongType);
const boolean: Rule = (value) => (typeof value === 'boolean' ? undefined : wrongType);

function optional(rule: Rule): Rule {
  return (value) => (value === undefined ? undefined : rule(value));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object with these fields (others pass through). */
function object(fields: Record<string, Rule>): Rule {
  const entries = Object.entries(fields);
  return (value) => {
    if (!isObject(value)) return wrongType;
    let issues: Issue[] | undefined;
    for (const [key, rule] of entries) {
      const found = rule(value[key]);
      if (found) (issues ??= []).push(...within(key, found));
    }
    return issues;
  };
}

function array(item: Rule, max: number): Rule {
  return (value) => {
    if (!Array.isArray(value)) return wrongType;
    if (value.length > max) return [{ path: [], code: 'too_big' }];
    let issues: Issue[] | undefined;
    for (let index = 0; index < value.length; index += 1) {
      const found = item(value[index]);
      if (found) (issues ??= []).push(...within(index, found));
    }
    return issues;
  };
}

function within(key: string | number, issues: readonly Issue[]): Issue[] {
  return issues.map((issue) => ({ path: [key, ...issue.path], code: issue.code }));
}

const httpUrl: Rule = (value) => {
  const shape = string(2_048)(value);
  if (shape) return shape;
  try {
    const url = new URL(value as string);
    return url.protocol === 'https:' || url.protocol === 'http:' ? undefined : [{ path: [], code: 'custom' }];
  } catch {
    return [{ path: [], code: 'custom' }];
  }
};

const id = string(1_024);
const optionalText = optional(string(1_024));

const channelAccount = object({
  id,
  name: optionalText,
  aadObjectId: optionalText,
  role: optionalText,
});

const entity = object({
  type: string(256),
  text: optional(string(4_096)),
  mentioned: optional(channelAccount),
});

const activityShape = object({
  type: string(64, 1),
  id: optional(id),
  name: optional(string(256)),
  serviceUrl: httpUrl,
  channelId: string(64, 1),
  from: channelAccount,
  recipient: optional(channelAccount),
  conversation: object({
    id: string(1_024, 1),
    tenantId: optionalText,
    conversationType: optionalText,
    isGroup: optional(boolean),
  }),
  channelData: optional(object({ tenant: optional(object({ id: optionalText })) })),
  text: optional(anyString),
  textFormat: optionalText,
  locale: optionalText,
  replyToId: optional(id),
  entities: optional(array(entity, 1_000)),
  membersAdded: optional(array(channelAccount, 1_000)),
  membersRemoved: optional(array(channelAccount, 1_000)),
  attachments: optional(array(object({ contentType: string(256) }), 100)),
});

/** What the bot reads of `value`, once the fields above are right. */
function valueIssues(activity: ValidActivity): Issue[] | undefined {
  if (activity.type === 'message' && activity.value !== undefined && !isObject(activity.value)) {
    return [{ path: ['value'], code: 'custom' }];
  }
  if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action' && !isCardActionValue(activity.value)) {
    return [{ path: ['value'], code: 'custom' }];
  }
  return undefined;
}

/** The activity itself when it has the shape; else the paths that failed (never the values: they may hold what people wrote). */
export function checkActivity(body: unknown): ActivityCheck {
  const issues = activityShape(body) ?? valueIssues(body as ValidActivity);
  if (!issues) return { ok: true, activity: body as ValidActivity };
  return { ok: false, problems: issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`) };
}
