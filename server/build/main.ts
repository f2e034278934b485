/**
 * `npm run build`: builds the hook bundle and the web app (each only when its inputs changed;
 * `--force` rebuilds both).
 */
import { buildHooks, hookBundlePath } from './buildHooks.js';
import { buildWeb, publicDir } from './buildWeb.js';

async function main(): Promise<void> {
  const force = process.argv.includes('--force');
  const hooks = await buildHooks({ force });
  console.log(`${hooks ? '已构建 (built)' : '无变化 (up to date)'}: ${hookBundlePath}`);
  const web = await buildWeb({ force });
  console.log(`${web ? '已构建 (built)' : '无变化 (up to date)'}: ${publicDir}`);
}

main().catch((e: unknown) => {
  console.error(`构建失败 (build failed): ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
