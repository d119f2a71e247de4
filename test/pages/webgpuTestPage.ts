// Entry of webgpu-test.html: the model panel alone, for checking a device and for the e2e test.
// Query: ?n=<team size>&base=<model base URL>.
import { mount } from 'svelte';
import ModelPanel from '../../src/ui/ModelPanel.svelte';
import type { WebLLMSpec } from '../../src/runtime/modelWorkerClient';

const params = new URLSearchParams(location.search);
const n = Math.max(1, Math.min(8, Number(params.get('n') ?? 3) || 3));
const target = document.getElementById('app');
if (!target) throw new Error('webgpu-test.html has no #app element');

const chosen = document.createElement('pre');
chosen.dataset.testid = 'chosen-spec';

mount(ModelPanel, {
  target,
  props: {
    n,
    baseUrl: params.get('base') ?? '',
    onChoose: (spec: WebLLMSpec) => {
      chosen.textContent = JSON.stringify(spec, null, 2);
    },
  },
});
target.append(chosen);
document.body.dataset.ready = 'true';
