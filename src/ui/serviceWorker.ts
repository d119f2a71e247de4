/** The part of `registerSW` (from `virtual:pwa-register`) the update prompt uses; injected so
 * component tests can play the service worker's news without one. */
export interface RegisterHooks {
  onNeedRefresh: () => void;
  onOfflineReady: () => void;
  onRegisterError: (err: unknown) => void;
}

/** Registers the worker; the returned function activates a waiting new version and reloads. */
export type RegisterServiceWorker = (hooks: RegisterHooks) => (reloadPage?: boolean) => Promise<void>;
