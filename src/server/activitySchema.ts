import { isCardActionValue } from '../bot/cardActionValue';
import { isJsonRecord } from '../bot/jsonRecord';

/**
 * The fields of an incoming activity that the bot and the Bot Framework SDK read, typed before
 * the adapter sees the activity. Unknown fields pass through untouched; a known field of the
 * wrong shape makes the whole activity invalid (the SDK would otherwise throw deep inside, e.g.
 * on a `serviceUrl` that is not a string, and answer 500 with its internal message).
 *
 * Written as a few small rules rather than with a schema library: this runs on every request,
 * and zod (some 95 modules, about 6 MiB of the bot's memory at rest) is then loaded only by the
 * features that need it, on their first use. Problems are named as zod names them
 * (`invalid_type`, `too_big`, `too_small`, `custom`).
 */

interface ValidChannelAccount {
  readonly id: string;
  readonly name?: string;
  readonly aadObjectId?: string;
  readonly role?: string;
  readonly [field: string]: unknown;
}

export interface ValidActivity {
  readonly type: string;
  readonly id?: string;
  readonly name?: string;
  readonly serviceUrl: string;
  readonly channelId: string;
  readonly from: ValidChannelAccount;
  readonly recipient?: ValidChannelAccount;
  readonly conversation: { readonly id: string; readonly tenantId?: string; readonly conversationType?: string; readonly isGroup?: boolean; readonly [field: string]: unknown };
  readonly channelData?: { readonly tenant?: { readonly id?: string; readonly [field: string]: unknown }; readonly [field: string]: unknown };
  readonly text?: string;
  readonly textFormat?: string;
  readonly locale?: string;
  readonly replyToId?: string;
  readonly entities?: readonly { readonly type: string; readonly text?: string; readonly mentioned?: ValidChannelAccount; readonly [field: string]: unknown }[];
  readonly membersAdded?: readonly ValidChannelAccount[];
  readonly membersRemoved?: readonly ValidChannelAccount[];
  readonly attachments?: readonly { readonly contentType: string; readonly [field: string]: unknown }[];
  readonly value?: unknown;
  readonly [field: string]: unknown;
}

export type ActivityCheck = { readonly ok: true; readonly activity: ValidActivity } | { readonly ok: false; readonly problems: readonly string[] };

/** Records what is wrong with `value` (found at `path`) in `problems`; nothing when it fits. */
type Rule = (value: unknown, path: string, problems: string[]) => void;

function report(problems: string[], path: string, code: string): void {
  problems.push(`${path || '(root)'}: ${code}`);
}

function text(max: number, min = 0): Rule {
  return (value, path, problems) => {
    if (typeof value !== 'string') report(problems, path, 'invalid_type');
    else if (value.length > max) report(problems, path, 'too_big');
    else if (value.length < min) report(problems, path, 'too_small');
  };
}

const anyText: Rule = (value, path, problems) => {
  if (typeof value !== 'string') report(problems, path, 'invalid_type');
};

const flag: Rule = (value, path, problems) => {
  if (typeof value !== 'boolean') report(problems, path, 'invalid_type');
};

function optional(rule: Rule): Rule {
  return (value, path, problems) => {
    if (value !== undefined) rule(value, path, problems);
  };
}

/** An object with these fields; other fields are allowed and left as they are. */
function looseObject(fields: Readonly<Record<string, Rule>>): Rule {
  const entries = Object.entries(fields);
  return (value, path, problems) => {
    if (!isJsonRecord(value)) return report(problems, path, 'invalid_type');
    for (const [field, rule] of entries) rule(value[field], path === '' ? field : `${path}.${field}`, problems);
  };
}

function list(item: Rule, max: number): Rule {
  return (value, path, problems) => {
    if (!Array.isArray(value)) return report(problems, path, 'invalid_type');
    if (value.length > max) return report(problems, path, 'too_big');
    value.forEach((element, index) => item(element, `${path}.${index}`, problems));
  };
}

function httpUrl(max: number): Rule {
  const bounded = text(max);
  return (value, path, problems) => {
    const before = problems.length;
    bounded(value, path, problems);
    if (problems.length === before && !isHttpUrl(value as string)) report(problems, path, 'custom');
  };
}

const ID = text(1_024);
const OPTIONAL_TEXT = optional(text(1_024));

const channelAccount = looseObject({ id: ID, name: OPTIONAL_TEXT, aadObjectId: OPTIONAL_TEXT, role: OPTIONAL_TEXT });

const entity = looseObject({ type: text(256), text: optional(text(4_096)), mentioned: optional(channelAccount) });

const activityShape = looseObject({
  type: text(64, 1),
  id: optional(ID),
  name: optional(text(256)),
  serviceUrl: httpUrl(2_048),
  channelId: text(64, 1),
  from: channelAccount,
  recipient: optional(channelAccount),
  conversation: looseObject({ id: text(1_024, 1), tenantId: OPTIONAL_TEXT, conversationType: OPTIONAL_TEXT, isGroup: optional(flag) }),
  channelData: optional(looseObject({ tenant: optional(looseObject({ id: OPTIONAL_TEXT })) })),
  text: optional(anyText),
  textFormat: OPTIONAL_TEXT,
  locale: OPTIONAL_TEXT,
  replyToId: optional(ID),
  entities: optional(list(entity, 1_000)),
  membersAdded: optional(list(channelAccount, 1_000)),
  membersRemoved: optional(list(channelAccount, 1_000)),
  attachments: optional(list(looseObject({ contentType: text(256) }), 100)),
});

/** Rules across fields, once every field has its shape. */
function checkValue(activity: ValidActivity, problems: string[]): void {
  if (activity.type === 'message' && activity.value !== undefined && !isJsonRecord(activity.value)) report(problems, 'value', 'custom');
  if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action' && !isCardActionValue(activity.value)) report(problems, 'value', 'custom');
}

/** The paths that failed (never the values: they may hold what people wrote). */
export function checkActivity(body: unknown): ActivityCheck {
  const problems: string[] = [];
  activityShape(body, '', problems);
  if (problems.length === 0) checkValue(body as ValidActivity, problems);
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, 5) };
  return { ok: true, activity: body as ValidActivity };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
