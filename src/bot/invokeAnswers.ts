import type { InvokeResponse } from 'botbuilder';

/** Universal Actions' error body type, which Teams shows to the person who clicked. */
const CARD_ACTION_ERROR = 'application/vnd.microsoft.error';

/** A card action whose payload is not one: answered on the card, never in the chat. */
export function malformedCardAction(): InvokeResponse {
  return {
    status: 400,
    body: { statusCode: 400, type: CARD_ACTION_ERROR, value: { code: 'BadRequest', message: 'This card sent something Chat Starter could not read.' } },
  };
}

/**
 * An invoke this bot has no route for. botbuilder answers 501, which the Bot Connector passes on
 * as a server error; this bot says the request is not one it supports (botbuilder's own
 * `NotSupported` answer to an unsupported card action is a 400 too).
 */
export function unsupportedInvoke(): InvokeResponse {
  return { status: 400, body: { code: 'NotSupported', message: 'Chat Starter does not handle this kind of request.' } };
}
