import {
  CallerIdConstants,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import { BotIdentityConfig } from '../config/appConfig';
import { Logger } from '../logging/createLogger';
import { ChatStarterAdapter } from './chatStarterAdapter';
import { createTurnErrorHandler } from './turnErrorHandler';
import { TypingIndicator } from './typingIndicator';
import { BotCredentialsFactory, PrivateAuthorityCredentialsFactory } from './privateAuthorityCredentials';
import { ChannelKeySet } from './channelKeySet';

/**
 * The public cloud's Bot Framework settings (botframework-connector's `AuthenticationConstants`).
 * Once any of them is overridden the SDK takes *every* setting from configuration and leaves the
 * missing ones undefined (a reply would then have no login URL), so an override fills in the rest.
 */
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: CallerIdConstants.PublicAzureChannel,
} as const;

/**
 * The Bot Framework adapter for the bot's identity. An empty app id turns inbound authentication
 * off entirely (anonymous local mode); `loadConfig` refuses that in production.
 */
export function createBotAdapter(identity: BotIdentityConfig, logger: Logger): ChatStarterAdapter {
  const authentication = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: identity.appId,
      MicrosoftAppTenantId: identity.tenantId,
      ...botFrameworkOverrides(identity),
    },
    credentialsFactory(identity),
  );
  // Anonymous mode checks no token, so it has no key set to look at and no claims to expect.
  const adapter = new ChatStarterAdapter(
    authentication,
    identity.appId === ''
      ? {}
      : {
          keySet: new ChannelKeySet({ metadataUrl: identity.channelAuth?.openIdMetadataUrl ?? PUBLIC_CLOUD.ToBotFromChannelOpenIdMetadataUrl }),
          tokenExpectations: { audience: identity.appId, issuer: identity.channelAuth?.tokenIssuer ?? PUBLIC_CLOUD.ToBotFromChannelTokenIssuer },
        },
  );
  adapter.use(new TypingIndicator(logger));
  adapter.onTurnError = createTurnErrorHandler(logger);
  return adapter;
}

/** Inbound (who may call the bot) and outbound (where the bot gets its reply token) overrides. */
function botFrameworkOverrides(identity: BotIdentityConfig): Record<string, string> {
  if (!identity.channelAuth && identity.loginUrl === undefined) return {};
  return {
    ...PUBLIC_CLOUD,
    ...(identity.channelAuth
      ? {
          ToBotFromChannelOpenIdMetadataUrl: identity.channelAuth.openIdMetadataUrl,
          ToBotFromChannelTokenIssuer: identity.channelAuth.tokenIssuer,
          ToBotFromEmulatorOpenIdMetadataUrl: identity.channelAuth.openIdMetadataUrl,
        }
      : {}),
    ...(identity.loginUrl !== undefined ? { ToChannelFromBotLoginUrl: identity.loginUrl } : {}),
  };
}

function credentialsFactory(identity: BotIdentityConfig): BotCredentialsFactory {
  if (identity.loginUrl !== undefined && identity.appId !== '') {
    return new PrivateAuthorityCredentialsFactory(identity.appId, identity.appPassword);
  }
  // Anonymous mode has no identity, so no tenant: the SDK takes no app type but MultiTenant for it.
  const appType = identity.appId === '' ? 'MultiTenant' : identity.appType === 'UserAssignedMsi' ? 'UserAssignedMSI' : identity.appType;
  return new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: identity.appId,
    MicrosoftAppPassword: identity.appPassword,
    MicrosoftAppType: appType,
    MicrosoftAppTenantId: identity.tenantId,
  });
}
