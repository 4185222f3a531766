import { DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ATTACHMENT_TYPE_INFO, ATTACHMENT_TYPES, GENDER_LABELS, api, shortOrgName } from '@tuanjian/domain';
import { Alert, App, Button, Card, DatePicker, List, Select, Space, Statistic, Typography, Upload, type SelectProps } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { call, download, type ApiError } from '../../api/client';
import { invalidate, useApi, useRules } from '../../api/hooks';
import { errorMessage, useShowError } from '../../lib/errors';
import { readFileBase64 } from '../../lib/people';
import { formatTime } from '../../lib/format';
import { useDebounced } from '../../lib/useDebounced';

/** Pieces the 组织生活 pages share: refreshing, the period in the URL, attachments, people pickers, figures. */

export { PageHeader, Problems, Refusal, isRefusal, notAfterToday, todayDayjs, useScopeOrg, ymd } from '../../components/page';

const o = api.orgLife;

/** Everything the org-life pages show, refreshed after any write. */
export function refreshOrgLife(client: QueryClient) {
  return invalidate(
    client,
    o.listMeetings,
    o.getMeeting,
    o.getDue,
    o.getCompliance,
    o.listActivities,
    o.getActivity,
    o.activityStats,
    o.listVenues,
    o.getVenue,
    o.getOrgLifeOverview,
    api.audit.listAudit,
  );
}

export function useRefreshOrgLife() {
  const client = useQueryClient();
  return () => refreshOrgLife(client);
}

/* ------------------------------------------------------------------ period */

/**
 * The period a page looks at: `?from=&to=` in the URL (kept when drilling
 * from 组织生活达标 down to the meetings), empty = the server's default
 * (from the first of January to today).
 */
export function usePeriodParam(search: URLSearchParams, setSearch: (s: URLSearchParams, o?: { replace?: boolean }) => void) {
  const from = search.get('from') || undefined;
  const to = search.get('to') || undefined;
  const setPeriod = (f: string | undefined, t: string | undefined) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of [['from', f], ['to', t]] as const) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setSearch(next, { replace: true });
  };
  return { from, to, setPeriod };
}

/** A date range picker for a period (both ends or none). */
export function PeriodPicker({ from, to, onChange, placeholder = ['开始日期', '结束日期'] }: { from?: string; to?: string; onChange(from?: string, to?: string): void; placeholder?: [string, string] }) {
  return (
    <DatePicker.RangePicker
      aria-label="期间"
      data-testid="period-picker"
      value={from && to ? [dayjs(from), dayjs(to)] : null}
      placeholder={placeholder}
      allowClear
      style={{ width: placeholder[0].length > 6 ? 300 : 250 }}
      presets={[
        { label: '本月', value: [dayjs().startOf('month'), dayjs()] },
        { label: '本季度', value: [dayjs().month(Math.floor(dayjs().month() / 3) * 3).startOf('month'), dayjs()] },
        { label: '本年度', value: [dayjs().startOf('year'), dayjs()] },
        { label: '上一年度', value: [dayjs().subtract(1, 'year').startOf('year'), dayjs().subtract(1, 'year').endOf('year')] },
      ]}
      onChange={(v) => onChange(v?.[0]?.format('YYYY-MM-DD'), v?.[1]?.format('YYYY-MM-DD'))}
    />
  );
}

/* ----------------------------------------------------------------- figures */

/** A figure in a small card; the value carries the test id (its title has no digits). */
export function Figure({ title, value, suffix, testId, danger, extra }: { title: ReactNode; value: ReactNode; suffix?: string; testId?: string; danger?: boolean; extra?: ReactNode }) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic
        title={title}
        valueRender={() => (
          <span data-testid={testId} style={danger ? { color: '#b81c22' } : undefined}>
            {value}
            {suffix && <span style={{ fontSize: 14, marginInlineStart: 4 }}>{suffix}</span>}
          </span>
        )}
      />
      {extra && <div style={{ marginTop: 4 }}>{extra}</div>}
    </Card>
  );
}

/* ------------------------------------------------------------- attachments */

type AttachmentItem = api.orgLife.AttachmentItem;
type UploadContract = typeof o.uploadMeetingAttachment | typeof o.uploadActivityAttachment | typeof o.uploadVenueAttachment;

const EXTENSIONS = ATTACHMENT_TYPES.flatMap((t) => ATTACHMENT_TYPE_INFO[t].extensions);
const ACCEPT = EXTENSIONS.map((e) => `.${e}`).join(',');

