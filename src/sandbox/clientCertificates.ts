import { X509Certificate, createHash, type KeyObject } from 'node:crypto';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { entraErrors } from './entraError';

interface RegisteredCertificate {
  publicKey: KeyObject;
  /** base64url SHA-1 of the DER certificate, as in the `x5t` header. */
  x5t: string;
  /** base64url SHA-256 of the DER certificate, as in the `x5t#S256` header. */
  x5tS256: string;
}

export interface AssertionExpectations {
  clientId: string;
  /** Token endpoint URLs the assertion may name as its audience. */
  audiences: string[];
}

/** Certificates registered on the app for `client_assertion` authentication, and the JWT check against them. */
export class ClientCertificateRegistry {
  private readonly certificates: RegisteredCertificate[] = [];

  add(certificatePem: string): void {
    const certificate = new X509Certificate(certificatePem);
    this.certificates.push({
      publicKey: certificate.publicKey,
      x5t: createHash('sha1').update(certificate.raw).digest('base64url'),
      x5tS256: createHash('sha256').update(certificate.raw).digest('base64url'),
    });
  }

  async verifyAssertion(assertion: string, expected: AssertionExpectations): Promise<void> {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(assertion);
    } catch (error) {
      if (error instanceof joseErrors.JOSEError || error instanceof TypeError) throw entraErrors.malformedAssertion();
      throw error;
    }
    const x5t = typeof header.x5t === 'string' ? header.x5t : undefined;
    const x5tS256 = typeof header['x5t#S256'] === 'string' ? header['x5t#S256'] : undefined;
    const registered = this.certificates.find(
      (c) => (x5tS256 !== undefined && c.x5tS256 === x5tS256) || (x5t !== undefined && c.x5t === x5t),
    );
    if (!registered) throw entraErrors.assertionKeyNotRegistered(x5tS256 ?? x5t ?? '');
    try {
      const { payload } = await jwtVerify(assertion, registered.publicKey, {
        algorithms: ['RS256', 'PS256', 'ES256'],
        // Entra allows five minutes of clock skew; MSAL also rounds `nbf` to the nearest second,
        // so an assertion can be up to half a second "from the future".
        clockTolerance: 300,
      });
      if (payload.iss !== expected.clientId || payload.sub !== expected.clientId) {
        throw entraErrors.assertionBadClaims("'iss' and 'sub' must both be the client id");
      }
      const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      if (!audiences.some((aud) => aud !== undefined && expected.audiences.includes(aud))) {
        throw entraErrors.assertionBadClaims(`the audience '${audiences.join(',')}' is not this tenant's token endpoint`);
      }
      if (payload.exp === undefined) throw entraErrors.assertionBadClaims("the 'exp' claim is missing");
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw entraErrors.assertionExpired();
      if (error instanceof joseErrors.JWTClaimValidationFailed) throw entraErrors.assertionExpired();
      if (error instanceof joseErrors.JWSSignatureVerificationFailed) throw entraErrors.assertionInvalidSignature();
      if (error instanceof joseErrors.JOSEError) throw entraErrors.malformedAssertion();
      throw error;
    }
  }
}
