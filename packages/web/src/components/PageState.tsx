import { Button, Result, Spin } from 'antd';
import { errorMessage } from '../lib/errors';
import { ApiError } from '../api/client';

/** A spinner for a page or section that is loading. */
export function PageLoading({ full = false }: { full?: boolean }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', alignItems: 'center', minHeight: full ? '100vh' : 240 }}>
      <Spin size="large" />
    </div>
  );
}

/** A failed load: the server's message, and a retry when it may help. */
export function LoadError({ error, onRetry, title, message }: { error: unknown; onRetry?: () => void; title?: string; message?: string }) {
  const status = error instanceof ApiError ? error.status : 0;
  const resultStatus = status === 403 ? '403' : status === 404 ? '404' : 'error';
  const retry = onRetry && !(status >= 400 && status < 500);
  return (
    <Result
      status={resultStatus}
      title={title ?? (status === 404 ? '未找到' : status === 403 ? '无权访问' : '加载失败')}
      subTitle={message ?? errorMessage(error)}
      extra={retry ? <Button onClick={onRetry}>重新加载</Button> : undefined}
    />
  );
}
