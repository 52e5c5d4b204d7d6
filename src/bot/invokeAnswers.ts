import type { Answer } from './answer';

/** Universal Actions' error body type, which Teams shows to the person who clicked. */
const CARD_ACTION_ERROR = 'application/vnd.microsoft.error';

/** A card action whose payload is not one: answered on the card, never in the chat. */
export function malformedCardAction(): Answer {
  return cardActionRefusal('BadRequest', 'This card sent something Chat Starter could not read.');
}

/** An `Action.Submit` or other action type sent as `adaptiveCard/action`: only `Action.Execute` arrives that way. */
export function unsupportedCardAction(type: string): Answer {
  return cardActionRefusal('NotSupported', `The action '${type.slice(0, 64)}' is not supported.`);
}

/**
 * An invoke this bot has no route for. botbuilder answers 501, which the Bot Connector passes on
 * as a server error; this bot says the request is not one it supports (as botbuilder's own
 * `NotSupported` answer to an unsupported card action does, with a 400).
 */
export function unsupportedInvoke(): Answer {
  return { kind: 'refused', status: 400, body: { code: 'NotSupported', message: 'Chat Starter does not handle this kind of request.' } };
}

function cardActionRefusal(code: string, message: string): Answer {
  return { kind: 'refused', status: 400, body: { statusCode: 400, type: CARD_ACTION_ERROR, value: { code, message } } };
}
