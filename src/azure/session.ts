// What preflight and verify share: the signed-in ARM reader, and the rule that a read which fails on Azure's side
// becomes a *-CHECK-001 finding (the run completes) while missing credentials or an unreachable endpoint end the
// command with exit 2 and one line.

import type { TokenCredential } from '@azure/core-auth';
import type { ResolvedFinding } from '../model/findings.js';
import { MigrateError } from '../util/errors.js';
import type { ArmReader } from './arm-reader.js';
import { estateSubject, targetFinding } from './catalogue.js';
import { authError, createCredential, type CredentialKind } from './credential.js';
import type { ArmTarget } from './target.js';

export interface SessionOptions {
  target: ArmTarget;
  subscriptionId: string;
  credentialKind?: CredentialKind;
  /** Tests inject a stand-in credential and reader options here. */
  credential?: TokenCredential;
  ca?: string;
  maxRetries?: number;
  maxRetryDelayMs?: number;
  retryDelayMs?: number;
}

const NETWORK_CODES = /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|REQUEST_SEND_ERROR|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|ERR_TLS_)/;

function errorCode(e: unknown): string {
  const x = e as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = x?.code ?? x?.cause?.code;
  return typeof code === 'string' ? code : '';
}

function describe(e: unknown): string {
  const x = e as { statusCode?: number; code?: string; message?: string };
  const status = x?.statusCode ? `HTTP ${x.statusCode}` : '';
  const code = x?.code && x.code !== 'REQUEST_SEND_ERROR' ? x.code : '';
  return [status, code].filter(Boolean).join(' ') || (x?.message ?? String(e)).split('\n')[0]!.slice(0, 200);
}

export class Session {
  readonly problems: ResolvedFinding[] = [];

  private constructor(
    readonly arm: ArmReader,
    private readonly target: ArmTarget,
    private readonly checkRule: 'PRE-CHECK-001' | 'VER-CHECK-001',
  ) {}

  static async open(o: SessionOptions, checkRule: 'PRE-CHECK-001' | 'VER-CHECK-001'): Promise<Session> {
    const credential = o.credential ?? (await createCredential(o.credentialKind ?? 'default', o.target));
    try {
      await credential.getToken(o.target.scope);
    } catch (e) {
      throw authError(e) ?? new MigrateError('azure.auth', `cannot get a token for ${o.target.endpoint}: ${describe(e)}`, { cause: e });
    }
    const { createArmClient } = await import('./arm-client.js');
    const arm = await createArmClient({ target: o.target, subscriptionId: o.subscriptionId, credential, ca: o.ca, maxRetries: o.maxRetries, maxRetryDelayMs: o.maxRetryDelayMs, retryDelayMs: o.retryDelayMs });
    return new Session(arm, o.target, checkRule);
  }

  /** Runs one read; Azure-side failures become a finding and `undefined`, so the other checks still run. */
  async read<T>(label: string, fn: (arm: ArmReader) => Promise<T>): Promise<T | undefined> {
    try {
      return await fn(this.arm);
    } catch (e) {
      const auth = authError(e);
      if (auth) throw auth;
      const status = (e as { statusCode?: number }).statusCode;
      if (!status && NETWORK_CODES.test(errorCode(e))) {
        throw new MigrateError('azure.endpoint', `cannot reach ${this.target.endpoint}: ${errorCode(e)}`, {
          hint: 'check --cloud or --arm-endpoint, the proxy, and NODE_EXTRA_CA_CERTS for a private CA',
          cause: e,
        });
      }
      this.problems.push(targetFinding(this.checkRule, estateSubject(label), `${label}: ${describe(e)}.`));
      return undefined;
    }
  }
}
