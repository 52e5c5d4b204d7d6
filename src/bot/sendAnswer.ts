import { type InvokeResponse, MessageFactory, type TurnContext } from 'botbuilder';
import type { Logger } from '../logging/createLogger';
import type { Answer } from './answer';
import { toAttachment } from './cardAttachment';

const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_CONTENT_TYPE = 'application/vnd.microsoft.activity.message';

/** Sends an answer as a message in the conversation; the id of the message sent, when Teams gave one. */
export async function sendAsMessage(context: TurnContext, answer: Answer, logger: Logger): Promise<string | undefined> {
  switch (answer.kind) {
    case 'card':
      return (await context.sendActivity(MessageFactory.attachment(toAttachment(answer.card))))?.id;
    case 'text':
      return (await context.sendActivity(MessageFactory.text(answer.text)))?.id;
    case 'none':
      return undefined;
    case 'dialog':
    case 'refused':
      // Only invokes answer with these; a message turn has nobody waiting for them.
      logger.error({ answer: answer.kind }, 'a route answered a message with an invoke-only answer; nothing sent');
      return undefined;
  }
}

/** The invoke response for an answer: a card or text in Universal Actions' body, a dialog, a refusal. */
export function asInvokeResponse(answer: Answer): InvokeResponse {
  switch (answer.kind) {
    case 'card':
      return { status: 200, body: { statusCode: 200, type: CARD_CONTENT_TYPE, value: answer.card } };
    case 'text':
      return { status: 200, body: { statusCode: 200, type: MESSAGE_CONTENT_TYPE, value: answer.text } };
    case 'dialog':
      return { status: 200, body: answer.response };
    case 'refused':
      return { status: answer.status, body: answer.body };
    case 'none':
      return { status: 200 };
  }
}
