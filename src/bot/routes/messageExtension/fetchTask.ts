import { setTimeout as sleep } from 'node:timers/promises';
import { GROUP_CHAT_MAX_MEMBERS } from '../../../config/teamsChatLimits';
import { isObjectId } from '../../../entra/objectId';
import { ACTION_COMMAND_IDS, readCommandContext } from '../../../messageExtension/actionCommands';
import type { PrefilledPerson } from '../../../messageExtension/messagePrefill';
import { startChatDialog } from '../../../messageExtension/startChatDialog';
import { cardDialog } from '../../../messageExtension/taskModuleResponse';
import { dialogAnswer } from '../../answer';
import { errorCard } from '../../errorCard';
import { requireAllowedTenant } from '../../tenantPolicy';
import type { InvokeInput, InvokeRoute } from '../invokes';
import { RouteDeps } from '../routeDeps';
import { readActionValue } from './actionValue';

/** Listing a chat's members must leave the dialog time within Teams' ~5 s; after this it opens empty. */
export const MEMBER_LISTING_BUDGET_MS = 2_000;

/**
 * `composeExtension/fetchTask`: a person chose "Start a chat about this" on a message, or "Start
 * a chat" in the compose or command box. Answers with the start-chat form in a dialog, filled from
 * the message, or with the group chat's members when started from its compose box.
 */
export function fetchTaskRoute(deps: RouteDeps): InvokeRoute {
  return async (input: InvokeInput) => {
    const { turn, value } = input;
    try {
      requireAllowedTenant(turn, deps.allowedTenantIds);
      const action = readActionValue(value);
      const context = readCommandContext(action.commandContext);
      turn.logger.info({ commandId: typeof action.commandId === 'string' ? action.commandId : undefined, commandContext: context }, 'message extension opened');
      const wantsMembers = action.commandId === ACTION_COMMAND_IDS.startChat && context === 'compose' && turn.conversationType === 'groupChat';
      const conversationMembers = wantsMembers ? membersOf(await listInTime(input, GROUP_CHAT_MAX_MEMBERS), deps) : undefined;
      const body = startChatDialog(deps.cards, {
        commandId: action.commandId,
        commandContext: action.commandContext,
        messagePayload: action.messagePayload,
        requesterId: turn.requesterId,
        objectIds: deps.objectIds,
        peoplePerChat: deps.peoplePerChat,
        ...(conversationMembers ? { conversationMembers } : {}),
      });
      return dialogAnswer(body);
    } catch (error) {
      // A refused tenant or channel: said in the dialog, nothing looked up.
      return dialogAnswer(cardDialog(errorCard(deps.cards, turn, error)));
    }
  };
}

/** The members, or `undefined` when the connector does not answer within the budget. */
async function listInTime(input: InvokeInput, limit: number): Promise<Awaited<ReturnType<InvokeInput['conversation']['listMembers']>>> {
  const giveUp = new AbortController();
  const late = sleep(MEMBER_LISTING_BUDGET_MS, 'late' as const, { signal: giveUp.signal }).catch(() => 'late' as const);
  try {
    const listed = await Promise.race([input.conversation.listMembers(limit), late]);
    if (listed !== 'late') return listed;
    input.turn.logger.info({ budgetMs: MEMBER_LISTING_BUDGET_MS }, 'conversation members not listed in time; the form opens empty');
    return undefined;
  } finally {
    giveUp.abort();
  }
}

function membersOf(members: Awaited<ReturnType<InvokeInput['conversation']['listMembers']>>, deps: RouteDeps): readonly PrefilledPerson[] | undefined {
  if (members === undefined) return undefined;
  return members
    .map((member) => ({ id: (member.aadObjectId ?? '').toLowerCase(), displayName: member.name }))
    .filter((member) => isObjectId(member.id, deps.objectIds));
}
