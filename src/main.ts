// Entry of the page: mounts the app. Everything else lives in App.svelte and src/ui/.
import { mount } from 'svelte';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

export default mount(App, { target });
