import { randomUUID } from 'node:crypto';
import {
  SignJWT, exportJWK, generateKeyPair, jwtVerify, errors as joseErrors,
  type JWK, type KeyLike,
} from 'jose';
import { GraphError } from './graphError';

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
/** The Bot Connector's resource: a bot's own app registration gets tokens for it to send replies. */
export const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';
/** Graph's well-known application id, which Entra also accepts as an audience. */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const ALGORITHM = 'ES256';

export interface IssueTokenInput {
  tenantId: string;
  clientId: string;
  appDisplayName: string;
  servicePrincipalId: string;
  roles: string[];
  /** 1 = client secret, 2 = certificate (Entra's appidacr). */
  authMethod: '1' | '2';
  /** Default Graph. Tokens for another resource carry no Graph application roles. */
  audience?: string;
}

/** A token for the tenant's own API, shaped as Entra issues it for that API's token version. */
export interface IssueApiTokenInput {
  tenantId: string;
  clientId: string;
  servicePrincipalId: string;
  /** The API's app roles granted to the caller; none: no `roles` claim, as in Entra. */
  roles: string[];
  audience: string;
  version: 1 | 2;
  /** The v2.0 issuer, `<authority>/<tenant>/v2.0` (what the tenant's v2.0 metadata names). */
  v2Issuer: string;
  /** Default the service's lifetime. */
  lifetimeSeconds?: number;
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

export interface VerifiedToken {
  tenantId: string;
  appId: string;
  roles: string[];
}

/**
 * Signs app-only access tokens shaped like Entra's v1 tokens for Graph, and checks them on the
 * Graph side. A new key pair each start: tokens from an earlier run fail as "unknown signature",
 * as they would against another tenant. ES256 because an EC key is generated in ~1 ms.
 */
export class AccessTokenService {
  private constructor(
    private readonly privateKey: KeyLike,
    private readonly publicKey: KeyLike,
    private readonly publicJwk: JWK,
    private readonly lifetimeSeconds: number,
  ) {}

  static async create(lifetimeSeconds: number): Promise<AccessTokenService> {
    const { privateKey, publicKey } = await generateKeyPair(ALGORITHM);
    const jwk = await exportJWK(publicKey);
    const kid = randomUUID().replace(/-/g, '');
    return new AccessTokenService(privateKey, publicKey, { ...jwk, kid, use: 'sig', alg: ALGORITHM }, lifetimeSeconds);
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  static issuerFor(tenantId: string): string {
    return `https://sts.windows.net/${tenantId}/`;
  }

  async issue(input: IssueTokenInput): Promise<IssuedToken> {
    const now = Math.floor(Date.now() / 1000);
    const audience = input.audience ?? GRAPH_AUDIENCE;
    const accessToken = await new SignJWT({
      aio: randomUUID(),
      app_displayname: input.appDisplayName,
      appid: input.clientId,
      appidacr: input.authMethod,
      idp: AccessTokenService.issuerFor(input.tenantId),
      idtyp: 'app',
      oid: input.servicePrincipalId,
      // Application roles are Graph's; Entra puts none in a token for the Bot Framework.
      ...(audience === GRAPH_AUDIENCE ? { roles: input.roles } : {}),
      tid: input.tenantId,
      uti: randomUUID().replace(/-/g, ''),
      ver: '1.0',
    })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', kid: this.publicJwk.kid })
      .setIssuer(AccessTokenService.issuerFor(input.tenantId))
      .setAudience(audience)
      .setSubject(input.servicePrincipalId)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + this.lifetimeSeconds)
      .sign(this.privateKey);
    return { accessToken, expiresIn: this.lifetimeSeconds };
  }

  /**
   * App-only tokens for the tenant's own API. v2.0: `azp`/`azpacr`, issuer `<authority>/<tenant>/v2.0`;
   * v1.0: `appid`/`appidacr`, issuer `https://sts.windows.net/<tenant>/` (Entra's, in every cloud
   * but the national ones).
   */
  async issueForApi(input: IssueApiTokenInput): Promise<IssuedToken> {
    const now = Math.floor(Date.now() / 1000);
    const v2 = input.version === 2;
    const lifetime = input.lifetimeSeconds ?? this.lifetimeSeconds;
    const accessToken = await new SignJWT({
      aio: randomUUID(),
      ...(v2 ? { azp: input.clientId, azpacr: '1' } : { appid: input.clientId, appidacr: '1' }),
      idp: AccessTokenService.issuerFor(input.tenantId),
      oid: input.servicePrincipalId,
      ...(input.roles.length > 0 ? { roles: input.roles } : {}),
      tid: input.tenantId,
      uti: randomUUID().replace(/-/g, ''),
      ver: v2 ? '2.0' : '1.0',
    })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', kid: this.publicJwk.kid })
      .setIssuer(v2 ? input.v2Issuer : AccessTokenService.issuerFor(input.tenantId))
      .setAudience(input.audience)
      .setSubject(input.servicePrincipalId)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + lifetime)
      .sign(this.privateKey);
    return { accessToken, expiresIn: lifetime };
  }

  /** Graph's 401 `InvalidAuthenticationToken` for anything but a valid bearer token of this tenant. */
  async verify(authorization: string | undefined, tenantId: string): Promise<VerifiedToken> {
    const invalid = (message: string): GraphError => new GraphError(401, 'InvalidAuthenticationToken', message);
    if (!authorization) throw invalid('Access token is empty.');
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw invalid('Access token is empty.');
    const token = match[1]!;
    if (token.split('.').length !== 3) {
      throw invalid("IDX14100: JWT is not well formed, there are no dots (.).\nThe token needs to be in JWS or JWE Compact Serialization Format.");
    }
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        algorithms: [ALGORITHM],
        audience: [GRAPH_AUDIENCE, `${GRAPH_AUDIENCE}/`, GRAPH_APP_ID],
        issuer: AccessTokenService.issuerFor(tenantId),
        clockTolerance: 0,
      });
      const roles = Array.isArray(payload['roles']) ? payload['roles'].filter((r): r is string => typeof r === 'string') : [];
      return { tenantId: String(payload['tid']), appId: String(payload['appid']), roles };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw invalid('Lifetime validation failed, the token is expired.');
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'aud') {
        throw invalid('Access token validation failure. Invalid audience.');
      }
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'iss') {
        throw invalid('Access token validation failure. Invalid issuer.');
      }
      if (error instanceof joseErrors.JOSEError) throw invalid('Invalid signature.');
      throw error;
    }
  }
}
