import { formatDocumentCode } from '@tuanjian/domain';
import { Sheet, cnDate, cnMonth, type Cell } from './pdf.js';

/*
 * The documents' layouts, each like its paper form, from plain data (loaded
 * in the caller's scope by data.ts). Every function returns the PDF bytes.
 */

export interface Verification {
  code: string;
  url: string;
  issuedOn: string;
  validUntil: string;
}

export interface Identity {
  name: string;
  gender: string;
  ethnicity: string;
  birthDate: string;
  idNumber: string;
  education: string;
  politicalStatus: string;
  occupation: string;
  phone: string;
  orgName: string;
  memberNo: string;
  joinedOn: string | null;
  memberStatus: string;
}

/* ------------------------------------------------------------------ 团员证明 */

export interface CertificateData {
  person: Identity;
  /** The latest annual registration: "2026年度已注册". */
  registration: string | null;
  issuerName: string;
  verification: Verification;
}

export async function certificatePdf(d: CertificateData): Promise<Buffer> {
  const s = new Sheet({ title: `团员证明-${d.person.name}`, size: 13, margin: 25 });
  const p = d.person;
  s.para(`编号：${formatDocumentCode(d.verification.code)}`, { indent: 0, align: 'right', size: 10 });
  s.doc.y += 8;
  s.title('团 员 证 明', 24, 8);
  s.para(
    `兹证明${p.name}同志，${p.gender}，${p.ethnicity}，${cnDate(p.birthDate)}出生，公民身份号码${p.idNumber}，` +
      `于${cnDate(p.joinedOn)}加入中国共产主义青年团${p.memberNo ? `，团员编号${p.memberNo}` : ''}。` +
      `该同志现为中国共产主义青年团团员，团组织关系在${p.orgName}${d.registration ? `，${d.registration}` : ''}。`,
    { gap: 4 },
  );
  s.para('特此证明。', { gap: 14 });
  s.sign([d.issuerName, '（盖章）', cnDate(d.verification.issuedOn)]);
  s.doc.y += 12;
  s.para(`本证明自开具之日起至${cnDate(d.verification.validUntil)}有效，涂改无效。`, { size: 10, indent: 0 });
  s.verification(formatDocumentCode(d.verification.code), d.verification.url, cnDate(d.verification.validUntil));
  return s.finish();
}

/* ------------------------------------------------------------ 组织关系介绍信 */

export interface LetterData {
  person: Identity;
  age: number;
  fromOrgName: string;
  toOrgName: string;
  reason: string;
  duesPaidTo: string | null;
  verification: Verification;
}

export async function transferLetterPdf(d: LetterData): Promise<Buffer> {
  const s = new Sheet({ title: `组织关系介绍信-${d.person.name}`, size: 12, margin: 20 });
  const p = d.person;
  const code = formatDocumentCode(d.verification.code);
  // 存根: kept by the sending side.
  s.title('中国共产主义青年团团员组织关系介绍信（存根）', 15, 2);
  s.para(`编号：${code}`, { indent: 0, align: 'right', size: 10 });
  s.para(
    `${p.name}同志（${p.gender}，${d.age}岁，${p.ethnicity}，团员编号${p.memberNo || '—'}），团组织关系由${d.fromOrgName}转往${d.toOrgName}。转接原因：${d.reason}。`,
    { size: 11 },
  );
  s.para(`${cnDate(d.verification.issuedOn)}开具，有效期至${cnDate(d.verification.validUntil)}。`, { size: 11, align: 'right', indent: 0 });
  s.cutLine('（ 骑 缝 ）');
  // 介绍信: carried to the receiving organization.
  s.title('中国共产主义青年团团员组织关系介绍信', 18, 4);
  s.para(`编号：${code}`, { indent: 0, align: 'right', size: 10 });
  s.para(`${d.toOrgName}：`, { indent: 0 });
  s.para(
    `兹介绍${p.name}同志（${p.gender}，${d.age}岁，${p.ethnicity}，公民身份号码${p.idNumber}，${cnDate(p.joinedOn)}入团，团员编号${p.memberNo || '—'}）` +
      `前往你处，请接转团的组织关系。${d.duesPaidTo ? `该同志团费已交至${d.duesPaidTo}。` : ''}转接原因：${d.reason}。`,
  );
  s.para('特此介绍。', { gap: 8 });
  s.sign([d.fromOrgName, '（盖章）', cnDate(d.verification.issuedOn)]);
  s.doc.y += 6;
  s.para(`（有效期至${cnDate(d.verification.validUntil)}）`, { size: 10, indent: 0 });
  s.verification(code, d.verification.url, cnDate(d.verification.validUntil));
  return s.finish();
}

