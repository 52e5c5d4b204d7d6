import { MemberLookup } from '../directory/peopleResolver';
import { Logger } from '../logging/createLogger';
import type { Telemetry } from '../telemetry/telemetry';

/** What every handler needs to know about the turn, read once from the activity. */
export interface TurnInfo {
  /** Entra object id of the person who wrote; empty when Teams did not say. */
  readonly requesterId: string;
  /** The person's Teams user id (MRI, `29:…`), which Adaptive Card `refresh.userIds` expects. */
  readonly requesterMri: string;
  /** The Bot Connector this turn came through (`activity.serviceUrl`); proactive posts use it too. */
  readonly serviceUrl: string;
  readonly tenantId: string | undefined;
  readonly channelId: string | undefined;
  readonly conversationId: string;
  readonly conversationType: 'personal' | 'groupChat' | 'channel';
  readonly activityId: string;
  /** The message a card action came from (the card's activity id). */
  readonly cardActivityId: string;
  /** Ties the logs of this turn to what the person is told. */
  readonly correlationId: string;
  readonly lookupMember: MemberLookup;
  /** Aborted when the process stops and its shutdown bound has passed. */
  readonly abortSignal?: AbortSignal;
  /** Work that goes on after the turn answered (a late card update): a stopping process waits for it. */
  readonly keepAlive?: (work: Promise<unknown>) => void;
  readonly logger: Logger;
  /** Where the turn's outcome is counted (refusals); absent in tests that do not look. */
  readonly telemetry?: Telemetry;
}
