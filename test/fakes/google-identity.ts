// Google's token service for tests: an RSA key of our own and OIDC tokens signed with it, shaped as Cloud Tasks sends them.
import { createHmac, createSign, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';

export interface TokenHeader {
  alg: string;
  kid?: string;
  typ?: string;
}

export interface TestIdentityIssuer {
  /** What `getFederatedSignonCertsAsync` would answer: key id → PEM public key. */
  certs: Record<string, string>;
  /** The same key as Google's JSON Web Key Set (https://www.googleapis.com/oauth2/v3/certs) lists it. */
  jwks: { keys: JsonWebKey[] };
  /**
   * A signed token for `claims` over Google's usual ones (issuer, issued now, one hour of life, verified e-mail).
   * `header.alg` other than RS256 is signed as that algorithm claims (`none`: no signature; `HS256`: HMAC keyed
   * with the public key, the classic confusion), so refusals can be tested.
   */
  mint(
    claims: Record<string, unknown>,
    options?: { header?: Partial<TokenHeader>; key?: KeyObject; now?: Date },
  ): string;
  /** Another key, unknown to `certs`: a token signed with it is a forgery. */
  strangerKey: KeyObject;
}

const KID = 'test-key-1';

function segment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function rsaKey(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

export function testIdentityIssuer(): TestIdentityIssuer {
  const { privateKey, publicKey } = rsaKey();
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return {
    certs: { [KID]: publicPem },
    jwks: { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' }] },
    strangerKey: rsaKey().privateKey,
    mint(claims, options = {}) {
      const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
      const header: TokenHeader = { alg: 'RS256', kid: KID, typ: 'JWT', ...options.header };
      const payload = {
        iss: 'https://accounts.google.com',
        sub: '104857600000000000001',
        email_verified: true,
        iat,
        exp: iat + 3600,
        ...claims,
      };
      const signed = `${segment(header)}.${segment(payload)}`;
      if (header.alg === 'none') return `${signed}.`;
      if (header.alg === 'HS256')
        return `${signed}.${createHmac('sha256', publicPem).update(signed).digest('base64url')}`;
      return `${signed}.${createSign('RSA-SHA256')
        .update(signed)
        .sign(options.key ?? privateKey, 'base64url')}`;
    },
  };
}
