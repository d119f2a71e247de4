/// <reference types="vite-plugin-pwa/vanillajs" />
// Entry of the page: mounts the app and, beside it, the offline/update prompt of the service
// worker (vite.config.ts builds the worker; it precaches the page and all its code).
import { mount } from 'svelte';
import { registerSW } from 'virtual:pwa-register';
import App from './App.svelte';
import './global.css';
import UpdatePrompt from './ui/UpdatePrompt.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

const app = mount(App, { target });

// Its own host so the prompt never takes part in the app's layout.
const promptHost = document.createElement('div');
promptHost.className = 'update-prompt-host';
document.body.append(promptHost);
mount(UpdatePrompt, { target: promptHost, props: { register: registerSW } });

export default app;
