import { sql } from 'drizzle-orm';
import { DEFAULT_INDICATORS, DEFAULT_REPORT_FIGURES, DEFAULT_REPORT_SECTIONS, figuresAsOf, resolveRules, type ReportStatus } from '@tuanjian/domain';
import type { Tx } from '../db/connection.js';
import { query } from '../db/sql.js';
import { computeFigures } from '../modules/reports/figures.js';
import { Rng } from './random.js';

/** Paragraph starts per section, filled with the township's name (deterministic by Rng). */
const TEXTS: Record<string, string[]> = {
  work: [
    '{org}紧扣党建带团建主线，本期召开团委会议{n}次，指导各村（社区）团支部规范开展“三会两制一课”，组织青年志愿服务活动{m}场。',
    '{org}围绕乡镇团的组织格局创新，推动村级团支部全覆盖，完成团员教育评议和团籍注册，组织主题团日{n}次。',
  ],
  experience: [
    '探索“支部+合作社”模式，依托青年创业园吸纳返乡青年入团，建立流动团员“线上团支部”。',
    '实行团干部联系青年制度，每名兼职团干部联系{n}名青年，开展“青年夜校”，青年参与率明显提高。',
  ],
  problems: [
    '部分村团支部书记由村干部兼任，精力有限；外出务工青年多，组织生活到会率偏低。',
    '非公企业和新社会组织建团积极性不高，“三新”领域团组织覆盖面仍然较窄；团务经费保障不足。',
  ],
  plans: [
    '下一步将重点推进“三新”领域建团，年内新建团组织{n}个；加强团干部培训，落实团干部在岗履职。',
    '抓好青年大学习组织动员，力争参学率稳定在80%以上；完善团员发展计划，严格程序，控制总量。',
  ],
  weak: [
    '团员发展与推优入党衔接不够紧密；团组织活动阵地利用率不高。',
    '团干部配备仍有缺口，个别村团支部书记长期空缺；团费收缴不够及时。',
  ],
  sensitive: [
    '超龄未离团团员{n}人正在办理离团手续；流动团员{m}人尚未接转组织关系。',
    '本期无重大敏感情况；团青比例低于全县平均水平，需关注。',
  ],
};

function textFor(rng: Rng, key: string, org: string): string {
  return rng
    .pick(TEXTS[key] ?? ['本期按要求开展工作。'])
    .replace('{org}', org.replace(/^共青团余庆县|委员会$/g, ''))
    .replace('{n}', String(rng.int(2, 9)))
    .replace('{m}', String(rng.int(3, 15)));
}

const COMPANIES = ['恒达建材有限公司', '绿源茶业专业合作社', '黔北电商服务中心', '鑫盛物流有限公司', '青禾农业科技有限公司', '乌江水产养殖合作社', '山花刺绣工坊'];
const SOCIAL = ['青年志愿者协会', '社会工作服务站', '乡村振兴促进会'];

/**
 * 三新 (非公企业、新社会组织) branches under each township: some founded two
 * years ago (the base of the reform's "+20% a year" indicator), some this
 * year, so that the assessment shows a spread of growth.
 */
async function seedNewSectorBranches(tx: Tx, rng: Rng, townships: { id: number; name: string }[], year: number): Promise<void> {
  for (const t of townships) {
    const short = t.name.replace(/^共青团余庆县|委员会$/g, '');
    const names = [...COMPANIES.map((n) => [n, 'non_public_enterprise'] as const), ...SOCIAL.map((n) => [n, 'social_organization'] as const)];
    for (let i = names.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [names[i], names[j]] = [names[j]!, names[i]!];
    }
    const old = rng.int(1, 3);
    const fresh = rng.int(0, 2);
    for (const [k, [unit, sector]] of names.slice(0, old + fresh).entries()) {
      const founded = k < old ? `${year - 2}-0${rng.int(3, 9)}-1${rng.int(0, 9)}` : `${year}-0${rng.int(3, 9)}-2${rng.int(0, 8)}`;
      await tx.execute(
        sql`insert into organizations (parent_id, name, type, sector, founded_on, sort_order)
            values (${t.id}, ${`${short}${unit}团支部`}, 'branch', ${sector}, ${founded}::date, ${900 + k})
            on conflict do nothing`,
      );
    }
  }
}

