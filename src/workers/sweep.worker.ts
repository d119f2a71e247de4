/**
 * Simulated sweeps off the main thread, so the page stays smooth while thousands of runs go by.
 * One worker serves every sweep of a page: its test cache (keyed on file contents) stays warm
 * across sweeps, and tests that miss it run in nested sandbox workers.
 */
import * as Comlink from 'comlink';
import { CachedTestRunner } from '../core/harness/cachedRunner';
import { SandboxTestRunner } from '../platform/sandboxRunner';
import { createSweepApi } from './sweepApi';

export type { SweepBatch, SweepOutcome, SweepWorkerApi, SweepWorkerCallbacks, SweepWorkerRequest } from './sweepApi';

Comlink.expose(createSweepApi(new CachedTestRunner(new SandboxTestRunner())));
