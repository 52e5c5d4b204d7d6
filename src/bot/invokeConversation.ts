import { TeamsInfo, TurnContext } from 'botbuilder';
import { Logger } from '../logging/createLogger';

/** A member of the conversation an invoke came from, as the Bot Connector lists them. */
export interface ConversationMember {
  readonly aadObjectId: string | undefined;
  readonly name: string;
}

/** What an invoke route may ask of the conversation it came from, beyond the activity itself. */
export interface InvokeConversation {
  /**
   * Up to `limit` members of the conversation; `undefined` when the connector cannot list them
   * (e.g. the bot is not in that chat), which routes treat as "no members to offer".
   */
  listMembers(limit: number): Promise<readonly ConversationMember[] | undefined>;
}

const PAGE_SIZE = 100;

export function invokeConversation(context: TurnContext, logger: Logger): InvokeConversation {
  return {
    async listMembers(limit) {
      const members: ConversationMember[] = [];
      let continuationToken: string | undefined;
      try {
        do {
          const page = await TeamsInfo.getPagedMembers(context, PAGE_SIZE, continuationToken);
          for (const member of page.members ?? []) members.push({ aadObjectId: member.aadObjectId, name: member.name ?? '' });
          continuationToken = page.continuationToken || undefined;
        } while (continuationToken !== undefined && members.length < limit);
      } catch (error) {
        logger.info({ err: error }, 'conversation members could not be listed');
        return undefined;
      }
      return members.slice(0, limit);
    },
  };
}
