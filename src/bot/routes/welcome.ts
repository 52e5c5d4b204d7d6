import { TurnInfo } from '../../turn/turnInfo';
import { formCard } from '../formCard';
import { helpCard } from '../helpCard';
import { NO_REPLY, Reply, cardReply } from '../reply';
import { isAllowedTenant } from '../tenantPolicy';
import { RouteDeps } from './routeDeps';

/** The bot was added to a conversation: the form in a personal chat, help elsewhere; silence outside allowed tenants. */
export function createWelcomeRoute(deps: RouteDeps): (turn: TurnInfo) => Reply {
  return (turn) => {
    if (!isAllowedTenant(turn, deps.allowedTenantIds)) return NO_REPLY;
    return cardReply(turn.conversationType === 'personal' ? formCard(deps.cards, turn) : helpCard(deps.cards));
  };
}
