// Accessibility: axe-core finds no serious or critical violation on the page's main states (cold
// open, after a run, help open, the lab drawer's tabs, the model panel); every control has an
// accessible name in Chromium's own accessibility tree; the keyboard focus ring is at least 3:1
// against what is behind it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launch } from './helpers.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const HASH = '#family=math&p=0.9&n=4&structure=decentralized&mode=sync&engine=sim&seed=3';

let browser;
let page;

before(async () => {
  browser = await launch();
  page = browser.page;
  await page.goto(new URL(HASH, browser.baseUrl).href);
  await page.waitForSelector('body[data-ready="true"]');
});

after(async () => {
  await browser?.close();
});

/** Serious and critical axe violations on the page as it is now, one line each. */
async function axeProblems() {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

async function assertAxeClean(state) {
  const problems = await axeProblems();
  assert.deepEqual(problems, [], `${state}:\n${problems.join('\n')}`);
}

const CONTROL_ROLES = new Set(['button', 'checkbox', 'combobox', 'listbox', 'radio', 'slider', 'spinbutton', 'switch', 'tab', 'textbox', 'searchbox', 'link', 'menuitem']);

/** Controls in Chromium's accessibility tree that have no name (what a screen reader would read). */
async function unnamedControls() {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const unnamed = nodes.filter((n) => !n.ignored && CONTROL_ROLES.has(n.role?.value) && !String(n.name?.value ?? '').trim());
    const out = [];
    for (const n of unnamed) {
      const { node } = await cdp.send('DOM.describeNode', { backendNodeId: n.backendDOMNodeId });
      out.push(`${n.role.value} <${node.localName} ${(node.attributes ?? []).join(' ').slice(0, 120)}>`);
    }
    return out;
  } finally {
    await cdp.detach();
  }
}

test('cold open: no serious or critical axe violation, every control named', { timeout: 60000 }, async () => {
  await assertAxeClean('cold open');
  assert.deepEqual(await unnamedControls(), []);
  // The error-rate slider is named for what it sets (its label also shows the value).
  const slider = page.getByRole('slider', { name: /Error rate/ });
  assert.equal(await slider.count(), 1, 'the error-rate slider has a name');
});

test('the keyboard focus ring is at least 3:1 against what is behind it', { timeout: 60000 }, async () => {
  await page.locator('h1').click();
  const seen = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const lum = (rgb) => {
        const [r, g, b] = rgb.map((c) => {
          const s = c / 255;
          return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const parse = (css) => {
        const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(css);
        return m ? { rgb: [+m[1], +m[2], +m[3]], a: m[4] === undefined ? 1 : +m[4] } : null;
      };
      // The ring is drawn outside the control, so what is behind it is the nearest opaque ancestor.
      let bg = [255, 255, 255];
      for (let a = el.parentElement; a; a = a.parentElement) {
        const c = parse(getComputedStyle(a).backgroundColor);
        if (c && c.a > 0.9) {
          bg = c.rgb;
          break;
        }
      }
      const st = getComputedStyle(el);
      const color = parse(st.outlineColor);
      const [l1, l2] = [lum(color?.rgb ?? bg), lum(bg)].sort((x, y) => y - x);
      return {
        what: `${el.tagName.toLowerCase()}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 20)}"`,
        visible: el.matches(':focus-visible'),
        style: st.outlineStyle,
        width: parseFloat(st.outlineWidth),
        contrast: (l1 + 0.05) / (l2 + 0.05),
      };
    });
    if (!ring) continue;
    seen.push(ring);
    assert.ok(ring.visible, `${ring.what} matches :focus-visible after Tab`);
    assert.notEqual(ring.style, 'none', `${ring.what} shows a focus outline`);
    assert.ok(ring.width >= 2, `${ring.what}: outline ${ring.width} px`);
    assert.ok(ring.contrast >= 3, `${ring.what}: focus ring contrast ${ring.contrast.toFixed(2)}:1 is below 3:1`);
  }
  assert.ok(seen.length >= 10, `Tab reached ${seen.length} controls`);
});

test('after a run and with help open: no serious or critical axe violation', { timeout: 90000 }, async () => {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.selectOption('select[name="speed"]', 'instant');
  await page.getByTestId('speedup').waitFor({ timeout: 60000 });
  await assertAxeClean('after a run');
  assert.deepEqual(await unnamedControls(), []);

  await page.getByRole('tab', { name: 'Speedup vs n' }).click();
  await assertAxeClean('speedup tab');
  await page.getByRole('tab', { name: 'Metrics' }).click();

  await page.locator('h1').click();
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: /^(Help|Keyboard shortcuts)/ }).waitFor();
  await assertAxeClean('help open');
  await page.keyboard.press('Escape');
});

test('the lab drawer: no serious or critical axe violation on its tabs', { timeout: 120000 }, async () => {
  await page.waitForFunction(() => window.__ltp.state().saved.runs >= 1, null, { timeout: 15000 });
  await page.getByTestId('open-lab').click();
  await page.locator('.lab').waitFor({ timeout: 15000 });
  await page.locator('.runs-panel tr[data-run]').first().waitFor();
  await assertAxeClean('lab drawer, saved runs');
  for (const tab of ['Sweep', 'Import']) {
    await page.getByRole('tab', { name: tab }).click();
    await assertAxeClean(`lab drawer, ${tab}`);
  }
  assert.deepEqual(await unnamedControls(), []);
  assert.equal(browser.errors.length, 0, browser.errors.join('\n'));
});

test('the model panel (WebLLM engine chosen): no serious or critical axe violation', { timeout: 60000 }, async () => {
  await page.goto('about:blank');
  await page.goto(new URL('#family=math&p=0.9&n=2&structure=preassign&mode=sync&engine=webllm&seed=3', browser.baseUrl).href);
  await page.waitForSelector('body[data-ready="true"]');
  await page.locator('.panel.model').waitFor();
  // The catalogue table or the "no WebGPU" explanation, whichever this browser gets.
  await page.waitForFunction(() => (document.querySelector('.panel.model')?.textContent ?? '').trim().length > 40);
  await assertAxeClean('model panel');
  assert.deepEqual(await unnamedControls(), []);
});
