import type { Telemetry } from '../telemetry/telemetry';
import type { ChatKickoff, KickoffOutcome } from './kickoffTypes';

/** The kickoff as it is, with a span around each post and every outcome counted (posted, or why not). */
export function measuredKickoff(kickoff: ChatKickoff, telemetry: Telemetry): ChatKickoff {
  const settled = (outcome: KickoffOutcome): KickoffOutcome => {
    telemetry.kickoffSettled(outcome.kind === 'posted' ? { outcome: 'posted' } : { outcome: 'not_posted', cause: outcome.problem });
    return outcome;
  };
  return {
    refuseAtOnce: (request) => {
      const refused = kickoff.refuseAtOnce(request);
      return refused ? settled(refused) : undefined;
    },
    post: (request, options) => telemetry.inSpan('kickoff.post', async () => settled(await kickoff.post(request, options))),
  };
}
