import { api } from '@tuanjian/domain';
import { Alert, Card, Descriptions, Tag } from 'antd';
import { useApi } from '../../api/hooks';

const mb = (bytes?: number) => (bytes === undefined ? '—' : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
const time = (iso?: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—');

/** 数据备份 (issue 16): the last backup's time, size and result, and the backup settings (environment, docs/deploy.md). */
export function BackupStatusCard() {
  const status = useApi(api.system.getBackupStatus, undefined);
  const last = status.data?.last;
  const settings = status.data?.settings;
  return (
    <Card title="数据备份" size="small" loading={status.isLoading} style={{ marginBottom: 16 }}>
      {last && !last.ok && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={`最近一次备份失败：${last.error ?? '未知原因'}`} />}
      {!last && status.data && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="还没有备份。可在服务器上运行 npm run backup，或等待每晚的自动备份。" />}
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label="最近一次">
          {last ? (
            <>
              {time(last.at)} <Tag color={last.ok ? 'green' : 'red'}>{last.ok ? '成功' : '失败'}</Tag>
              {last.trigger === 'nightly' ? '每晚自动' : '手动'}
            </>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label="大小">{last?.ok ? mb(last.bytes) : '—'}</Descriptions.Item>
        <Descriptions.Item label="最近成功">{time(last?.lastSuccessAt)}</Descriptions.Item>
        <Descriptions.Item label="备份文件">{last?.file ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="每晚自动备份">{settings ? (settings.at ?? '已关闭') : '—'}</Descriptions.Item>
        <Descriptions.Item label="保留">{settings ? `最近 ${settings.keepDaily} 天各一份，最近 ${settings.keepMonthly} 个月各一份` : '—'}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
