// One spec for every codemod: each `transforms/<name>/__fixtures__/<case>.input.<ext>` must become
// `<case>.output.<ext>` when that transform alone runs through the single-pass driver (handler export `handler`).

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rewriteModule } from './rewrite-module.js';
import { DATA_PLANE_TRANSFORMS } from './transforms/data-plane.js';
import { TRANSFORMS } from './transforms/index.js';
import type { DataResource } from '../../model/plan.js';

const ROOT = path.join(import.meta.dirname, 'transforms');
// The data-plane codemods' fixtures share one set of plan decisions (moved and kept resources of every service).
const DATA_PLANE = JSON.parse(readFileSync(path.join(ROOT, 'data-plane.fixture.json'), 'utf8')) as DataResource[];

describe.each(TRANSFORMS.map((t) => [t.name, t] as const))('codemod %s', (name, transform) => {
  const dir = path.join(ROOT, name, '__fixtures__');
  const cases = readdirSync(dir).filter((f) => /\.input\.[a-z]+$/.test(f)).sort();
  it('has fixture pairs', () => expect(cases.length).toBeGreaterThan(0));
  it.each(cases)('%s', (input) => {
    const output = input.replace('.input.', '.output.');
    const source = readFileSync(path.join(dir, input), 'utf8');
    const dataPlane = DATA_PLANE_TRANSFORMS.includes(transform) ? DATA_PLANE : undefined;
    const result = rewriteModule(input, source, 'handler', [transform], dataPlane);
    expect(result.text).toBe(readFileSync(path.join(dir, output), 'utf8'));
    // Idempotent where it only inserts markers or removes: a second run changes nothing more than the first.
    if (name !== 'aws-sdk-todo' && name !== 'remaining-time-todo') expect(rewriteModule(input, result.text, 'handler', [transform], dataPlane).text).toBe(result.text);
  });
});

describe('handler analysis', () => {
  const analyze = (src: string, file = 'h.js', exp = 'handler') => rewriteModule(file, src, exp, []).analysis;
  it.each([
    ['exports.handler = async (e) => e;', 'exports.handler'],
    ['module.exports.handler = function (e, c, cb) { cb(null, e); };', 'exports.handler'],
    ['async function handler(e) { return e; }\nmodule.exports = { handler };', 'module.exports = { }'],
    ['export const handler = async (e) => e;', 'export const'],
    ['export async function handler(e) { return e; }', 'export function'],
  ])('finds %s', (src, form) => {
    const a = analyze(src);
    expect(a?.ok && a.shape.form).toBe(form);
  });
  it('finds export default', () => {
    const a = analyze('export default async (e) => e;', 'h.mjs', 'default');
    expect(a?.ok && a.shape.form).toBe('export default');
  });
  it.each([
    ['exports.handler = a;\nexports.handler = b;', 'assigned more than once'],
    ['exports.handler = async (event) => event[process.env.FIELD];', 'dynamic event[...]'],
    ['exports.other = async () => 1;', 'unknown export form'],
    ['exports.handler = require("./impl").run;', 'not a function literal'],
  ])('falls back to an adapter for %s', (src, reason) => {
    const a = analyze(src);
    expect(a?.ok).toBe(false);
    expect(a && !a.ok && a.reason).toContain(reason);
  });
});
