import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constants, deflateRawSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { EDUCATIONS, ETHNICITIES, POLITICAL_STATUSES, idCardCheckChar } from '@tuanjian/domain';
import { createTestApp, loginAs, orgId, systemRows, type Session, type TestContext } from '../helpers.js';
import { makeIdNumber } from '../factories.js';
import { cellDate, cellText, readUpload } from '../../src/excel/read.js';
import { isDateFormat, serialToIso } from '../../src/excel/xlsx.js';

/**
 * The Excel reading pipeline every import uses (server excel/read.ts), tried
 * with the files an outside probe used: large files of Chinese text, zip
 * bombs, wrong headers, real date cells, impossible dates, files that are not
 * workbooks, oversized uploads and control characters. The workbooks are
 * built here byte by byte (a small zip writer below), so each case holds
 * exactly what it tests: shared and inline strings, date styles, a directory
 * that lies.
 */
let t: TestContext;
let baini: Session;
let bainiBranch: number;

beforeAll(async () => {
  t = await createTestApp();
  baini = await loginAs(t.app, 'baini_admin');
  bainiBranch = (
    await systemRows<{ id: number }>(
      t.database,
      sql`select o.id from organizations o join organizations t on t.id = o.parent_id where t.name = '共青团余庆县白泥镇委员会' and o.sector = 'village' order by o.id limit 1`,
    )
  ).map((r) => Number(r.id))[0]!;
});
afterAll(() => t?.close());

/* ------------------------------------------------------------ a zip writer */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** An entry: its text, or raw deflate data with its real size; `declaredSize` makes the directory lie. */
type ZipPart = { name: string; text: string } | { name: string; deflated: Buffer; size: number; declaredSize?: number };

function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const plain = 'text' in p ? Buffer.from(p.text, 'utf8') : null;
    const data = plain ? deflateRawSync(plain) : (p as { deflated: Buffer }).deflated;
    const size = plain ? plain.length : ((p as { declaredSize?: number }).declaredSize ?? (p as { size: number }).size);
    const crc = plain ? crc32(plain) : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(cd, name);
    offset += local.length + name.length + data.length;
  }
  const cdSize = central.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

/**
 * Raw deflate data that inflates to `head`, then `unit` repeated `times`
 * times, then `tail`, in a few kilobytes: each piece is compressed on its own
 * and flushed to a byte boundary, so one compressed megabyte of `unit` can be
 * repeated as often as wanted.
 */
function bomb(head: string, unit: string, times: number, tail: string): { deflated: Buffer; size: number } {
  const MB = 1024 * 1024;
  const perChunk = Math.floor(MB / Buffer.byteLength(unit));
  const chunk = Buffer.from(unit.repeat(perChunk));
  const full = (b: Buffer) => deflateRawSync(b, { finishFlush: constants.Z_FULL_FLUSH });
  const pieces: Buffer[] = [full(Buffer.from(head))];
  const block = full(chunk);
  const whole = Math.floor(times / perChunk);
  for (let i = 0; i < whole; i++) pieces.push(block);
  const rest = Buffer.from(unit.repeat(times - whole * perChunk));
  if (rest.length) pieces.push(full(rest));
  pieces.push(deflateRawSync(Buffer.from(tail)));
  return { deflated: Buffer.concat(pieces), size: Buffer.byteLength(head) + whole * chunk.length + rest.length + Buffer.byteLength(tail) };
}

/* ---------------------------------------------------------- an xlsx writer */

/** A cell: shared string, inline string, number (optionally shown as a date), or empty. */
type Cell = { s: string } | { inline: string } | { n: number; date?: boolean } | string | null;

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const colName = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));

