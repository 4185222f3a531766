import { z } from 'zod';
import { contract, field, paged, pageQuery } from './contract.js';
import { dashboard } from './dashboard.js';
import { directoryEntry } from './membership.js';

const { id: positiveId, text } = field;

/**
 * The national tier (docs/scaling.md): a national server reads every province's rollups through
 * postgres_fdw; these figures come from one query over all provinces. Answered only by a server in
 * national mode (NATIONAL_PROVINCES), to a platform administrator or an account of the central committee.
 */
const figures = dashboard.pick({ orgs: true, people: true, development: true });

export const nationalOverview = z.object({
  year: z.number(),
  provinces: z.array(
    z.object({ code: z.string(), name: z.string(), orgId: z.number(), orgName: z.string() }).extend(figures.shape),
  ),
  total: figures,
});
export type NationalOverview = z.infer<typeof nationalOverview>;

export const getOverview = contract({
  method: 'GET',
  path: '/api/national/overview',
  permission: 'stats:read',
  tag: '全国',
  summary: '全国概况：各省组织、团员、青年、发展团员（一次查询读取各省汇总）',
  response: nationalOverview,
});

const month = z.string().regex(/^\d{4}-\d{2}$/, '月份格式为 YYYY-MM');

export const nationalStatTable = z.object({
  month: z.string(),
  rows: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      /** Month-end figures of the province's committee (null: no snapshot of that month yet). */
      orgs: z.number().nullable(),
      members: z.number().nullable(),
      people: z.number().nullable(),
      casesInProgress: z.number().nullable(),
      approvedThisYear: z.number().nullable(),
    }),
  ),
});
export type NationalStatTable = z.infer<typeof nationalStatTable>;

export const getStatTable = contract({
  method: 'GET',
  path: '/api/national/stat-table',
  permission: 'stats:read',
  tag: '全国',
  summary: '全国统计表：各省月末快照（组织、团员、登记青年、发展团员），一次查询',
  query: z.object({ month: month.describe('月份') }),
  response: nationalStatTable,
});

/*
 * 跨省转接 (national/transfer.ts): a member moved from a branch of one province to a branch of another as
 * single-province transactions linked by the transfer's key, coordinated by the national server. The
 * national administrator starts one, and accepts (接收并办结, also resuming one stopped by a server going
 * down) or declines it; each province's own pages and audit log show its side.
 */
export const NATIONAL_TRANSFER_STATUSES = ['pending', 'received', 'completed', 'rejected'] as const;
export type NationalTransferStatus = (typeof NATIONAL_TRANSFER_STATUSES)[number];
export const NATIONAL_TRANSFER_STATUS_LABELS: Record<NationalTransferStatus, string> = {
  pending: '待接收',
  received: '已转入，待办结',
  completed: '已办结',
  rejected: '已退回',
};

const provinceCode = (label: string) => z.string({ error: `请选择${label}` }).regex(/^\d{2}$/, `请选择${label}`).describe(label);

