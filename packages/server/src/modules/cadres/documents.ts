import {
  CADRE_TITLE_LABELS,
  CANDIDATE_SOURCE_LABELS,
  DomainError,
  ELECTION_KIND_LABELS,
  ELECTION_STEP_LABELS,
  GENDER_LABELS,
  educationName,
  politicalStatusName,
  api,
} from '@tuanjian/domain';

/*
 * Documents of an election or selection generated from its data: the public
 * notice (公示), the ballot (选票) and the record of the procedure and vote
 * (选举工作记录). Plain text and a printable HTML page, both in Chinese.
 */

type Detail = api.cadres.ElectionDetail;
type Kind = api.cadres.ElectionDocumentKind;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const ym = (date: string) => `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月`;
const ymd = (date: string) => `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

export interface Doc {
  title: string;
  /** Paragraphs before the table. */
  intro: string[];
  table?: { head: string[]; rows: (string | number)[][] };
  /** Paragraphs after the table. */
  outro: string[];
  /** Signature lines, right-aligned. */
  sign: string[];
}

function render(kind: Kind, d: Doc) {
  const line = (cells: (string | number)[]) => cells.map(String).join('\t');
  const text = [
    d.title,
    '',
    ...d.intro,
    ...(d.table ? ['', line(d.table.head), ...d.table.rows.map(line), ''] : []),
    ...d.outro,
    '',
    ...d.sign,
  ].join('\n');
  const table = d.table
    ? `<table><thead><tr>${d.table.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${d.table.rows
        .map((r) => `<tr>${r.map((c) => `<td>${esc(String(c))}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`
    : '';
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(d.title)}</title><style>
body{font-family:"FangSong","STFangsong","SimSun",serif;font-size:16pt;line-height:1.8;margin:2.5cm 2.6cm;color:#000}
h1{font-family:"SimHei","STHeiti",sans-serif;font-size:20pt;text-align:center;margin-bottom:1em}
p{text-indent:2em;margin:0.3em 0}table{border-collapse:collapse;width:100%;margin:1em 0;font-size:12pt}
th,td{border:1px solid #000;padding:4px 6px;text-align:center}td.box{height:2.2em}.sign{text-align:right;text-indent:0}
@media print{body{margin:0}}</style></head><body><h1>${esc(d.title)}</h1>${d.intro.map((p) => `<p>${esc(p)}</p>`).join('')}${table}${d.outro
    .map((p) => `<p>${esc(p)}</p>`)
    .join('')}${d.sign.map((s) => `<p class="sign">${esc(s)}</p>`).join('')}</body></html>`;
  return { kind, title: d.title, text, html };
}

const standing = (d: Detail) => d.candidateList.filter((c) => c.qualified === true && c.objectionState !== 'upheld');

export interface DocumentContext {
  contactName: string | null;
  contactPhone: string | null;
}

function notice(d: Detail, ctx: DocumentContext): Doc {
  const isElection = d.kind === 'election';
  const people = standing(d);
  const from = d.noticeFrom ? ymd(d.noticeFrom) : '____年__月__日';
  const to = d.noticeTo ? ymd(d.noticeTo) : '____年__月__日';
  const contact = [d.orgName, ctx.contactName ? `（联系人：${ctx.contactName}${ctx.contactPhone ? `，电话：${ctx.contactPhone}` : ''}）` : ''];
  return {
    title: isElection ? `关于${d.orgName}换届选举候选人预备人选的公示` : `关于${d.orgName}${d.title.includes('选配') ? '' : '选配'}拟任人选的公示`,
    intro: [
      `根据《中国共产主义青年团章程》和团的基层组织选举工作有关规定，经组织推荐、民主推荐、个人自荐和资格审查，并经党组织研究，现将${d.orgName}${ELECTION_KIND_LABELS[d.kind]}${isElection ? '候选人预备人选' : '拟任人选'}${people.length}名予以公示（以职务为序）：`,
    ],
    table: {
      head: ['序号', '姓名', '性别', '出生年月', '政治面貌', '学历', '工作单位及职务', isElection ? '拟提名职务' : '拟任职务'],
      rows: people.map((c, i) => [
        i + 1,
        c.name,
        GENDER_LABELS[c.gender],
        ym(c.birthDate),
        politicalStatusName(c.politicalStatus) ?? '',
        educationName(c.education) ?? '',
        c.workUnit ?? '',
        CADRE_TITLE_LABELS[c.postTitle],
      ]),
    },
    outro: [
      `公示时间：${from}至${to}（${d.publicNoticeDays}天）。`,
      `公示期间，如对公示对象有异议，可通过书面、电话或当面等方式向${contact.join('')}反映。反映问题应实事求是，以真实姓名反映的，将优先进行调查核实。`,
    ],
    sign: [d.orgName, d.noticeFrom ? ymd(d.noticeFrom) : '____年__月__日'],
  };
}

function ballot(d: Detail): Doc {
  if (d.kind !== 'election') throw new DomainError('no_ballot', '选配不进行投票，没有选票');
  const people = standing(d);
  const sections = d.seats.map((s) => {
    const names = people.filter((c) => c.postTitle === s.title).map((c) => c.name);
    return { s, names };
  });
  const width = Math.max(...sections.map((x) => x.names.length), 1);
  const rows: (string | number)[][] = [];
  for (const { s, names } of sections) {
    rows.push([`${CADRE_TITLE_LABELS[s.title]}（应选${s.seats}名，候选人${names.length}名）`, ...Array(width - 1).fill('')]);
    rows.push([...names, ...Array(width - names.length).fill('')].map(() => '　'));
    rows.push([...names, ...Array(width - names.length).fill('')]);
  }
  return {
    title: `${d.orgName}${d.title.includes('选举') ? '' : '换届'}选举选票`,
    intro: [
      `本次选举应选${d.seatsTotal}名，正式候选人${people.length}名，实行差额选举（候选人名单以职务为序，同一职务内不分先后）。`,
    ],
    table: { head: Array.from({ length: width }, (_, i) => (i === 0 ? '候选人' : '')), rows },
    outro: [
      '填票说明：一、对候选人表示赞成的，在其姓名上方的空格内画“○”；不赞成的画“×”；弃权的不画任何符号。',
      '二、投不赞成票的，可以另选他人，在空格内写上另选人的姓名，并在其上方空格内画“○”。',
      '三、每一职务所选人数等于或少于应选人数的为有效票，多于应选人数的为无效票。',
      '四、请用黑色或蓝色钢笔、签字笔填写，字迹清楚，符号准确。',
    ],
    sign: [`${d.orgName}团员大会（团员代表大会）`, '监票人：________　计票人：________'],
  };
}

function minutes(d: Detail): Doc {
  const intro: string[] = [`${d.title}（${ELECTION_KIND_LABELS[d.kind]}），方案设定：${d.seats.map((s) => `${CADRE_TITLE_LABELS[s.title]}${s.seats}名`).join('、')}。`];
  for (const s of d.steps) {
    const data = s.data as Record<string, unknown>;
    const when = ymd(s.actedOn);
    switch (s.step) {
      case 'plan':
        intro.push(`${when}，制定方案，经办人${s.actor}。`);
        break;
      case 'recommendation': {
        const bySource = Object.entries(CANDIDATE_SOURCE_LABELS).map(([k, label]) => `${label}${d.candidateList.filter((c) => c.source === k).length}名`);
        intro.push(`${when}，人选推荐结束，共推荐${d.candidateList.length}名（${bySource.join('，')}）。`);
        break;
      }
      case 'qualification':
      case 'party_decision':
        intro.push(`${when}，${ELECTION_STEP_LABELS[s.step as 'qualification']}完成${Array.isArray(data.standing) ? `，预备人选：${(data.standing as string[]).join('、')}` : ''}${data.note ? `（${String(data.note)}）` : ''}。`);
        break;
      case 'notice':
        intro.push(`${when}，发布公示，公示期${ymd(String(data.noticeFrom))}至${ymd(String(data.noticeTo))}。`);
        break;
      case 'objection':
        intro.push(`${when}，收到对${String(data.name)}的异议：${String(data.text)}。`);
        break;
      case 'objection_resolved':
        intro.push(`${when}，对${String(data.name)}的异议经核实${data.upheld ? '属实，取消其人选资格' : '无问题'}：${String(data.finding)}。`);
        break;
      case 'vote':
        intro.push(
          `${when}，召开选举大会。应到会有选举权的${String(data.entitled)}人，实到${String(data.present)}人；发出选票${String(data.ballotsIssued)}张，收回${String(data.ballotsReturned)}张，其中无效票${String(data.invalidBallots ?? 0)}张。`,
        );
        break;
      case 'approval':
        intro.push(`${when}，经上级团委批准（${s.actor}）${Array.isArray(data.appointed) ? `：${(data.appointed as string[]).join('、')}` : ''}。`);
        break;
      case 'cancel':
        intro.push(`${when}，取消：${String(data.reason)}。`);
        break;
      default:
        break;
    }
  }
  const voted = d.candidateList.some((c) => c.votes !== null);
  return {
    title: `${d.orgName}${ELECTION_KIND_LABELS[d.kind]}工作记录`,
    intro,
    table: voted
      ? {
          head: ['职务', '候选人', '推荐方式', '得票', '结果'],
          rows: standing(d).map((c) => [CADRE_TITLE_LABELS[c.postTitle], c.name, CANDIDATE_SOURCE_LABELS[c.source], c.votes ?? '', c.elected ? '当选' : '未当选']),
        }
      : undefined,
    outro: voted
      ? [`当选人数须获得超过实到会有选举权人数半数的赞成票。当选：${d.candidateList.filter((c) => c.elected).map((c) => `${c.name}（${CADRE_TITLE_LABELS[c.postTitle]}）`).join('、') || '无'}。`]
      : [],
    sign: ['记录人：________　主持人：________', d.orgName],
  };
}

/** The parts of a document (title, paragraphs, table, signature lines), also drawn as PDF by modules/documents. */
export function electionDocumentParts(d: Detail, kind: Kind, ctx: DocumentContext): Doc {
  return kind === 'notice' ? notice(d, ctx) : kind === 'ballot' ? ballot(d) : minutes(d);
}

export function electionDocument(d: Detail, kind: Kind, ctx: DocumentContext) {
  return render(kind, electionDocumentParts(d, kind, ctx));
}
