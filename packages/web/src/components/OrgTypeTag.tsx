import { ORG_TYPE_LABELS, type OrgType } from '@tuanjian/domain';
import { Tag } from 'antd';

const TYPE_COLORS: Partial<Record<OrgType, string>> = {
  central: 'red',
  provincial: 'red',
  city: 'red',
  county: 'volcano',
  township: 'orange',
  subdistrict: 'orange',
  unit_committee: 'blue',
  youth_work_committee: 'cyan',
  general_branch: 'geekblue',
  branch: 'green',
  joint_branch: 'lime',
};

export function OrgTypeTag({ type, dissolved = false }: { type: OrgType; dissolved?: boolean }) {
  return (
    <Tag color={dissolved ? 'default' : TYPE_COLORS[type]} style={{ marginInlineEnd: 6 }}>
      {ORG_TYPE_LABELS[type]}
    </Tag>
  );
}
