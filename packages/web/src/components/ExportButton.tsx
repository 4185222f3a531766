import { DownloadOutlined } from '@ant-design/icons';
import type { api } from '@tuanjian/domain';
import { App, Button, type ButtonProps } from 'antd';
import { useState } from 'react';
import { download, type CallInput } from '../api/client';
import { useShowError } from '../lib/errors';

/** 导出 Excel: downloads a file contract with the list's current filters (`announce`: toast the saved file's name). */
export function ExportButton<C extends api.Contract>({
  contract,
  input,
  fileName = '导出.xlsx',
  children = '导出Excel',
  announce = false,
  ...rest
}: { contract: C; input: CallInput<C>; fileName?: string; announce?: boolean } & Omit<ButtonProps, 'onClick' | 'loading'>) {
  const [busy, setBusy] = useState(false);
  const showError = useShowError();
  const { message } = App.useApp();
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={() => {
        setBusy(true);
        download(contract, input, fileName)
          .then((name) => {
            if (announce) message.success(`已导出：${name}`);
          })
          .catch((err: unknown) => showError(err))
          .finally(() => setBusy(false));
      }}
      {...rest}
    >
      {children}
    </Button>
  );
}
