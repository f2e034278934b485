/**
 * Boots a Tongban server: builds the hook bundle, ensures the loader superuser, starts PocketBase,
 * publishes the shipped workflows and loads the demo county. Used by `npm start` and by the tests,
 * so both run the same code.
 */
import { buildHooks } from '../build/buildHooks.js';
import { loadDemoCases } from '../demo/loadDemoCases.js';
import { loadDemoCounty, type DemoLoadReport } from '../demo/loadDemoCounty.js';
import { loadWorkflows } from './loadWorkflows.js';
import { startPocketBaseProcess, type PocketBaseProcess } from './pocketbaseProcess.js';
import { RestClient } from './restClient.js';
import { ensureSuperuser, type SuperuserCredentials } from './superuser.js';

/** Options for {@link bootTongban}. */
export interface BootOptions {
  port: number;
  dataDir: string;
  env?: Record<string, string>;
  inheritOutput?: boolean;
  /** How long to wait for the server to answer (default 60 s; a data folder of a million cases needs longer). */
  readyTimeoutMs?: number;
  /** Load the demo county and accounts (default true). */
  demo?: boolean;
  /** Also create the demo cases through the command routes (default true when `demo`). */
  demoCases?: boolean;
}

/** A booted server. */
export interface BootedTongban {
  server: PocketBaseProcess;
  superuser: SuperuserCredentials;
  /** A REST client signed in as the loader superuser. */
  admin: RestClient;
  demo?: DemoLoadReport;
  workflowsCreated: number;
  demoCasesCreated: number;
}

/** Boots the server and loads what it ships with; idempotent over an existing data folder. */
export async function bootTongban(options: BootOptions): Promise<BootedTongban> {
  await buildHooks();
  const superuser = await ensureSuperuser(options.dataDir);
  const server = await startPocketBaseProcess(options);
  try {
    const admin = new RestClient(server.url);
    await admin.authSuperuser(superuser.email, superuser.password);
    // The demo county first: local rules (overlays) are published only for divisions the org tree holds.
    const demo: DemoLoadReport | undefined = options.demo !== false ? await loadDemoCounty(admin) : undefined;
    const workflowsCreated = await loadWorkflows(admin);
    let demoCasesCreated = 0;
    if (demo && options.demoCases !== false) demoCasesCreated = await loadDemoCases(admin);
    return { server, superuser, admin, demo, workflowsCreated, demoCasesCreated };
  } catch (e) {
    await server.stop();
    throw e;
  }
}