const WORKBOOK_PARTS = (sharedStrings: ZipPart | null): ZipPart[] => [
  {
    name: '[Content_Types].xml',
    text: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
  },
  { name: '_rels/.rels', text: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
  { name: 'xl/workbook.xml', text: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="青年团员名册" sheetId="1" r:id="rId1"/></sheets></workbook>` },
  {
    name: 'xl/_rels/workbook.xml.rels',
    text: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  },
  // Style 1 shows a date (built-in format 14), style 2 a Chinese custom date format.
  {
    name: 'xl/styles.xml',
    text: `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="176" applyNumberFormat="1"/></cellXfs></styleSheet>`,
  },
  ...(sharedStrings ? [sharedStrings] : []),
];

/** An .xlsx of one sheet; strings are shared unless written { inline }. Plain strings are shared. */
function xlsx(rows: Cell[][]): Buffer {
  const shared: string[] = [];
  const index = new Map<string, number>();
  const sheet: string[] = [];
  rows.forEach((cells, r) => {
    const xml: string[] = [];
    cells.forEach((c, i) => {
      const ref = `${colName(i)}${r + 1}`;
      if (c === null || c === undefined) return;
      if (typeof c === 'string' || 's' in c) {
        const s = typeof c === 'string' ? c : c.s;
        let k = index.get(s);
        if (k === undefined) index.set(s, (k = shared.push(s) - 1));
        xml.push(`<c r="${ref}" t="s"><v>${k}</v></c>`);
      } else if ('inline' in c) xml.push(`<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(c.inline)}</t></is></c>`);
      else xml.push(`<c r="${ref}"${c.date ? ' s="1"' : ''}><v>${c.n}</v></c>`);
    });
    sheet.push(`<row r="${r + 1}">${xml.join('')}</row>`);
  });
  return zip([
    ...WORKBOOK_PARTS({
      name: 'xl/sharedStrings.xml',
      text: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="${shared.length}" uniqueCount="${shared.length}">${shared.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`,
    }),
    { name: 'xl/worksheets/sheet1.xml', text: `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${sheet.join('')}</sheetData></worksheet>` },
  ]);
}

const HEADERS = ['姓名*', '性别*', '身份证号*', '民族*', '学历', '政治面貌*', '联系电话', '工作单位/职业', '在校学生', '年级班级', '所在组织', '团员编号', '入团时间', '入队时间'];
const b64 = (b: Buffer) => b.toString('base64');
const previewPeople = (file: Buffer, fileName = '名册.xlsx') => baini.post('/api/people/import', { fileName, contentBase64: b64(file), orgId: bainiBranch });

/** Excel's serial day number of a date (1900 system). */
const serial = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);

/** Peak resident memory above the start while `run` runs, sampled every 10 ms, and its duration. */
async function measured<T>(run: () => Promise<T>): Promise<{ result: T; peakMb: number; ms: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = Date.now();
  try {
    const result = await run();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMb: Math.round((peak - base) / 1024 / 1024), ms: Date.now() - started };
  } finally {
    clearInterval(timer);
  }
}

/* ------------------------------------------------------------------ tests */

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '罗', '冉', '𠮷'];
const GIVEN = ['小青', '国庆', '丽娟', '建军', '晓燕', '志强', '婷婷', '子涵', '浩然', '雨轩', '梓萱', '一诺', '𫚭鹏', '彧', '喆'];
const PLACES = ['余庆县白泥镇', '龙溪镇满溪村', '敖溪镇', '构皮滩', '松烟镇二龙村', '大乌江镇箐口村'];
const JOBS = ['务农', '个体经营', '在外务工（浙江宁波）', '教师', '村（社区）干部', '快递员'];
const ETHNIC = ['汉族', '土家族', '苗族', '仡佬族', '布依族', '侗族', '彝族'];
const EDUC = ['普通高中', '大学本科', '初中', '中等职业教育', '大学专科'];

