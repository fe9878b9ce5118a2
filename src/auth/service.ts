import { randomBytes } from 'node:crypto';
import type { Database } from '../storage/database.js';
import {
  countActiveTokens,
  findActiveToken,
  findActiveTokenById,
  insertToken,
  listTokens,
  revokeToken,
  type TokenRecord,
} from '../storage/tokens.js';
import { generateToken, hashToken, safeEqual, type Principal, type Role, type Scope } from './tokens.js';

const ADMIN_TOKEN_ID = 'env:ADMIN_TOKEN';
const adminPrincipal = (): Principal => ({
  tokenId: ADMIN_TOKEN_ID,
  role: 'admin',
  name: 'ADMIN_TOKEN',
  scope: {},
});

/** Issues, checks and revokes API tokens. */
export class TokenService {
  constructor(
    private readonly db: Database,
    private readonly adminToken: string | undefined,
  ) {}

  /** The caller behind a bearer token, or undefined for an unknown or revoked token. */
  async authenticate(token: string): Promise<Principal | undefined> {
    if (this.adminToken && safeEqual(token, this.adminToken)) return adminPrincipal();
    const record = await findActiveToken(this.db, hashToken(token));
    return record
      ? { tokenId: record.id, role: record.role, name: record.name, scope: record.scope }
      : undefined;
  }

  /**
   * The caller behind a token id, or undefined once the token is revoked: web sessions store only
   * the id, so revoking a token signs its sessions out on their next request.
   */
  async principalById(tokenId: string): Promise<Principal | undefined> {
    if (tokenId === ADMIN_TOKEN_ID) return this.adminToken ? adminPrincipal() : undefined;
    const record = await findActiveTokenById(this.db, tokenId);
    return record
      ? { tokenId: record.id, role: record.role, name: record.name, scope: record.scope }
      : undefined;
  }

  /** Creates a token; the secret is returned once and only its hash is kept. */
  async create(name: string, role: Role, scope: Scope = {}): Promise<{ id: string; token: string }> {
    const token = generateToken();
    const id = `tok_${randomBytes(6).toString('hex')}`;
    await insertToken(this.db, { id, name, role, hash: hashToken(token), scope });
    return { id, token };
  }

  /** Lists tokens without their secrets. */
  list(): Promise<TokenRecord[]> {
    return listTokens(this.db);
  }

  /** Revokes a token; false when it does not exist or is already revoked. */
  revoke(id: string): Promise<boolean> {
    return revokeToken(this.db, id);
  }

  /**
   * On a first start with no ADMIN_TOKEN and no usable token, creates an admin token so the
   * service is usable at once; returns it so the caller can print it once.
   */
  async bootstrap(): Promise<string | undefined> {
    if (this.adminToken || (await countActiveTokens(this.db)) > 0) return undefined;
    return (await this.create('initial admin token', 'admin')).token;
  }
}
