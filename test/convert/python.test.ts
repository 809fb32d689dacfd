// Python apps get a v2 scaffold: function_app.py imports cleanly under the real azure-functions library, registers
// one function per planned entry, and its HTTP functions answer like the original handler behind API Gateway.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileTree } from '../../src/util/file-tree.js';
import { REPO, convertEstate } from './support/convert-estate.js';

const PYTHON = path.join(REPO, '.venv/py/bin/python');

// Registers, then calls every HTTP function with a GET carrying the route parameters and compares with the
// original handler run on the equivalent API Gateway (1.0) event.
const CHECK = `
import json, sys, importlib
sys.path.insert(0, '.')
import azure.functions as func
import function_app
out = []
for f in function_app.app.get_functions():
    bindings = [json.loads(b) if isinstance(b, str) else b for b in f.get_bindings_dict()['bindings']]
    trigger = [b for b in bindings if b['type'].endswith('Trigger')][0]
    row = {'name': f.get_function_name(), 'trigger': trigger['type']}
    if trigger['type'] == 'httpTrigger':
        route = trigger.get('route', '')
        params = {p.strip('{}*'): 'daily-sales' for p in route.split('/') if p.startswith('{')}
        url = 'http://localhost/api/' + '/'.join('daily-sales' if p.startswith('{') else p for p in route.split('/'))
        req = func.HttpRequest(method='GET', url=url, headers={}, params={}, route_params=params, body=b'')
        ctx = type('Ctx', (), {'invocation_id': 'req-1'})()
        res = f.get_user_function()(req, ctx)
        row['azure'] = [res.status_code, res.get_body().decode()]
    out.append(row)
print(json.dumps(out))
`;

describe('Python v2 scaffold', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it.runIf(existsSync(PYTHON))('registers every entry and answers HTTP like the original (reports-serverless-python)', async () => {
    const { tree, report } = await convertEstate('reports-serverless-python');
    const out = mkdtempSync(path.join(os.tmpdir(), 'convert-py-'));
    dirs.push(out);
    await writeFileTree(tree, out);
    const apps = [...new Set(report.functions.filter((f) => f.strategy === 'adapter').map((f) => f.app))];
    expect(apps.length).toBeGreaterThan(0);
    const registered: { name: string; trigger: string; azure?: [number, string] }[] = [];
    for (const app of apps) {
      const r = spawnSync(PYTHON, ['-c', CHECK], { cwd: path.join(out, 'apps', app), encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      registered.push(...JSON.parse(r.stdout.trim().split('\n').pop()!));
    }
    const planned = report.functions.flatMap((f) => f.azureFunctions);
    expect(registered.map((r) => r.name).sort()).toEqual([...planned].sort());
    const getReport = registered.find((r) => r.trigger === 'httpTrigger' && r.azure && r.azure[1].includes('location'));
    // reports/api.py get_report answers json.dumps({...}, sort_keys=True) for a known report name.
    expect(getReport?.azure).toEqual([200, '{"location": "s3://reports/daily-sales/latest.csv", "name": "daily-sales"}']);
  });
});
