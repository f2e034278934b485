// A dev-server plugin for the browser tests: serves CommonJS packages (ajv and its plugins) as ES
// modules, the way Vite's dependency pre-bundling does for the app. All listed entry points are
// bundled together by esbuild with shared chunks, so they share one copy of every module (ajv-formats
// must use the same ajv code generator as ajv itself). Built once per test run, in memory.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';

const prefix = '/__commonjs__/';
const identifier = /^[A-Za-z_$][\w$]*$/;

/** @param {string[]} specifiers bare import specifiers of CommonJS modules, e.g. `ajv/dist/2020.js` */
export function commonjsPackages(specifiers, rootDir = process.cwd()) {
  const require = createRequire(path.join(rootDir, 'package.json'));
  const entryName = (specifier) => specifier.replace(/[^\w]/g, '_');
  let outputs;
  const bundle = async () => {
    const wrappers = new Map();
    for (const specifier of specifiers) {
      const names = Object.keys(require(specifier)).filter((n) => identifier.test(n) && n !== 'default' && n !== '__esModule');
      const lines = [`import * as ns from ${JSON.stringify(specifier)};`, 'const m = ns.default ?? ns;', 'export default m;'];
      for (const n of names) lines.push(`export const ${n} = ns[${JSON.stringify(n)}] ?? m[${JSON.stringify(n)}];`);
      wrappers.set(entryName(specifier), lines.join('\n'));
    }
    const result = await build({
      entryPoints: [...wrappers.keys()].map((name) => `wrapper:${name}`),
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      outdir: '/out',
      write: false,
      logLevel: 'warning',
      plugins: [
        {
          name: 'wrappers',
          setup(b) {
            b.onResolve({ filter: /^wrapper:/ }, (args) => ({ path: args.path.slice('wrapper:'.length), namespace: 'wrapper' }));
            b.onLoad({ filter: /.*/, namespace: 'wrapper' }, (args) => ({ contents: wrappers.get(args.path), resolveDir: rootDir, loader: 'js' }));
          },
        },
      ],
    });
    return new Map(result.outputFiles.map((f) => [path.basename(f.path).replace(/^wrapper_/, ''), f.text]));
  };
  return {
    name: 'commonjs-packages',
    resolveImport({ source }) {
      if (specifiers.includes(source)) return `${prefix}${entryName(source)}.js`;
      return undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(prefix)) return undefined;
      outputs ??= bundle();
      const body = (await outputs).get(context.path.slice(prefix.length));
      return body === undefined ? undefined : { body, type: 'js' };
    },
  };
}
