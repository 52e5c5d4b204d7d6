import { z } from 'zod';
import { isCardActionValue } from '../bot/cardActionValue';

/**
 * The fields of an incoming activity that the bot and the Bot Framework SDK read, typed before
 * the adapter sees the activity. Unknown fields pass through untouched; a known field of the
 * wrong shape makes the whole activity invalid (the SDK would otherwise throw deep inside, e.g.
 * on a `serviceUrl` that is not a string, and answer 500 with its internal message).
 */
const id = z.string().max(1_024);
const optionalText = z.string().max(1_024).optional();

const channelAccount = z.looseObject({
  id,
  name: optionalText,
  aadObjectId: optionalText,
  role: optionalText,
});

const httpUrl = z
  .string()
  .max(2_048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

const entity = z.looseObject({
  type: z.string().max(256),
  text: z.string().max(4_096).optional(),
  mentioned: channelAccount.optional(),
});

export const activitySchema = z
  .looseObject({
    type: z.string().min(1).max(64),
    id: id.optional(),
    name: z.string().max(256).optional(),
    serviceUrl: httpUrl,
    channelId: z.string().min(1).max(64),
    from: channelAccount,
    recipient: channelAccount.optional(),
    conversation: z.looseObject({
      id: id.min(1),
      tenantId: optionalText,
      conversationType: optionalText,
      isGroup: z.boolean().optional(),
    }),
    channelData: z
      .looseObject({
        tenant: z.looseObject({ id: optionalText }).optional(),
      })
      .optional(),
    text: z.string().optional(),
    textFormat: optionalText,
    locale: optionalText,
    replyToId: id.optional(),
    entities: z.array(entity).max(1_000).optional(),
    membersAdded: z.array(channelAccount).max(1_000).optional(),
    membersRemoved: z.array(channelAccount).max(1_000).optional(),
    attachments: z.array(z.looseObject({ contentType: z.string().max(256) })).max(100).optional(),
    value: z.unknown().optional(),
  })
  .superRefine((activity, ctx) => {
    if (activity.type === 'message' && activity.value !== undefined && !isRecord(activity.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'a message value must be an object' });
    }
    if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action' && !isCardActionValue(activity.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'not an Action.Execute payload' });
    }
  });

export type ValidActivity = z.infer<typeof activitySchema>;

export type ActivityCheck = { readonly ok: true; readonly activity: ValidActivity } | { readonly ok: false; readonly problems: readonly string[] };

/** The paths that failed (never the values: they may hold what people wrote). */
export function checkActivity(body: unknown): ActivityCheck {
  const parsed = activitySchema.safeParse(body);
  if (parsed.success) return { ok: true, activity: parsed.data };
  return { ok: false, problems: parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
