import { ETHNICITIES, EDUCATIONS, GENDER_LABELS, POLITICAL_STATUSES, SECTOR_LABELS, api } from '@tuanjian/domain';
import { scoped, type RouteDef } from '../../http/route.js';
import { sendWorkbook } from '../../excel/workbook.js';
import * as people from './service.js';
import { buildTemplate, commitImport, previewImport } from './import.js';
import { peopleOverview } from './stats.js';

const nameOf = (list: readonly { code: string; name: string }[]) => {
  const m = new Map(list.map((x) => [x.code, x.name]));
  return (code: string | null) => (code ? (m.get(code) ?? code) : '');
};
const ethnicity = nameOf(ETHNICITIES);
const education = nameOf(EDUCATIONS);
const political = nameOf(POLITICAL_STATUSES);

export const peopleRoutes: RouteDef[] = [
  scoped(api.people.listPeople, async ({ tx, rules }, { query }) => {
    const r = await rules();
    const { page, pageSize, ...filters } = query;
    return { ...(await people.peoplePage(tx, filters, r, { offset: (page - 1) * pageSize, limit: pageSize })), page, pageSize };
  }),
  scoped(api.people.exportPeople, async ({ tx, rules, reply }, { query }) => {
    const items = await people.listPeople(tx, query, await rules());
    await sendWorkbook(reply, '青年团员名册.xlsx', '名册', [
      { header: '姓名', value: (p) => p.name, width: 10 },
      { header: '性别', value: (p) => GENDER_LABELS[p.gender], width: 6 },
      { header: '身份证号', value: (p) => p.idNumberMasked, width: 22 },
      { header: '出生日期', value: (p) => p.birthDate, width: 12 },
      { header: '年龄', value: (p) => p.age, width: 6 },
      { header: '民族', value: (p) => ethnicity(p.ethnicity), width: 10 },
      { header: '学历', value: (p) => education(p.education), width: 12 },
      { header: '政治面貌', value: (p) => political(p.politicalStatus), width: 12 },
      { header: '联系电话', value: (p) => p.phoneMasked, width: 14 },
      { header: '所在组织', value: (p) => p.orgName, width: 30 },
      { header: '所属领域', value: (p) => SECTOR_LABELS[p.sector], width: 12 },
      { header: '年级班级', value: (p) => p.grade, width: 14 },
      { header: '团员编号', value: (p) => p.memberNo, width: 20 },
      { header: '入团时间', value: (p) => p.joinedOn, width: 12 },
    ], items);
  }),
  scoped(api.people.importTemplate, async ({ reply }) => {
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('青年团员导入模板.xlsx')}`);
    return reply.send(await buildTemplate());
  }),
  scoped(api.people.previewImport, async ({ tx, rules }, { body }) => previewImport(tx, body, await rules())),
  scoped(api.people.commitImport, ({ tx }, { params }) => commitImport(tx, params.id)),
  scoped(api.people.getPerson, ({ tx, user }, { params }) => people.getPerson(tx, user, params.id)),
  scoped(api.people.revealIdNumber, async ({ tx }, { params }) => ({ idNumber: await people.revealIdNumber(tx, params.id) })),
  scoped(api.people.createPerson, async ({ tx, user, rules }, { body }) => people.getPerson(tx, user, await people.createPerson(tx, body, await rules()))),
  scoped(api.people.updatePerson, async ({ tx, user, rules }, { params, body }) => {
    await people.updatePerson(tx, params.id, body, await rules());
    return people.getPerson(tx, user, params.id);
  }),
  scoped(api.people.getPeopleOverview, async ({ tx, rules }, { query }) => peopleOverview(tx, query.orgId, await rules())),
];
