import { describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserSuite, login, poll, screenshot, searchIn, SERVERS } from './harness';

/**
 * 团干部 in the browser: the county committee looks at the cadre overview and
 * drills into the organizations without a secretary, then runs a township
 * election (龙溪镇, one secretary seat, two candidates for the 差额 vote) from
 * the plan to the higher committee's approval, with dates that satisfy the
 * rules (business date pinned to 2026-11-20, notice 2026-11-10 to 11-14), and
 * finds the elected secretary in the cadre list.
 */

const TODAY = SERVERS.dated.TJ_TODAY;
const EARLY = '2026-11-10';
const TOWNSHIP_ID = 3; // 共青团余庆县龙溪镇委员会 in the demo county
const TITLE = '共青团余庆县龙溪镇第十六次代表大会换届选举（测试）';


const suite = browserSuite('cadres', SERVERS.dated);
const { newPage } = suite;

const item = (scope: Locator, label: string) => scope.locator('.ant-form-item').filter({ has: scope.page().locator('label', { hasText: label }) }).first();

async function fillDate(scope: Locator, label: string, date: string) {
  const input = item(scope, label).locator('input');
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await poll(() => input.inputValue()).toBe(date);
}

async function expectNext(page: Page, label: string) {
  await poll(() => page.getByTestId('next-step').locator('.ant-card-head-title').textContent()).toBe(`下一步：${label}`);
}

/** Fills the date of the next-step card, lets `fill` do the rest, submits and waits for the following step. */
async function recordStep(page: Page, label: string, date: string, then: string | null, fill?: (card: Locator) => Promise<void>) {
  await expectNext(page, label);
  const card = page.getByTestId('next-step');
  await fillDate(card, label === '上级团委审批' ? '批准日期' : '办理日期', date);
  if (fill) await fill(card);
  // The card re-renders while the election refreshes; a native click on the button as it is
  // now avoids Playwright's stability retries racing those re-renders. The outcome is asserted below.
  const button = card.getByTestId('record-step');
  await button.waitFor();
  await button.evaluate((b: HTMLButtonElement) => b.click());
  if (then) await expectNext(page, then);
  else await poll(() => page.getByTestId('next-step').locator('.ant-card-head-title').textContent()).toBe('下一步');
}

