// The typed Bicep model: every generated .bicep file is built from these nodes and rendered by render.ts only.

export type Expr =
  | { k: 'str'; value: string }
  | { k: 'interp'; parts: (string | Expr)[] }
  | { k: 'num'; value: number }
  | { k: 'bool'; value: boolean }
  | { k: 'null' }
  | { k: 'obj'; props: ObjProp[] }
  | { k: 'arr'; items: Expr[] }
  /** A symbol: a param, var, resource, module or loop variable name. */
  | { k: 'sym'; name: string }
  | { k: 'member'; target: Expr; name: string }
  | { k: 'index'; target: Expr; index: Expr }
  | { k: 'call'; fn: string; args: Expr[] }
  | { k: 'binary'; op: '==' | '!=' | '&&' | '||' | '??' | '+' | '-' | '*'; left: Expr; right: Expr }
  | { k: 'ternary'; cond: Expr; then: Expr; else: Expr }
  | { k: 'for'; item: string; index?: string; source: Expr; body: Expr; filter?: Expr };

export interface ObjProp {
  key: string;
  /** An interpolated key, e.g. `'${uami.id}': {}`; `key` then only names it for duplicate checks. */
  keyExpr?: Expr;
  value: Expr;
}

export interface Decorator {
  name: string;
  args: Expr[];
}

export type BicepType = 'string' | 'int' | 'bool' | 'object' | 'array';

/** `[for (item, index) in source: { ... }]`: one resource or module per element of `source`. */
export interface DeclLoop {
  item: string;
  index?: string;
  source: Expr;
}

export type Decl =
  | { kind: 'targetScope'; scope: 'subscription' | 'resourceGroup' | 'managementGroup' | 'tenant' }
  | { kind: 'comment'; text: string }
  | { kind: 'param'; name: string; type: BicepType; default?: Expr; decorators?: Decorator[] }
  | { kind: 'var'; name: string; value: Expr; decorators?: Decorator[] }
  | {
      kind: 'resource';
      name: string;
      /** `Microsoft.Web/sites` */
      type: string;
      apiVersion: string;
      existing?: boolean;
      /** Symbolic name of the parent resource. */
      parent?: string;
      scope?: Expr;
      /** Symbolic names this resource must wait for beyond its implicit references. */
      dependsOn?: string[];
      condition?: Expr;
      loop?: DeclLoop;
      /** The body's properties (name, location, properties, ...) in output order. */
      body: ObjProp[];
      decorators?: Decorator[];
    }
  | {
      kind: 'module';
      name: string;
      path: string;
      /** The deployment name. */
      deploymentName: Expr;
      scope?: Expr;
      params: ObjProp[];
      dependsOn?: string[];
      condition?: Expr;
      loop?: DeclLoop;
      decorators?: Decorator[];
    }
  | { kind: 'output'; name: string; type: BicepType; value: Expr; decorators?: Decorator[] };

export interface BicepFile {
  /** Path in the output tree, e.g. `infra/main.bicep`. */
  path: string;
  /** One or two lines on the module's role, rendered as leading comments. */
  header: string[];
  decls: Decl[];
}
