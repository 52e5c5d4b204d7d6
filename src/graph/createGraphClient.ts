import { readFileSync } from 'node:fs';
import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential, TokenCredential } from '@azure/identity';
import { AuthenticationHandler, Client, HTTPMessageHandler, TelemetryHandler } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { GraphConfig } from '../config/appConfig';
import { cloudForGraphHost, isKnownAuthorityHost } from '../config/clouds';
import { CachedTokenCredential } from './cachedTokenCredential';

/**
 * The one place the Graph SDK client and its app-only credential are built. Pass the credential
 * when something else (the readiness check) uses it too, so both share one token cache.
 *
 * The SDK's own RetryHandler is left out of the chain on purpose: it retries POST on 503/504,
 * which can duplicate a group chat. Retries are decided by `retryPolicy.ts` instead.
 */
export function createGraphClient(config: GraphConfig, credential: TokenCredential = createCredential(config)): Client {
  const authProvider = new TokenCredentialAuthenticationProvider(credential, { scopes: [`${config.endpoint}/.default`] });
  const authentication = new AuthenticationHandler(authProvider);
  const telemetry = new TelemetryHandler();
  const http = new HTTPMessageHandler();
  authentication.setNext(telemetry);
  telemetry.setNext(http);

  const graphHost = new URL(config.endpoint).hostname;
  return Client.initWithMiddleware({
    middleware: authentication,
    baseUrl: `${config.endpoint}/`,
    defaultVersion: 'v1.0',
    // The SDK attaches the token only to hosts it knows; a private host (the sandbox tenant,
    // a proxy) has to be named, by host name alone.
    ...(cloudForGraphHost(graphHost) ? {} : { customHosts: new Set([graphHost]) }),
  });
}

/** The app's credential for Graph, its token kept in memory until it is due for renewal. */
export function createCredential(config: GraphConfig): TokenCredential {
  return new CachedTokenCredential(createIdentityCredential(config));
}

function createIdentityCredential(config: GraphConfig): TokenCredential {
  const authorityHost = config.authorityHost;
  // MSAL would ask login.microsoftonline.com to "discover" a private authority; this machine
  // (and a sovereign deployment) may not reach it, and a private authority needs no discovery.
  const disableInstanceDiscovery = !isKnownAuthorityHost(new URL(authorityHost).hostname);
  const options = { authorityHost, disableInstanceDiscovery };
  switch (config.credential.kind) {
    case 'secret':
      return new ClientSecretCredential(config.tenantId, config.clientId, config.credential.clientSecret, options);
    case 'certificate':
      return new ClientCertificateCredential(
        config.tenantId,
        config.clientId,
        { certificate: readFileSync(config.credential.certificatePath, 'utf8') },
        options,
      );
    case 'managedIdentity':
      return new ManagedIdentityCredential({ clientId: config.clientId });
  }
}
