// The page on a phone (390 × 844): the header's title, buttons and intro do not overlap, the page
// never scrolls sideways (cold, after a run, with help or the lab drawer open), and Run brings the
// views — 1,800 px below the settings — into sight.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './helpers.mjs';

const HASH = '#family=math&p=0.9&n=4&structure=decentralized&mode=sync&engine=sim&seed=3&speed=instant';

let browser;
let page;

before(async () => {
  browser = await launch({ viewport: { width: 390, height: 844 } });
  page = browser.page;
  await page.goto(new URL(HASH, browser.baseUrl).href);
  await page.waitForSelector('body[data-ready="true"]');
});

after(async () => {
  await browser?.close();
});

/** The page's width against the window's, and what sticks out past the right edge. */
function sideways() {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      const parent = el.parentElement?.getBoundingClientRect();
      // Report the outermost element that sticks out, not all its children.
      if (r.width > 0 && r.right > innerWidth + 0.5 && !(parent && parent.right > innerWidth + 0.5)) out.push(`${el.tagName.toLowerCase()}.${String(el.className?.baseVal ?? el.className).split(' ')[0]}`);
    }
    return { scrollWidth: document.scrollingElement.scrollWidth, innerWidth, out: out.slice(0, 5) };
  });
}

async function assertNoSideways(when) {
  const s = await sideways();
  assert.ok(s.scrollWidth <= s.innerWidth, `${when}: the page is ${s.scrollWidth} px wide in a ${s.innerWidth} px window (${s.out.join(', ')})`);
}

function overlaps(a, b) {
  return a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
}

test('the header does not overlap and the cold page does not scroll sideways', async () => {
  const boxes = [];
  // The title's text, not its box: a nowrap title spills out of a narrow grid column.
  const title = await page.locator('header h1').evaluate((h) => {
    const range = document.createRange();
    range.selectNodeContents(h);
    const r = range.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  boxes.push(['title', title]);
  assert.ok(title.x >= 0 && title.x + title.width <= 390, 'the title is inside the window');
  const intro = page.locator('header .intro');
  if (await intro.isVisible()) boxes.push(['intro', await intro.boundingBox()]);
  const buttons = page.locator('header button');
  for (let i = 0; i < (await buttons.count()); i++) {
    const b = buttons.nth(i);
    if (!(await b.isVisible())) continue;
    const box = await b.boundingBox();
    boxes.push([`button "${(await b.textContent()).trim()}"`, box]);
    assert.ok(box.x >= 0 && box.x + box.width <= 390, `button "${(await b.textContent()).trim()}" is inside the window`);
  }
  assert.ok(boxes.length >= 4, 'title and buttons are on screen');
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      assert.ok(!overlaps(boxes[i][1], boxes[j][1]), `${boxes[i][0]} overlaps ${boxes[j][0]}`);
    }
  }
  await assertNoSideways('cold open');
});

test('Run scrolls to the views, and the finished run does not scroll sideways', { timeout: 90000 }, async () => {
  assert.equal(await page.evaluate(() => scrollY), 0);
  const teamTop = await page.locator('.panel.team').evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(teamTop > 844, `the team view starts below the first screen (${teamTop} px)`);

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // The click scrolls the Run button into view first, if needed; then Run scrolls to the views.
  await page.waitForFunction(
    () => {
      const r = document.querySelector('.panel.team')?.getBoundingClientRect();
      return r !== undefined && r.top >= 0 && r.top < innerHeight * 0.75;
    },
    null,
    { timeout: 10000 },
  );
  await page.getByTestId('speedup').waitFor({ timeout: 60000 });
  const status = await page.getByTestId('speedup').boundingBox();
  assert.ok(status.y >= 0 && status.y + status.height <= 844, 'the result line is on screen');
  assert.ok(await page.locator('.team g.agent').first().isVisible(), 'the team graph is drawn');
  await assertNoSideways('after a run');
});

test('help and the lab drawer fit the phone', { timeout: 60000 }, async () => {
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: /^(Help|Keyboard shortcuts)/ });
  await help.waitFor();
  const box = await help.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390, `help is inside the window (${box.x}..${box.x + box.width})`);
  await assertNoSideways('help open');
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached' });

  await page.getByTestId('open-lab').click();
  const lab = page.locator('.lab');
  await lab.waitFor({ timeout: 15000 });
  const labBox = await lab.boundingBox();
  assert.ok(labBox.x >= 0 && labBox.x + labBox.width <= 390.5, `the drawer is inside the window (${labBox.x}..${labBox.x + labBox.width})`);
  await assertNoSideways('lab drawer open');
  assert.equal(browser.errors.length, 0, browser.errors.join('\n'));
});