/**
 * A half-year reporting task from the county to its townships, with
 * submissions in every state (白泥镇 still a draft, to be written by its
 * admin), and this year's published reform assessment scheme.
 */
export async function seedReportsDemo(tx: Tx, opts: { today: string; year: number }): Promise<void> {
  const rng = new Rng(20260606);
  const [county] = await query<{ id: number }>(tx, sql`select id from organizations where type = 'county' order by id limit 1`);
  if (!county) return;
  const countyId = Number(county.id);
  const firstHalf = Number(opts.today.slice(5, 7)) <= 6;
  const period = `${opts.year}年${firstHalf ? '上' : '下'}半年`;
  const deadline = firstHalf ? `${opts.year}-07-10` : `${opts.year + 1}-01-10`;
  const [task] = await query<{ id: number }>(
    tx,
    sql`insert into report_tasks (org_id, title, period, deadline, sections, figures)
        values (${countyId}, ${`${period}共青团工作总结`}, ${period}, ${deadline}::date,
                ${JSON.stringify(DEFAULT_REPORT_SECTIONS)}::jsonb, ${JSON.stringify(DEFAULT_REPORT_FIGURES)}::jsonb)
        returning id`,
  );
  const taskId = Number(task!.id);
  const townships = await query<{ id: number; name: string }>(
    tx,
    sql`select id, name from organizations where parent_id = ${countyId} and status = 'active' and type in ('township', 'subdistrict') order by sort_order, path`,
  );
  await seedNewSectorBranches(tx, rng, townships, opts.year);
  const overrides = await query<{ section: string; value: unknown }>(tx, sql`select section, value from rule_settings`);
  const rules = resolveRules(Object.fromEntries(overrides.map((r) => [r.section, r.value])));
  // Every state: 白泥镇 stays a draft; the others cycle through submitted, accepted, returned and draft.
  const cycle: ReportStatus[] = ['submitted', 'accepted', 'returned', 'submitted', 'draft', 'accepted'];
  // The in-line readers (study rounds from above, …) answer by scope: the seed computes figures platform-wide.
  const [saved] = await query<{ scope: string | null }>(tx, sql`select current_setting('tj.scope', true) as scope`);
  await tx.execute(sql`select set_config('tj.scope', '*', true)`);
  let i = 0;
  for (const t of townships) {
    const status: ReportStatus = t.name.includes('白泥镇') ? 'draft' : cycle[i++ % cycle.length]!;
    const texts: Record<string, string> = {};
    if (status !== 'draft') for (const s of DEFAULT_REPORT_SECTIONS) texts[s.key] = textFor(rng, s.key, t.name);
    else if (!t.name.includes('白泥镇') && rng.chance(0.5)) texts.work = textFor(rng, 'work', t.name);
    const figures = status === 'submitted' || status === 'accepted' ? await computeFigures(tx, rules, Number(t.id), figuresAsOf(deadline, opts.today), DEFAULT_REPORT_FIGURES) : null;
    const submittedAt = status === 'draft' ? null : `${opts.today} ${String(9 + rng.int(0, 8)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00+08`;
    await tx.execute(
      sql`insert into report_submissions (task_id, org_id, status, sections, figures, submitted_at, submitted_by, return_reason, reviewed_by, reviewed_at)
          values (${taskId}, ${t.id}, ${status}, ${JSON.stringify(texts)}::jsonb, ${figures ? JSON.stringify(figures) : null}::jsonb,
                  ${submittedAt}::timestamptz, ${status === 'draft' ? null : `${t.name.replace(/^共青团余庆县|委员会$/g, '')}团委书记`},
                  ${status === 'returned' ? '“存在现实问题”部分过于简略，请补充具体数据和典型事例后重新报送。' : null},
                  ${status === 'accepted' || status === 'returned' ? '余庆县团委书记' : null},
                  ${status === 'accepted' || status === 'returned' ? `${opts.today} 18:00:00+08` : null}::timestamptz)`,
    );
  }
  await tx.execute(sql`select set_config('tj.scope', ${saved?.scope ?? ''}, true)`);
  await tx.execute(
    sql`insert into assessment_schemes (org_id, year, title, indicators, status)
        values (${countyId}, ${opts.year}, ${`${opts.year}年度党建带团建（县域共青团改革）考核方案`}, ${JSON.stringify(DEFAULT_INDICATORS)}::jsonb, 'published')`,
  );
}
