import { Result } from 'antd';

/** Placeholder until the page is built. */
export default function ReportsPage() {
  return <Result status="info" title="建设中" />;
}
