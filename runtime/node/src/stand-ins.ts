// Real local stand-ins for the data-plane tests, started and stopped inside the test, on 127.0.0.1 only:
// moto (AWS; `MOTO_SERVER` or `moto_server` on PATH), Azurite (Blob and Queue; npm `azurite`) and
// @vercel/cosmosdb-server (Cosmos DB for NoSQL, in this process). Readiness is polled a bounded number of times.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface StandIn {
  stop(): Promise<void>;
}

const POLLS = 150;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(what: string, child: ChildProcess, ready: () => Promise<boolean>, log: () => string): Promise<void> {
  for (let i = 0; i < POLLS; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited early: ${log()}`);
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${what} did not become ready: ${log()}`);
}

function spawnLogged(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return { child, stop, log: () => stderr };
}

export interface Moto extends StandIn {
  endpoint: string;
}

export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const bin = process.env.MOTO_SERVER ?? 'moto_server';
  const p = spawnLogged(bin, ['-H', '127.0.0.1', '-p', String(port)], { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'true' });
  const endpoint = `http://127.0.0.1:${port}`;
  await waitFor('moto_server', p.child, async () => (await fetch(`${endpoint}/moto-api/data.json`)).ok, p.log);
  return { endpoint, stop: p.stop };
}

export interface Azurite extends StandIn {
  blobEndpoint: string;
  queueEndpoint: string;
  /** Azurite's well-known development account, as a connection string. */
  connectionString: string;
}

const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export async function startAzurite(): Promise<Azurite> {
  const [blobPort, queuePort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'azurite-'));
  const main = require.resolve('azurite/dist/src/azurite.js');
  const args = [main, '--silent', '--loose', '--skipApiVersionCheck', '--disableProductStyleUrl', '--location', dir];
  args.push('--blobHost', '127.0.0.1', '--blobPort', String(blobPort), '--queueHost', '127.0.0.1', '--queuePort', String(queuePort), '--tableHost', '127.0.0.1', '--tablePort', String(await freePort()));
  const p = spawnLogged(process.execPath, args, process.env);
  const blobEndpoint = `http://127.0.0.1:${blobPort}/${DEV_ACCOUNT}`;
  const queueEndpoint = `http://127.0.0.1:${queuePort}/${DEV_ACCOUNT}`;
  // Probe by connecting, never by binding: a probe that binds the port could take it from Azurite while it starts.
  const listening = (port: number) => new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
  await waitFor('azurite', p.child, async () => (await listening(blobPort)) && (await listening(queuePort)), p.log);
  return {
    blobEndpoint,
    queueEndpoint,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=${blobEndpoint};QueueEndpoint=${queueEndpoint};`,
    async stop() {
      await p.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CosmosStandIn extends StandIn {
  endpoint: string;
  /** The stand-in accepts any key; this is the emulator's well-known one. */
  key: string;
}

export async function startCosmos(): Promise<CosmosStandIn> {
  const { createHttpServer } = (await import('@vercel/cosmosdb-server')) as { createHttpServer: () => Server };
  const server = createHttpServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    key: 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==',
    stop: () =>
      new Promise<void>((resolve) => {
        (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
