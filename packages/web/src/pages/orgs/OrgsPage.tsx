import { api } from '@tuanjian/domain';
import { Card, Col, Empty, Row } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { useAccount } from '../../auth/session';
import { LoadError, PageLoading } from '../../components/PageState';
import { OrgDetailPanel } from './OrgDetailPanel';
import { OrgTreePanel } from './OrgTreePanel';

/** 组织管理: the organization tree on the left, the selected organization on the right. */
export default function OrgsPage() {
  const { id: idParam } = useParams();
  const account = useAccount();
  const navigate = useNavigate();
  const [showDissolved, setShowDissolved] = useState(false);
  const id = idParam ? Number(idParam) : null;
  const validId = id !== null && Number.isInteger(id) && id > 0 ? id : null;

  const roots = useApi(api.orgs.listRoots, undefined, { enabled: !idParam });
  const detail = useApi(api.orgs.getOrg, validId ? { params: { id: validId } } : undefined, { enabled: validId !== null });

  // A dissolved organization stays visible in the tree while it is selected.
  useEffect(() => {
    if (detail.data?.status === 'dissolved') setShowDissolved(true);
  }, [detail.data?.id, detail.data?.status]);

  if (!idParam) {
    const first = account.scopeOrgId ?? roots.data?.[0]?.id;
    if (first) return <Navigate to={`/orgs/${first}`} replace />;
    if (roots.isLoading) return <PageLoading />;
    if (roots.error) return <LoadError error={roots.error} />;
  }

  const ancestorIds = detail.data ? detail.data.ancestors.map((a) => a.id) : [];

  return (
    <Row gutter={16} wrap={false} style={{ alignItems: 'flex-start' }}>
      <Col flex="380px" style={{ minWidth: 320 }}>
        <OrgTreePanel
          selectedId={validId}
          expandTo={ancestorIds}
          showDissolved={showDissolved}
          onShowDissolvedChange={setShowDissolved}
          onSelect={(orgId) => navigate(`/orgs/${orgId}`)}
        />
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        {validId === null ? (
          idParam ? (
            <Card>
              <LoadError error={null} title="地址不正确" message="组织编号无效，请从左侧组织树中选择。" />
            </Card>
          ) : (
            <Card>
              <Empty description="请在左侧选择一个组织" />
            </Card>
          )
        ) : detail.isLoading ? (
          <Card>
            <PageLoading />
          </Card>
        ) : detail.error || !detail.data ? (
          <Card>
            <LoadError error={detail.error} title="无法查看该组织" onRetry={() => void detail.refetch()} />
          </Card>
        ) : (
          <OrgDetailPanel org={detail.data} onShowDissolved={() => setShowDissolved(true)} />
        )}
      </Col>
    </Row>
  );
}
