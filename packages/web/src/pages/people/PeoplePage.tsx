import { DownloadOutlined, ImportOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { DEVELOPMENT_STAGE_LABELS, GENDER_LABELS, SECTORS, SECTOR_LABELS, api, politicalStatusName, type DevelopmentStep } from '@tuanjian/domain';
import { Button, Card, Form, Input, InputNumber, Radio, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { download } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useAccount, useCan } from '../../auth/session';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError } from '../../components/PageState';
import { peoplePagination } from '../../components/page';
import { useShowError } from '../../lib/errors';
import { MEMBER_STATUS_LABELS, PERSON_KIND_LABELS, type MemberStatus, type PersonKind } from '../../lib/people';
import { ImportModal } from './ImportModal';
import { PersonDrawer } from './PersonDrawer';
import { PersonFormModal } from './PersonFormModal';

type PersonItem = api.PersonItem;
type Gender = keyof typeof GENDER_LABELS;
type Sector = (typeof SECTORS)[number];

interface Filters {
  under?: number | null;
  q?: string;
  kind: PersonKind;
  memberStatus?: MemberStatus;
  gender?: Gender;
  sector?: Sector;
  ageFrom?: number | null;
  ageTo?: number | null;
  isStudent?: 'true' | 'false';
}

const KINDS: PersonKind[] = ['all', 'youth', 'member'];

