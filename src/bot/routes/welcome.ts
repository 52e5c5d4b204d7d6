import { TurnInfo } from '../../turn/turnInfo';
import { formCard } from '../formCard';
import { helpCard } from '../helpCard';
import { Answer, NO_ANSWER, cardAnswer } from '../answer';
import { isAllowedTenant } from '../tenantPolicy';
import { RouteDeps } from './routeDeps';

/**
 * The bot was added to a conversation: the form in a personal chat, help elsewhere; silence outside
 * allowed tenants, and in chats the bot created itself (installing into them for the kickoff card
 * adds the bot, and the kickoff card is their greeting).
 */
export function createWelcomeRoute(deps: RouteDeps): (turn: TurnInfo) => Promise<Answer> {
  return async (turn) => {
    if (!isAllowedTenant(turn, deps.allowedTenantIds)) return NO_ANSWER;
    if (turn.conversationType !== 'personal' && (await startedByUs(deps, turn))) {
      turn.logger.info('no welcome: the bot created this chat and posts the kickoff card there');
      return NO_ANSWER;
    }
    return cardAnswer(turn.conversationType === 'personal' ? formCard(deps, turn) : helpCard(deps.cards));
  };
}

async function startedByUs(deps: RouteDeps, turn: TurnInfo): Promise<boolean> {
  if (!deps.startedChats) return false;
  try {
    return await deps.startedChats.has(turn.conversationId);
  } catch (error) {
    // Unsure: a help card in a chat we created is a smaller harm than silence where we were invited.
    turn.logger.warn({ err: error }, 'could not tell whether the bot created this chat');
    return false;
  }
}