describe('Chinese text survives any file size', () => {
  it('imports 20,000 rows of Chinese text (shared and inline strings, 4-byte characters) and stores every cell exactly as the file holds it', async () => {
    const N = 20_000;
    const expected: { name: string; gender: 'male' | 'female'; id: string; ethnicity: string; education: string; political: string; phone: string; occupation: string; grade: string | null; student: boolean; memberNo: string | null; joinedOn: string | null; pioneer: string }[] = [];
    const rows: Cell[][] = [HEADERS];
    const start = Date.UTC(2000, 0, 1);
    for (let i = 0; i < N; i++) {
      const gender = i % 2 ? 'female' : 'male';
      const born = new Date(start + (i % 2900) * 86_400_000).toISOString().slice(0, 10);
      const seq = Math.floor(i / 2900) * 2 + (gender === 'male' ? 1 : 0) + 100;
      const first17 = `522701${born.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
      const id = first17 + idCardCheckChar(first17);
      const member = i % 5 === 0;
      const e = {
        name: i % 3 === 0 ? `批量${i}` : `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${i}`,
        gender: gender as 'male' | 'female',
        id,
        ethnicity: ETHNIC[i % ETHNIC.length]!,
        education: EDUC[i % EDUC.length]!,
        political: member ? '共青团员' : '群众',
        phone: `139${String(i).padStart(8, '0')}`,
        occupation: `${PLACES[i % PLACES.length]}${JOBS[(i >> 1) % JOBS.length]}`,
        student: i % 4 === 1,
        grade: i % 4 === 1 ? `余庆中学高${(i % 3) + 1}（${(i % 9) + 1}）班·寄宿` : null,
        // 发展团员编号: year of joining + province + sequence; joined in 2022, at 14 or older (issue 14).
        memberNo: member ? `202252${String(i).padStart(6, '0')}` : null,
        joinedOn: member ? `2022-0${(i % 9) + 1}-1${i % 10}` : null,
        pioneer: `2014-0${(i % 9) + 1}-0${(i % 9) + 1}`,
      };
      expected.push(e);
      // Alternate shared and inline strings cell by cell, so both paths carry every kind of value.
      const str = (s: string, k: number): Cell => ((i + k) % 2 ? { s } : { inline: s });
      rows.push([
        str(e.name, 0), str(gender === 'male' ? '男' : '女', 1), str(e.id, 2), str(e.ethnicity, 3), str(e.education, 4), str(e.political, 5),
        str(e.phone, 6), str(e.occupation, 7), str(e.student ? '是' : '否', 8), e.grade ? str(e.grade, 9) : null, null,
        e.memberNo ? str(e.memberNo, 11) : null, e.joinedOn ? str(e.joinedOn, 12) : null, str(e.pioneer, 13),
      ]);
    }
    const file = xlsx(rows);
    const started = Date.now();
    const preview = await previewPeople(file, '两万行.xlsx');
    expect(preview.statusCode).toBe(200);
    const report = preview.json();
    expect(report.errors.slice(0, 5)).toEqual([]);
    expect(report).toMatchObject({ total: N, valid: N });
    const commit = await baini.post(`/api/people/import/${report.batchId}/commit`);
    expect(commit.json()).toMatchObject({ inserted: N });
    console.log(`20,000-row import (preview + commit): ${Date.now() - started} ms, file ${Math.round(file.length / 1024)} KB`);

    const stored = await systemRows<{ name: string; gender: string; id_number: string; ethnicity: string; education: string; political_status: string; phone: string; occupation: string; is_student: boolean; grade: string | null; member_no: string | null; joined_on: string | null; pioneer_joined_on: string }>(
      t.database,
      sql`select name, gender, id_number, ethnicity, education, political_status, phone, occupation, is_student, grade, member_no, joined_on::text as joined_on, pioneer_joined_on::text as pioneer_joined_on
            from people where id_number like '522701%' and phone like '139%' and org_id = ${bainiBranch}`,
    );
    const byId = new Map(stored.map((s) => [s.id_number, s]));
    const nameOf = (list: readonly { code: string; name: string }[], code: string) => list.find((x) => x.code === code)?.name;
    const differences: string[] = [];
    for (const e of expected) {
      const s = byId.get(e.id);
      if (!s) {
        differences.push(`${e.id} missing`);
        continue;
      }
      const got = {
        name: s.name, gender: s.gender, id: s.id_number, ethnicity: nameOf(ETHNICITIES, s.ethnicity), education: nameOf(EDUCATIONS, s.education), political: nameOf(POLITICAL_STATUSES, s.political_status),
        phone: s.phone, occupation: s.occupation, student: s.is_student, grade: s.grade, memberNo: s.member_no, joinedOn: s.joined_on, pioneer: s.pioneer_joined_on,
      };
      if (JSON.stringify(got) !== JSON.stringify(e)) differences.push(`${JSON.stringify(e)} → ${JSON.stringify(got)}`);
    }
    expect(differences.slice(0, 5)).toEqual([]);
    expect(stored.length).toBe(N);
  }, 600_000);
});

describe('a file may not cost more than the limits', () => {
  const SST_HEAD = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}">`;
  const hostile = (sharedStrings: ZipPart) =>
    zip([...WORKBOOK_PARTS(sharedStrings), { name: 'xl/worksheets/sheet1.xml', text: `<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>` }]);
  /** Size of the bombs in MB of shared strings (BOMB_MB, default 1024 and 4096 as the probe used). */
  const scale = Number(process.env.BOMB_MB ?? 1024);

  it.each([
    ['declares its size honestly', scale, undefined, '解压后的内容超过 400 MB 的上限'],
    ['declares its size honestly (4 GB)', scale * 4, undefined, '解压后的内容超过 400 MB 的上限'],
    ['lies in its directory about its size', scale, 64 * 1024, '实际大小与目录不符'],
  ])('refuses shared strings expanding to gigabytes when the zip %s, at once and in bounded memory', async (_, mb, declaredSize, message) => {
    const unit = '<si><t>批量批量批量批量批量</t></si>';
    const times = Math.floor((mb * 1024 * 1024) / Buffer.byteLength(unit));
    const b = bomb(SST_HEAD, unit, times, '</sst>');
    const size = b.size > 0xffffffff ? 0xfffffffe : b.size;
    const file = hostile({ name: 'xl/sharedStrings.xml', deflated: b.deflated, size, ...(declaredSize ? { declaredSize } : {}) });
    const { result: res, peakMb, ms } = await measured(() => previewPeople(file, 'bomb.xlsx'));
    console.log(`bomb (${Math.round(file.length / 1024)} KB → ${mb} MB, ${declaredSize ? 'lying' : 'honest'} directory): ${res.statusCode} in ${ms} ms, peak RSS +${peakMb} MB`);
    expect(res.json().message).toContain(message);
    expect([400, 413]).toContain(res.statusCode);
    expect(ms).toBeLessThan(5_000);
    expect(peakMb).toBeLessThan(200);
  }, 120_000);

  it('refuses a shared-strings table past its count or length while reading it, in bounded memory', async () => {
    // 300 MB declared (below the size limit): the table is refused when it passes 1,500,000 entries.
    const unit = '<si><t>某某乡某某村共青团员青年</t></si>';
    const b = bomb(SST_HEAD, unit, Math.floor((300 * 1024 * 1024) / Buffer.byteLength(unit)), '</sst>');
    const { result: res, peakMb, ms } = await measured(() => previewPeople(hostile({ name: 'xl/sharedStrings.xml', ...b }), 'strings.xlsx'));
    console.log(`1.5M+ shared strings (300 MB): ${res.statusCode} in ${ms} ms, peak RSS +${peakMb} MB`);
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toContain('超过 1500000 条的上限');
    expect(peakMb).toBeLessThan(400);
    // One cell far longer than Excel allows.
    const long = bomb(`${SST_HEAD}<si><t>`, '青', 20 * 1024 * 1024, '</t></si></sst>');
    const one = await measured(() => previewPeople(hostile({ name: 'xl/sharedStrings.xml', ...long }), 'long.xlsx'));
    console.log(`one 20M-character cell: ${one.result.statusCode} in ${one.ms} ms, peak RSS +${one.peakMb} MB`);
    expect(one.result.json().message).toContain('超过 32767 个字符的单元格');
    expect(one.peakMb).toBeLessThan(200);
  }, 120_000);

  it('refuses more rows or cells than configured (IMPORT_MAX_ROWS, IMPORT_MAX_CELLS), naming the limit', async () => {
    const rows: Cell[][] = [HEADERS, ...Array.from({ length: 60 }, (_, i) => [`某${i}`, '男'])];
    process.env.IMPORT_MAX_ROWS = '50';
    try {
      const res = await previewPeople(xlsx(rows));
      expect(res.statusCode).toBe(413);
      expect(res.json().message).toBe('工作表超过 50 行的上限，请分批导入');
    } finally {
      delete process.env.IMPORT_MAX_ROWS;
    }
    process.env.IMPORT_MAX_CELLS = '100';
    try {
      const res = await previewPeople(xlsx(rows));
      expect(res.statusCode).toBe(413);
      expect(res.json().message).toContain('超过 100 个单元格的上限');
    } finally {
      delete process.env.IMPORT_MAX_CELLS;
    }
  });
});

describe('the preview promises what the commit does', () => {
  const person = (name: string, id: string, over: Partial<Record<'joinedOn' | 'pioneer' | 'memberNo', Cell>> = {}): Cell[] => [
    name, id.charAt(16) && Number(id.charAt(16)) % 2 ? '男' : '女', id, '汉族', '普通高中', over.memberNo ? '共青团员' : '群众', null, null, '否', null, null, over.memberNo ?? null, over.joinedOn ?? null, over.pioneer ?? null,
  ];

  it('shows a header error and refuses to commit the batch', async () => {
    const headers = HEADERS.map((h) => (h === '身份证号*' ? '身份证' : h));
    const preview = (await previewPeople(xlsx([headers, person('表头错', makeIdNumber('2004-05-06', 'male'))]))).json();
    expect(preview.errors[0]).toMatchObject({ row: 1, column: '表头' });
    const before = (await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from people`))[0]!.n;
    const commit = await baini.post(`/api/people/import/${preview.batchId}/commit`);
    expect(commit.statusCode).toBe(422);
    expect(commit.json().message).toContain('表头');
    expect((await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from people`))[0]!.n).toBe(before);
  });

  it('accepts real date cells, serial numbers and written dates, and finds impossible dates in the preview', async () => {
    const ids = Array.from({ length: 8 }, () => makeIdNumber('2006-03-04', 'male'));
    const rows: Cell[][] = [
      HEADERS,
      person('日期格', ids[0]!, { pioneer: { n: serial('2014-06-01'), date: true } }),
      person('序号数', ids[1]!, { pioneer: { n: serial('2015-06-01') } }),
      person('点分隔', ids[2]!, { pioneer: '2014.6.1' }),
      person('年月日', ids[3]!, { pioneer: '2014年6月1日' }),
      person('斜杠式', ids[4]!, { pioneer: { inline: '2014/6/1' } }),
      person('入团日', ids[5]!, { memberNo: '202152000101', joinedOn: { n: serial('2021-05-04'), date: true }, pioneer: { n: serial('2014-10-13') } }),
      person('二月卅', ids[6]!, { memberNo: '5203290000000102', joinedOn: '2015-02-30' }),
      person('十三月', ids[7]!, { pioneer: '2014/13/1' }),
    ];
    const report = (await previewPeople(xlsx(rows))).json();
    expect(report.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [8, '入团时间'],
      [9, '入队时间'],
    ]);
    expect(report.valid).toBe(6);
    const commit = await baini.post(`/api/people/import/${report.batchId}/commit`);
    expect(commit.json()).toMatchObject({ inserted: 6 });
    const stored = await systemRows<{ name: string; pioneer: string | null; joined: string | null }>(
      t.database,
      sql`select name, pioneer_joined_on::text as pioneer, joined_on::text as joined from people where id_number = any(${sql.param(ids.slice(0, 6))}::text[]) order by name`,
    );
    expect(Object.fromEntries(stored.map((s) => [s.name, [s.pioneer, s.joined]]))).toEqual({
      日期格: ['2014-06-01', null],
      序号数: ['2015-06-01', null],
      点分隔: ['2014-06-01', null],
      年月日: ['2014-06-01', null],
      斜杠式: ['2014-06-01', null],
      入团日: ['2014-10-13', '2021-05-04'],
    });
  });

  it('finds a member number used twice in the preview, and names row and column when the commit meets a change made since', async () => {
    const [a, b, c] = [makeIdNumber('2005-01-02', 'male'), makeIdNumber('2005-01-03', 'male'), makeIdNumber('2005-01-04', 'male')];
    const twice = (await previewPeople(xlsx([HEADERS, person('编号甲', a, { memberNo: '202152000201', joinedOn: '2021-05-04' }), person('编号乙', b, { memberNo: '202152000201', joinedOn: '2021-05-04' })]))).json();
    expect(twice.errors).toEqual([expect.objectContaining({ row: 3, column: '团员编号' })]);

    const report = (await previewPeople(xlsx([HEADERS, person('先校验', a), person('后登记', c)]))).json();
    expect(report.valid).toBe(2);
    // Someone registers the second person between the preview and the commit.
    const created = await baini.post('/api/people', { name: '后登记', gender: 'male', idNumber: c, ethnicity: '01', politicalStatus: '13', orgId: bainiBranch });
    expect(created.statusCode).toBe(200);
    const commit = await baini.post(`/api/people/import/${report.batchId}/commit`);
    expect(commit.statusCode).toBe(422);
    expect(commit.json().message).toContain('第3行“身份证号”');
    expect((await systemRows<{ n: number }>(t.database, sql`select count(*)::int as n from people where id_number = ${a}`))[0]!.n).toBe(0);
  });
});