/** 青年团员: the youth and member registry of the caller's scope, with registration, import and export. */
export default function PeoplePage() {
  const account = useAccount();
  const canWrite = useCan('person:write');
  const showError = useShowError();
  const [search, setSearch] = useSearchParams();
  const initialKind = KINDS.includes(search.get('kind') as PersonKind) ? (search.get('kind') as PersonKind) : 'all';
  const initial: Filters = { under: account.scopeOrgId, kind: initialKind };
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>(initial);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [dialog, setDialog] = useState<'create' | 'import' | null>(null);
  const [exporting, setExporting] = useState(false);
  const personId = Number(search.get('person')) || null;

  const listQuery = {
    under: filters.under ?? undefined,
    q: filters.q?.trim() || undefined,
    kind: filters.kind,
    memberStatus: filters.memberStatus,
    gender: filters.gender,
    sector: filters.sector,
    ageFrom: filters.ageFrom ?? undefined,
    ageTo: filters.ageTo ?? undefined,
    isStudent: filters.isStudent,
  };
  const people = useApi(api.people.listPeople, { query: { ...listQuery, page, pageSize } });

  const apply = (v: Filters) => {
    setFilters({ ...v, kind: v.kind ?? 'all' });
    setPage(1);
  };

  const openPerson = (id: number | null) => {
    const next = new URLSearchParams(search);
    if (id) next.set('person', String(id));
    else next.delete('person');
    setSearch(next, { replace: !id });
  };

  const exportList = async () => {
    setExporting(true);
    try {
      await download(api.people.exportPeople, { query: listQuery }, '青年团员名册.xlsx');
    } catch (err) {
      showError(err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <div>
      <h1 className="tj-page-title">青年团员</h1>
      <Card>
        <Form
          form={form}
          layout="inline"
          initialValues={initial}
          onFinish={apply}
          onValuesChange={(changed: Partial<Filters>) => {
            // The kind switch and the organization apply at once; the rest with 查询.
            if ('kind' in changed || 'under' in changed) apply(form.getFieldsValue(true) as Filters);
          }}
          style={{ rowGap: 12, marginBottom: 16 }}
        >
          <Form.Item name="under" label="组织">
            <OrgTreeSelect allowClear placeholder="全部（含下级）" style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="kind">
            <Radio.Group optionType="button" options={KINDS.map((k) => ({ value: k, label: PERSON_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="q" label="查找">
            <Input allowClear placeholder="姓名或完整身份证号" style={{ width: 190 }} />
          </Form.Item>
          <Form.Item name="memberStatus" label="团籍">
            <Select allowClear placeholder="全部" style={{ width: 100 }} options={(Object.keys(MEMBER_STATUS_LABELS) as MemberStatus[]).map((s) => ({ value: s, label: MEMBER_STATUS_LABELS[s] }))} />
          </Form.Item>
          <Form.Item name="gender" label="性别">
            <Select allowClear placeholder="全部" style={{ width: 80 }} options={(Object.keys(GENDER_LABELS) as Gender[]).map((g) => ({ value: g, label: GENDER_LABELS[g] }))} />
          </Form.Item>
          <Form.Item name="sector" label="领域">
            <Select allowClear placeholder="全部" style={{ width: 130 }} options={SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }))} />
          </Form.Item>
          <Form.Item label="年龄">
            <Space.Compact>
              <Form.Item name="ageFrom" noStyle>
                <InputNumber min={0} max={120} precision={0} placeholder="最小" style={{ width: 72 }} aria-label="最小年龄" />
              </Form.Item>
              <Form.Item name="ageTo" noStyle>
                <InputNumber min={0} max={120} precision={0} placeholder="最大" style={{ width: 72 }} aria-label="最大年龄" />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
          <Form.Item name="isStudent" label="学生">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 100 }}
              options={[
                { value: 'true', label: '在校学生' },
                { value: 'false', label: '非学生' },
              ]}
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                查询
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  form.setFieldsValue({ under: account.scopeOrgId, kind: 'all' });
                  apply({ under: account.scopeOrgId, kind: 'all' });
                }}
              >
                重置
              </Button>
            </Space>
          </Form.Item>
        </Form>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
          <Typography.Text type="secondary">身份证号、联系电话已脱敏显示；点击姓名查看详情。</Typography.Text>
          <Space wrap>
            <Button icon={<ReloadOutlined />} onClick={() => void people.refetch()}>
              刷新
            </Button>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportList()} disabled={!people.data?.total}>
              导出名册
            </Button>
            {canWrite && (
              <>
                <Button icon={<ImportOutlined />} onClick={() => setDialog('import')}>
                  导入
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('create')}>
                  登记
                </Button>
              </>
            )}
          </Space>
        </Space>
        {people.error ? (
          <LoadError error={people.error} onRetry={() => void people.refetch()} />
        ) : (
          <Table<PersonItem>
            rowKey="id"
            size="middle"
            data-testid="people-table"
            loading={people.isFetching}
            dataSource={people.data?.items ?? []}
            scroll={{ x: 1120 }}
            rowClassName={() => 'tj-clickable-row'}
            onRow={(p) => ({ onClick: () => openPerson(p.id) })}
            pagination={peoplePagination(
              page,
              pageSize,
              people.data?.total ?? 0,
              (p, s) => {
                setPage(p);
                setPageSize(s);
              },
              people.data?.totalIsLowerBound,
            )}
            columns={[
              { title: '姓名', dataIndex: 'name', width: 90, fixed: 'left', render: (n: string) => <Typography.Link>{n}</Typography.Link> },
              { title: '性别', dataIndex: 'gender', width: 56, render: (g: Gender) => GENDER_LABELS[g] },
              { title: '年龄', dataIndex: 'age', width: 56, align: 'right' },
              { title: '身份证号', dataIndex: 'idNumberMasked', width: 170, render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
              { title: '政治面貌', dataIndex: 'politicalStatus', width: 90, render: (c: string) => politicalStatusName(c) ?? c },
              { title: '联系电话', dataIndex: 'phoneMasked', width: 115, render: (v: string | null) => v ?? '—' },
              {
                title: '所在组织',
                dataIndex: 'orgName',
                ellipsis: { showTitle: false },
                render: (n: string, p) => (
                  <Tooltip title={`${n}（${SECTOR_LABELS[p.sector]}）`} placement="topLeft">
                    <span>{p.orgShortName ?? n}</span>
                  </Tooltip>
                ),
              },
              {
                title: '团员编号',
                dataIndex: 'memberNo',
                width: 160,
                render: (no: string | null) => (no ? <span style={{ fontFamily: 'monospace' }}>{no}</span> : '—'),
              },
              { title: '入团时间', dataIndex: 'joinedOn', width: 100, render: (d: string | null) => d ?? '—' },
              {
                title: '身份',
                key: 'status',
                width: 150,
                render: (_: unknown, p) => (
                  <Space size={4} wrap>
                    {p.memberStatus === 'active' ? <Tag color="red">团员</Tag> : p.memberStatus === 'left' ? <Tag>已离团</Tag> : !p.stage && <Tag>青年</Tag>}
                    {p.stage && (
                      <Tooltip title="正在进行的入团程序所处阶段">
                        <Tag color="processing">{DEVELOPMENT_STAGE_LABELS[p.stage as DevelopmentStep]}</Tag>
                      </Tooltip>
                    )}
                    {p.isStudent && <Tag color="cyan">学生</Tag>}
                    {p.identityVerifiedOn && <Tag color="green">身份已认证</Tag>}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      {dialog === 'create' && <PersonFormModal person={null} onClose={() => setDialog(null)} onSaved={(p) => openPerson(p.id)} />}
      {dialog === 'import' && <ImportModal defaultOrgId={filters.under ?? account.scopeOrgId} onClose={() => setDialog(null)} />}
      {personId && <PersonDrawer id={personId} onClose={() => openPerson(null)} />}
    </div>
  );
}