function sizeText(bytes: number) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(bytes / 1024))}KB`;
}

/**
 * The files of a record (photos, sign-in sheets, evidence) with download
 * links and an upload button. Size and type are checked before sending (the
 * rule's size limit, the allowed extensions); the server checks the content
 * again and its refusal is shown under the list.
 */
export function Attachments({ items, upload, ownerId, canUpload, hint }: { items: AttachmentItem[]; upload: UploadContract; ownerId: number; canUpload: boolean; hint?: string }) {
  const rules = useRules();
  const maxMb = rules?.youthWork.attachmentMaxMb ?? 10;
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = useRefreshOrgLife();
  const showError = useShowError();
  const { message } = App.useApp();

  const send = async (file: File) => {
    setProblem(null);
    const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
    if (!EXTENSIONS.includes(ext)) {
      setProblem(`“${file.name}”：只能上传 JPG、PNG 图片和 PDF、Word（docx）、Excel（xlsx）文件`);
      return;
    }
    if (file.size === 0) {
      setProblem(`“${file.name}”：文件为空`);
      return;
    }
    if (file.size > maxMb * 1024 * 1024) {
      setProblem(`“${file.name}”：文件大小${sizeText(file.size)}，超过上限${maxMb}MB`);
      return;
    }
    setBusy(true);
    try {
      const contentBase64 = await readFileBase64(file);
      await call(upload, { params: { id: ownerId }, body: { fileName: file.name, mimeType: file.type || undefined, contentBase64 } });
      message.success(`已上传：${file.name}`);
      await refresh();
    } catch (err) {
      setProblem(`“${file.name}”：${errorMessage(err)}`);
      if ((err as ApiError).status === 0) showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="attachments">
      <List
        size="small"
        bordered
        dataSource={items}
        locale={{ emptyText: '暂无附件' }}
        renderItem={(a) => (
          <List.Item
            actions={[
              <Button key="dl" type="link" size="small" icon={<DownloadOutlined />} onClick={() => download(o.downloadAttachment, { params: { id: a.id } }, a.fileName).catch(showError)}>
                下载
              </Button>,
            ]}
          >
            <Space>
              <PaperClipOutlined />
              <span>{a.fileName}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {sizeText(a.size)} · {formatTime(a.createdAt)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {canUpload && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Upload accept={ACCEPT} showUploadList={false} multiple beforeUpload={(file) => (void send(file), false)}>
            <Button icon={<UploadOutlined />} loading={busy} data-testid="upload-button">
              上传附件
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {hint ?? '照片、签到表等'}：JPG、PNG、PDF、Word（docx）、Excel（xlsx），单个文件不超过{maxMb}MB
          </Typography.Text>
        </Space>
      )}
      {problem && <Alert type="error" showIcon style={{ marginTop: 8 }} title="上传失败" description={problem} closable onClose={() => setProblem(null)} data-testid="upload-error" />}
    </div>
  );
}

/* ------------------------------------------------------------ people picker */

type PersonItem = api.PersonItem;


/**
 * Picks several people of the registry in a subtree (members and other
 * youth), searched on the server; `onChange` also hands over who they are so
 * the form can count members and youth.
 */
export function PeopleMultiSelect({ value, onChange, under, id, names }: { value?: number[]; onChange?: (ids: number[], people: PersonItem[]) => void; under?: number | null; id?: string; names?: ReadonlyMap<number, string> }) {
  const [q, setQ] = useState('');
  const debounced = useDebounced(q.trim());
  const known = useRef(new Map<number, PersonItem>());
  const people = useApi(api.people.listPeople, { query: { under: under ?? undefined, kind: 'all', q: debounced || undefined, pageSize: 30 } });
  const items = useMemo(() => {
    const list = people.data?.items ?? [];
    for (const p of list) known.current.set(p.id, p);
    const picked = (value ?? []).map((v) => known.current.get(v)).filter((p): p is PersonItem => !!p && !list.some((x) => x.id === p.id));
    return [...picked, ...list];
  }, [people.data, value]);
  // Chosen before (an activity's list being edited) and not among the people loaded: by name only.
  const named = (value ?? []).filter((v) => !known.current.has(v)).map((v) => ({ value: v, title: names?.get(v) ?? `#${v}`, label: names?.get(v) ?? `#${v}` }));
  const options: SelectProps['options'] = [...named, ...items.map((p) => ({
    value: p.id,
    title: p.name,
    label: (
      <Space size={6}>
        <span>{p.name}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {p.memberStatus === 'active' ? '团员' : '青年'} · {GENDER_LABELS[p.gender]} {p.age}岁 · {p.orgName}
        </Typography.Text>
      </Space>
    ),
  }))];
  return (
    <Select
      id={id}
      mode="multiple"
      data-testid="people-select"
      value={value ?? []}
      showSearch={{ filterOption: false, onSearch: setQ }}
      onChange={(ids: number[]) => onChange?.(ids, ids.map((i) => known.current.get(i)).filter((p): p is PersonItem => !!p))}
      loading={people.isFetching}
      placeholder="输入姓名或身份证号查找"
      options={options}
      optionLabelProp="title"
      notFoundContent={people.isFetching ? '查找中…' : '没有找到'}
      allowClear
    />
  );
}

/** Short names (简称, by the domain's rule) for chart labels; the full name stays in tooltips and tables. */
export function shortNames(names: string[]): string[] {
  return names.map(shortOrgName);
}