/* -------------------------------------------------------------- 入团志愿书 */

export interface ApplicationData {
  person: Identity;
  branchName: string;
  steps: { label: string; actedOn: string; actor: string; note: string }[];
  applicationOn: string | null;
  sponsors: string[];
  meeting: { on: string; entitled: number | null; present: number | null; votesFor: number | null } | null;
  approval: { on: string; actor: string } | null;
  filledOn: string;
}

export async function applicationFormPdf(d: ApplicationData): Promise<Buffer> {
  const s = new Sheet({ title: `入团志愿书-${d.person.name}`, size: 11, margin: 18 });
  const p = d.person;
  // Cover, as the printed booklet's first page.
  s.doc.y += 60;
  s.title('中国共产主义青年团', 22, 6);
  s.title('入 团 志 愿 书', 30, 30);
  s.doc.y += 40;
  const cover = (label: string, value: string) => s.para(`${label}：${value}`, { indent: 120, size: 15, gap: 6 });
  cover('姓　　名', p.name);
  cover('所在团支部', d.branchName);
  cover('填写日期', cnDate(d.filledOn));
  s.doc.y += 60;
  s.para('中国共产主义青年团中央委员会印制', { align: 'center', indent: 0, size: 12 });
  s.doc.addPage();

  s.title('入团志愿书', 18, 3);
  const L = (text: string, span = 1): Cell => ({ text, label: true, span });
  const V = (text: string, span = 1): Cell => ({ text, span });
  s.grid(
    [14, 18, 12, 14, 12, 30],
    [
      [L('姓名'), V(p.name), L('性别'), V(p.gender), L('民族'), V(p.ethnicity)],
      [L('出生年月'), V(cnMonth(p.birthDate)), L('文化程度'), V(p.education), L('政治面貌'), V(p.politicalStatus)],
      [L('公民身份号码'), V(p.idNumber, 3), L('联系电话'), V(p.phone)],
      [L('工作单位（学校）及职务'), V(p.occupation, 5)],
      [L('递交入团申请书时间'), V(cnDate(d.applicationOn), 2), L('入团介绍人'), V(d.sponsors.join('、'), 2)],
      [L('入团志愿'), { text: '（本人手写）', span: 5, minHeight: 70 }],
      [L('本人签名'), V('', 2), L('日期'), V('　　年　　月　　日', 2)],
    ],
  );
  s.doc.addPage();
  const opinion = (label: string, text: string, signer: string, on: string): Cell[][] => [
    [L(label), { text, span: 5, minHeight: 38 }],
    [L('签名（盖章）'), V(signer, 2), L('日期'), V(on ? cnDate(on) : '　　年　　月　　日', 2)],
  ];
  const m = d.meeting;
  s.grid([14, 18, 12, 14, 12, 30], [
    ...opinion('入团介绍人意见', '', d.sponsors.join('、'), ''),
    ...opinion(
      '团支部大会决议',
      m
        ? `经${cnDate(m.on)}团支部大会讨论，应到会有表决权的团员${m.entitled ?? '　'}名，实到会${m.present ?? '　'}名，赞成${m.votesFor ?? '　'}票，同意接收${p.name}同志为中国共产主义青年团团员。`
        : '',
      '团支部书记：',
      m?.on ?? '',
    ),
    ...opinion(
      '上级团委审批意见',
      d.approval ? `经${cnDate(d.approval.on)}审查，同意接收${p.name}同志为中国共产主义青年团团员。` : '',
      d.approval?.actor ?? '',
      d.approval?.on ?? '',
    ),
  ]);
  s.heading('发展程序记录');
  s.table(
    ['步骤', '日期', '经办人', '备注'],
    d.steps.map((x) => [x.label, cnDate(x.actedOn), x.actor, x.note]),
    [24, 18, 16, 42],
    { size: 10 },
  );
  return s.finish();
}

/* ------------------------------------------------------------------ 团员档案 */

export interface RecordData {
  person: Identity;
  sections: { title: string; head: string[]; columns: number[]; rows: string[][] }[];
  printedOn: string;
  printedBy: string;
}

