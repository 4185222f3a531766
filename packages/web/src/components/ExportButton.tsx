import { DownloadOutlined } from '@ant-design/icons';
import type { api } from '@tuanjian/domain';
import { Button, type ButtonProps } from 'antd';
import { useState } from 'react';
import { download, type CallInput } from '../api/client';
import { useShowError } from '../lib/errors';

/** 导出 Excel: downloads a file contract with the list's current filters. */
export function ExportButton<C extends api.Contract>({
  contract,
  input,
  fileName = '导出.xlsx',
  children = '导出Excel',
  ...rest
}: { contract: C; input: CallInput<C>; fileName?: string } & Omit<ButtonProps, 'onClick' | 'loading'>) {
  const [busy, setBusy] = useState(false);
  const showError = useShowError();
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={() => {
        setBusy(true);
        download(contract, input, fileName)
          .catch((err: unknown) => showError(err))
          .finally(() => setBusy(false));
      }}
      {...rest}
    >
      {children}
    </Button>
  );
}
