import { Tooltip } from 'antd';

/**
 * An organization's name where space is short (narrow table columns): the
 * short name (简称), with the full name on hover. Documents and printed forms
 * keep the full name and do not use this.
 */
export function OrgName({ name, shortName }: { name: string | null | undefined; shortName?: string | null }) {
  if (!name) return <>—</>;
  if (!shortName || shortName === name) return <span title={name}>{name}</span>;
  return (
    <Tooltip title={name}>
      <span data-testid="org-short-name" aria-label={name}>
        {shortName}
      </span>
    </Tooltip>
  );
}