export async function memberRecordPdf(d: RecordData): Promise<Buffer> {
  const s = new Sheet({ title: `团员档案-${d.person.name}`, size: 10.5, margin: 18 });
  const p = d.person;
  s.title('团 员 档 案', 20, 3);
  s.para(`打印：${d.printedBy}　${cnDate(d.printedOn)}`, { indent: 0, align: 'right', size: 9 });
  const L = (text: string): Cell => ({ text, label: true });
  const V = (text: string, span = 1): Cell => ({ text, span });
  s.heading('一、基本信息');
  s.grid(
    [14, 20, 12, 18, 14, 22],
    [
      [L('姓名'), V(p.name), L('性别'), V(p.gender), L('民族'), V(p.ethnicity)],
      [L('出生日期'), V(cnDate(p.birthDate)), L('文化程度'), V(p.education), L('政治面貌'), V(p.politicalStatus)],
      [L('公民身份号码'), V(p.idNumber, 3), L('联系电话'), V(p.phone)],
      [L('入团时间'), V(cnDate(p.joinedOn)), L('团员编号'), V(p.memberNo), L('团籍状态'), V(p.memberStatus)],
      [L('所在团组织'), V(p.orgName, 3), L('工作单位'), V(p.occupation)],
    ],
  );
  const numerals = ['二', '三', '四', '五', '六', '七', '八', '九'];
  d.sections.forEach((sec, i) => {
    s.heading(`${numerals[i] ?? i + 2}、${sec.title}`);
    s.table(sec.head, sec.rows, sec.columns, { size: 9.5 });
  });
  return s.finish();
}

/* ----------------------------------------------------- election papers, 统计表 */

export interface PlainDoc {
  title: string;
  intro: string[];
  table?: { head: string[]; rows: (string | number)[][] };
  outro: string[];
  sign: string[];
}

/** An election paper (公示, 选票, 选举结果记录) from the parts the HTML version is made of. */
export async function plainDocPdf(d: PlainDoc): Promise<Buffer> {
  const s = new Sheet({ title: d.title, size: 13, margin: 25 });
  s.title(d.title, 18, 6);
  for (const p of d.intro) s.para(p);
  if (d.table) {
    const n = d.table.head.length;
    s.table(d.table.head, d.table.rows.map((r) => r.map(String)), Array.from({ length: n }, () => 1), { size: 11 });
    s.doc.y += 8;
  }
  for (const p of d.outro) s.para(p);
  s.doc.y += 10;
  s.sign(d.sign);
  return s.finish();
}

export interface StatTableData {
  title: string;
  orgName: string;
  asOf: string | null;
  columns: { group: string | null; label: string; unit: string }[];
  rows: { orgName: string; values: number[] }[];
  total: number[];
}

/** A statistical table as the paper form: A4 landscape, grouped two-row header repeated on every page, bold total. */
export async function statTablePdf(t: StatTableData): Promise<Buffer> {
  const s = new Sheet({ title: `${t.title}-${t.orgName}`, landscape: true, size: 8, margin: 12 });
  s.title(t.title, 16, 2);
  s.para(`填报单位：${t.orgName}　　统计时点：${t.asOf ? `${t.asOf}月末` : '当前'}　　单位：个、人、%`, { indent: 0, size: 9, align: 'left' });
  // Two header rows as the paper form: a group over its columns; a column without a group, and the name column, span both rows.
  const groupRow: Cell[] = [{ text: '组织名称', label: true, rowSpan2: true }];
  const labelRow: Cell[] = [{ text: '', covered: true }];
  for (let i = 0; i < t.columns.length; ) {
    const c = t.columns[i]!;
    let end = i;
    while (c.group && end + 1 < t.columns.length && t.columns[end + 1]!.group === c.group) end++;
    const label = (k: number) => `${t.columns[k]!.label}（${t.columns[k]!.unit}）`;
    if (!c.group) {
      groupRow.push({ text: label(i), label: true, rowSpan2: true });
      labelRow.push({ text: '', covered: true });
    } else {
      groupRow.push({ text: c.group, label: true, span: end - i + 1 });
      for (let k = i; k <= end; k++) labelRow.push({ text: label(k), label: true });
    }
    i = end + 1;
  }
  const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
  const rows: Cell[][] = t.rows.map((r) => [{ text: r.orgName }, ...r.values.map((v) => ({ text: fmt(v), align: 'right' as const }))]);
  rows.push([{ text: '合计', label: true }, ...t.total.map((v) => ({ text: fmt(v), align: 'right' as const, label: true }))]);
  s.grid([5, ...t.columns.map(() => 1.6)], rows, { size: 7.5, header: [groupRow, labelRow] });
  return s.finish();
}
