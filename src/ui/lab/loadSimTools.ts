/** Loads simTools on first use (see simTools.ts for why it is not loaded with the page); a failed
 * load (offline, never cached) is tried again next time. */
import { retryingImport } from '../chunkLoad';

export const loadSimTools: () => Promise<typeof import('./simTools')> = retryingImport(() => import('./simTools'));
