import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A person in a list: the name (or a link to them) over the masked ID number (4401**********123X). */
export function NameWithMaskedId({ name, masked }: { name: ReactNode; masked: string }) {
  return (
    <div>
      <div>{name}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
        {masked}
      </Typography.Text>
    </div>
  );
}
