import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testService } from '../helpers/app.js';

/**
 * The four journeys of the web interface, walked through the pages only, in Debian's Chromium with
 * JavaScript switched off (every core flow must work without it). Tokens and the reviewer's second
 * suggestion are set up through the API, as an administrator would.
 */

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const DOCS = path.join(ROOT, 'docs', 'screenshots');
const CHALLENGE =
  'Vi treng ein partnar som har erfaring med velferdsteknologi i heimetenesta, til dømes digitalt tilsyn og tryggleiksalarmar for eldre som bur heime.';

describe('web journeys in Chromium', () => {
  let svc: Awaited<ReturnType<typeof testService>>;
  let server: Server | undefined;
  let base = '';
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // Never skip: a missing browser must fail CI loudly, not pass it quietly.
    if (!existsSync(CHROMIUM))
      throw new Error(
        `Chromium not found at ${CHROMIUM}: install it with \`apt-get install chromium\` (Debian) and run npm run test:browser again`,
      );
    await mkdir(SHOTS, { recursive: true });
    await mkdir(DOCS, { recursive: true });
    svc = await testService('pglite', { seed: true });
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: svc.app.fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
        resolve(info.port),
      ) as Server;
    });
    base = `http://127.0.0.1:${port}`;
    const make = async (key: string, body: object) => {
      const res = await svc.request('POST', '/v1/tokens', { name: key, ...body });
      expect(res.status).toBe(201);
      tokens[key] = (await res.json()).token;
    };
    await make('Alver kommune', { role: 'municipality', profileIds: ['no-4631-alver'] });
    await make('Indre Fosen kommune', { role: 'municipality', profileIds: ['no-5054-indre-fosen'] });
    await make('Vestland fylkeskommune', { role: 'reviewer', regions: ['Vestland'] });
    await make('KS', { role: 'coordinator' });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await svc?.close();
  });

  /** A fresh browser profile per person: own cookies, no JavaScript, a phone-to-laptop viewport. */
  async function newPage(width = 1280): Promise<Page> {
    const context = await browser!.newContext({
      javaScriptEnabled: false,
      locale: 'nn-NO',
      viewport: { width, height: 900 },
      acceptDownloads: true,
    });
    contexts.push(context);
    return context.newPage();
  }

  async function signIn(page: Page, who: string) {
    if (!page.url().includes('/logg-inn')) await page.goto(`${base}/logg-inn`);
    await page.getByLabel('API-nøkkel').fill(tokens[who]!);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/logg-inn'));
  }

  async function shot(page: Page, name: string, copyTo?: string) {
    const file = path.join(SHOTS, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    if (copyTo) await copyFile(file, path.join(DOCS, copyTo));
  }

  it('a: a municipality describes its challenge in nynorsk, sees ranked partners with reasons and saves one', async () => {
    const page = await newPage();
    await signIn(page, 'Alver kommune');
    await page.getByRole('link', { name: 'Beskriv utfordringa' }).first().click();
    await page.getByLabel('Utfordringa').fill(CHALLENGE);
    await page.getByRole('button', { name: 'Finn partnarar' }).click();
    await page.getByRole('heading', { name: 'Partnarar', exact: true }).waitFor();

    const results = page.locator('ol.results > li');
    expect(await results.count()).toBeGreaterThanOrEqual(3);
    const first = (await results.first().innerText()).replace(/\s+/g, ' ');
    expect(first).toContain('Kvifor:');
    expect(first).toMatch(/Felles tema: .*velferdsteknologi/i);
    expect(first).toContain('Velferdsteknologi');
    const scores = await results.locator('.meta strong').allInnerTexts();
    const numbers = scores.map((s) => Number(s.replace(',', '.')));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(await page.getByRole('heading', { name: 'Program som kan passe' }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('nn');
    await shot(page, 'utfordring', 'utfordring.png');

    const partner = await results.first().locator('h3').innerText();
    await results
      .first()
      .getByRole('button', { name: /Lagre som forslag/ })
      .click();
    await page.getByText('Lagra som forslag.').waitFor();
    await page.getByRole('link', { name: 'Opne forslaget' }).click();
    await page.getByRole('heading', { level: 1, name: `Forslag: Alver kommune – ${partner}` }).waitFor();
    expect(await page.locator('.state').first().innerText()).toBe('Foreslått');
    ids.saved = page.url().split('/').pop()!;
    await shot(page, 'a-municipality-challenge');
  });

  it('b: a reviewer shortlists one suggestion, rejects another with a reason, and sees both in the history', async () => {
    const save = async (candidateId: string) => {
      const res = await svc.request('POST', '/v1/suggestions', {
        seekerId: 'no-4631-alver',
        candidateId,
        text: CHALLENGE,
      });
      expect([200, 201]).toContain(res.status);
      return (await res.json()).id as string;
    };
    ids.shortlist = await save('se-skelleftea-kommun');
    ids.reject = await save('fi-pirkanmaan-hyvinvointialue');

    const page = await newPage();
    await signIn(page, 'Vestland fylkeskommune');
    await page.getByRole('link', { name: 'Gjennomgang' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Gjennomgang' }).waitFor();
    await page.locator(`a[href="/gjennomgang/${ids.shortlist}"]`).click();
    await page.getByLabel('Merknad (valfri)').fill('Godt samsvar på velferdsteknologi.');
    await page.getByRole('button', { name: 'Set på kortlista' }).click();
    await page.getByText('Statusen er endra til «Kortlista».').waitFor();
    const history1 = (await page.locator('table').last().innerText()).replace(/\s+/g, ' ');
    expect(history1).toContain('Foreslått → Kortlista');
    expect(history1).toContain('Godt samsvar på velferdsteknologi.');
    expect(history1).toContain('Vestland fylkeskommune');

    await page.getByRole('link', { name: 'Tilbake til gjennomgangen' }).click();
    await page.locator(`a[href="/gjennomgang/${ids.reject}"]`).click();
    await page
      .getByLabel('Kvifor blir forslaget avvist?')
      .fill('Dei har ikkje kapasitet til nye prosjekt i år.');
    await page.getByRole('button', { name: 'Avvis forslaget' }).click();
    await page.getByText('Statusen er endra til «Avvist».').waitFor();
    const history2 = (await page.locator('table').last().innerText()).replace(/\s+/g, ' ');
    expect(history2).toContain('Foreslått → Avvist');
    expect(history2).toContain('Dei har ikkje kapasitet til nye prosjekt i år.');
    expect(await page.getByRole('button', { name: 'Avvis forslaget' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Tilbake til gjennomgangen' }).click();
    const queue = page.locator('tbody tr');
    const row = (id: string) => queue.filter({ has: page.locator(`a[href="/gjennomgang/${id}"]`) });
    expect(await row(ids.shortlist).locator('.state').innerText()).toBe('Kortlista');
    expect(await row(ids.reject).locator('.state').innerText()).toBe('Avvist');
    await shot(page, 'b-reviewer-queue', 'gjennomgang.png');
  });

  it('c: a coordinator runs a pairing, downloads the CSV and sends the pairs to review', async () => {
    const page = await newPage();
    await signIn(page, 'KS');
    await page.getByRole('link', { name: 'Paringar' }).first().click();
    await page.getByLabel('Optimal (høgaste samla poengsum)').check();
    await page.getByLabel('Minste poengsum for eit par (0–1)').fill('0,3');
    await page.getByRole('button', { name: 'Køyr paringa' }).click();
    await page.waitForURL(/\/paringar\/run_[0-9a-f]{16}$/);
    const pairs = page.locator('table').first().locator('tbody tr');
    expect(await pairs.count()).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { name: 'Utan partnar' }).count()).toBe(1);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Last ned som CSV (Excel)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^partnarsok-run_[0-9a-f]{16}\.csv$/);
    const csv = await readFile(await download.path());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8');
    expect(text).toContain(';');
    expect(text.split('\r\n')[0]).toContain('Donor;');

    await page.getByRole('button', { name: 'Send para til gjennomgang' }).click();
    await page.getByText(/nye forslag er sende til gjennomgang/).waitFor();
    await shot(page, 'c-coordinator-pairing');
  });

  it('d: a municipality in another county cannot open a Vestland suggestion, and its queue does not list it', async () => {
    const page = await newPage(390);
    await page.goto(`${base}/gjennomgang`);
    expect(new URL(page.url()).pathname).toBe('/logg-inn');
    await signIn(page, 'Indre Fosen kommune');
    expect(new URL(page.url()).pathname).toBe('/gjennomgang');
    const queue = await page.locator('main').innerText();
    expect(queue).not.toContain('Alver kommune');
    for (const id of [ids.shortlist, ids.reject, ids.saved].filter(Boolean))
      expect(await page.locator(`a[href="/gjennomgang/${id}"]`).count()).toBe(0);

    const res = await page.goto(`${base}/gjennomgang/${ids.shortlist}`);
    expect(res?.status()).toBe(404);
    await page.getByRole('heading', { level: 1, name: 'Fann ikkje sida' }).waitFor();
    expect(await page.locator('main').innerText()).not.toContain('Skellefteå');
    await shot(page, 'd-other-county-blocked');
  });
});
