import { randomUUID } from 'node:crypto';
import { Activity, TeamsInfo, TurnContext } from 'botbuilder';
import { MentionRef } from '../commands/command';
import { MemberInfo } from '../directory/peopleResolver';
import { Logger } from '../logging/createLogger';
import type { Telemetry } from '../telemetry/telemetry';
import { TurnInfo } from '../turn/turnInfo';

/** What the process's shutdown hands every turn: its cut signal and a way to keep late work alive. */
export interface TurnLifecycle {
  readonly abortSignal: AbortSignal;
  track(work: Promise<unknown>): unknown;
}

export function readTurnInfo(context: TurnContext, logger: Logger, lifecycle?: TurnLifecycle, telemetry?: Telemetry): TurnInfo {
  const activity = context.activity;
  const tenantId = readTenantId(activity);
  const conversationId = activity.conversation?.id ?? '';
  const activityId = activity.id ?? randomUUID();
  const correlationId = activityId.length <= 64 ? activityId : randomUUID();
  const turnLogger = logger.child({ activityId, conversationId, tenantId, activityType: activity.type });
  return {
    requesterId: (activity.from?.aadObjectId ?? '').toLowerCase(),
    requesterMri: activity.from?.id ?? '',
    serviceUrl: activity.serviceUrl ?? '',
    tenantId,
    channelId: activity.channelId,
    conversationId,
    conversationType: readConversationType(activity),
    activityId,
    cardActivityId: activity.replyToId ?? activityId,
    correlationId,
    lookupMember: (memberId) => lookupMember(context, memberId, turnLogger),
    logger: turnLogger,
    ...(telemetry ? { telemetry } : {}),
    ...(lifecycle ? { abortSignal: lifecycle.abortSignal, keepAlive: (work: Promise<unknown>) => void lifecycle.track(work) } : {}),
  };
}

/**
 * The tenant the activity comes from. Teams names it twice (`conversation.tenantId` and
 * `channelData.tenant.id`); when both are there they must agree, or neither is trusted: an
 * activity crafted with an allowed tenant in one place and another in the other is from no
 * allowed tenant.
 */
export function readTenantId(activity: Partial<Activity>): string | undefined {
  const named = [activity.conversation?.tenantId as unknown, (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id]
    .filter((value) => value !== undefined && value !== null && value !== '');
  if (named.length === 0 || !named.every((value): value is string => typeof value === 'string')) return undefined;
  const ids = new Set(named.map((id) => id.toLowerCase()));
  return ids.size === 1 ? [...ids][0] : undefined;
}

function readConversationType(activity: Partial<Activity>): TurnInfo['conversationType'] {
  const type = activity.conversation?.conversationType;
  if (type === 'groupChat') return 'groupChat';
  if (type === 'channel') return 'channel';
  return 'personal';
}

/** Mentions of users other than the bot, as the parser needs them. */
export function readMentions(activity: Partial<Activity>): MentionRef[] {
  const botId = activity.recipient?.id;
  return (activity.entities ?? [])
    .filter((entity) => entity.type === 'mention')
    .map((entity) => entity as unknown as { mentioned?: { id?: string; name?: string }; text?: string })
    .filter((mention) => mention.mentioned?.id && mention.mentioned.id !== botId && typeof mention.text === 'string')
    .map((mention) => ({ text: mention.text!, id: mention.mentioned!.id!, name: mention.mentioned!.name ?? '' }));
}

async function lookupMember(context: TurnContext, memberId: string, logger: Logger): Promise<MemberInfo | undefined> {
  try {
    const member = await TeamsInfo.getMember(context, memberId);
    return {
      ...(member.aadObjectId ? { aadObjectId: member.aadObjectId } : {}),
      ...(member.tenantId ? { tenantId: member.tenantId } : {}),
    };
  } catch (error) {
    // A member who left, or a tag/team mention: not resolvable, reported to the person as such.
    logger.info({ err: error }, 'mentioned member could not be looked up');
    return undefined;
  }
}