describe('files that are not what they claim', () => {
  it('says a zip without a workbook is not an Excel workbook, in every import', async () => {
    const notWorkbook = b64(zip([{ name: 'readme.txt', text: '这不是工作簿' }]));
    const people = await baini.post('/api/people/import', { fileName: 'x.xlsx', contentBase64: notWorkbook, orgId: bainiBranch });
    expect(people.statusCode).toBe(400);
    expect(people.json().message).toContain('不是 Excel 工作簿');
    const dues = await baini.post('/api/daily-work/dues/import', { orgId: bainiBranch, fileName: 'x.xlsx', contentBase64: notWorkbook });
    expect(dues.json().message).toContain('不是 Excel 工作簿');
    const bainiTown = await orgId(t.database, '共青团余庆县白泥镇委员会');
    const round = (await baini.post('/api/org-life/study/rounds', { orgId: bainiTown, year: 2026, roundNo: 41, title: '青年大学习2026年第41期', startOn: '2026-11-09' })).json();
    const study = await baini.post(`/api/org-life/study/rounds/${round.id}/import`, { fileName: 'x.xlsx', contentBase64: notWorkbook });
    expect(study.json().message).toContain('不是 Excel 工作簿');
  });

  it('answers a 50 MB upload with 413 and the limit in MB', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 7).toString('base64');
    const res = await baini.post('/api/people/import', { fileName: 'big.xlsx', contentBase64: big, orgId: bainiBranch });
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toContain('30 MB');
    const dues = await baini.post('/api/daily-work/dues/import', { orgId: bainiBranch, fileName: 'big.xlsx', contentBase64: big });
    expect(dues.statusCode).toBe(413);
    expect(dues.json().message).toContain('30 MB');
  });

  it('reports a control character in a cell as an error of its row and column, never a 500', async () => {
    const id = makeIdNumber('2004-07-08', 'female');
    const rows: Cell[][] = [
      HEADERS,
      ['控制符', '女', id, '汉族', '普通高中', '群众', null, { inline: '务\u0001农' }],
      [{ inline: '空\u0000字符' }, '女', makeIdNumber('2004-07-09', 'female'), '汉族', '普通高中', '群众'],
      ['转义符', '女', makeIdNumber('2004-07-10', 'female'), '汉族', '普通高中', '群众', null, null, null, '三年级_x0007_班'],
    ];
    const res = await previewPeople(xlsx(rows));
    expect(res.statusCode).toBe(200);
    expect(res.json().errors.map((e: { row: number; column: string; message: string }) => [e.row, e.column, e.message])).toEqual([
      [2, '工作单位/职业', '工作单位/职业含有不可见的控制字符（U+0001），请删除后重新输入'],
      [3, '姓名', '姓名含有不可见的控制字符（U+0000），请删除后重新输入'],
      [4, '年级班级', '年级班级含有不可见的控制字符（U+0007），请删除后重新输入'],
    ]);
    // The same check in the other imports.
    const dues = await baini.post('/api/daily-work/dues/import', {
      orgId: bainiBranch, fileName: 'x.xlsx',
      contentBase64: b64(xlsx([['姓名*', '团员编号或身份证号*', '所属月份*', '金额（元）', '交纳日期*', '交纳方式*', '回单号'], ['张三', { inline: '5203\u00012020' }, '2026-01', '0.2', '2026-01-05', '现金']])),
    });
    expect(dues.json().errors).toEqual([expect.objectContaining({ row: 2, column: '团员编号或身份证号' })]);
  });
});

