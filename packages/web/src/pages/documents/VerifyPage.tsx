import { SafetyCertificateOutlined } from '@ant-design/icons';
import { api, formatDocumentCode, normalizeDocumentCode } from '@tuanjian/domain';
import { Button, Card, Descriptions, Form, Input, Result, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { PageLoading } from '../../components/PageState';
import { errorMessage } from '../../lib/errors';

/**
 * 证明核验 (public, no login, phones first): the QR code on a 团员证明 or 介绍信
 * opens /verify/<code>; anyone may also type a code. Shows genuine or not, the
 * kind, the masked name, the issuing organization and date, and whether the
 * copy is still valid, expired or revoked.
 */
export default function VerifyPage() {
  const { code = '' } = useParams();
  const navigate = useNavigate();
  return (
    <div className="tj-login-bg" style={{ alignItems: 'flex-start', padding: '16px 8px', minHeight: '100vh', boxSizing: 'border-box' }}>
      <div style={{ width: 480, maxWidth: '100%', margin: '0 auto' }}>
        <div style={{ textAlign: 'center', color: '#fff', marginBottom: 12 }}>
          <SafetyCertificateOutlined style={{ fontSize: 32 }} aria-hidden />
          <Typography.Title level={3} style={{ color: '#fff', margin: '6px 0 2px' }}>
            证明核验
          </Typography.Title>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.85)' }}>团员证明、组织关系介绍信真伪查询</Typography.Text>
        </div>
        <Card styles={{ body: { padding: 16 } }}>
          <Form layout="vertical" initialValues={{ code: code ? formatDocumentCode(normalizeDocumentCode(code)) : '' }} onFinish={(v: { code: string }) => navigate(`/verify/${normalizeDocumentCode(v.code)}`)}>
            <Form.Item name="code" label="验证码" rules={[{ required: true, message: '请填写证明上的验证码' }]}>
              <Input size="large" autoComplete="off" placeholder="如 K7M2-PX9A-3BCD" data-testid="verify-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block>
              核验
            </Button>
          </Form>
          {code && <Verdict key={code} code={code} />}
        </Card>
      </div>
    </div>
  );
}

function Verdict({ code }: { code: string }) {
  const res = useApi(api.documents.verifyDocument, { params: { code } });
  if (res.isLoading) return <PageLoading />;
  if (res.error || !res.data) return <Result status="warning" title="暂时无法核验" subTitle={errorMessage(res.error)} />;
  const d = res.data;
  if (!d.genuine) return <Result status="error" title="查无此证明" subTitle="该验证码不是本系统开具的证明，请核对验证码或向开具单位核实" data-testid="verify-result" />;
  const ok = d.validity === 'valid';
  return (
    <div data-testid="verify-result">
      <Result status={ok ? 'success' : 'warning'} title={`${d.kindLabel}：真实，${d.validityLabel}`} style={{ padding: '16px 0 8px' }} />
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="证明">{d.kindLabel}</Descriptions.Item>
        <Descriptions.Item label="姓名">{d.nameMasked}</Descriptions.Item>
        <Descriptions.Item label="开具单位">{d.issuerName}</Descriptions.Item>
        {d.toOrgName && <Descriptions.Item label="转往">{d.toOrgName}</Descriptions.Item>}
        <Descriptions.Item label="开具日期">{d.issuedOn}</Descriptions.Item>
        <Descriptions.Item label="有效期至">{d.validUntil}</Descriptions.Item>
        <Descriptions.Item label="状态">{d.revokedOn ? `已于${d.revokedOn}作废` : d.validityLabel}</Descriptions.Item>
      </Descriptions>
    </div>
  );
}
