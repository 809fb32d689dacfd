// A loopback proxy in front of moto that answers sts:AssumeRole into chosen accounts with AccessDenied, as AWS does
// when a member account lacks the role or its trust policy refuses the caller. Everything else passes through
// unchanged. Bodies are buffered up to 10 MiB; larger requests are refused.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';

const MAX_BODY = 10 * 1024 * 1024;

export interface DenyProxy {
  endpoint: string;
  stop(): Promise<void>;
}

const DENIED = (account: string) =>
  `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${account}:role/OrganizationAccountAccessRole</Message></Error><RequestId>deny-proxy</RequestId></ErrorResponse>`;

export async function startDenyProxy(upstream: string, deniedAccounts: string[]): Promise<DenyProxy> {
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
      const text = decodeURIComponent(body.toString('utf8').replace(/\+/g, ' '));
      const assume = /Action=AssumeRole(&|$)/.test(text) || String(req.headers['x-amz-target'] ?? '').endsWith('.AssumeRole');
      const denied = assume ? deniedAccounts.find((a) => text.includes(`arn:aws:iam::${a}:role/`)) : undefined;
      if (denied) {
        res.writeHead(403, { 'content-type': 'text/xml' }).end(DENIED(denied));
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