describe('reading cells', () => {
  it('reads dates as Excel and people write them, and only real ones', () => {
    expect(['2014-06-01', '2014/6/1', '2014.6.1', '2014年6月1日', '2014 年 6 月 1 日', '20140601', '2014-06-01 00:00:00', serial('2014-06-01'), 20140601].map((v) => cellDate(v))).toEqual(Array(9).fill('2014-06-01'));
    expect(['2015-02-30', '2014/13/1', '2014-6', '六月一日', 'abc', 0, 20141301].map((v) => cellDate(v))).toEqual(Array(7).fill(undefined));
    expect([cellDate(null), cellDate(''), cellDate('  ')]).toEqual([null, null, null]);
    expect([serialToIso(1), serialToIso(59), serialToIso(60), serialToIso(61), serialToIso(0, true)]).toEqual(['1900-01-01', '1900-02-28', null, '1900-03-01', null]);
    expect(serialToIso(1, true)).toBe('1904-01-02');
    expect(['yyyy/m/d', 'yyyy"年"m"月"d"日"', '[$-804]aaaa', 'mmm-yy', 'h:mm', '0.00', '#,##0', '@', '[Red]0%'].map(isDateFormat)).toEqual([true, true, true, true, false, false, false, false, false]);
  });

  it('joins rich-text runs, leaves out phonetic guides and keeps the text of long rows whole', async () => {
    const sst = `<?xml version="1.0"?><sst xmlns="${NS}"><si><r><t>共青团</t></r><r><rPr><b/></rPr><t xml:space="preserve">余庆县 </t></r><rPh><t>ヨケイ</t></rPh><r><t>委员会</t></r></si></sst>`;
    const file = zip([...WORKBOOK_PARTS({ name: 'xl/sharedStrings.xml', text: sst }), { name: 'xl/worksheets/sheet1.xml', text: `<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData><row r="3"><c r="B3" t="s"><v>0</v></c><c r="D3" s="2"><v>41791</v></c></row></sheetData></worksheet>` }]);
    const rows = [];
    for await (const r of readUpload({ fileName: 'x.xlsx', contentBase64: b64(file) })) rows.push(r);
    expect(rows.map((r) => ({ row: r.row, cells: r.cells.map((c) => (c === null ? null : cellText(c))) }))).toEqual([{ row: 3, cells: [null, '共青团余庆县 委员会', null, '2014-06-01'] }]);
  });
});
