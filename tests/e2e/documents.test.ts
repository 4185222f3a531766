import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { maskName } from '@tuanjian/domain';
import { ARTIFACTS, browserSuite, login, poll, screenshot, SERVERS } from './harness';

/**
 * Documents (issue 14.5) on a phone (375×812, touch): the branch secretary opens
 * a member in 团员管理 and downloads the 团员证明 — a download, no popup — whose
 * verification code then opens the public page /verify/<code> without login,
 * which says it is genuine and valid with the name masked. Screenshots:
 * test-results/documents-drawer.png, documents-verify.png. The copy is then listed under
 * 已开具证明 in the drawer, with its code.
 */
const suite = browserSuite('documents', SERVERS.small);
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, timezoneId: 'Asia/Shanghai' } as const;

describe('团员证明 on a phone, verified by its code', () => {
  let code = '';
  let name = '';

  test('the secretary downloads a member’s 团员证明 from the member drawer', async () => {
    const page = await suite.newPage({ ...PHONE, acceptDownloads: true });
    await login(page, suite.server.url, 'branch_secretary');
    const member = (await page.evaluate(() => fetch('/api/people?kind=member&pageSize=1').then((r) => r.json()))) as { items: { id: number; name: string }[] };
    const person = member.items[0]!;
    name = person.name;
    await page.goto(`${suite.server.url}/people?person=${person.id}`);
    const button = page.getByTestId('doc-certificate');
    await button.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.locator('.ant-drawer-content-wrapper').screenshot({ path: join(ARTIFACTS, 'documents-drawer.png') });
    const popups: unknown[] = [];
    page.on('popup', (p) => popups.push(p));
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe(`团员证明-${person.name}.pdf`);
    const file = join(mkdtempSync(join(tmpdir(), 'tj-e2e-doc-')), 'certificate.pdf');
    await download.saveAs(file);
    const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, '');
    expect(text).toContain(person.name);
    code = /验证码：([2-9A-HJ-NP-Z-]{14})/.exec(text)?.[1] ?? '';
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(popups).toEqual([]);
    // The copy is listed under 已开具证明 (code, 有效), where it could be revoked.
    await page.getByTestId('doc-issued-open').click();
    const issued = page.locator('.ant-modal').filter({ hasText: '已开具的证明' });
    await poll(() => issued.textContent()).toContain(code);
    expect(await issued.textContent()).toContain('有效');
    await issued.getByRole('button', { name: /作\s*废/ }).waitFor();
  });

  test('anyone verifies it on the public page, without login', async () => {
    const page = await suite.newPage(PHONE);
    await page.goto(`${suite.server.url}/verify/${code.replaceAll('-', '')}`);
    const result = page.getByTestId('verify-result');
    await result.waitFor();
    await poll(() => result.textContent()).toContain('团员证明：真实，有效');
    const shown = (await result.textContent()) ?? '';
    expect(shown).toContain(maskName(name));
    expect(shown).not.toContain(name);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'documents-verify');
    // A made-up code is not genuine.
    await page.getByTestId('verify-code').fill('ABCD-EFGH-JKLM');
    await page.getByRole('button', { name: /核\s*验/ }).click();
    await poll(() => page.getByTestId('verify-result').textContent()).toContain('查无此证明');
  });
});
