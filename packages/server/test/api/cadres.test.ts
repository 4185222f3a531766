import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { ageOn, percentText } from '@tuanjian/domain';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { insertPerson, makeIdNumber } from '../factories.js';
import { addDays, ensureCadreDemo, todayCn, township } from './scope-samples-cadres.js';

/* The cadre database, posts and history, composition, rates and structure, terms. */

let t: TestContext;
let county: Session;
let baini: Session;
let longxi: Session;
let countyId: number;
let bainiId: number;
let longxiId: number;

beforeAll(async () => {
  t = await createTestApp();
  await ensureCadreDemo(t);
  county = await loginAs(t.app, 'county_admin');
  baini = await loginAs(t.app, 'baini_admin');
  longxi = await loginAs(t.app, 'longxi_admin');
  countyId = await orgId(t.database, '共青团余庆县委员会');
  bainiId = await orgId(t.database, township('白泥镇'));
  longxiId = await orgId(t.database, township('龙溪镇'));
});
afterAll(() => t?.close());

async function rowsOf(res: { rawPayload: Buffer; headers: Record<string, unknown> }): Promise<string[][]> {
  expect(String(res.headers['content-type'])).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

/** A branch of a township, by sector, with or without a current secretary. */
async function branchOf(town: number, sector: string, withSecretary = true): Promise<{ id: number; name: string }> {
  const [b] = await systemRows<{ id: number; name: string }>(
    t.database,
    sql`select o.id, o.name from organizations o where o.parent_id = ${town} and o.type = 'branch' and o.sector = ${sector} and o.status = 'active'
          and ${withSecretary ? sql`exists` : sql`not exists`} (select 1 from cadre_posts p where p.org_id = o.id and p.title = 'secretary' and p.end_on is null)
        order by o.id limit 1`,
  );
  return { id: Number(b!.id), name: b!.name };
}

const cadreBody = (orgIdValue: number, over: Record<string, unknown> = {}) => {
  const birth = (over.birthDate as string) ?? `${Number(todayCn().slice(0, 4)) - 27}-03-15`;
  const gender = (over.gender as 'male' | 'female') ?? 'female';
  const { birthDate: _b, ...rest } = over;
  return {
    orgId: orgIdValue,
    name: '测试干部',
    gender,
    idNumber: makeIdNumber(birth, gender),
    ethnicity: '01',
    education: '20',
    politicalStatus: '03',
    workUnit: '测试单位',
    establishment: 'outside',
    civilServant: false,
    localResident: true,
    ...rest,
  };
};

describe('figures of the demo county, each reproducible from its list', () => {
  it('配备率 and 在岗率 are high but not 100%, and the drill-down lists give the same numbers', async () => {
    const rates = (await county.get(`/api/cadres/rates?orgId=${countyId}`)).json();
    expect(rates.staffing.rate).toBeGreaterThan(0.9);
    expect(rates.staffing.rate).toBeLessThan(1);
    expect(rates.onDuty.rate).toBeGreaterThan(0.95);
    expect(rates.onDuty.rate).toBeLessThan(1);
    const staffed = (await county.get(`/api/cadres/rates/orgs?orgId=${countyId}&staffed=true`)).json();
    const vacant = (await county.get(`/api/cadres/rates/orgs?orgId=${countyId}&staffed=false`)).json();
    expect(staffed.length).toBe(rates.staffing.numerator);
    expect(staffed.length + vacant.length).toBe(rates.staffing.denominator);
    expect(vacant.every((o: { secretaryName: string | null }) => o.secretaryName === null)).toBe(true);
    expect(vacant.some((o: { vacantSince: string | null }) => o.vacantSince !== null)).toBe(true);
    const off = (await county.get(`/api/cadres?under=${countyId}&onDuty=false&pageSize=500`)).json();
    expect(off.total).toBe(rates.onDuty.denominator - rates.onDuty.numerator);
    const all = (await county.get(`/api/cadres?under=${countyId}&pageSize=1`)).json();
    expect(all.total).toBe(rates.onDuty.denominator);
    // Children add up for the townships (drill-down by organization).
    const baiNi = rates.children.find((c: { orgId: number }) => c.orgId === bainiId);
    const bainiRates = (await county.get(`/api/cadres/rates?orgId=${bainiId}`)).json();
    expect(baiNi.staffing).toEqual(bainiRates.staffing);
    const sheet = await rowsOf(await county.get(`/api/cadres/rates/orgs/export?orgId=${countyId}&staffed=false`));
    expect(sheet.length - 1).toBe(vacant.length);
    expect(sheet[0]).toContain('书记');
  });

  it('structure figures click through to the same cadres (港区-style: township part-time cadres; 来宾-style: village secretaries)', async () => {
    const views = [
      `under=${countyId}`,
      `under=${countyId}&orgType=township&employment=part_time`,
      `under=${countyId}&title=secretary&sectors=village,community`,
    ];
    const report: Record<string, unknown> = {};
    for (const v of views) {
      const s = (await county.get(`/api/cadres/structure?${v}`)).json();
      const count = async (facet: string) => (await county.get(`/api/cadres?${v}&${facet}&pageSize=1`)).json().total as number;
      expect(s.total).toBe(await count('page=1'));
      expect(s.partyMembers.count).toBe(await count('politicalGroup=party'));
      expect(s.leagueMembers.count).toBe(await count('politicalGroup=league'));
      expect(s.collegeOrAbove.count).toBe(await count('collegeOrAbove=true'));
      expect(s.male.count).toBe(await count('gender=male'));
      expect(s.civilServants.count).toBe(await count('civilServant=true'));
      expect(s.outsideEstablishment.count).toBe(await count('establishment=outside'));
      for (const b of s.ageBands) expect(b.count).toBe(await count(`ageBand=${b.band}`));
      expect(s.averageAge).toBeGreaterThan(14);
      report[v] = {
        total: s.total,
        averageAge: s.averageAge,
        party: `${s.partyMembers.count} (${percentText(s.partyMembers.share)})`,
        league: `${s.leagueMembers.count} (${percentText(s.leagueMembers.share)})`,
        collegeOrAbove: `${s.collegeOrAbove.count} (${percentText(s.collegeOrAbove.share)})`,
        men: `${s.male.count} (${percentText(s.male.share)})`,
        civilServants: `${s.civilServants.count} (${percentText(s.civilServants.share)})`,
        outside: `${s.outsideEstablishment.count} (${percentText(s.outsideEstablishment.share)})`,
      };
    }
    const village = (await county.get(`/api/cadres/rates?orgId=${countyId}&sectors=village,community`)).json();
    report['配备率（村、社区团支部）'] = `${village.staffing.numerator}/${village.staffing.denominator} = ${percentText(village.staffing.rate)}`;
    report['在岗率（村、社区）'] = `${village.onDuty.numerator}/${village.onDuty.denominator} = ${percentText(village.onDuty.rate)}`;
    const overview = (await county.get(`/api/cadres/overview?orgId=${countyId}`)).json();
    report.overview = overview;
    console.log(JSON.stringify(report, null, 1));
    const sheet = await rowsOf(await county.get(`/api/cadres/export?under=${countyId}&title=secretary&sectors=village,community`));
    expect(sheet.length - 1).toBe((report[views[2]!] as { total: number }).total);
    expect(sheet[0]).toEqual(expect.arrayContaining(['姓名', '身份证号', '现任职务', '在岗']));
    expect(sheet[1]![2]).toMatch(/^\d{4}\*{10}/);
  });

  it('对比上届: the same set on the day before the current term began, from the posts\' history (ages on that day)', async () => {
    const today = todayCn();
    const branch = (await baini.post('/api/orgs', { parentId: bainiId, name: '白泥镇对比上届村团支部', type: 'branch', sector: 'village' })).json();
    const began = addDays(today, -400);
    const y = Number(today.slice(0, 4));
    const mk = async (birthDate: string, gender: 'male' | 'female', at = branch.id) => (await baini.post('/api/cadres', cadreBody(at, { birthDate, gender, name: `上届${birthDate}` }))).json().id as number;
    const post = async (cadre: number, title: string, startOn: string, at = branch.id) => {
      const res = await baini.post(`/api/cadres/${cadre}/posts`, { orgId: at, title, employment: 'part_time', startOn });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().posts.find((p: { title: string }) => p.title === title).id as number;
    };
    const end = async (postId: number, endOn: string) => expect((await baini.post(`/api/cadre-posts/${postId}/end`, { endOn, reason: '换届' })).statusCode).toBe(200);
    // The previous secretary until the election; a member who left mid-term (not in office the day before);
    // a member re-elected (in both terms); the new secretary elected on the first day of the term.
    const previousSecretary = await mk(`${y - 31}-06-15`, 'male');
    await end(await post(previousSecretary, 'secretary', addDays(began, -800)), began);
    const leftEarly = await mk(`${y - 26}-02-01`, 'female');
    await end(await post(leftEarly, 'organization_member', addDays(began, -700)), addDays(began, -300));
    const reElected = await mk(`${y - 24}-01-10`, 'female');
    await post(reElected, 'propaganda_member', addDays(began, -100));
    const newSecretary = await mk(`${y - 27}-03-03`, 'female');
    await post(newSecretary, 'secretary', began);
    expect((await baini.post('/api/cadres/terms', { orgId: branch.id, startedOn: began })).statusCode).toBe(200);

    const dayBefore = addDays(began, -1);
    const s = (await county.get(`/api/cadres/structure?under=${branch.id}&compare=true`)).json();
    expect(s).toMatchObject({ total: 2, orgs: 1, female: { count: 2 } });
    expect(s.previous).toMatchObject({ total: 2, orgs: 1, male: { count: 1 }, female: { count: 1 } });
    expect(s.previous.byEmployment.find((e: { employment: string }) => e.employment === 'part_time').count).toBe(2);
    const mean = (ages: number[]) => Math.round((ages.reduce((a, b) => a + b, 0) / ages.length) * 10) / 10;
    expect(s.previous.averageAge).toBe(mean([ageOn(`${y - 31}-06-15`, dayBefore), ageOn(`${y - 24}-01-10`, dayBefore)]));
    expect(s.averageAge).toBe(mean([ageOn(`${y - 24}-01-10`, today), ageOn(`${y - 27}-03-03`, today)]));
    const secretaries = (await county.get(`/api/cadres/structure?under=${branch.id}&title=secretary&compare=true`)).json();
    expect([secretaries.total, secretaries.previous.total, secretaries.previous.male.count]).toEqual([1, 1, 1]);
    expect((await county.get(`/api/cadres/structure?under=${branch.id}`)).json().previous).toBeNull();
    // A committee with no recorded term has no previous term to compare with, however long its secretary has served.
    const unrecorded = (await baini.post('/api/orgs', { parentId: bainiId, name: '白泥镇无届次记录团支部', type: 'branch', sector: 'village' })).json();
    await post(await mk(`${y - 29}-05-05`, 'male', unrecorded.id), 'secretary', addDays(today, -900), unrecorded.id);
    expect((await county.get(`/api/cadres/structure?under=${unrecorded.id}`)).json().total).toBe(1);
    expect((await county.get(`/api/cadres/structure?under=${unrecorded.id}&compare=true`)).json().previous).toMatchObject({ total: 0, orgs: 0 });
  });

  it('配备率 and 在岗率 by sector equal the rates asked for that sector alone', async () => {
    const rates = (await county.get(`/api/cadres/rates?orgId=${countyId}`)).json();
    expect(rates.bySector.map((x: { sector: string }) => x.sector)).toEqual(expect.arrayContaining(['village', 'community', 'school']));
    for (const x of rates.bySector) {
      const alone = (await county.get(`/api/cadres/rates?orgId=${countyId}&sectors=${x.sector}`)).json();
      expect({ sector: x.sector, staffing: x.staffing, onDuty: x.onDuty }).toEqual({ sector: x.sector, staffing: alone.staffing, onDuty: alone.onDuty });
    }
  });

  it('terms: never elected, overdue and long overdue committees are listed', async () => {
    const terms = (await county.get(`/api/cadres/terms?under=${countyId}&orgType=township`)).json();
    const byName = (n: string) => terms.items.find((i: { orgName: string }) => i.orgName === township(n));
    expect(byName('花山苗族乡').status).toBe('never');
    expect(byName('龙家镇').status).toBe('long_overdue');
    expect(byName('龙家镇').yearsOverdue).toBeGreaterThanOrEqual(2);
    expect(['overdue', 'due', 'long_overdue']).toContain(byName('白泥镇').status);
    expect(byName('白泥镇').electionInProgress.stage).toBe('notice');
    expect(byName('龙溪镇').status).toBe('current');
    const all = (await county.get(`/api/cadres/terms?under=${countyId}`)).json();
    expect(all.counts.never).toBeGreaterThan(1);
    expect(all.counts.overdue + all.counts.long_overdue).toBeGreaterThan(2);
    const never = (await county.get(`/api/cadres/terms?under=${countyId}&status=never`)).json();
    expect(never.items.length).toBe(all.counts.never);
    const sheet = await rowsOf(await county.get(`/api/cadres/terms/export?under=${countyId}&status=never`));
    expect(sheet.length - 1).toBe(all.counts.never);
    expect(sheet[1]).toContain('从未换届');
  });

  it('composition against the 1+1+3 pattern lists what is wrong', async () => {
    const issues = (await county.get(`/api/cadres/composition/issues?under=${countyId}&severity=error`)).json();
    const find = (n: string) => issues.find((i: { orgName: string }) => i.orgName === township(n));
    expect(find('龙溪镇').violations.map((v: { code: string }) => v.code)).toContain('members_short');
    expect(find('构皮滩镇').violations.map((v: { code: string }) => v.code)).toContain('outside_share');
    expect(find('花山苗族乡').violations.map((v: { code: string }) => v.code)).toContain('deputies_short');
    expect(issues.some((i: { violations: { code: string }[] }) => i.violations.some((v) => v.code === 'no_secretary'))).toBe(true);
    expect(find('白泥镇')).toBeUndefined();
    const one = (await county.get(`/api/cadres/composition?orgId=${bainiId}`)).json();
    expect(one.patternText).toBe('书记1名、兼职副书记1名、委员3名、体制外人员不低于50%');
    expect(one.counts).toMatchObject({ secretaries: 1, partTimeDeputies: 1, members: 3 });
    expect(one.holders[0].title).toBe('secretary');
    const warnings = (await county.get(`/api/cadres/composition/issues?under=${countyId}&severity=warning`)).json();
    expect(warnings.flatMap((i: { violations: { code: string }[] }) => i.violations.map((v) => v.code))).toEqual(expect.arrayContaining(['over_age', 'off_duty']));
    const sheet = await rowsOf(await county.get(`/api/cadres/composition/issues/export?under=${countyId}&severity=error`));
    expect(sheet.length - 1).toBe(issues.length);
  });
});

describe('cadre records', () => {
  it('registers a cadre with ID checks and refuses duplicates without naming another township', async () => {
    const branch = await branchOf(bainiId, 'village');
    const bad = await baini.post('/api/cadres', cadreBody(branch.id, { idNumber: '52032919990101001X' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().fields[0].field).toBe('idNumber');
    const wrongGender = await baini.post('/api/cadres', cadreBody(branch.id, { gender: 'male', idNumber: makeIdNumber('1999-01-01', 'female') }));
    expect(wrongGender.statusCode).toBe(422);
    expect(wrongGender.json().message).toContain('性别与身份证号不符');
    const body = cadreBody(branch.id);
    const created = await baini.post('/api/cadres', body);
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ name: '测试干部', orgId: branch.id, posts: [], idNumberMasked: expect.stringMatching(/^\d{4}\*{10}/) });
    const again = await baini.post('/api/cadres', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain(branch.name);
    const elsewhere = await longxi.post('/api/cadres', cadreBody(longxiId, { idNumber: body.idNumber }));
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().message).toContain('不在您的管理范围内');
    expect(elsewhere.json().message).not.toContain('白泥');
  });

  it('takes name and ID from the youth registry', async () => {
    const branch = await branchOf(bainiId, 'village');
    const p = await insertPerson(t.database, { orgId: branch.id, name: '名册青年', birthDate: '1999-05-06', gender: 'female', memberStatus: 'active' });
    const res = await baini.post('/api/cadres', { orgId: branch.id, personId: p.id, establishment: 'outside' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '名册青年', personId: p.id, politicalStatus: '03', gender: 'female', birthDate: '1999-05-06' });
    const mismatch = await baini.post('/api/cadres', { orgId: branch.id, personId: p.id, idNumber: makeIdNumber('1999-05-06', 'female'), establishment: 'outside' });
    expect(mismatch.statusCode).toBe(422);
    const missing = await baini.post('/api/cadres', { orgId: branch.id, establishment: 'outside' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().message).toContain('请填写姓名');
  });

  it('posts: eligibility, one secretary per organization, record placement; history kept', async () => {
    const branch = await branchOf(bainiId, 'village');
    const other = (await systemRows<{ id: number }>(t.database, sql`select id from organizations where parent_id = ${bainiId} and type = 'branch' and sector = 'village' and id <> ${branch.id} order by id limit 1`))[0]!;
    const mk = async (over: Record<string, unknown> = {}) => (await baini.post('/api/cadres', cadreBody(branch.id, over))).json().id as number;
    const young = await mk();
    const today = todayCn();
    const post = (id: number, body: Record<string, unknown>) => baini.post(`/api/cadres/${id}/posts`, { orgId: branch.id, employment: 'part_time', startOn: today, ...body });
    const sec = await post(young, { title: 'secretary' });
    expect(sec.statusCode).toBe(422);
    expect(sec.json().message).toMatch(/已有书记.*请先办理免职/);
    const member = await post(young, { title: 'organization_member' });
    expect(member.statusCode).toBe(200);
    expect(member.json().posts).toHaveLength(1);
    expect((await post(young, { title: 'organization_member' })).json().message).toContain('已在');
    const y = Number(today.slice(0, 4));
    const older = await mk({ birthDate: `${y - 38}-01-02`, politicalStatus: '01' });
    expect((await post(older, { title: 'member' })).json().message).toContain('须说明特殊情况');
    expect((await post(older, { title: 'member', ageExceptionReason: '村“两委”成员兼任，群众基础好' })).statusCode).toBe(200);
    const tooOld = await mk({ birthDate: `${y - 42}-01-02` });
    expect((await post(tooOld, { title: 'member', ageExceptionReason: '理由' })).json().message).toContain('超过团干部年龄上限');
    const masses = await mk({ politicalStatus: '13' });
    expect((await post(masses, { title: 'member' })).json().message).toContain('政治面貌为群众');
    const misplaced = await baini.post(`/api/cadres/${young}/posts`, { orgId: other.id, title: 'member', employment: 'part_time', startOn: today });
    expect(misplaced.json().message).toContain('档案登记在');
    expect((await post(young, { title: 'member', startOn: addDays(today, 1) })).json().message).toContain('不能晚于今天');

    const postId = member.json().posts[0].id;
    const off = await baini.post(`/api/cadre-posts/${postId}/duty`, { onDuty: false });
    expect(off.json().onDuty).toBe(false);
    const detail = (await baini.get(`/api/cadres/${young}`)).json();
    expect(detail.onDuty).toBe(false);
    const ended = await baini.post(`/api/cadre-posts/${postId}/end`, { endOn: today, reason: '工作调动' });
    expect(ended.json()).toMatchObject({ endOn: today, endReason: '工作调动' });
    expect((await baini.post(`/api/cadre-posts/${postId}/end`, { endOn: today, reason: '再次' })).statusCode).toBe(409);
    const after = (await baini.get(`/api/cadres/${young}`)).json();
    expect(after.posts).toEqual([]);
    expect(after.history).toHaveLength(1);
    expect(after.history[0]).toMatchObject({ title: 'organization_member', endReason: '工作调动' });
    const former = (await baini.get(`/api/cadres?under=${branch.id}&withoutPost=true&pageSize=100`)).json();
    expect(former.items.map((c: { id: number }) => c.id)).toContain(young);
  });

  it('edits with a version, reveals the full ID only to those allowed (audited)', async () => {
    const branch = await branchOf(bainiId, 'community');
    const created = (await baini.post('/api/cadres', cadreBody(branch.id, { phone: '13812345678' }))).json();
    const stale = await baini.patch(`/api/cadres/${created.id}`, { version: created.version + 1, workUnit: '新单位' });
    expect(stale.statusCode).toBe(409);
    const ok = await baini.patch(`/api/cadres/${created.id}`, { version: created.version, workUnit: '新单位', civilServant: true });
    expect(ok.json()).toMatchObject({ workUnit: '新单位', civilServant: true, version: created.version + 1 });
    const reveal = await baini.get(`/api/cadres/${created.id}/id-number`);
    expect(reveal.json().idNumber).toMatch(/^\d{17}[\dX]$/);
    const [event] = await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log where action = 'view_sensitive' and entity = 'cadres' and entity_id = ${String(created.id)}`);
    expect(event!.n).toBe(1);
    const viewer = await loginAs(t.app, 'county_viewer');
    expect((await viewer.get(`/api/cadres/${created.id}/id-number`)).statusCode).toBe(403);
    expect((await viewer.get(`/api/cadres/${created.id}`)).json().phone).toBe('138****5678');
    expect((await baini.get(`/api/cadres/${created.id}`)).json().phone).toBe('13812345678');
    expect((await viewer.post('/api/cadres', cadreBody(branch.id))).statusCode).toBe(403);
  });

  it('records terms; never-elected committees leave the list', async () => {
    const huashan = await orgId(t.database, township('花山苗族乡'));
    const today = todayCn();
    const res = await county.post('/api/cadres/terms', { orgId: huashan, startedOn: addDays(today, -10) });
    expect(res.json()).toMatchObject({ status: 'current', lengthYears: 5, startedOn: addDays(today, -10) });
    const earlier = await county.post('/api/cadres/terms', { orgId: huashan, startedOn: addDays(today, -20) });
    expect(earlier.statusCode).toBe(422);
    expect(earlier.json().message).toContain('应晚于上一届');
    expect((await county.post('/api/cadres/terms', { orgId: huashan, startedOn: addDays(today, 1) })).statusCode).toBe(422);
    const never = (await county.get(`/api/cadres/terms?under=${countyId}&orgType=township&status=never`)).json();
    expect(never.items).toEqual([]);
  });
});

describe('scope', () => {
  it('another township sees none of 白泥镇 cadres, figures or lists', async () => {
    const [cadre] = await systemRows<{ id: number }>(t.database, sql`select id from cadres where org_id = ${bainiId} order by id limit 1`);
    expect((await longxi.get(`/api/cadres/${cadre!.id}`)).statusCode).toBe(404);
    expect((await longxi.get(`/api/cadres?under=${bainiId}`)).statusCode).toBe(404);
    expect((await longxi.get(`/api/cadres/rates?orgId=${bainiId}`)).statusCode).toBe(404);
    expect((await longxi.get(`/api/cadres/structure?under=${bainiId}`)).statusCode).toBe(404);
    const own = (await longxi.get('/api/cadres?pageSize=500')).json();
    expect(own.total).toBeGreaterThan(5);
    expect(JSON.stringify(own)).not.toContain('白泥');
    const rates = (await longxi.get(`/api/cadres/rates?orgId=${longxiId}`)).json();
    expect(rates.onDuty.denominator).toBe(own.total);
  });

  it('a branch secretary sees the own branch only', async () => {
    const sec = await loginAs(t.app, 'branch_secretary');
    const me = (await sec.get('/api/auth/me')).json().account;
    const list = (await sec.get('/api/cadres?pageSize=100')).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((c: { posts: { orgId: number }[] }) => c.posts.every((p) => p.orgId === me.scopeOrgId))).toBe(true);
    expect((await sec.get(`/api/cadres/composition?orgId=${bainiId}`)).statusCode).toBe(404);
    const own = (await sec.get(`/api/cadres/composition?orgId=${me.scopeOrgId}`)).json();
    expect(own.pattern).toEqual({ secretaries: 1, partTimeDeputies: 0, members: 0, outsideShareMin: null });
  });
});
