// A loopback proxy in front of moto that answers some requests itself and passes everything else through unchanged:
// `startDenyProxy` answers sts:AssumeRole into chosen accounts with AccessDenied, as AWS does when a member account
// lacks the role or its trust policy refuses the caller; `startOverrideProxy` takes any answering function (e.g. a
// Lambda call moto does not implement). Bodies are buffered up to 10 MiB; larger requests are refused.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';

const MAX_BODY = 10 * 1024 * 1024;

export interface DenyProxy {
  endpoint: string;
  stop(): Promise<void>;
}

const DENIED = (account: string) =>
  `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${account}:role/OrganizationAccountAccessRole</Message></Error><RequestId>deny-proxy</RequestId></ErrorResponse>`;

/** What the proxy answers itself; `undefined` passes the request through. */
export type Override = (req: IncomingMessage, body: Buffer) => { status: number; headers: Record<string, string>; body: string } | undefined;

export function startDenyProxy(upstream: string, deniedAccounts: string[]): Promise<DenyProxy> {
  return startOverrideProxy(upstream, (req, body) => {
    const text = decodeURIComponent(body.toString('utf8').replace(/\+/g, ' '));
    const assume = /Action=AssumeRole(&|$)/.test(text) || String(req.headers['x-amz-target'] ?? '').endsWith('.AssumeRole');
    const denied = assume ? deniedAccounts.find((a) => text.includes(`arn:aws:iam::${a}:role/`)) : undefined;
    return denied ? { status: 403, headers: { 'content-type': 'text/xml' }, body: DENIED(denied) } : undefined;
  });
}

export async function startOverrideProxy(upstream: string, override: Override): Promise<DenyProxy> {
  const target = new URL(upstream);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const answer = override(req, body);
      if (answer) {
        res.writeHead(answer.status, answer.headers).end(answer.body);
        return;
      }
      const up = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.writeHead(502).end());
      up.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
