import { Result } from 'antd';

/** Placeholder until the page is built. */
export default function VolunteersPage() {
  return <Result status="info" title="建设中" />;
}
