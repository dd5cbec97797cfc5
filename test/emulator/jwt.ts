/**
 * Compact JWTs signed with HS256 and an emulator secret. Real Entra tokens are RS256, but nothing here needs
 * that: MSAL only decodes the id_token payload, and only the emulator itself verifies access tokens.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** base64url of a UTF-8 string or bytes, without padding. */
export function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

/** Claims of a JWT payload. */
export type JwtClaims = Record<string, unknown>;

/** Sign `claims` as an HS256 JWT with `secret`. */
export function signJwt(claims: JwtClaims, secret: string, kid = 'emulator'): string {
  const head = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid }));
  const body = base64url(JSON.stringify(claims));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** Why a token was refused. */
export type JwtProblem = 'malformed' | 'bad-signature';

/** Verify an HS256 JWT's shape and signature (not its times); returns its claims or the problem. */
export function verifyJwt(token: string, secret: string): { claims: JwtClaims } | { problem: JwtProblem } {
  const parts = token.split('.');
  if (parts.length !== 3) return { problem: 'malformed' };
  const [head, body, sig] = parts as [string, string, string];
  let header: unknown;
  let claims: unknown;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { problem: 'malformed' };
  }
  if (!isObject(header) || header.alg !== 'HS256' || !isObject(claims)) return { problem: 'malformed' };
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { problem: 'bad-signature' };
  return { claims };
}

/** Decode a JWT payload without verifying it (what MSAL does with an id_token). */
export function decodeJwt(token: string): JwtClaims {
  const body = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as JwtClaims;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
