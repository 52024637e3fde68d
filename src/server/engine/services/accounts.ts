import { randomBytes, timingSafeEqual } from 'node:crypto';
import { invalidParameter, notFound } from '../errors.js';
import { optionalString } from '../input.js';
import { isSid, newSid } from '../sids.js';
import type { AccountRecord } from '../store/records.js';
import type { AccountResource, AccountWithToken, CreateAccountParams } from '../types.js';
import { Service } from './service.js';

/** Accounts: an AccountSid and the AuthToken that authenticates REST calls (Basic auth). */
export class AccountService extends Service {
  /** Creates an account; the result carries its auth token. */
  create(params: CreateAccountParams = {}): AccountWithToken {
    const sid = params.sid ?? newSid('AC');
    if (!isSid(sid, 'AC')) throw invalidParameter('Sid', `Invalid Sid: expected AC followed by 32 hex digits, got "${sid}"`);
    if (this.model.accounts.get(sid)) throw invalidParameter('Sid', `Account ${sid} already exists`);
    const authToken = optionalString(params.auth_token, 'auth_token', 256) ?? randomBytes(16).toString('hex');
    if (authToken.length < 8) throw invalidParameter('AuthToken', 'Invalid AuthToken: must be at least 8 characters');
    const now = this.now();
    const record = this.core.mutate(() =>
      this.model.accounts.put({
        sid,
        friendly_name: optionalString(params.friendly_name, 'friendly_name', 64) ?? 'Local account',
        auth_token: authToken,
        date_created: now,
        date_updated: now,
      }),
    );
    return { ...this.views.account(record), auth_token: record.auth_token };
  }

  get(sid: string): AccountResource {
    return this.views.account(this.record(sid));
  }

  /** The account with its auth token (for the CLI to print). */
  getWithToken(sid: string): AccountWithToken {
    const record = this.record(sid);
    return { ...this.views.account(record), auth_token: record.auth_token };
  }

  /** The account's AuthToken (it signs capability tokens), or undefined for an unknown account. */
  authToken(sid: string): string | undefined {
    return this.model.accounts.get(sid)?.auth_token;
  }

  list(): AccountResource[] {
    return [...this.model.accounts.values()].map((r) => this.views.account(r));
  }

  /** True when `authToken` is the account's token (constant-time comparison). */
  verify(sid: string, authToken: string): boolean {
    const record = this.model.accounts.get(sid);
    if (!record) return false;
    const expected = Buffer.from(record.auth_token);
    const given = Buffer.from(authToken);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private record(sid: string): AccountRecord {
    const record = this.model.accounts.get(sid);
    if (!record) throw notFound('Account', sid);
    return record;
  }
}
