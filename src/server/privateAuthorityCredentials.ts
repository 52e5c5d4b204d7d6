import { ClientSecretCredential, TokenCredential } from '@azure/identity';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { isKnownAuthorityHost } from '../config/clouds';

/** The SDK's `ServiceClientCredentialsFactory`, named through the public `botbuilder` surface. */
export type BotCredentialsFactory = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>;
type ServiceClientCredentials = Awaited<ReturnType<BotCredentialsFactory['createCredentials']>>;
type WebResource = Parameters<ServiceClientCredentials['signRequest']>[0];

/**
 * The bot's credentials for its replies when `ToChannelFromBotLoginUrl` names a private or
 * sovereign authority (`<authority>/<tenant>`): a client-secret credential from @azure/identity.
 *
 * Why not the SDK's own password factory: for a login URL outside login.microsoftonline.com(.us)
 * it builds an MSAL client that first asks login.microsoftonline.com to "discover" the authority,
 * which a private authority (the sandbox tenant) cannot pass and an isolated network cannot reach.
 */
export class PrivateAuthorityCredentialsFactory implements BotCredentialsFactory {
  /** One credential per login URL, so its token cache lives as long as the adapter. */
  private readonly credentials = new Map<string, TokenCredential>();

  constructor(private readonly appId: string, private readonly appPassword: string) {}

  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }

  async isAuthenticationDisabled(): Promise<boolean> {
    return this.appId === '';
  }

  async createCredentials(appId: string, audience: string | undefined, loginEndpoint: string): Promise<ServiceClientCredentials> {
    if (!(await this.isValidAppId(appId))) throw new Error('Invalid appId.');
    if (!audience) throw new Error('No OAuth scope for the bot\'s reply token (ToChannelFromBotOAuthScope).');
    return new BearerTokenCredentials(this.credentialFor(loginEndpoint), `${audience.replace(/\/+$/, '')}/.default`);
  }

  private credentialFor(loginEndpoint: string): TokenCredential {
    const existing = this.credentials.get(loginEndpoint);
    if (existing) return existing;
    const url = new URL(loginEndpoint);
    const tenant = url.pathname.split('/').find((segment) => segment !== '');
    if (!tenant) throw new Error(`The bot's login URL names no tenant: ${loginEndpoint}`);
    const credential = new ClientSecretCredential(tenant, this.appId, this.appPassword, {
      authorityHost: url.origin,
      disableInstanceDiscovery: !isKnownAuthorityHost(url.hostname),
    });
    this.credentials.set(loginEndpoint, credential);
    return credential;
  }
}

/** Puts `Authorization: Bearer <token>` on each Bot Connector request. */
class BearerTokenCredentials implements ServiceClientCredentials {
  constructor(private readonly credential: TokenCredential, private readonly scope: string) {}

  async signRequest(webResource: WebResource): Promise<WebResource> {
    const token = await this.credential.getToken(this.scope);
    if (!token) throw new Error(`No token for ${this.scope}`);
    webResource.headers.set('Authorization', `Bearer ${token.token}`);
    return webResource;
  }
}
