// Screenshots of the release notes and notifications with headless Chromium (playwright-core).
// Start the app with its demo data first (./mvnw quarkus:dev), then:
//   NODE_PATH=/path/to/node_modules node docs/screenshots/take-releases.js [http://localhost:8080]
// As paula it moves two suggestions bob follows and answers one, so bob's bell has news.
const { chromium } = require('playwright-core');
const path = require('path');

const base = process.argv[2] || 'http://localhost:8080';
const out = __dirname;

async function signIn(page, user) {
  await page.goto(base + '/logout');
  await page.goto(base + '/login?to=%2F');
  await page.click(`button[name='predefined-${user}']`);
  await page.waitForURL(url => url.toString().startsWith(base));
}

async function shot(page, name, options = {}) {
  await page.screenshot({ path: path.join(out, name), fullPage: true, ...options });
  console.log(name);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const desktop = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  const page = await desktop.newPage();

  await page.goto(base + '/releases');
  await shot(page, 'releases-desktop.png');
  const devRelease = await page.getAttribute('.release-card .channel-dev ~ a.release-version', 'href');
  await page.goto(base + devRelease);
  await shot(page, 'release-desktop.png');

  const phone = await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 800 }, deviceScaleFactor: 2 });
  const phonePage = await phone.newPage();
  await phonePage.goto(base + devRelease);
  await shot(phonePage, 'release-360.png');

  // bob follows suggestions through his votes; paula gives him news about two of them.
  await signIn(page, 'bob');
  await page.goto(base + '/me');
  const followed = await page.$$eval('#following .row-title', links => links.map(a => a.getAttribute('href')));
  await signIn(page, 'paula');
  const statuses = ['PLANNED', 'IN_PROGRESS', 'UNDER_REVIEW'];
  let moved = 0;
  for (const href of followed) {
    if (moved >= 2) break;
    await page.goto(base + href);
    const select = await page.$('select#status');
    if (!select) continue;
    const current = await page.$eval('select#status option[selected]', o => o.value).catch(() => '');
    const to = statuses.find(s => s !== current);
    await page.selectOption('select#status', to);
    await page.fill('textarea#note', '已排进下个开发版。/ Scheduled for the next dev build.');
    await page.click('form[action$="/status"] button[type=submit]');
    if (moved === 0) {
      await page.fill('#comment-body', '感谢建议！我们正在跟进这个问题。\n\nThanks! We are on it.');
      await page.check('input[name=official]');
      await page.click('#comment-form button[type=submit]');
    }
    moved++;
  }
  await page.waitForTimeout(7000); // the delivery job runs every 5 s in dev

  await page.goto(base + '/triage/releases');
  const scheduled = await page.getAttribute('#scheduled .row-title', 'href');
  await page.goto(base + scheduled);
  await shot(page, 'release-editor-desktop.png');

  await signIn(page, 'bob');
  await page.goto(base + '/');
  await shot(page, 'bell-desktop.png', { fullPage: false, clip: { x: 0, y: 0, width: 1280, height: 420 } });
  await page.goto(base + '/me/notifications');
  await shot(page, 'notifications-desktop.png');

  const dark = await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 800 }, deviceScaleFactor: 2,
    colorScheme: 'dark', storageState: await desktop.storageState() });
  const darkPage = await dark.newPage();
  await darkPage.goto(base + '/me/notifications');
  await shot(darkPage, 'notifications-360-dark.png');

  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
