import { describe, expect, test } from 'vitest';
import type { BicepFile } from '../../src/emit/bicep/ast.js';
import { arr, call, forEach, interp, num, obj, str, sym } from '../../src/emit/bicep/expr.js';
import { escapeBicepString, renderBicep, renderExpr } from '../../src/emit/bicep/render.js';
import { bicepParser, syntaxProblems } from './support.js';

describe('the Bicep writer', () => {
  test('escapes quote, backslash, interpolation opener and control characters', () => {
    expect(escapeBicepString("it's")).toBe("it\\'s");
    expect(escapeBicepString('C:\\temp')).toBe('C:\\\\temp');
    expect(escapeBicepString('${x} and $y')).toBe('\\${x} and $y');
    expect(escapeBicepString('a\nb\tc\r')).toBe('a\\nb\\tc\\r');
    expect(escapeBicepString('\u0001')).toBe('\\u{1}');
  });

  test('renders interpolation, literal parts inline, and rejects multi-line interpolated expressions', () => {
    expect(renderExpr(interp`func-${str("a'b")}-${sym('token')}`)).toBe("'func-a\\'b-${token}'");
    expect(() => renderExpr(interp`x${obj({ a: num(1) })}`)).toThrow(/multi-line/);
  });

  test('renders objects and arrays on separate lines with two-space indentation and quoted non-identifier keys', () => {
    const text = renderExpr(obj({ name: str('x'), 'azd-service-name': str('api'), items: arr(num(1), obj({})) }));
    expect(text).toBe("{\n  name: 'x'\n  'azd-service-name': 'api'\n  items: [\n    1\n    {}\n  ]\n}");
  });

  test('renders resource and module loops, which parse; a declaration cannot be both a loop and conditional', async () => {
    const file: BicepFile = {
      path: 'x.bicep',
      header: [],
      decls: [
        { kind: 'param', name: 'items', type: 'array' },
        { kind: 'resource', name: 'scopes', type: 'Microsoft.ServiceBus/namespaces/queues', apiVersion: '2024-01-01', existing: true, body: [{ key: 'name', value: sym('r', 'entity') }], loop: { item: 'r', source: sym('items') } },
        {
          kind: 'module',
          name: 'm',
          path: './m.bicep',
          deploymentName: interp`m-${sym('i')}`,
          params: [{ key: 'id', value: { k: 'index', target: sym('scopes'), index: sym('i') } }],
          loop: { item: 'r', index: 'i', source: sym('items') },
        },
      ],
    };
    const text = renderBicep(file);
    expect(text).toContain("resource scopes 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' existing = [for r in items: {\n  name: r.entity\n}]");
    expect(text).toContain("module m './m.bicep' = [for (r, i) in items: {\n  name: 'm-${i}'");
    expect(syntaxProblems((await bicepParser()).parse(text)!.rootNode)).toEqual([]);
    const both = { ...file.decls[1]!, condition: sym('x') } as BicepFile['decls'][number];
    expect(() => renderBicep({ ...file, decls: [both] })).toThrow(/either conditional or a loop/);
  });

  test('rejects what Bicep cannot express', () => {
    expect(() => renderExpr(num(1.5))).toThrow(/integers/);
    expect(() => renderExpr(sym('not-an-identifier'))).toThrow(/identifier/);
    expect(() => renderExpr({ k: 'obj', props: [{ key: 'a', value: num(1) }, { key: 'a', value: num(2) }] })).toThrow(/duplicate/);
  });

  test('a file with every declaration kind parses with tree-sitter-bicep without errors', async () => {
    const file: BicepFile = {
      path: 'x.bicep',
      header: ['A test module.'],
      decls: [
        { kind: 'targetScope', scope: 'subscription' },
        { kind: 'param', name: 'name', type: 'string', default: str("o'brien \\ ${not}"), decorators: [{ name: 'description', args: [str('multi\nline')] }] },
        { kind: 'var', name: 'token', value: call('toLower', call('uniqueString', sym('name'))) },
        {
          kind: 'resource', name: 'st', type: 'Microsoft.Storage/storageAccounts', apiVersion: '2024-01-01', existing: true, body: [{ key: 'name', value: sym('name') }],
        },
        {
          kind: 'resource', name: 'child', type: 'Microsoft.Storage/storageAccounts/blobServices', apiVersion: '2024-01-01', parent: 'st', dependsOn: ['st'],
          condition: { k: 'binary', op: '!=', left: sym('name'), right: str('') },
          body: [
            { key: 'name', value: str('default') },
            { key: 'list', value: forEach('i', call('range', num(0), num(2)), obj({ n: sym('i') })) },
            { key: 'ids', value: obj([['x', undefined]]), keyExpr: undefined },
            { key: 'dyn', value: { k: 'obj', props: [{ key: 'k', keyExpr: interp`${sym('st', 'id')}`, value: obj({}) }] } },
          ],
        },
        { kind: 'module', name: 'm', path: './m.bicep', deploymentName: str('m'), scope: call('resourceGroup', str('rg')), params: [{ key: 'a', value: num(-1) }] },
        { kind: 'output', name: 'o', type: 'string', value: sym('m', 'outputs', 'x') },
      ],
    };
    const text = renderBicep(file);
    const parser = await bicepParser();
    expect(syntaxProblems(parser.parse(text)!.rootNode)).toEqual([]);
    expect(text).toContain("param name string = 'o\\'brien \\\\ \\${not}'");
    expect(text).toContain("resource st 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {");
    expect(text).toContain("= if ((name != '')) {");
    expect(text).toContain("'${st.id}': {}");
    expect(renderBicep(file)).toBe(text);
  });

  test('the parser does flag broken Bicep, so the syntax test can fail', async () => {
    const parser = await bicepParser();
    expect(syntaxProblems(parser.parse("resource x 'A/b@2024-01-01' = {\n  name: 'x\n")!.rootNode).length).toBeGreaterThan(0);
  });

  test('duplicate symbols in one file are an internal error', () => {
    expect(() => renderBicep({ path: 'x', header: [], decls: [{ kind: 'var', name: 'a', value: num(1) }, { kind: 'var', name: 'a', value: num(2) }] })).toThrow(/duplicate/);
  });
});
