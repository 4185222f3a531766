import { useQuery } from '@tanstack/react-query';
import { api, DUES_METHOD_LABELS } from '@tuanjian/domain';
import { Card, Col, List, Row, Select, Statistic, Tag } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { LoadError, PageLoading } from '../../components/PageState';
import { formatDate } from '../../lib/format';
import { yuan } from './portal';
import { ReceiptList, ReceiptTag, UploadReceiptButton, receiptOf, useOwnReceipts } from './DuesReceipts';

/** 团费: the member's months of a year, paid or owed (amounts in 元 from fen). */
export default function DuesPage() {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const q = useQuery({ queryKey: ['portal', 'dues', year], queryFn: () => call(api.dailyWork.portalDues, { query: { year } }) });
  const receipts = useOwnReceipts();
  const thisMonth = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

  return (
    <>
      <Card
        title="我的团费"
        size="small"
        extra={
          <Select
            value={year}
            onChange={setYear}
            style={{ width: 100 }}
            options={[0, 1, 2, 3].map((i) => ({ value: thisYear - i, label: `${thisYear - i}年` }))}
          />
        }
      >
        {q.isPending ? (
          <PageLoading />
        ) : q.isError ? (
          <LoadError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <>
            <Row gutter={8}>
              <Col span={12}>
                <Statistic title="已交" value={(q.data.paidFen / 100).toFixed(2)} suffix="元" styles={{ content: { fontSize: 20 } }} />
              </Col>
              <Col span={12}>
                <Statistic
                  title="未交"
                  value={(q.data.owedFen / 100).toFixed(2)}
                  suffix="元"
                  styles={{ content: { fontSize: 20, color: q.data.owedFen ? "#d4622b" : undefined } }}
                />
              </Col>
            </Row>
            <div style={{ color: '#8c8c8c', fontSize: 12, marginTop: 8 }}>
              {q.data.exempt ? '免交团费' : `每月应交 ${yuan(q.data.dueFen)}`}
              {q.data.basis ? `（${q.data.basis}）` : ''}
            </div>
          </>
        )}
      </Card>
      {q.data && (
        <Card title="按月明细" size="small">
          <List
            dataSource={q.data.months}
            renderItem={(m) => {
              const receipt = receiptOf(receipts.data, m.period);
              // A receipt can be uploaded for a month owed or this month, unless one waits for the branch.
              const canUpload = !m.payment && !q.data.exempt && (m.owed || m.period === thisMonth) && receipt?.status !== 'pending';
              return (
                <List.Item
                  data-testid={`dues-${m.period}`}
                  extra={
                    m.payment ? (
                      <Tag color="success">已交</Tag>
                    ) : m.owed ? (
                      <Tag color="warning">未交</Tag>
                    ) : m.period === thisMonth && !q.data.exempt ? (
                      <Tag>本月</Tag>
                    ) : (
                      <Tag>无需交纳</Tag>
                    )
                  }
                >
                  <List.Item.Meta
                    title={`${m.period.replace('-', '年')}月 · ${yuan(m.payment?.amountFen ?? m.dueFen)}`}
                    description={
                      m.payment ? (
                        `${formatDate(m.payment.paidOn)} ${DUES_METHOD_LABELS[m.payment.method]}`
                      ) : receipt || canUpload ? (
                        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginTop: 4 }}>
                          {receipt && <ReceiptTag receipt={receipt} />}
                          {canUpload && <UploadReceiptButton period={m.period} />}
                        </div>
                      ) : undefined
                    }
                  />
                </List.Item>
              );
            }}
          />
        </Card>
      )}
      {receipts.data && <ReceiptList receipts={receipts.data} />}
    </>
  );
}
