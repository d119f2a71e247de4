// Entry of Node's sandbox worker thread. Worker threads do not inherit the parent's TypeScript
// loader, so this plain module registers tsx before loading the TypeScript host.
import { register } from 'tsx/esm/api';

register();
await import('./nodeSandboxHost.ts');