describe('cadres: overview and a township election in the browser', () => {
  test('the overview shows the rates and drills into organizations without a secretary', async () => {
    const page = await newPage();
    await login(page, suite.server.url, 'county_admin');
    await page.getByRole('menuitem', { name: '团干部' }).click();
    await page.getByRole('menuitem', { name: '团干部队伍' }).click();
    await page.waitForURL((u) => u.pathname === '/cadres/overview');
    await poll(() => page.getByTestId('staffing-card').textContent()).toContain('配备率');
    await poll(() => page.getByTestId('term-long_overdue').textContent()).toContain('久未换届');
    await page.getByTestId('staffing-card').click();
    const drawer = page.locator('.ant-drawer');
    await poll(() => drawer.locator('.ant-table-row').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await page.getByTestId('onduty-card').click();
    await page.waitForURL((u) => u.pathname === '/cadres/list' && u.searchParams.get('onDuty') === 'false');
    await poll(() => page.locator('.ant-table-row').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  test('the county committee runs an election from plan to approved posts', async () => {
    const page = await newPage();
    await login(page, suite.server.url, 'county_admin');

    // Two eligible cadres of the township (no problems for a post), found through the API with the session.
    const list = (await (await page.request.get(`${suite.server.url}/api/cadres?under=${TOWNSHIP_ID}&ageBand=member_age&pageSize=50`)).json()) as { items: { id: number; name: string }[] };
    const eligible: { id: number; name: string }[] = [];
    for (const c of list.items) {
      const d = (await (await page.request.get(`${suite.server.url}/api/cadres/${c.id}`)).json()) as { name: string; eligibility: { problems: string[] } };
      if (!d.eligibility.problems.length && !eligible.some((e) => e.name === d.name)) eligible.push({ id: c.id, name: d.name });
      if (eligible.length === 2) break;
    }
    expect(eligible).toHaveLength(2);

    // Plan: one secretary seat.
    await page.goto(`${suite.server.url}/cadres/elections?org=${TOWNSHIP_ID}`);
    await page.getByTestId('plan-election').click();
    const dialog = page.getByRole('dialog');
    await poll(() => item(dialog, '组织').textContent()).toContain('龙溪镇');
    await item(dialog, '名称').locator('input').fill(TITLE);
    await fillDate(dialog, '方案日期', '2026-11-01');
    await dialog.getByLabel('minus-circle').last().click();
    await dialog.getByLabel('minus-circle').last().click();
    await poll(() => dialog.getByLabel('minus-circle').count()).toBe(1);
    await dialog.getByRole('button', { name: '制定方案' }).click();
    await page.waitForURL((u) => /^\/cadres\/elections\/\d+$/.test(u.pathname));
    await expectNext(page, '人选推荐');

    // Recommendation: two candidates by 民主推荐.
    for (const c of eligible) {
      // The list refreshes after each recommendation and with each search: search again if the dropdown closed
      // (or its options were replaced) between finding the option and clicking it.
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: c.name }).first();
      for (let attempt = 0; ; attempt++) {
        await searchIn(page.getByTestId('candidate-select'), c.name);
        try {
          await option.waitFor({ timeout: 5_000 });
          await option.click({ timeout: 3_000 });
          break;
        } catch (err) {
          if (attempt === 3) throw err;
          await page.keyboard.press('Escape');
        }
      }
      await page.getByTestId('add-candidate').click();
      await poll(() => page.locator('[data-testid^="candidate-"]').filter({ hasText: c.name }).count()).toBe(1);
    }
    await recordStep(page, '人选推荐', EARLY, '资格审查');

    // Qualification: both qualify.
    for (let i = 0; i < 2; i++) {
      await page.locator('[data-testid^="qualify-"]').nth(i).click();
      const q = page.getByRole('dialog');
      await q.getByRole('button', { name: /保\s*存/ }).click();
      await poll(() => page.getByRole('dialog').count()).toBe(0);
    }
    await poll(() => page.locator('.ant-tag', { hasText: '符合' }).count()).toBe(2);
    await recordStep(page, '资格审查', EARLY, '党委研究');
    await recordStep(page, '党委研究', EARLY, '公示');
    await recordStep(page, '公示', EARLY, '选举大会投票', (card) => fillDate(card, '公示开始日期', EARLY));

    // Vote after the notice: 48 of 50 present; the first candidate gets 40 votes.
    await recordStep(page, '选举大会投票', TODAY, '上级团委审批', async (card) => {
      for (const [label, v] of [['应到会人数', 50], ['实到会人数', 48], ['发出选票', 48], ['收回选票', 48], ['无效票', 0]] as const) {
        await item(card, label).locator('input').fill(String(v));
      }
      await item(card, eligible[0]!.name).locator('input').fill('40');
      await item(card, eligible[1]!.name).locator('input').fill('8');
    });
    await poll(() => page.locator('.ant-tag', { hasText: '当选' }).count()).toBe(1);
    await recordStep(page, '上级团委审批', TODAY, null);
    await poll(() => page.locator('h1 .ant-tag').textContent()).toBe('已完成');

    // The generated minutes open in a printable frame.
    await page.getByTestId('doc-minutes').click();
    await poll(() => page.getByTestId('document-frame').count()).toBe(1);
    await page.keyboard.press('Escape');
    await poll(() => page.getByTestId('document-frame').count()).toBe(0);

    // The elected secretary holds the post in the cadre list.
    await page.goto(`${suite.server.url}/cadres/list?org=${TOWNSHIP_ID}&title=secretary&q=${encodeURIComponent(eligible[0]!.name)}`);
    const row = page.locator('.ant-table-row').filter({ hasText: eligible[0]!.name });
    await poll(() => row.textContent()).toContain('龙溪镇委员会 书记');
    await row.click();
    const drawer = page.locator('.ant-drawer');
    await poll(() => drawer.textContent()).toContain('选举产生');
    await page.keyboard.press('Escape');
    await page.goto(`${suite.server.url}/cadres/overview?org=${TOWNSHIP_ID}`);
    await poll(() => page.getByTestId('staffing-card').textContent()).toContain('配备率');
    await page.waitForTimeout(1000);
    await screenshot(page, 'cadres');
    await page.context().close();
  });
});
