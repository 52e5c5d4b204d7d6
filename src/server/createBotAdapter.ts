import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  TurnContext,
} from 'botbuilder';
import { BotIdentityConfig } from '../config/appConfig';
import { Logger } from '../logging/createLogger';

/**
 * The Bot Framework adapter for the bot's identity. An empty app id turns inbound authentication
 * off entirely (anonymous local mode); `loadConfig` refuses that in production.
 */
export function createBotAdapter(identity: BotIdentityConfig, logger: Logger): CloudAdapter {
  const appType = identity.appType === 'UserAssignedMsi' ? 'UserAssignedMSI' : identity.appType;
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: identity.appId,
    MicrosoftAppPassword: identity.appPassword,
    MicrosoftAppType: appType,
    MicrosoftAppTenantId: identity.tenantId,
  });
  const authentication = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: identity.appId,
      MicrosoftAppTenantId: identity.tenantId,
      // Given together, as the Bot Framework requires when any `To*` setting is overridden.
      ...(identity.channelAuth
        ? {
            ToBotFromChannelOpenIdMetadataUrl: identity.channelAuth.openIdMetadataUrl,
            ToBotFromChannelTokenIssuer: identity.channelAuth.tokenIssuer,
            ToBotFromEmulatorOpenIdMetadataUrl: identity.channelAuth.openIdMetadataUrl,
          }
        : {}),
    },
    credentials,
  );
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Handlers turn expected failures into replies; reaching here is a bug or a connector fault.
    logger.error({ err: error, activityId: context.activity.id, conversationId: context.activity.conversation?.id }, 'unhandled turn error');
    try {
      await context.sendActivity('Sorry, something went wrong on my side. Please try again in a moment.');
    } catch (sendError) {
      logger.error({ err: sendError }, 'could not tell the user about a turn error');
    }
  };
  return adapter;
}