export const nationalTransfer = z.object({
  key: z.string(),
  personName: z.string(),
  /** 5203**********0042: the full number stays in the provinces' records. */
  idNumberMasked: z.string(),
  fromProvince: z.string(),
  fromProvinceName: z.string(),
  toProvince: z.string(),
  toProvinceName: z.string(),
  toOrgId: z.number(),
  toOrgName: z.string().nullable(),
  reason: z.string().nullable(),
  startedBy: z.string().nullable(),
  decidedBy: z.string().nullable(),
  status: z.enum(NATIONAL_TRANSFER_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type NationalTransfer = z.infer<typeof nationalTransfer>;

export const listTransfers = contract({
  method: 'GET',
  path: '/api/national/transfers',
  permission: 'stats:read',
  tag: '全国',
  summary: '跨省转接：跨省转接及其状态（未办结的在前，按状态、省份、姓名筛选，分页），和可选的省份',
  query: z.object({
    status: z.enum(NATIONAL_TRANSFER_STATUSES).optional().describe('状态'),
    province: z.string().regex(/^\d{2}$/, '省份代码应为2位数字').optional().describe('省份'),
    q: z.string().trim().max(30).optional().describe('姓名'),
    ...pageQuery,
  }),
  response: paged(nationalTransfer).extend({ provinces: z.array(z.object({ code: z.string(), name: z.string() })) }),
});

export const provinceDirectory = contract({
  method: 'GET',
  path: '/api/national/org-directory',
  permission: 'stats:read',
  tag: '全国',
  summary: '跨省转接：在某省查找转入组织（该省在用团组织，按名称，最多20个）',
  query: z.object({
    province: provinceCode('转入省份'),
    q: z.string({ error: '请输入组织名称' }).trim().min(2, '请至少输入2个字').max(50).describe('组织名称'),
  }),
  response: z.array(directoryEntry),
});

export const startTransfer = contract({
  method: 'POST',
  path: '/api/national/transfers',
  permission: 'membership:write',
  tag: '全国',
  summary: '发起跨省转接：转出省份的在册团员（身份证号和姓名）转到另一省的团支部；转出方待转入方接收',
  body: z.object({
    fromProvince: provinceCode('转出省份'),
    idNumber: z.string({ error: '请填写身份证号' }).trim().describe('身份证号'),
    personName: text('姓名', 2, 30),
    toProvince: provinceCode('转入省份'),
    toOrgId: positiveId('转入组织'),
    reason: text('转接原因', 2, 200),
  }),
  response: nationalTransfer,
});

const transferKey = z.object({ key: z.string().uuid('转接编号格式不正确').describe('转接编号') });

export const acceptTransfer = contract({
  method: 'POST',
  path: '/api/national/transfers/:key/accept',
  permission: 'membership:write',
  tag: '全国',
  summary: '跨省转接：转入方接收并办结（中途因一方服务器中断而停下的，再次提交即从停下处继续）',
  params: transferKey,
  response: nationalTransfer,
});

export const rejectTransfer = contract({
  method: 'POST',
  path: '/api/national/transfers/:key/reject',
  permission: 'membership:write',
  tag: '全国',
  summary: '跨省转接：转入方退回（团员仍在转出省份；转入方已接收的不能退回）',
  params: transferKey,
  body: z.object({ reason: text('退回原因', 2, 200) }),
  response: nationalTransfer,
});

/*
 * 跨省转出申请: a branch (or a committee above it) of a province asked, on its own province's server, for a
 * member to be transferred to another province (membership.requestInterprovinceTransfer). The national
 * administrator sees the open requests of every province, chooses the receiving branch in the other
 * province's directory and starts the transfer (the request is marked started in the sending side's
 * transaction), or declines the request with a reason the province's page shows.
 */
export const PROVINCE_REQUEST_STATUSES = ['requested', 'started', 'withdrawn', 'declined'] as const;

export const provinceRequest = z.object({
  province: z.string(),
  provinceName: z.string(),
  id: z.number(),
  personName: z.string(),
  idNumberMasked: z.string(),
  /** The member's branch in the sending province. */
  fromOrgName: z.string(),
  toProvince: z.string(),
  toProvinceName: z.string(),
  /** As the sending side wrote it: the receiving branch is chosen from that province's directory. */
  toOrgName: z.string(),
  reason: z.string(),
  status: z.enum(PROVINCE_REQUEST_STATUSES),
  createdAt: z.string(),
});
export type ProvinceRequest = z.infer<typeof provinceRequest>;

export const listRequests = contract({
  method: 'GET',
  path: '/api/national/requests',
  permission: 'stats:read',
  tag: '全国',
  summary: '跨省转出申请：各省团组织提出、尚待全国系统办理的申请（最早的在前；连接不上的省份单独列出）',
  query: z.object({ province: z.string().regex(/^\d{2}$/, '省份代码应为2位数字').optional().describe('转出省份') }),
  response: z.object({ items: z.array(provinceRequest), unreachable: z.array(z.string()) }),
});

const requestParams = z.object({ province: provinceCode('转出省份'), id: z.coerce.number().int().positive().describe('申请编号') });

export const startRequestedTransfer = contract({
  method: 'POST',
  path: '/api/national/requests/:province/:id/start',
  permission: 'membership:write',
  tag: '全国',
  summary: '办理跨省转出申请：选定转入省份的团支部，发起跨省转接（申请随之标为已办理）',
  params: requestParams,
  body: z.object({ toOrgId: positiveId('转入组织') }),
  response: nationalTransfer,
});

export const declineRequest = contract({
  method: 'POST',
  path: '/api/national/requests/:province/:id/decline',
  permission: 'membership:write',
  tag: '全国',
  summary: '跨省转出申请不予办理：写明原因，转出省份的页面显示',
  params: requestParams,
  body: z.object({ reason: text('不予办理的原因', 2, 200) }),
  response: provinceRequest,
});
