// The TypeScript compiler that ts-morph bundles, imported directly: convert parses handlers with the compiler API
// only, and loading ts-morph itself costs about 0.55 s more per process. Same version, same types as ts-morph's `ts`.
declare module '@ts-morph/common/dist/typescript.js' {
  import { ts } from 'ts-morph';
  export = ts;
}
